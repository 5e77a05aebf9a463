// `camaudit lab up|status|run|down`: the virtual camera LAN (src/lab/lab.ts). Needs root.
import type { CommandSpec } from './index.js';
import { RuntimeError, UsageError } from '../../core/errors.js';
import { ROOT } from '../../core/paths.js';
import { runForwardingSignals } from '../run-child.js';
import { EXIT } from '../exit-codes.js';
import { downAll, downLab, emulatorCommand, isRecordedEmulator, isRoot, listNamespaces, parseLabSubnet, planDevices, readState, recordedNamespaces, upLab } from '../../lab/lab.js';
import { loadProfiles } from '../../lab/profile.js';
import { join } from 'node:path';

const ACTIONS = ['up', 'status', 'run', 'down'] as const;

function needRoot(): void {
  if (!isRoot()) throw new RuntimeError('the lab creates network namespaces and needs root: run it with sudo', 'CAMAUDIT_ERR_PRIVILEGE');
}

function prefixOf(v: unknown): string {
  const p = String(v ?? 'camaudit');
  // "camaudit" is 8 chars: names stay ≤ 15 ("camaudit-scan").
  if (!/^[a-z][a-z0-9]{0,9}$/.test(p)) throw new UsageError(`--prefix "${p}": use 1-10 lower-case letters/digits, starting with a letter`);
  return p;
}

export interface LabUpOptions {
  /** Devices: N (the profiles, then copies of them with derived MACs). Default: one per profile. */
  size?: number;
  /** Spread the devices evenly over the subnet instead of at their profile offsets. */
  spread?: boolean;
  /** Devices behind a router namespace: the scanner sees no device MAC (a routed site). */
  routed?: boolean;
}

