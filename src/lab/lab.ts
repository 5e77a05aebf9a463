// The virtual camera LAN's network side: two namespaces per lab, everything named after the prefix and recorded
// in a state file so `down` removes exactly what `up` made (also after a crash).
//   <prefix>-dev : bridge br0 (mcast_snooping 0), one veth pair per device (d<i> holds the device's IP and MAC,
//                  b<i> is its bridge port), and the bridge port s0 of the scanner's veth.
//   <prefix>-scan: eth0 at <network>+2 (198.18.0.2/24 by default) with a 224.0.0.0/4 route.
// Routed (`routed: true`, `camaudit lab up --routed`), as a council site scanned from another one: a third namespace
//   <prefix>-rtr forwards between the device subnet (its eth1 at <network>+1 on the bridge) and a transit /24 (its
//   eth0 at .1); the scanner sits at .2 of that transit /24, routes the lab subnet via .1, and sees no device MAC
//   (its neighbour table holds the router only) and none of the devices' multicast or broadcast (not forwarded).
// The subnet is a /16../24 inside 198.18.0.0/15 (a /20 holds 4,094 addresses); device i sits at <network>+10+offset.
// Nothing is attached to the host's interfaces or routes.
// Ownership: a lab touches only what its own state file records. `up` refuses a prefix whose names already exist
// unrecorded (someone else's namespaces), records each namespace right after `ip netns add` made it, and `down`
// deletes only the recorded ones. The emulator is recorded by pid and start time, and is signalled only while that
// pid is still that emulator (same start time, its config file on the command line), never a stranger with a reused pid.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeFailure, failureNote, parseJson, rethrowUnless } from '../core/failure.js';

export const STATE_ROOT = '/run/camaudit-lab';

export interface LabDevice {
  id: string; profileFile: string; ip: string; mac: string; ifname: string;
  /** Set on the extra copies `--size` makes: the id of the profile this device repeats. */
  copyOf?: string;
}
export interface LabState {
  prefix: string; scanNs: string; devNs: string; subnet: string; scannerIp: string;
  /** Routed lab: the router namespace, and the transit /24 the scanner sits in. */
  routed?: { rtrNs: string; transit: string; gateway: string };
  devices: LabDevice[]; emulatorPid: number | null; stateDir: string; configFile: string; requestLog: string;
  startedAt: string;
  /** The namespaces this lab made, in the order made. State files written before this field: scanNs, devNs, rtrNs. */
  namespaces?: string[];
  /** The emulator's start time (/proc/<pid>/stat field 22, clock ticks since boot): tells it from a reused pid. */
  emulatorStartTime?: number;
}

/** The namespaces a state file records as this lab's own. */
export function recordedNamespaces(st: LabState): string[] {
  if (Array.isArray(st.namespaces)) return st.namespaces.filter((n) => typeof n === 'string');
  return [st.scanNs, st.devNs, st.routed?.rtrNs].filter((n): n is string => typeof n === 'string');
}

export function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function requireRoot(): void {
  if (!isRoot()) throw new Error('the lab creates network namespaces and needs root: run it with sudo');
}

/** veth/namespace names must stay short; "-scan" is the longest suffix. */
export function isLabPrefix(prefix: string): boolean {
  return /^[a-z][a-z0-9]{0,9}$/.test(prefix);
}

export function checkPrefix(prefix: string): void {
  if (!isLabPrefix(prefix)) throw new Error(`invalid lab prefix "${prefix}": use 1-10 lower-case letters/digits, starting with a letter`);
}

export function stateDirFor(prefix: string): string {
  return join(STATE_ROOT, prefix);
}

function ipBatch(ns: string | null, lines: string[]): void {
  if (lines.length === 0) return;
  const args = ns ? ['-n', ns, '-batch', '-'] : ['-batch', '-'];
  const r = spawnSync('ip', args, { input: lines.join('\n') + '\n', encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')} failed: ${(r.stderr || '').trim().split('\n')[0]}`);
}

export function listNamespaces(): string[] {
  const out = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });
  return out.split('\n').map((l) => l.split(' ')[0]).filter(Boolean);
}

