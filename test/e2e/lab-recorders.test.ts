// Recorders in the lab (issue 19; prefix "rcdr"; needs root and tcpdump): the real built CLI in the scanner namespace
// scans the lab's recorders, with the lab-only credentials for all but one of them, while tcpdump records every
// packet the scanner namespace sends. Recorders (fixtures/devices; channel replies from fixtures/recorders):
//   hikvision-ds-7732ni-m4-1     32-channel NVR, 18 cameras: Hikvision over the SDK protocol, JVS over ONVIF (mixed)
//   hikvision-isapi-3            DS-7608NXI-I2, 8 channels, 4 cameras (synthetic status list: channel 3 offline)
//   hikvision-ids-7208hqhi-m1-1  analogue (Turbo HD) DVR: 10 channels, 7 analogue cameras with video
//   dahua-nvr6xx-4ks2-1          Dahua NVR with two Hikvision cameras over ONVIF (mixed maker); 32 RemoteDevice slots
//   dahua-xvr5108c-1             Dahua XVR: channel count from its model, RemoteDevice not served
//   dahua-dh-nvr4216-hds2-1      Dahua NVR whose channel list needs credentials the user did not give
//   synthetic-hostile-recorder-behind-decoy  says its cameras are at 198.18.0.249, the decoy (not a scan target)
// Bars: every recorder reports its channel capacity; with credentials every camera each recorder lists appears with
// its maker (or "unknown") and model as the recorder states them; 0 packets to any behind-recorder address (on the
// wire, and the decoy's request log is empty); the summary separates seen / behind / not enumerated and the
// per-maker totals add up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isRoot } from '../../src/lab/lab.js';
import type { DeviceRecord, ScanResult } from '../../src/core/result.js';
import { runCamauditInLab, startLab, type ExecResult, type Lab } from '../helpers/lab.js';
import { fixturePath } from '../helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const TCPDUMP = '/usr/bin/tcpdump';
const DECOY = '198.18.0.249';
const RECORDERS = ['hikvision-ds-7732ni-m4-1', 'hikvision-isapi-3', 'hikvision-ids-7208hqhi-m1-1', 'dahua-nvr6xx-4ks2-1', 'dahua-xvr5108c-1', 'dahua-dh-nvr4216-hds2-1'];
const HOSTILE = 'synthetic-hostile-recorder-behind-decoy';
const NO_CREDENTIAL = 'dahua-dh-nvr4216-hds2-1';

