// A small two-namespace lab for the hostile e2e tests (prefix "hos"; names carry the test pid so parallel runs do
// not collide): the emulator with the given profiles in `hosd-<pid>`, the scanner side in `hoss-<pid>`, joined by
// one veth pair on 198.18.0.0/24. Device address = 198.18.0.(10 + profile offset); scanner = 198.18.0.2.
// The scanner namespace has routes only for 198.18.0.0/24, multicast (224.0.0.0/4) and limited broadcast: nothing
// it sends can leave the two namespaces. Written because test/helpers/lab.ts (startLab) had not landed; it can be
// swapped for startLab({prefix:'hos', extraProfiles}) without changing the tests' assertions.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfiles } from '../../src/lab/profile.js';
import { ROOT } from '../helpers/cli.js';
import { createNs, deleteNs, ip } from '../helpers/netns.js';

export interface HostileLab {
  devNs: string;
  scanNs: string;
  scanIf: string;
  scannerIp: string;
  devices: Array<{ id: string; ip: string; file: string; truth: unknown; hostile: boolean }>;
  requestLog: string;
  stop(): Promise<void>;
}

export async function startHostileLab(profileFiles: string[], hostileIds: Set<string>, tag = 'h'): Promise<HostileLab> {
  const devNs = `hosd${tag}-${process.pid}`.slice(0, 15);
  const scanNs = `hoss${tag}-${process.pid}`.slice(0, 15);
  const work = mkdtempSync(path.join(tmpdir(), 'hos-lab-'));
  const profiles = loadProfiles(profileFiles);
  let emu: ChildProcess | null = null;
  const stop = async (): Promise<void> => {
    if (emu && emu.exitCode === null) {
      const exited = new Promise((r) => emu!.once('exit', r));
      emu.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      if (emu.exitCode === null) emu.kill('SIGKILL');
    }
    deleteNs(devNs);
    deleteNs(scanNs);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    createNs(devNs);
    createNs(scanNs);
    ip('link', 'add', 'hosv0', 'netns', devNs, 'type', 'veth', 'peer', 'name', 'hosv1', 'netns', scanNs);
    ip('-n', devNs, 'link', 'set', 'hosv0', 'up');
    ip('-n', scanNs, 'link', 'set', 'hosv1', 'up');
    ip('-n', scanNs, 'addr', 'add', '198.18.0.2/24', 'dev', 'hosv1');
    ip('-n', scanNs, 'route', 'add', '224.0.0.0/4', 'dev', 'hosv1');
    ip('-n', scanNs, 'route', 'add', '255.255.255.255/32', 'dev', 'hosv1');
    ip('-n', devNs, 'addr', 'add', '198.18.0.1/24', 'dev', 'hosv0');
    ip('-n', devNs, 'route', 'add', '224.0.0.0/4', 'dev', 'hosv0');
    const devices = profiles.map(({ file, profile }) => ({ id: profile.id, ip: `198.18.0.${10 + profile.offset}`, mac: profile.mac, file, truth: profile.truth, hostile: hostileIds.has(profile.id) }));
    for (const d of devices) ip('-n', devNs, 'addr', 'add', `${d.ip}/32`, 'dev', 'hosv0');
    const requestLog = path.join(work, 'requests.jsonl');
    const config = path.join(work, 'emulator.json');
    writeFileSync(
      config,
      JSON.stringify({
        devices: devices.map((d) => ({ id: d.id, profileFile: d.file, ip: d.ip, mac: d.mac, ifname: 'hosv0' })),
        subnet: '198.18.0.0/24',
        scannerIp: '198.18.0.2',
        stateDir: work,
        requestLog,
      }),
    );
    emu = spawn('ip', ['netns', 'exec', devNs, process.execPath, '--import', 'tsx', path.join(ROOT, 'src/lab/emulator/run.ts'), config], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    emu.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4000)));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      const t = setTimeout(() => reject(new Error(`emulator not READY in 60 s: ${err}`)), 60_000);
      emu!.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('READY\n')) {
          clearTimeout(t);
          resolve();
        } else if (out.includes('ERROR')) {
          clearTimeout(t);
          reject(new Error(out.trim()));
        }
      });
      emu!.once('exit', (c) => reject(new Error(`emulator exited ${c}: ${err}`)));
    });
    return { devNs, scanNs, scanIf: 'hosv1', scannerIp: '198.18.0.2', devices, requestLog, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
