// Credentialed scan of the lab (one lab, prefix "crdl"; needs root): the real CLI in the scanner
// namespace with --credentials naming the lab devices' own lab-only credentials in the per-host,
// per-CIDR and per-vendor forms, plus the CAMAUDIT_USER/CAMAUDIT_PASS form and --kev.
// Devices (committed profiles in fixtures/devices, bodies from fixtures/captures/shared):
//   hikvision-isapi-2          ISAPI Digest        → per-host entry, right password
//   hikvision-onvif-devinfo-1  ONVIF HTTP Digest   → per-CIDR (/32) entry, right password; KEV rule match
//   dahua-xvr5108c-1           magicBox Digest     → per-vendor ("dahua") entry, right password
//   dahua-onvif-devinfo-1      ONVIF WS-Security   → per-host entry, WRONG password (the sentinel)
//   hikvision-isapi-3          ISAPI Digest        → per-host entry, WRONG password (second sentinel)
//   hikvision-isapi-10         ISAPI Digest        → no credential given at all
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCamauditInLab, startLab, type ExecResult, type Lab } from '../helpers/lab.js';
import type { RequestLogEntry } from '../../src/lab/emulator/request-log.js';
import type { DeviceRecord, ScanResult } from '../../src/core/result.js';
import { fixturePath } from '../helpers/fixtures.js';
import { unwrapWords } from '../helpers/html-text.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/camaudit.js');
const NEWER_KEV = fixturePath('synthetic', 'synthetic-creds-kev-newer.json');
const SENTINEL = 'S3ntinel-crdl-Wr0ng-pw';
const SENTINEL_ISAPI = 'S3ntinel-crdl-isapi-Wr0ng';
const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;
const DEVICES = ['hikvision-isapi-2', 'hikvision-onvif-devinfo-1', 'dahua-xvr5108c-1', 'dahua-onvif-devinfo-1', 'hikvision-isapi-3', 'hikvision-isapi-10'];
const FORMATS = 'json,csv,html,cyclonedx,terminal';

