// Scope guard (issue 9): every packet the scanner sends during a scan of the hostile lab goes to an in-scope
// address, a discovery multicast group, or broadcast — nothing else. Hostile replies point elsewhere on purpose
// (SSDP LOCATION, WS-Discovery XAddrs and an HTTP redirect to the --exclude'd decoy 198.18.0.249; replies claiming
// another device's address): the decoy must receive nothing, on the wire (tcpdump in the scanner namespace) and in
// the emulator's request log. Needs root and tcpdump. Lab prefix "hos".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliRun } from '../helpers/cli.js';
import { isRoot } from '../helpers/netns.js';
import { startHostileLab, type HostileLab } from './hostile-lab.js';
import { fixtureFiles } from '../helpers/fixtures.js';

const TCPDUMP = '/usr/bin/tcpdump';
const DECOY = '198.18.0.249';
const files = [...fixtureFiles('devices'), ...fixtureFiles('hostile')];
const hostileIds = new Set(fixtureFiles('hostile').map((f) => path.basename(f, '.json')));

/** Allowed destinations: 198.18.0.0/24 except the decoy, multicast 224.0.0.0/4, broadcast. */
function allowedDestination(ip: string): boolean {
  if (ip === DECOY) return false;
  if (ip === '255.255.255.255' || ip === '198.18.0.255') return true;
  const first = Number(ip.split('.')[0]);
  if (first >= 224 && first <= 239) return true;
  return /^198\.18\.0\.\d{1,3}$/.test(ip);
}

describe.skipIf(!isRoot || !existsSync(TCPDUMP))('scope guard: nothing leaves the scanner for an address outside the scope', () => {
  let lab: HostileLab;
  let cli: CliRun;
  let packets: string[] = [];
  let requestLog: string[] = [];
  const work = mkdtempSync(path.join(tmpdir(), 'hos-scope-'));
  const pcap = path.join(work, 'scan.pcap');

  beforeAll(async () => {
    lab = await startHostileLab(files, hostileIds, 'g');
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
      cli = await runCli(['scan', '198.18.0.0/24', '--exclude', DECOY, '--budget', '30', '--out', path.join(work, 'out'), '--format', 'json', '--interface', lab.scanIf], {
        prefix: ['ip', 'netns', 'exec', lab.scanNs],
        timeoutMs: 150_000,
      });
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      if (dump && dump.exitCode === null) {
        const done = new Promise((r) => dump!.once('exit', r));
        dump.kill('SIGINT');
        await Promise.race([done, new Promise((r) => setTimeout(r, 3000))]);
      }
    }
    packets = execFileSync(TCPDUMP, ['-r', pcap, '-nn'], { encoding: 'utf8', maxBuffer: 256 << 20, stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
    requestLog = existsSync(lab.requestLog) ? readFileSync(lab.requestLog, 'utf8').split('\n').filter(Boolean) : [];
  }, 300_000);
  afterAll(async () => {
    await lab?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('the scan finished and the capture holds its traffic', () => {
    expect([0, 1]).toContain(cli.code);
    const out = packets.filter((l) => / Out IP 198\.18\.0\.2\./.test(l));
    console.log(`SCOPE guard: ${packets.length} packets captured, ${out.length} sent by the scanner, ${requestLog.length} emulator log lines`);
    expect(out.length).toBeGreaterThan(1000); // the /24 sweep alone is thousands of SYNs
  });

  it('every IPv4 packet the scanner sent went to an allowed destination', () => {
    const bad = new Set<string>();
    let ipChecked = 0;
    let arpChecked = 0;
    for (const l of packets) {
      const m = / Out IP (\d+\.\d+\.\d+\.\d+)(?:\.\d+)? > (\d+\.\d+\.\d+\.\d+)(?:\.\d+)?:/.exec(l);
      if (m) ipChecked++;
      if (m && !allowedDestination(m[2])) bad.add(m[2]);
      const arp = / Out ARP, Request who-has (\d+\.\d+\.\d+\.\d+)/.exec(l);
      if (arp) arpChecked++;
      if (arp && !allowedDestination(arp[1])) bad.add(`arp ${arp[1]}`);
    }
    console.log(`SCOPE guard: ${ipChecked} IPv4 packets and ${arpChecked} ARP requests from the scanner checked`);
    expect(ipChecked).toBeGreaterThan(1000);
    expect(arpChecked).toBeGreaterThan(100); // the sweep ARPs for the absent addresses of the /24
    expect([...bad]).toEqual([]);
  });

  it('the --exclude\'d decoy, pointed at by LOCATION, XAddrs and a redirect, received nothing', () => {
    expect(packets.filter((l) => l.includes(`> ${DECOY}.`) || l.includes(`who-has ${DECOY} `))).toEqual([]);
    expect(requestLog.filter((l) => l.includes('"synthetic-hostile-decoy"'))).toEqual([]);
    // The pointers were served (so the guard was exercised): the redirect to the decoy was fetched.
    expect(requestLog.some((l) => l.includes('"synthetic-hostile-points-outside"'))).toBe(true);
  });
});