/** The lab's recorded state; null when it has none. A state file that is not JSON throws, naming it. */
export function readState(prefix: string): LabState | null {
  const f = join(stateDirFor(prefix), 'state.json');
  let text: string;
  try {
    text = readFileSync(f, 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // no state file: the lab is not up
    return null;
  }
  const j = parseJson(text);
  if (!j.ok) throw new Error(`lab state ${f} is not valid JSON (${j.reason})`);
  return j.value as LabState;
}

function writeState(s: LabState): void {
  writeFileSync(join(s.stateDir, 'state.json'), JSON.stringify(s, null, 2));
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    const st = readFileSync(`/proc/${pid}/status`, 'utf8');
    return !/^State:\s+Z/m.test(st);
  } catch (err) {
    rethrowUnless(err, 'ESRCH', 'ENOENT'); // no such process (or it ended between the two calls)
    return false;
  }
}

/** A process's start time in clock ticks since boot (/proc/<pid>/stat field 22); null when it is gone. */
export function processStartTime(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT', 'ESRCH'); // no such process
    return null;
  }
  // Field 2 (comm) is in parentheses and may hold spaces: count fields from after its closing parenthesis.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const t = Number(rest[22 - 3]);
  return Number.isSafeInteger(t) ? t : null;
}

function processCmdline(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch (err) {
    rethrowUnless(err, 'ENOENT', 'ESRCH'); // no such process
    return [];
  }
}

/**
 * Whether the recorded emulator pid is still that emulator: its config file is on the command line and, when the
 * state recorded one, its start time is the same (a pid reused by another process fails both).
 */
export function isRecordedEmulator(st: LabState, pid: number): boolean {
  if (!pidAlive(pid)) return false;
  if (!processCmdline(pid).includes(st.configFile)) return false;
  if (st.emulatorStartTime !== undefined && processStartTime(pid) !== st.emulatorStartTime) return false;
  return true;
}

/** Sends `signal` to a process that may have ended meanwhile (ESRCH is that, anything else throws). */
function killIfRunning(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    rethrowUnless(err, 'ESRCH');
  }
}

/**
 * Removes the lab of this prefix: the recorded emulator (only while that pid is still it), then the namespaces the
 * state file records, then the state dir. A namespace of the lab's names that no state file records is someone
 * else's and stays. `warnings` says what could not be done (a state file that is not JSON: nothing to stop or delete;
 * a recorded pid that now belongs to another process: not signalled).
 */