export async function labUp(prefix: string, devices: string[] | undefined, subnet: string, o: LabUpOptions = {}): Promise<ReturnType<typeof readState>> {
  needRoot();
  let net;
  try {
    net = parseLabSubnet(subnet);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  let loaded;
  try {
    loaded = loadProfiles(devices && devices.length ? (devices.length === 1 ? devices[0] : devices) : join(ROOT, 'fixtures/devices'));
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  let planned;
  try {
    planned = planDevices(loaded.map((l) => ({ id: l.profile.id, profileFile: l.file, offset: l.profile.offset, mac: l.profile.mac })), net, o);
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  try {
    // Many devices: the emulator binds several sockets per device, so give it longer to report READY.
    return await upLab({ prefix, subnet: net.cidr, responder: emulatorCommand(ROOT), devices: planned, readyTimeoutMs: 15_000 + 100 * planned.length, routed: o.routed });
  } catch (e) {
    throw new RuntimeError(`lab up failed: ${(e as Error).message.split('\n')[0]}`, 'CAMAUDIT_ERR_LAB', { cause: e });
  }
}

/** The command after `--`, as yargs keeps it with 'populate--' (set in this command's builder). */
export function commandAfterDashes(argv: Record<string, unknown>): string[] {
  const dd = argv['--'];
  if (Array.isArray(dd)) return dd.map(String);
  return [];
}

const spec: CommandSpec = {
  builder: (y) =>
    y
      // Everything after `--` is the nested command, kept verbatim in argv['--'] (its own --prefix, --out… are
      // not options of `lab`).
      .parserConfiguration({ 'populate--': true })
      .positional('action', { choices: ACTIONS, describe: 'up | status | run -- CMD… | down' })
      .option('prefix', { type: 'string', default: 'camaudit', describe: 'Name prefix of the lab (namespaces <prefix>-scan, <prefix>-dev)' })
      .option('devices', { type: 'string', array: true, describe: 'Profile folder or files (default: fixtures/devices)' })
      .option('subnet', { type: 'string', default: '198.18.0.0/24', describe: 'Lab subnet: a /16 to /24 inside 198.18.0.0/15 (a /20 holds 4,094 addresses)' })
      .option('size', { type: 'number', describe: 'With up: this many devices (the profiles, then copies of them with derived MACs)' })
      .option('spread', { type: 'boolean', default: false, describe: 'With up: spread the devices evenly over the subnet instead of at their profile offsets' })
      .option('routed', { type: 'boolean', default: false, describe: 'With up: put the devices behind a router namespace (<prefix>-rtr), so the scanner sees no device MAC and no device multicast, as on a routed site' })
      .option('all', { type: 'boolean', default: false, describe: 'With down: remove every camaudit lab' })
      .example('sudo camaudit lab up', 'build the lab from fixtures/devices and start the emulator')
      .example('sudo camaudit lab run -- camaudit scan 198.18.0.0/24', 'scan the lab from its scanner namespace')
      .example('sudo camaudit lab up --prefix big --subnet 198.18.0.0/20 --size 200 --spread', '200 devices spread over a /20')
      .example('sudo camaudit lab up --prefix far --routed', 'the devices one router away: no device MACs for the scanner')
      .example('sudo camaudit lab status', 'show the lab, its devices and the emulator')
      .example('sudo camaudit lab down --all', 'remove every camaudit lab on this machine'),
  handler: async (argv) => {
    const action = String(argv.action);
    const prefix = prefixOf(argv.prefix);
    if (action === 'up') {
      if (argv.size !== undefined && !(Number.isInteger(argv.size) && (argv.size as number) >= 1)) throw new UsageError(`--size ${String(argv.size)}: give a whole number of devices, at least 1`);
      const t0 = performance.now();
      const st = await labUp(prefix, argv.devices as string[] | undefined, String(argv.subnet), { size: argv.size as number | undefined, spread: Boolean(argv.spread), routed: Boolean(argv.routed) });
      const copies = st!.devices.filter((d) => d.copyOf).length;
      const via = st!.routed ? `, routed via ${st!.routed.rtrNs} (gateway ${st!.routed.gateway}, transit ${st!.routed.transit}: no device MACs visible)` : '';
      console.log(`lab "${prefix}" up: scanner namespace ${st!.scanNs} at ${st!.scannerIp}, subnet ${st!.subnet}${via}, ${st!.devices.length} devices${copies ? ` (${copies} copies)` : ''}, emulator pid ${st!.emulatorPid}, started in ${Math.round(performance.now() - t0)} ms`);
      console.log(`run a command in it: camaudit lab run --prefix ${prefix} -- CMD…`);
      return EXIT.OK;
    }
    if (action === 'status') {
      const st = readState(prefix);
      const existing = listNamespaces();
      if (!st) {
        // Namespaces of this lab's names that no state file records are someone else's: `lab down` leaves them.
        const ns = existing.filter((n) => n === `${prefix}-scan` || n === `${prefix}-dev` || n === `${prefix}-rtr`);
        console.log(ns.length ? `lab "${prefix}" is down; namespaces ${ns.join(' ')} exist but no lab state records them (not removed by camaudit lab down)` : `lab "${prefix}" is down`);
        return ns.length ? EXIT.RUNTIME : EXIT.OK;
      }
      const ns = recordedNamespaces(st).filter((n) => existing.includes(n));
      const alive = st.emulatorPid ? isRecordedEmulator(st, st.emulatorPid) : false;
      console.log(`lab "${prefix}": namespaces ${ns.join(' ') || '(missing)'}; scanner ${st.scannerIp}; subnet ${st.subnet}${st.routed ? `; routed via ${st.routed.gateway}` : ''}; emulator ${st.emulatorPid ?? '-'} ${alive ? 'running' : 'NOT running'}; since ${st.startedAt}`);
      for (const d of st.devices) console.log(`  ${d.ip.padEnd(15)} ${d.mac}  ${d.id}${d.copyOf ? ` (copy of ${d.copyOf})` : ''}`);
      return alive && ns.length === (st.routed ? 3 : 2) ? EXIT.OK : EXIT.RUNTIME;
    }
    if (action === 'run') {
      needRoot();
      const cmd = commandAfterDashes(argv);
      if (cmd.length === 0) throw new UsageError('lab run needs a command after "--", e.g. camaudit lab run -- ip addr');
      if (!listNamespaces().includes(`${prefix}-scan`)) throw new RuntimeError(`lab "${prefix}" is not up: run camaudit lab up --prefix ${prefix}`, 'CAMAUDIT_ERR_LAB');
      // `ip netns exec` execs the command in place: the child is the command, and signals forwarded reach it.
      return await runForwardingSignals('ip', ['netns', 'exec', `${prefix}-scan`, ...cmd]); // the command's own exit status
    }
    needRoot();
    if (argv.all) {
      const done = await downAll();
      console.log(done.length ? `removed labs: ${done.join(' ')}` : 'no camaudit lab was up');
    } else {
      const r = await downLab(prefix);
      for (const w of r.warnings) process.stderr.write(`camaudit: warning: lab "${prefix}": ${w}\n`);
      console.log(r.removed.length ? `lab "${prefix}" down: removed ${r.removed.join(', ')}` : `lab "${prefix}" was not up`);
    }
    return EXIT.OK;
  },
};
export default spec;