describe.skipIf(!isRoot())('credentialed scan of the lab', () => {
  let lab: Lab;
  let work: string;
  let out: string;
  let logFile: string;
  let run: ExecResult;
  let result: ScanResult;
  let mainRequests: RequestLogEntry[] = [];
  let passwords: string[] = [];
  const ip = (id: string) => lab.devices.find((d) => d.id === id)!.ip;
  const dev = (id: string): DeviceRecord => {
    const d = result.devices.find((x) => x.ip === ip(id));
    if (!d) throw new Error(`${id} (${ip(id)}) not in the result`);
    return d;
  };
  const pw = (id: string) => lab.devices.find((d) => d.id === id)!.profile.credentials!;
  const camaudit = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    lab.exec(process.execPath, [BIN, ...args], { timeoutMs: 300_000, env: { ...process.env, ...env } });

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    work = mkdtempSync(path.join(tmpdir(), 'crdl-'));
    lab = await startLab({ prefix: 'crdl', devices: DEVICES });
    const credFile = path.join(work, 'credentials.yaml');
    const entries = [
      { host: ip('hikvision-isapi-2'), ...pw('hikvision-isapi-2') },
      { cidr: `${ip('hikvision-onvif-devinfo-1')}/32`, ...pw('hikvision-onvif-devinfo-1') },
      { vendor: 'dahua', ...pw('dahua-xvr5108c-1') },
      { host: ip('dahua-onvif-devinfo-1'), username: pw('dahua-onvif-devinfo-1').username, password: SENTINEL },
      { host: ip('hikvision-isapi-3'), username: pw('hikvision-isapi-3').username, password: SENTINEL_ISAPI },
    ];
    passwords = [SENTINEL, SENTINEL_ISAPI, ...entries.map((e) => e.password)];
    writeFileSync(credFile, JSON.stringify({ credentials: entries }), { mode: 0o600 });
    out = path.join(work, 'out');
    logFile = path.join(work, 'scan.log');
    const t0 = performance.now();
    run = await runCamauditInLab(
      lab,
      ['scan', ...DEVICES.map(ip), '--interface', lab.scannerIp, '--credentials', credFile, '--out', out, '--format', FORMATS,
        '--fail-on', 'none', '--log-level', 'debug', '--log-file', logFile],
      { timeoutMs: 300_000 },
    );
    console.log(`credentialed lab scan: ${((performance.now() - t0) / 1000).toFixed(1)} s wall, exit ${run.code}`);
    mainRequests = lab.requests();
    const report = path.join(out, 'report.json');
    if (!existsSync(report)) throw new Error(`scan wrote no report.json (exit ${run.code}): ${run.stderr.split('\n').slice(0, 5).join(' | ')}`);
    result = JSON.parse(readFileSync(report, 'utf8')) as ScanResult;
  }, 420_000);

  afterAll(async () => {
    await lab?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('the scan ran to the end', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(result.scan.complete).toBe(true);
    expect(result.scan.options.credentialsSupplied).toBe(true);
  });

  it('credentialed fields appear with the authenticated observation as evidence (ISAPI, ONVIF, magicBox)', () => {
    const cases = [
      { id: 'hikvision-isapi-2', module: 'isapi-auth', maker: 'hikvision', model: 'DS-2CD2386G2-IU', firmware: 'V5.7.14', serial: 'DS-2CD2386G2-IU00000000AAWRJ00000000' },
      { id: 'hikvision-onvif-devinfo-1', module: 'onvif-auth', maker: 'hikvision', model: 'DS-2DF7286-A', firmware: 'V5.1.8 build 140616', serial: 'DS-2DF7286-A20140705CCWR471699220B' },
      { id: 'dahua-xvr5108c-1', module: 'dahua-cgi-auth', maker: 'dahua', model: 'XVR5108C-X', firmware: null, serial: null },
    ];
    for (const c of cases) {
      const d = dev(c.id);
      expect(d.manufacturer, c.id).toBe(c.maker);
      expect(d.confidence, c.id).toBe('confirmed');
      expect(d.model ?? '', c.id).toContain(c.model);
      if (c.firmware) expect(d.firmware ?? '', c.id).toContain(c.firmware);
      if (c.serial) expect(d.serial, c.id).toBe(c.serial);
      expect(Object.values(d.credentials ?? {}), c.id).toContain('accepted');
      const row = d.evidence.find((e) => e.module === c.module && e.concludes?.includes('confidence=confirmed'));
      expect(row, `${c.id} confirmed evidence row`).toBeDefined();
      expect(row!.rule).toBeTruthy();
      // The observation named in the row is in the result, authenticated.
      const id = /observation (\S+)\)/.exec(row!.concludes!)![1]!;
      const obs = result.observations!.filter((o) => o.host === d.ip && `${o.module}/${o.kind}${o.port !== undefined ? `:${o.port}` : ''}@${o.at}` === id);
      expect(obs.length, id).toBeGreaterThan(0);
      expect(obs[0]!.fields.authenticated).toBe(true);
    }
    // MAC read with credentials (ISAPI <macAddress>) is in the authenticated observation.
    const mac = result.observations!.find((o) => o.host === ip('hikvision-isapi-2') && o.module === 'isapi-auth' && o.kind === 'isapi');
    expect(mac?.fields.macAddress).toBe('14:92:3c:4f:f8:42');
  });

  it('at most one login attempt per device and credential; rejected once, never retried', () => {
    const credentialed = (e: RequestLogEntry) => e.auth === 'ok' || e.auth === 'bad';
    for (const id of DEVICES) {
      const mine = mainRequests.filter((e) => e.device === id && credentialed(e));
      const bad = mine.filter((e) => e.auth === 'bad');
      expect(bad.length, `${id} rejected attempts`).toBeLessThanOrEqual(1);
      if (bad.length) expect(mine.indexOf(bad[0]!), `${id}: nothing credentialed after the rejection`).toBe(mine.length - 1);
    }
    // Right credentials: accepted at the first try, never a rejected one.
    for (const id of ['hikvision-isapi-2', 'hikvision-onvif-devinfo-1', 'dahua-xvr5108c-1']) {
      const mine = mainRequests.filter((e) => e.device === id && credentialed(e));
      expect(mine.length, id).toBeGreaterThan(0);
      expect(mine.every((e) => e.auth === 'ok'), id).toBe(true);
    }
    const counts = Object.fromEntries(DEVICES.map((id) => [id, mainRequests.filter((e) => e.device === id && credentialed(e)).length]));
    console.log('credentialed requests per device (main scan):', JSON.stringify(counts));
  });

  it('wrong password: exactly one attempt per protocol, "credentials rejected" and an "authentication failed" note', () => {
    for (const [id, protocol] of [['dahua-onvif-devinfo-1', 'onvif'], ['hikvision-isapi-3', 'isapi']] as const) {
      expect(mainRequests.filter((e) => e.device === id && e.auth === 'bad').length, id).toBe(1);
      expect(mainRequests.filter((e) => e.device === id && e.auth === 'ok').length, id).toBe(0);
      const d = dev(id);
      expect(d.credentials?.[protocol], id).toBe('credentials rejected');
      expect(d.notes.some((n) => n.includes('authentication failed')), id).toBe(true);
    }
  });

  it('a device with no credential given gets no authentication attempt at all', () => {
    const id = 'hikvision-isapi-10';
    const mine = mainRequests.filter((e) => e.device === id);
    expect(mine.length).toBeGreaterThan(0); // the scan did talk to it
    expect(mine.filter((e) => e.auth === 'ok' || e.auth === 'bad' || e.user !== undefined)).toEqual([]);
    expect(dev(id).credentials).toBeUndefined();
  });

  it('no request in the emulator log is on the never-send list', () => {
    expect(lab.requests().filter((e) => e.neverSend)).toEqual([]);
  });

  it('no password appears in stdout, stderr, the debug log or any report file', () => {
    const files = readdirSync(out).map((f) => path.join(out, f));
    expect(files.length).toBeGreaterThanOrEqual(5); // json, csv, html, cyclonedx, terminal
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('scan started'); // the debug log was written (a few lines: the scanner logs little)
    const texts: [string, string][] = [['stdout', run.stdout], ['stderr', run.stderr], ['log', log], ...files.map((f) => [path.basename(f), readFileSync(f, 'latin1')] as [string, string])];
    for (const [name, text] of texts) for (const p of passwords) expect(text.includes(p), `${p.slice(0, 4)}… in ${name}`).toBe(false);
    // PDF is not checked here: it is printed from the same HTML (checked above) and Chromium writes
    // glyph-indexed, compressed text, so a byte search of the PDF would prove nothing.
  });

  it('KEV: the matched CVE is in the result and reports with its dateAdded and the catalogue version', () => {
    const subset = (JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/vulns/kev-subset.json'), 'utf8')) as { catalogVersion: string }).catalogVersion;
    expect(result.fingerprints.kevCatalogVersion).toBe(subset);
    const v = dev('hikvision-onvif-devinfo-1').vulnerabilities.find((x) => x.cve === 'CVE-2021-36260');
    expect(v).toMatchObject({ verdict: 'possibly affected', kevDateAdded: '2022-01-10' });
    expect(v!.reason).toContain('V5.1.8 build 140616'); // judged on the firmware read with credentials
    const html = unwrapWords(readFileSync(path.join(out, 'report.html'), 'utf8'));
    expect(html).toContain(`KEV catalogue ${subset}`);
    expect(html).toContain('CVE-2021-36260');
    expect(html).toContain('2022-01-10');
    expect(readFileSync(path.join(out, 'report.csv'), 'utf8')).toMatch(/CVE-2021-36260 \(possibly affected; KEV \d{4}-\d{2}-\d{2}\)/);
    const cdx = readdirSync(out).find((f) => /cdx|cyclonedx/.test(f))!;
    expect(readFileSync(path.join(out, cdx), 'utf8')).toContain('CVE-2021-36260 possibly affected');
  });

  it('CAMAUDIT_USER/CAMAUDIT_PASS form with --kev <newer file>: accepted, newer catalogue in force', async () => {
    const before = lab.requests().length;
    const target = ip('hikvision-onvif-devinfo-1');
    const cred = pw('hikvision-onvif-devinfo-1');
    const r = await camaudit(['scan', target, '--interface', lab.scannerIp, '--kev', NEWER_KEV, '--json', '--fail-on', 'none'], { CAMAUDIT_USER: cred.username, CAMAUDIT_PASS: cred.password });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.includes(cred.password) || r.stderr.includes(cred.password)).toBe(false);
    const res = JSON.parse(r.stdout) as ScanResult;
    expect(res.fingerprints.kevCatalogVersion).toBe('2099.01.01-synthetic');
    const d = res.devices.find((x) => x.ip === target)!;
    expect(d.credentials?.onvif).toBe('accepted');
    expect(d.confidence).toBe('confirmed');
    expect(d.firmware).toBe('V5.1.8 build 140616');
    expect(d.vulnerabilities.find((x) => x.cve === 'CVE-2099-0001')).toMatchObject({ reason: 'listed for this maker; check firmware', kevDateAdded: '2099-01-01' });
    const mine = lab.requests().slice(before).filter((e) => e.device === 'hikvision-onvif-devinfo-1' && (e.auth === 'ok' || e.auth === 'bad'));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.auth === 'ok')).toBe(true);
  }, 300_000);

  it('a bad --kev file: one-line error, exit 2, no traffic', async () => {
    const bad = path.join(work, 'bad-kev.json');
    writeFileSync(bad, JSON.stringify({ catalogVersion: 'x', vulnerabilities: [{ cveID: 'CVE-2021-36260' }] }));
    const before = lab.requests().length;
    const r = await camaudit(['scan', ...DEVICES.map(ip), '--interface', lab.scannerIp, '--kev', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/KEV file .* is not a CISA KEV catalogue/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    await new Promise((res) => setTimeout(res, 500));
    expect(lab.requests().length).toBe(before);
  }, 120_000);
});