export async function downLab(prefix: string): Promise<{ removed: string[]; warnings: string[] }> {
  checkPrefix(prefix);
  const removed: string[] = [];
  const warnings: string[] = [];
  let st: LabState | null = null;
  try {
    st = readState(prefix);
  } catch (err) {
    // The state dir still goes; the emulator and the namespaces that file recorded cannot be known, so they stay.
    warnings.push(failureNote('emulator not stopped', err));
    const named = listNamespaces().filter((n) => n === `${prefix}-scan` || n === `${prefix}-dev` || n === `${prefix}-rtr`);
    if (named.length) warnings.push(`namespaces ${named.join(' ')} left as they are: no readable state records them (ip netns del them if they are this lab's)`);
  }
  if (st?.emulatorPid) {
    const pid = st.emulatorPid;
    if (pidAlive(pid) && !isRecordedEmulator(st, pid)) {
      warnings.push(`recorded emulator pid ${pid} is now another process: not signalled`);
    } else if (pidAlive(pid)) {
      killIfRunning(pid, 'SIGTERM');
      const until = Date.now() + 3000;
      while (pidAlive(pid) && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      if (pidAlive(pid)) killIfRunning(pid, 'SIGKILL');
      removed.push(`pid ${pid}`);
    }
  }
  const names = new Set(st ? recordedNamespaces(st) : []);
  for (const ns of listNamespaces()) {
    if (names.has(ns)) {
      // Deleting a namespace removes its veths (and their peers) and the bridge.
      execFileSync('ip', ['netns', 'del', ns]);
      removed.push(ns);
    }
  }
  rmSync(stateDirFor(prefix), { recursive: true, force: true });
  return { removed, warnings };
}

/** Every camaudit lab on this machine (state dirs, plus namespaces ending in -scan/-dev whose prefix has a state dir). */
export async function downAll(): Promise<string[]> {
  const prefixes = existsSync(STATE_ROOT) ? readdirSync(STATE_ROOT) : [];
  const done: string[] = [];
  for (const p of prefixes) {
    if (!isLabPrefix(p)) continue; // not a folder a lab made
    await downLab(p);
    done.push(p);
  }
  return done;
}

/** A lab subnet: /16../24 inside 198.18.0.0/15, given by its network address. */
export interface LabSubnet { cidr: string; network: number; bits: number; /** usable device offsets: 0..maxOffset */ maxOffset: number }

const ipToInt = (ip: string): number => ip.split('.').reduce((a, o) => a * 256 + Number(o), 0);
export const intToIp = (n: number): string => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

/** Parses and checks a lab subnet; throws a one-line Error naming the rule it breaks. */
export function parseLabSubnet(cidr: string): LabSubnet {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  const bad = (why: string) => new Error(`--subnet ${cidr}: ${why} (e.g. 198.18.0.0/24 or 198.18.0.0/20)`);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255)) throw bad('not an IPv4 CIDR');
  const bits = Number(m[5]);
  if (bits < 16 || bits > 24) throw bad('the lab takes a /16 to /24');
  const network = ipToInt(m.slice(1, 5).join('.'));
  const size = 2 ** (32 - bits);
  if (network % size !== 0) throw bad(`not a network address (the /${bits} starts at ${intToIp(network - (network % size))})`);
  if (Math.floor(network / 2 ** 17) !== ipToInt('198.18.0.0') / 2 ** 17) throw bad('the lab stays inside 198.18.0.0/15');
  // .0 network, .1 unused, .2 scanner, .3-.9 spare; devices from +10 up to the last address before broadcast.
  return { cidr, network, bits, maxOffset: size - 12 };
}

export interface DeviceSource { id: string; profileFile: string; offset: number; mac: string }
export interface PlannedDevice extends DeviceSource { copyOf?: string }

/**
 * Where each device goes. `size` devices (default: one per profile): the profiles in order, then copies of them
 * (id `<id>.copy<k>`, a MAC with the profile's OUI and a per-copy suffix, marked `copyOf`). Offsets are the profiles'
 * own (copies take the lowest free ones), or with `spread` evenly over the whole subnet, so a sweep meets devices
 * from its first address to its last.
 */
