// `camaudit lab up|status|run|down`: the virtual camera LAN (src/lab/lab.ts). Needs root.
import { spawnSync } from 'node:child_process';
import type { CommandSpec } from './index.js';
import { RuntimeError, UsageError } from '../errors.js';
import { ROOT } from '../../core/paths.js';
import { downAll, downLab, emulatorCommand, isRoot, listNamespaces, readState, upLab } from '../../lab/lab.js';
import { loadProfiles } from '../../lab/profile.js';
import { join } from 'node:path';

const ACTIONS = ['up', 'status', 'run', 'down'] as const;

function needRoot(): void {
  if (!isRoot()) throw new RuntimeError('the lab creates network namespaces and needs root: run it with sudo');
}

function prefixOf(v: unknown): string {
  const p = String(v ?? 'camaudit');
  // "camaudit" is 8 chars: names stay ≤ 15 ("camaudit-scan").
  if (!/^[a-z][a-z0-9]{0,9}$/.test(p)) throw new UsageError(`--prefix "${p}": use 1-10 lower-case letters/digits, starting with a letter`);
  return p;
}

export async function labUp(prefix: string, devices: string[] | undefined, subnet: string): Promise<ReturnType<typeof readState>> {
  needRoot();
  const m = /^(\d+\.\d+\.\d+\.)0\/24$/.exec(subnet);
  if (!m || !subnet.startsWith('198.18.') && !subnet.startsWith('198.19.')) throw new UsageError(`--subnet ${subnet}: the lab uses a /24 inside 198.18.0.0/15, e.g. 198.18.0.0/24`);
  let loaded;
  try {
    loaded = loadProfiles(devices && devices.length ? (devices.length === 1 ? devices[0] : devices) : join(ROOT, 'fixtures/devices'));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  try {
    return await upLab({
      prefix, base: m[1], responder: emulatorCommand(ROOT),
      devices: loaded.map((l) => ({ id: l.profile.id, profileFile: l.file, offset: l.profile.offset, mac: l.profile.mac })),
    });
  } catch (e) {
    throw new RuntimeError(`lab up failed: ${(e as Error).message.split('\n')[0]}`);
  }
}

const spec: CommandSpec = {
  builder: (y) =>
    y
      .positional('action', { choices: ACTIONS, describe: 'up | status | run -- CMD… | down' })
      .option('prefix', { type: 'string', default: 'camaudit', describe: 'Name prefix of the lab (namespaces <prefix>-scan, <prefix>-dev)' })
      .option('devices', { type: 'string', array: true, describe: 'Profile folder or files (default: fixtures/devices)' })
      .option('subnet', { type: 'string', default: '198.18.0.0/24', describe: 'Lab subnet (a /24 in 198.18.0.0/15)' })
      .option('all', { type: 'boolean', default: false, describe: 'With down: remove every camaudit lab' })
      .example('sudo camaudit lab up', 'build the lab from fixtures/devices and start the emulator')
      .example('sudo camaudit lab run -- camaudit scan 198.18.0.0/24', 'scan the lab from its scanner namespace')
      .example('sudo camaudit lab status', 'show the lab, its devices and the emulator')
      .example('sudo camaudit lab down --all', 'remove every camaudit lab on this machine'),
  handler: async (argv) => {
    const action = String(argv.action);
    const prefix = prefixOf(argv.prefix);
    if (action === 'up') {
      const st = await labUp(prefix, argv.devices as string[] | undefined, String(argv.subnet));
      console.log(`lab "${prefix}" up: scanner namespace ${st!.scanNs} at ${st!.scannerIp}, subnet ${st!.subnet}, ${st!.devices.length} devices, emulator pid ${st!.emulatorPid}`);
      console.log(`run a command in it: camaudit lab run --prefix ${prefix} -- CMD…`);
      return 0;
    }
    if (action === 'status') {
      const st = readState(prefix);
      const ns = listNamespaces().filter((n) => n === `${prefix}-scan` || n === `${prefix}-dev`);
      if (!st) {
        console.log(ns.length ? `lab "${prefix}": no state file, stray namespaces ${ns.join(' ')} (run: camaudit lab down --prefix ${prefix})` : `lab "${prefix}" is down`);
        return ns.length ? 3 : 0;
      }
      let alive = false;
      try { if (st.emulatorPid) { process.kill(st.emulatorPid, 0); alive = true; } } catch { /* not running */ }
      console.log(`lab "${prefix}": namespaces ${ns.join(' ') || '(missing)'}; scanner ${st.scannerIp}; subnet ${st.subnet}; emulator ${st.emulatorPid ?? '-'} ${alive ? 'running' : 'NOT running'}; since ${st.startedAt}`);
      for (const d of st.devices) console.log(`  ${d.ip.padEnd(14)} ${d.mac}  ${d.id}`);
      return alive && ns.length === 2 ? 0 : 3;
    }
    if (action === 'run') {
      needRoot();
      const i = process.argv.indexOf('--');
      const cmd = i >= 0 ? process.argv.slice(i + 1) : [];
      if (cmd.length === 0) throw new UsageError('lab run needs a command after "--", e.g. camaudit lab run -- ip addr');
      if (!listNamespaces().includes(`${prefix}-scan`)) throw new RuntimeError(`lab "${prefix}" is not up: run camaudit lab up --prefix ${prefix}`);
      const r = spawnSync('ip', ['netns', 'exec', `${prefix}-scan`, ...cmd], { stdio: 'inherit' });
      if (r.error) throw new RuntimeError(`cannot run ${cmd[0]}: ${r.error.message}`);
      return r.status ?? 3;
    }
    needRoot();
    if (argv.all) {
      const done = await downAll();
      console.log(done.length ? `removed labs: ${done.join(' ')}` : 'no camaudit lab was up');
    } else {
      const r = await downLab(prefix);
      console.log(r.removed.length ? `lab "${prefix}" down: removed ${r.removed.join(', ')}` : `lab "${prefix}" was not up`);
    }
    return 0;
  },
};
export default spec;
