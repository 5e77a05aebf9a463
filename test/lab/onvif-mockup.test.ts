// camaudit against someone else's emulator (issue 23): agsh/onvif's test server mockup (test/third-party/onvif-mockup,
// MIT, unchanged) as the one device of a lab (prefix "omck"), scanned by the built CLI with and without credentials.
// The mockup announces itself by WS-Discovery (hardware scope HD_PREDATOR, name PREDATOR) and answers ONVIF SOAP in
// agsh's own client dialect from fixed files: GetDeviceInformation says "Mockup Manufacturer" / "Mockup Model"; any
// request it cannot read (every other HTTP path, other SOAP dialects) gets an empty 200.
// What camaudit must do with it: keep the manufacturer and model the device claims as evidence and show them; list
// the disagreement between the discovery scope's model and GetDeviceInformation's as a conflict; never take an
// empty 200 for an answer (no "answered without authentication" from an empty body). Needs root.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isRoot } from '../../src/lab/lab.js';
import type { DeviceRecord, ScanResult } from '../../src/core/result.js';
import { runCamauditInLab, startLab, type ExecResult, type Lab } from '../helpers/lab.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const MOCKUP = path.join(ROOT, 'test/third-party/onvif-mockup');

describe.skipIf(!isRoot())("camaudit against agsh/onvif's server mockup in a lab namespace", () => {
  let lab: Lab;
  let work: string;
  const runs: Record<'plain' | 'creds', { run: ExecResult; result: ScanResult; csv: string; device?: DeviceRecord }> = {} as never;

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'omck-'));
    // The lab needs one profile for the device's address and MAC; the mockup, not the emulator, answers for it.
    const profile = path.join(work, 'synthetic-onvif-mockup.json');
    writeFileSync(profile, JSON.stringify({ id: 'synthetic-onvif-mockup', offset: 0, mac: '02:00:5e:4f:4e:01', truth: { manufacturer: null, brand: null, model: null, firmware: null, deviceType: 'camera', risk: 'unknown', basis: ["agsh/onvif's test mockup, not a real device"] } }));
    lab = await startLab({ prefix: 'omck', devices: [profile], responder: { cmd: process.execPath, args: [path.join(MOCKUP, 'run-in-lab.cjs')] } });
    const credFile = path.join(work, 'credentials.json');
    writeFileSync(credFile, JSON.stringify({ credentials: [{ host: lab.devices[0]!.ip, username: 'admin', password: 'mockup-pass' }] }), { mode: 0o600 });
    for (const kind of ['plain', 'creds'] as const) {
      const out = path.join(work, kind);
      const args = ['scan', lab.devices[0]!.ip, '--interface', lab.scannerIp, '--out', out, '--format', 'json,csv', '--fail-on', 'none', ...(kind === 'creds' ? ['--credentials', credFile] : [])];
      const run = await runCamauditInLab(lab, args, { timeoutMs: 240_000 });
      const report = path.join(out, 'report.json');
      if (!existsSync(report)) throw new Error(`${kind} scan wrote no report (exit ${run.code}): ${run.stderr.slice(0, 800)}`);
      const result = JSON.parse(readFileSync(report, 'utf8')) as ScanResult;
      runs[kind] = { run, result, csv: readFileSync(path.join(out, 'report.csv'), 'utf8'), device: result.devices.find((d) => d.ip === lab.devices[0]!.ip) };
    }
  }, 600_000);

  afterAll(async () => {
    await lab?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('both scans complete and find the device by WS-Discovery', () => {
    for (const kind of ['plain', 'creds'] as const) {
      const { run, result, device } = runs[kind];
      expect(run.code, run.stderr.slice(0, 1000)).toBe(0);
      expect(result.scan.complete).toBe(true);
      expect(device, `${kind}: device found`).toBeDefined();
      console.log(`[onvif mockup] ${kind}: ${JSON.stringify({ manufacturer: device?.manufacturer, claims: device?.claims, model: device?.model, conflicts: device?.conflicts, credentials: device?.credentials, rationale: device?.rationale })}`);
    }
  });

  it("what the device claims is kept as evidence and shown: manufacturer and model in the record, the evidence and the CSV", () => {
    for (const kind of ['plain', 'creds'] as const) {
      const { device, csv } = runs[kind];
      expect(device?.claims, kind).toEqual(expect.arrayContaining([
        expect.objectContaining({ field: 'manufacturer', value: 'Mockup Manufacturer' }),
        expect.objectContaining({ field: 'model', value: 'Mockup Model' }),
      ]));
      expect(device?.evidence.some((e) => e.field === 'onvif.manufacturer' && e.value === 'Mockup Manufacturer'), `${kind}: evidence keeps the claimed manufacturer`).toBe(true);
      expect(csv, kind).toContain('manufacturer=Mockup Manufacturer');
      expect(csv, kind).toContain('model=Mockup Model');
    }
  });

  it('the model GetDeviceInformation reports wins over the discovery scope, and the disagreement is listed as a conflict', () => {
    for (const kind of ['plain', 'creds'] as const) {
      const d = runs[kind].device!;
      expect(d.model, kind).toBe('Mockup Model');
      expect(d.conflicts.filter((c) => /HD_PREDATOR/.test(c) && /Mockup Model/.test(c)), kind).toHaveLength(1);
    }
  });

  it('an empty 200 is never an answer: no credential outcome claims the device answered or accepted', () => {
    const c = runs.creds.device!.credentials ?? {};
    // The mockup answers ONVIF without checking credentials: never asked for them.
    expect(c.onvif).toBe('not asked for (answered without authentication)');
    for (const [protocol, outcome] of Object.entries(c)) {
      if (protocol === 'onvif') continue;
      expect(outcome, protocol).not.toMatch(/accepted|not asked for/);
      expect(outcome, protocol).toMatch(/^no answer: HTTP 200 with an empty body/);
    }
    expect(runs.creds.device!.evidence.filter((e) => e.module === 'dahua-cgi-auth' || e.module === 'isapi-auth')).toEqual([]);
  });
});
