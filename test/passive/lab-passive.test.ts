// Done-when of issue 24, live (needs root; run under the lab lock: flock /tmp/camaudit-lab.lock npx vitest run …):
// a lab (prefix "pcaplv", every profile) whose scanner port is mirrored (tc mirred, ingress and egress of the bridge
// port s0) to a monitor namespace this test creates, as a switch's SPAN port would. In the monitor namespace the built
// CLI listens (`camaudit pcap --listen m1`, tcpdump underneath) while `camaudit scan` runs from the scanner namespace.
//   - the passive result names the same maker as the active scan of the same run for every device that spoke;
//   - camaudit sent nothing while listening: the monitor interface's transmit counter does not move (the namespace has
//     no address and IPv6 off, so the kernel itself sends nothing there either);
//   - the raw capture kept with --save reads back to the same devices;
//   - merging the two results (both keeping observations) re-attributes each device from both.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot } from '../../src/lab/lab.js';
import type { ScanResult } from '../../src/core/result.js';
import { mergeResults } from '../../src/report/merge.js';
import { validateResult } from '../../src/report/schema.js';
import { runCamauditInLab, startLab, type Lab } from '../helpers/lab.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PREFIX = 'pcaplv';
const MON = `${PREFIX}-mon`;

function sh(args: string[]): void {
  const r = spawnSync(args[0]!, args.slice(1), { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: ${(r.stderr || '').trim().split('\n')[0]}`);
}

function txPackets(): number {
  const r = spawnSync('ip', ['netns', 'exec', MON, 'cat', '/sys/class/net/m1/statistics/tx_packets'], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

describe.skipIf(!isRoot())('live listening on a mirror port of the lab sends nothing and names the same makers', () => {
  let lab: Lab;
  let work: string;
  let active: ScanResult;
  let passive: ScanResult;
  let txBefore = -1;
  let txAfter = -1;
  let listenStderr = '';

  beforeAll(async () => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    work = mkdtempSync(path.join(tmpdir(), 'pcaplv-'));
    lab = await startLab({ prefix: PREFIX });
    spawnSync('ip', ['netns', 'del', MON]);
    sh(['ip', 'netns', 'add', MON]);
    // No IPv6 (no router solicitation, no duplicate address detection) and no address: the kernel sends nothing here.
    sh(['ip', 'netns', 'exec', MON, 'sysctl', '-q', '-w', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    sh(['ip', '-n', lab.devNs, 'link', 'add', 'm0', 'type', 'veth', 'peer', 'name', 'm1', 'netns', MON]);
    sh(['ip', '-n', lab.devNs, 'link', 'set', 'm0', 'up']);
    sh(['ip', '-n', MON, 'link', 'set', 'm1', 'up']);
    // The SPAN: every frame in and out of the scanner's bridge port, copied to m0 (arriving on m1).
    sh(['ip', 'netns', 'exec', lab.devNs, 'tc', 'qdisc', 'add', 'dev', 's0', 'clsact']);
    for (const dir of ['ingress', 'egress']) sh(['ip', 'netns', 'exec', lab.devNs, 'tc', 'filter', 'add', 'dev', 's0', dir, 'protocol', 'all', 'u32', 'match', 'u32', '0', '0', 'action', 'mirred', 'egress', 'mirror', 'dev', 'm0']);

    txBefore = txPackets();
    const saved = path.join(work, 'heard.pcap');
    const listener: ChildProcess = spawn('ip', ['netns', 'exec', MON, process.execPath, path.join(ROOT, 'bin/camaudit.js'), 'pcap', '--listen', 'm1', '--duration', '900', '--save', saved, '--json', '--fail-on', 'none'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    listener.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
    const ready = new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`listener not ready: ${listenStderr}`)), 120_000);
      listener.stderr!.on('data', (b: Buffer) => {
        listenStderr += b.toString();
        if (/Listening on m1/.test(listenStderr)) {
          clearTimeout(t);
          resolve();
        }
      });
    });
    const exited = new Promise<number | null>((resolve) => listener.on('close', (c) => resolve(c)));
    await ready;
    const scan = await runCamauditInLab(lab, ['scan', lab.subnet, '--interface', lab.scannerIp, '--json', '--fail-on', 'none'], { timeoutMs: 540_000 });
    if (scan.code !== 0) throw new Error(`scan failed (${scan.code}): ${scan.stderr.slice(0, 500)}`);
    active = JSON.parse(scan.stdout) as ScanResult;
    await new Promise((r) => setTimeout(r, 3000)); // late replies
    listener.kill('SIGINT'); // Ctrl-C: stop listening, read what was heard
    const code = await exited;
    txAfter = txPackets();
    if (code !== 0) throw new Error(`listener exited ${code}: ${listenStderr.slice(0, 500)}`);
    passive = JSON.parse(stdout) as ScanResult;
    // Debugging aid: PCAP_LIVE_KEEP=<dir> keeps both results and the capture there.
    const keep = process.env.PCAP_LIVE_KEEP;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      writeFileSync(path.join(keep, 'active.json'), JSON.stringify(active, null, 1));
      writeFileSync(path.join(keep, 'passive.json'), JSON.stringify(passive, null, 1));
      copyFileSync(saved, path.join(keep, 'heard.pcap'));
    }
  }, 900_000);

  afterAll(async () => {
    spawnSync('ip', ['netns', 'del', MON]);
    await lab?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  }, 120_000);

  it('camaudit sent 0 packets while listening (monitor interface transmit counter unchanged)', () => {
    expect(txBefore).toBeGreaterThanOrEqual(0);
    expect(txAfter).toBe(txBefore);
    expect(passive.scan.source!.packetsSent).toBe(0);
    expect(passive.scan.source!.captures[0]!.file).toBe('live:m1');
    expect(passive.scan.source!.captures[0]!.frames).toBeGreaterThan(1000);
  });

  it('the same maker as the active scan of the same run, for every device that spoke (differences: TLS 1.3 certificates only)', () => {
    expect(validateResult(passive)).toEqual([]);
    const byIp = new Map(passive.devices.map((d) => [d.ip, d]));
    const differ: string[] = [];
    const explained: string[] = [];
    for (const d of active.devices) {
      const q = byIp.get(d.ip);
      if (!q) {
        differ.push(`${d.ip}: not seen`);
        continue;
      }
      if (q.manufacturer === d.manufacturer) continue;
      // The one difference a capture cannot avoid: the scan named the maker from the TLS certificate alone, and the
      // handshakes on the wire were TLS 1.3, which encrypts the certificate (the passive result says so).
      const certOnly = d.evidence.filter((e) => e.rule && e.weight !== 0 && !e.field.startsWith('oui.')).every((e) => e.field.startsWith('tls.'));
      const encrypted = passive.observations!.some((o) => o.host === d.ip && o.kind === 'probe' && o.fields.outcome === 'encrypted');
      if (certOnly && encrypted && q.manufacturer === null) explained.push(`${d.ip} (${d.manufacturer}): its maker evidence is its TLS certificate, encrypted in TLS 1.3`);
      else differ.push(`${d.ip}: active ${d.manufacturer} (${d.confidence}), passive ${q.manufacturer} (${q.confidence})`);
    }
    console.log(`pcap live vs scan: ${active.devices.length} devices scanned, ${passive.devices.length} heard; same maker for ${active.devices.length - differ.length - explained.length}; differences: ${explained.join('; ') || 'none'}`); // eslint-disable-line no-console
    expect(differ).toEqual([]);
  });

  it('the capture kept with --save reads back to the same devices', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/camaudit.js'), 'pcap', path.join(work, 'heard.pcap'), '--json', '--fail-on', 'none', '--no-observations'], { encoding: 'utf8', maxBuffer: 64 << 20 });
    expect(r.status, r.stderr).toBe(0);
    const again = JSON.parse(r.stdout) as ScanResult;
    expect(again.devices.map((d) => [d.ip, d.manufacturer])).toEqual(passive.devices.map((d) => [d.ip, d.manufacturer]));
    expect(again.scan.source!.captures[0]!.sha256).toBe(passive.scan.source!.captures[0]!.sha256);
    expect(readFileSync(path.join(work, 'heard.pcap')).readUInt32LE(0)).toBe(0xa1b2c3d4);
  });

  it('merging the passive and the active result re-attributes each shared device from both results’ observations', () => {
    const m = mergeResults([passive, active]);
    expect(validateResult(m)).toEqual([]);
    const both = m.devices.filter((d) => d.sources?.length === 2);
    expect(both.length).toBeGreaterThanOrEqual(active.devices.filter((d) => d.mac).length);
    for (const d of both) {
      expect(d.notes.join(' ')).toMatch(/re-attributed from both/);
      const a = active.devices.find((x) => x.mac === d.mac)!;
      expect(d.manufacturer, d.ip).toBe(a.manufacturer);
    }
  });
});

describe.skipIf(!isRoot())('live listening on an interface that is not there', () => {
  it('ends with exit 2 and tcpdump’s own reason on one line (inside a namespace of its own)', () => {
    const ns = 'pcaplv-none';
    spawnSync('ip', ['netns', 'del', ns]);
    sh(['ip', 'netns', 'add', ns]);
    try {
      const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, path.join(ROOT, 'bin/camaudit.js'), 'pcap', '--listen', 'nosuchif0', '--duration', '2'], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toEqual(['camaudit: tcpdump on nosuchif0: nosuchif0: No such device exists']);
    } finally {
      spawnSync('ip', ['netns', 'del', ns]);
    }
  }, 90_000);
});