export function planDevices(profiles: DeviceSource[], subnet: LabSubnet, o: { size?: number; spread?: boolean } = {}): PlannedDevice[] {
  const n = o.size ?? profiles.length;
  if (!Number.isInteger(n) || n < 1) throw new Error(`--size ${n}: give a whole number of devices, at least 1`);
  if (profiles.length === 0) throw new Error('no device profiles');
  const slots = subnet.maxOffset + 1;
  if (n > slots) throw new Error(`--size ${n}: a /${subnet.bits} lab has room for ${slots} devices`);
  if (n > 4000) throw new Error(`--size ${n}: at most 4000 devices (one veth pair and routing table each)`);
  const macs = new Set(profiles.map((p) => p.mac.toLowerCase()));
  let macSeq = 0;
  const copyMac = (mac: string): string => {
    for (;;) {
      const suffix = (0xfe0000 + macSeq++).toString(16).padStart(6, '0');
      const m = `${mac.slice(0, 8)}:${suffix.slice(0, 2)}:${suffix.slice(2, 4)}:${suffix.slice(4, 6)}`.toLowerCase();
      if (!macs.has(m)) { macs.add(m); return m; }
    }
  };
  const out: PlannedDevice[] = [];
  for (let i = 0; i < n; i++) {
    const p = profiles[i % profiles.length];
    const k = Math.floor(i / profiles.length);
    out.push(k === 0 ? { ...p, mac: p.mac.toLowerCase() } : { id: `${p.id}.copy${k}`, profileFile: p.profileFile, offset: -1, mac: copyMac(p.mac), copyOf: p.id });
  }
  if (o.spread) {
    // Evenly over 0..maxOffset, first device at offset 0 and the last near the end of the subnet.
    out.forEach((d, i) => { d.offset = Math.floor((i * slots) / n); });
  } else {
    const used = new Set<number>();
    for (const d of out) {
      if (d.offset < 0) continue;
      if (d.offset > subnet.maxOffset) throw new Error(`${d.id}: offset ${d.offset} is outside the /${subnet.bits}`);
      used.add(d.offset);
    }
    let next = 0;
    for (const d of out) {
      if (d.offset >= 0) continue;
      while (used.has(next)) next++;
      d.offset = next;
      used.add(next);
    }
  }
  return out;
}

export interface UpOptions {
  prefix: string;
  devices: Array<{ id: string; profileFile: string; offset: number; mac: string; copyOf?: string }>;
  /** Legacy form of a /24: "198.18.0." (ignored when `subnet` is given). */
  base?: string;
  /** The lab subnet, /16../24 inside 198.18.0.0/15; default 198.18.0.0/24. */
  subnet?: string;
  /** Command to start one process in the device namespace; default: the emulator (see emulatorCommand). */
  responder?: { cmd: string; args: string[] } | null;
  readyTimeoutMs?: number;
  /** Put the devices behind a router namespace: the scanner sees no device MAC and no device multicast. */
  routed?: boolean;
  /** Extra emulator settings written into its config (e.g. a shorter SSDP announcement interval for tests). */
  emulator?: { ssdpNotifyIntervalMs?: number; wsdMaxDelayMs?: number };
}

/** The transit /24 of a routed lab: inside 198.18.0.0/15, in the other /16 half from the lab subnet's start. */
export function transitSubnet(net: LabSubnet): { cidr: string; gateway: string; scanner: string } {
  const base = Math.floor(net.network / 2 ** 16) % 2 === 0 ? ipToInt('198.19.255.0') : ipToInt('198.18.255.0');
  return { cidr: `${intToIp(base)}/24`, gateway: intToIp(base + 1), scanner: intToIp(base + 2) };
}

/** The emulator entry: the built file when present, else the TypeScript source through tsx. */
export function emulatorCommand(root: string): { cmd: string; args: string[] } {
  const built = join(root, 'dist/src/lab/emulator/run.js');
  if (existsSync(built)) return { cmd: process.execPath, args: [built] };
  return { cmd: process.execPath, args: ['--import', 'tsx', join(root, 'src/lab/emulator/run.ts')] };
}