describe.skipIf(!isRoot() || !existsSync(TCPDUMP))('recorders in the lab: capacity, the cameras behind them, nothing sent past them', () => {
  let lab: Lab;
  let work: string;
  let run: ExecResult;
  let result: ScanResult;
  let terminal = '';
  let packets: string[] = [];
  const ip = (id: string) => lab.devices.find((d) => d.id === id)!.ip;
  const dev = (id: string): DeviceRecord => {
    const d = result.devices.find((x) => x.ip === ip(id));
    if (!d) throw new Error(`${id} (${ip(id)}) not in the result`);
    return d;
  };

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    work = mkdtempSync(path.join(tmpdir(), 'rcdr-'));
    lab = await startLab({ prefix: 'rcdr', devices: RECORDERS, extraProfiles: [fixturePath('hostile', `${HOSTILE}.json`), fixturePath('hostile', 'synthetic-hostile-decoy.json')] });
    expect(ip('synthetic-hostile-decoy')).toBe(DECOY);
    const creds = lab.devices.filter((d) => d.profile.credentials && d.id !== NO_CREDENTIAL && d.id !== 'synthetic-hostile-decoy').map((d) => ({ host: d.ip, ...d.profile.credentials }));
    const credFile = path.join(work, 'credentials.json');
    writeFileSync(credFile, JSON.stringify({ credentials: creds }), { mode: 0o600 });
    const pcap = path.join(work, 'scan.pcap');
    let dump: ChildProcess | null = null;
    try {
      dump = spawn('ip', ['netns', 'exec', lab.scanNs, TCPDUMP, '-i', 'any', '-nn', '-U', '-w', pcap], { stdio: ['ignore', 'ignore', 'pipe'] });
      await new Promise<void>((resolve, reject) => {
        let err = '';
        const t = setTimeout(() => reject(new Error(`tcpdump did not start: ${err}`)), 10_000);
        dump!.stderr!.on('data', (d: Buffer) => {
          err += d.toString();
          if (/listening on/.test(err)) (clearTimeout(t), resolve());
        });
      });
      const targets = [...RECORDERS, HOSTILE].map(ip);
      const t0 = performance.now();
      run = await runCamauditInLab(
        lab,
        ['scan', ...targets, '--interface', lab.scannerIp, '--credentials', credFile, '--out', path.join(work, 'out'), '--format', 'json,csv,html,cyclonedx,terminal', '--fail-on', 'none'],
        { timeoutMs: 300_000 },
      );
      console.log(`recorder lab scan: ${((performance.now() - t0) / 1000).toFixed(1)} s wall, exit ${run.code}`);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      if (dump && dump.exitCode === null) {
        const done = new Promise((r) => dump!.once('exit', r));
        dump.kill('SIGINT');
        await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
      }
    }
    packets = execFileSync(TCPDUMP, ['-r', pcap, '-nn'], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
    const report = path.join(work, 'out', 'report.json');
    if (!existsSync(report)) throw new Error(`scan wrote no report.json (exit ${run.code}): ${run.stderr.split('\n').slice(0, 5).join(' | ')}`);
    result = JSON.parse(readFileSync(report, 'utf8')) as ScanResult;
    const txt = path.join(work, 'out', 'report.txt');
    terminal = existsSync(txt) ? readFileSync(txt, 'utf8') : run.stdout;
  }, 420_000);

  afterAll(async () => {
    await lab?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 60_000);

  it('the scan ran to the end', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(result.scan.complete).toBe(true);
  });

  it('every recorder reports its channel capacity, with the evidence; the one without credentials says why its list was not read', () => {
    const rows: string[] = [];
    for (const id of [...RECORDERS, HOSTILE]) {
      const d = dev(id);
      const r = d.recorder;
      rows.push(`${id}: ${d.deviceType} ${r ? `${r.channels ?? '?'} channels (${r.capacityWhy}); ${r.enumerated} enumerated; list: ${r.channelList}` : 'no recorder block'}`);
    }
    console.log(`RECORDERS\n${rows.join('\n')}`);
    const expected: Record<string, number> = {
      'hikvision-ds-7732ni-m4-1': 32,
      'hikvision-isapi-3': 8,
      'hikvision-ids-7208hqhi-m1-1': 10,
      'dahua-nvr6xx-4ks2-1': 32,
      'dahua-xvr5108c-1': 8,
      'dahua-dh-nvr4216-hds2-1': 16,
    };
    for (const [id, n] of Object.entries(expected)) {
      const r = dev(id).recorder;
      expect(r, id).toBeDefined();
      expect(r!.channels, id).toBe(n);
      expect(r!.capacityWhy, id).toBeTruthy();
      expect(r!.statement, id).toMatch(new RegExp(`^${n} channels: `));
    }
    const nc = dev(NO_CREDENTIAL).recorder!;
    expect(nc.statement).toBe('16 channels: up to 16 cameras not visible from here');
    expect(nc.channelList).toMatch(/^not read: /);
    expect(nc.capacityWhy).toMatch(/DH-NVR4216-HDS2/);
    expect(lab.requests().filter((e) => e.device === NO_CREDENTIAL && (e.auth === 'ok' || e.auth === 'bad' || e.user !== undefined))).toEqual([]);
    // The Dahua NVR6XX-4KS2 answers no getProductDefinition (404) and its model number carries no count ("6XX"):
    // its count is the slots of the RemoteDevice table it lists its cameras in (one per IP channel).
    const mixed = dev('dahua-nvr6xx-4ks2-1').recorder!;
    expect(mixed).toMatchObject({ channels: 32, ipChannels: 32, enumerated: 2, notEnumerated: 30, statement: '32 channels: 2 cameras behind it listed, up to 30 more not visible from here' });
    expect(mixed.capacityWhy).toBe('reports 32 IP channels (dahuacgi.RemoteDeviceSlots, read with the credentials given)');
  });

  it('with credentials, every camera each recorder lists appears behind it with maker and model as the recorder states them', () => {
    const summary = (id: string) => dev(id).recorder!.behind.map((b) => `${b.analogue ? 'a' : 'c'}${b.channel} ${b.manufacturer ?? 'unknown'} ${b.model ?? '-'} ${b.online === null ? '' : b.online ? 'on' : 'off'}`.trim());
    for (const id of [...RECORDERS, HOSTILE]) console.log(`BEHIND ${id}: ${summary(id).join(' | ') || '(none)'}`);

    const nvr32 = dev('hikvision-ds-7732ni-m4-1').recorder!;
    expect(nvr32.behind).toHaveLength(18);
    expect(nvr32.notEnumerated).toBe(14);
    const hik = nvr32.behind.filter((b) => b.manufacturer === 'hikvision');
    const jvs = nvr32.behind.filter((b) => b.model === 'JVSWO708-PO300M2');
    expect(hik).toHaveLength(10);
    expect(jvs).toHaveLength(8);
    for (const b of hik) expect(b.model, `channel ${b.channel}`).toMatch(/^(?:DS-2|IPC-T)/); // IPC-T620-Z: HiLook, over the Hikvision protocol
    // A camera whose maker nothing states stays unknown, never Hikvision because its recorder is.
    for (const b of jvs) expect(b.manufacturer).toBeNull();

    const nvr8 = dev('hikvision-isapi-3').recorder!;
    expect(nvr8.behind.map((b) => [b.channel, b.online])).toEqual([[1, true], [2, true], [3, false], [4, true]]);
    for (const b of nvr8.behind) expect(b.manufacturer).toBe('hikvision');

    const dvr = dev('hikvision-ids-7208hqhi-m1-1');
    expect(dvr.deviceType).toBe('dvr');
    expect(dvr.recorder!.behind).toHaveLength(7);
    for (const b of dvr.recorder!.behind) expect(b).toMatchObject({ analogue: true, manufacturer: null, deviceType: 'camera' });

    // Mixed maker: Hikvision cameras behind a Dahua NVR stay Hikvision, rated high on their own.
    const mixed = dev('dahua-nvr6xx-4ks2-1');
    expect(mixed.manufacturer).toBe('dahua');
    expect(mixed.recorder!.behind.map((b) => [b.channel, b.manufacturer, b.model, b.serial])).toEqual([
      [1, 'hikvision', 'DS-2CD1143G0-I', 'DS-2CD1143G0-I20211208AAWRJ21084244'],
      [2, 'hikvision', 'DS-2CD1143G0-I', 'DS-2CD1143G0-I20211208AAWRJ21084253'],
    ]);
    for (const b of mixed.recorder!.behind) expect(b.risk.level).toBe('high');

    // No credentials: nothing listed; the hostile recorder's two cameras are listed (and never visited).
    expect(dev(NO_CREDENTIAL).recorder!.behind).toEqual([]);
    expect(dev(HOSTILE).recorder!.behind.map((b) => b.address)).toEqual([DECOY, DECOY]);
  });

  it('0 packets to any behind-recorder address: every packet the scanner sent went to a scan target or a discovery group, the decoy got nothing', () => {
    const behindAddresses = new Set(result.devices.flatMap((d) => (d.recorder?.behind ?? []).map((b) => b.address).filter((a): a is string => !!a)));
    expect(behindAddresses.has(DECOY)).toBe(true);
    expect(behindAddresses.size).toBeGreaterThanOrEqual(20);
    const targets = new Set([...RECORDERS, HOSTILE].map(ip));
    const sent: string[] = [];
    const toBehind: string[] = [];
    const elsewhere = new Set<string>();
    for (const l of packets) {
      const m = / Out IP (\d+\.\d+\.\d+\.\d+)(?:\.\d+)? > (\d+\.\d+\.\d+\.\d+)(?:\.\d+)?:/.exec(l) ?? / Out ARP, Request who-has (\d+\.\d+\.\d+\.\d+)()/.exec(l);
      if (!m) continue;
      const dst = l.includes(' ARP, ') ? m[1]! : m[2]!;
      sent.push(dst);
      if (behindAddresses.has(dst)) toBehind.push(l);
      const first = Number(dst.split('.')[0]);
      if (!targets.has(dst) && !(first >= 224 && first <= 239) && dst !== '255.255.255.255' && !dst.endsWith('.255')) elsewhere.add(dst);
    }
    console.log(`RECORDER scope: ${packets.length} packets captured, ${sent.length} sent by the scanner namespace, ${behindAddresses.size} behind-recorder addresses, ${toBehind.length} packets to them`);
    expect(sent.length).toBeGreaterThan(50);
    expect(toBehind).toEqual([]);
    expect([...elsewhere]).toEqual([]);
    expect(lab.requests().filter((e) => e.device === 'synthetic-hostile-decoy')).toEqual([]);
    // The hostile recorder's list was read (so the guard was exercised).
    expect(lab.requests().some((e) => e.device === HOSTILE && e.auth === 'ok' && String(e.path ?? '').includes('InputProxy'))).toBe(true);
  });

  it('the summary separates seen / behind / not enumerated, and the per-maker totals add up', () => {
    const e = result.summary.estate!;
    console.log(`ESTATE ${JSON.stringify(e)}`);
    expect(e.seen).toBe(result.devices.length);
    const behind = result.devices.reduce((n, d) => n + (d.recorder?.behind.filter((b) => !b.seenAs).length ?? 0), 0);
    expect(e.behind).toBe(behind);
    expect(e.notEnumerated).toBe(result.devices.reduce((n, d) => n + (d.recorder?.notEnumerated ?? 0), 0));
    const totals = Object.values(e.byMaker);
    expect(totals.reduce((n, r) => n + r.total, 0)).toBe(e.seen + e.behind);
    for (const r of totals) expect(r.seen + r.behind).toBe(r.total);
    expect(e.byMaker.Hikvision!.behind).toBeGreaterThanOrEqual(16); // 10 + 4 + 2 listed Hikvision cameras
    expect(terminal).toMatch(/seen on the network/);
    expect(terminal).toMatch(/behind \d+ recorders \(enumerated\)/);
    expect(terminal).toMatch(/not enumerated/);
  });
});