export async function upLab(o: UpOptions): Promise<LabState> {
  requireRoot();
  checkPrefix(o.prefix);
  await downLab(o.prefix); // stale lab of the same prefix (only what its state file recorded)
  const net = parseLabSubnet(o.subnet ?? `${o.base ?? '198.18.0.'}0/24`);
  const at = (hostPart: number): string => intToIp(net.network + hostPart);
  const scanNs = `${o.prefix}-scan`;
  const devNs = `${o.prefix}-dev`;
  const rtrNs = `${o.prefix}-rtr`;
  const transit = o.routed ? transitSubnet(net) : null;
  const stateDir = stateDirFor(o.prefix);
  // Names that exist now were not made by this lab (its own stale ones went above): refuse before touching anything.
  const wanted = [devNs, scanNs, ...(transit ? [rtrNs] : [])];
  const present = new Set(listNamespaces());
  for (const ns of wanted) {
    if (present.has(ns)) throw new Error(`namespace ${ns} already exists and is not this lab's (no state file in ${stateDir} records it): choose another --prefix, or remove it yourself if it is yours`);
  }
  mkdirSync(stateDir, { recursive: true });
  const seen = new Map<string, string>();
  const devices: LabDevice[] = o.devices.map((d, i) => {
    if (!Number.isInteger(d.offset) || d.offset < 0 || d.offset > net.maxOffset) throw new Error(`${d.id}: offset ${d.offset} is outside the /${net.bits}`);
    const ip = at(10 + d.offset);
    const other = seen.get(ip);
    if (other) throw new Error(`devices ${other} and ${d.id} both have address ${ip}`);
    seen.set(ip, d.id);
    return { id: d.id, profileFile: d.profileFile, ip, mac: d.mac.toLowerCase(), ifname: `d${i}`, ...(d.copyOf ? { copyOf: d.copyOf } : {}) };
  });
  const st: LabState = {
    prefix: o.prefix, scanNs, devNs, subnet: net.cidr, scannerIp: transit ? transit.scanner : at(2), devices, emulatorPid: null,
    stateDir, configFile: join(stateDir, 'emulator.json'), requestLog: join(stateDir, 'requests.jsonl'), startedAt: new Date().toISOString(), namespaces: [],
    ...(transit ? { routed: { rtrNs, transit: transit.cidr, gateway: transit.gateway } } : {}),
  };
  writeState(st); // recorded before anything exists, so a crash mid-way still leaves the state dir to clean
  try {
    for (const ns of wanted) {
      // `ip netns add` fails on an existing name, so a namespace recorded here is one this lab made.
      ipBatch(null, [`netns add ${ns}`]);
      st.namespaces!.push(ns);
      writeState(st);
    }
    const sysctl = spawnSync('ip', ['netns', 'exec', devNs, 'sysctl', '-q', '-w',
      'net.ipv4.conf.all.arp_ignore=1', 'net.ipv4.conf.all.arp_announce=2', 'net.ipv4.conf.default.arp_ignore=1',
      'net.ipv4.conf.default.arp_announce=2', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0'], { encoding: 'utf8' });
    if (sysctl.status !== 0) throw new Error(`sysctl in ${devNs} failed: ${sysctl.stderr.trim().split('\n')[0]}`);
    const dev: string[] = [
      'link set lo up',
      'link add br0 type bridge mcast_snooping 0',
      'link set br0 up',
      // Switched: the scanner's veth on the bridge. Routed: the router's device-side leg instead.
      transit ? `link add s0 type veth peer name eth1 netns ${rtrNs}` : `link add s0 type veth peer name eth0 netns ${scanNs}`,
      'link set s0 master br0 up',
    ];
    devices.forEach((d, i) => {
      // Per-device policy table; ids from 1000 stay clear of the reserved 253 (default), 254 (main), 255 (local).
      const table = 1000 + i;
      dev.push(
        `link add d${i} address ${d.mac} type veth peer name b${i}`,
        `link set b${i} master br0 up`,
        `addr add ${d.ip}/${net.bits} dev d${i}`,
        `link set d${i} up`,
        `rule add from ${d.ip} table ${table}`,
        `route add ${net.cidr} dev d${i} src ${d.ip} table ${table}`,
        `route add 224.0.0.0/4 dev d${i} table ${table}`,
        // Routed: replies to the scanner go back through the router at <network>+1.
        ...(transit ? [`route add default via ${at(1)} dev d${i} src ${d.ip} table ${table}`] : []),
      );
    });
    ipBatch(devNs, dev);
    if (transit) {
      const fwd = spawnSync('ip', ['netns', 'exec', rtrNs, 'sysctl', '-q', '-w', 'net.ipv4.ip_forward=1', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0'], { encoding: 'utf8' });
      if (fwd.status !== 0) throw new Error(`sysctl in ${rtrNs} failed: ${fwd.stderr.trim().split('\n')[0]}`);
      ipBatch(rtrNs, [
        'link set lo up',
        `link add eth0 type veth peer name eth0 netns ${scanNs}`,
        'link set eth0 address 02:00:5e:12:00:01',
        `addr add ${transit.gateway}/24 dev eth0`,
        'link set eth0 up',
        'link set eth1 address 02:00:5e:12:00:03',
        `addr add ${at(1)}/${net.bits} dev eth1`,
        'link set eth1 up',
      ]);
    }
    ipBatch(scanNs, [
      'link set lo up',
      'link set eth0 address 02:00:5e:12:00:02',
      `addr add ${st.scannerIp}/${transit ? 24 : net.bits} dev eth0`,
      'link set eth0 up',
      'route add 224.0.0.0/4 dev eth0',
      ...(transit ? [`route add ${net.cidr} via ${transit.gateway} dev eth0`] : []),
    ]);
    // The emulator's config schema is strict: it gets the devices without the lab's bookkeeping (copyOf).
    const emuDevices = devices.map(({ copyOf: _copyOf, ...d }) => d);
    // Routed: the scanner's probes come from the transit /24, which the emulator must accept.
    writeFileSync(st.configFile, JSON.stringify({ devices: emuDevices, subnet: st.subnet, scannerIp: st.scannerIp, stateDir, requestLog: st.requestLog, ...(transit ? { allowSources: [transit.cidr] } : {}), ...(o.emulator ?? {}) }, null, 2));
    if (o.responder !== null && o.responder && devices.length > 0) {
      st.emulatorPid = await startResponder(devNs, o.responder, st.configFile, stateDir, o.readyTimeoutMs ?? 15_000);
      st.emulatorStartTime = processStartTime(st.emulatorPid) ?? undefined;
      writeState(st);
    }
    return st;
  } catch (e) {
    // The half-built lab goes; if removing it fails too, the error says both.
    await downLab(o.prefix).catch((cleanup: unknown) => {
      throw new Error(`${describeFailure(e, { allLines: true, max: 2000 })}; removing the half-built lab also failed: ${describeFailure(cleanup)}`, { cause: e });
    });
    throw e;
  }
}

function startResponder(devNs: string, r: { cmd: string; args: string[] }, configFile: string, stateDir: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('ip', ['netns', 'exec', devNs, r.cmd, ...r.args, configFile], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    let failed = false;
    const timer = setTimeout(() => fail(`emulator not READY within ${timeoutMs} ms`), timeoutMs);
    function fail(msg: string): void {
      // ERROR on stdout and the exit that follows both land here: report the first only.
      if (failed) return;
      failed = true;
      clearTimeout(timer);
      child.kill('SIGKILL'); // a child that has exited already is a no-op, not a throw
      try {
        writeFileSync(join(stateDir, 'emulator.log'), out + err);
      } catch (e) {
        rethrowUnless(e, 'ENOENT'); // state dir already removed
      }
      reject(new Error(msg));
    }
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (/^READY$/m.test(out)) {
        clearTimeout(timer);
        // Keep the emulator running after we return; its output no longer matters to us.
        child.stdout.removeAllListeners('data');
        child.stdout.resume();
        child.stderr.resume();
        child.unref();
        (child.stdout as unknown as { unref?: () => void }).unref?.();
        (child.stderr as unknown as { unref?: () => void }).unref?.();
        resolve(child.pid ?? 0);
      } else {
        const m = /^ERROR (.*)$/m.exec(out);
        if (m) fail(`emulator: ${m[1]}`);
      }
    });
    child.stderr.on('data', (b: Buffer) => { if (err.length < 65536) err += b.toString(); });
    child.on('error', (e) => fail(`cannot start emulator: ${e.message}`));
    child.on('exit', (code) => { if (!/^READY$/m.test(out)) fail(`emulator exited (${code}) before READY: ${(err.trim().split('\n').pop() ?? '').slice(0, 200)}`); });
  });
}
