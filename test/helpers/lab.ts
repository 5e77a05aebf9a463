// Test helper: a private virtual camera LAN (see src/lab/lab.ts) for one test file. Needs root.
//
//   const lab = await startLab({ prefix: 'mytest', devices: ['hikvision-isapi-2'] });
//   const r = await lab.exec('node', ['-e', '...']);        // runs inside the scanner namespace
//   const out = await runCamauditInLab(lab, ['scan', lab.subnet, '--format', 'json']); // built bin/camaudit.js
//   lab.requests();                                          // what the emulator received
//   await lab.stop();                                        // always, in afterAll
//
// prefix: 1-10 lower-case letters/digits, unique per test file (namespaces are <prefix>-scan and <prefix>-dev).
// devices: profile ids (looked up in `dir`, default fixtures/devices) or profile file paths; default all in dir.
// extraProfiles: profile files elsewhere (e.g. hostile test profiles), always added.
// spread: 'dense' keeps each profile's offset (198.18.0.(10+offset)); 'slash24' spreads the devices evenly over
// offsets 0..239 so a sweep meets them across the whole /24.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { downLab, emulatorCommand, upLab, type LabState } from '../../src/lab/lab.js';
import { loadProfiles, type Profile } from '../../src/lab/profile.js';
import { readRequestLog, type RequestLogEntry } from '../../src/lab/emulator/request-log.js';
import { fixtureDir } from './fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ExecResult { code: number | null; stdout: string; stderr: string }
export interface Lab {
  prefix: string; scanNs: string; devNs: string; subnet: string; scannerIp: string;
  devices: Array<{ id: string; ip: string; mac: string; profile: Profile }>;
  state: LabState;
  exec(cmd: string, args: string[], opts?: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string }): Promise<ExecResult>;
  requests(): RequestLogEntry[];
  stop(): Promise<void>;
}

export interface StartLabOptions {
  prefix: string; devices?: string[]; dir?: string; extraProfiles?: string[]; spread?: 'dense' | 'slash24';
  /** devices behind a router namespace (no device MACs for the scanner) */
  routed?: boolean;
  /** Emulator settings passed through (e.g. `{ ssdpNotifyIntervalMs: 2000 }`). */
  emulator?: { ssdpNotifyIntervalMs?: number; wsdMaxDelayMs?: number };
  /** Command started in the device namespace instead of the emulator (gets the config file as last argument, prints READY). */
  responder?: { cmd: string; args: string[] };
}

export async function startLab(o: StartLabOptions): Promise<Lab> {
  const dir = o.dir ?? fixtureDir('devices');
  const all = loadProfiles(dir);
  let chosen = all;
  if (o.devices) {
    chosen = o.devices.map((d) => {
      if (d.endsWith('.json') || d.endsWith('.yaml') || d.includes('/')) return loadProfiles([resolve(d)])[0];
      const hit = all.find((l) => l.profile.id === d);
      if (!hit) throw new Error(`no profile "${d}" in ${dir}`);
      return hit;
    });
  }
  if (o.extraProfiles?.length) chosen = [...chosen, ...loadProfiles(o.extraProfiles.map((f) => resolve(f)))];
  const step = o.spread === 'slash24' && chosen.length > 0 ? Math.max(1, Math.floor(240 / chosen.length)) : 0;
  const devices = chosen.map((l, i) => ({ id: l.profile.id, profileFile: l.file, offset: step ? (i * step) % 240 : l.profile.offset, mac: l.profile.mac }));
  const state = await upLab({ prefix: o.prefix, devices, responder: o.responder ?? emulatorCommand(ROOT), routed: o.routed, ...(o.emulator ? { emulator: o.emulator } : {}) });
  const byId = new Map(chosen.map((l) => [l.profile.id, l.profile]));
  return {
    prefix: state.prefix, scanNs: state.scanNs, devNs: state.devNs, subnet: state.subnet, scannerIp: state.scannerIp, state,
    devices: state.devices.map((d) => ({ id: d.id, ip: d.ip, mac: d.mac, profile: byId.get(d.id)! })),
    exec: (cmd, args, opts) => execInNs(state.scanNs, cmd, args, opts),
    requests: () => (existsSync(state.requestLog) ? readRequestLog(state.requestLog) : []),
    stop: async () => { await downLab(state.prefix); },
  };
}

export function execInNs(ns: string, cmd: string, args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; cwd?: string } = {}): Promise<ExecResult> {
  return new Promise((res) => {
    const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], { env: opts.env ?? process.env, cwd: opts.cwd ?? ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => { if (stdout.length < 32 << 20) stdout += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { if (stderr.length < 4 << 20) stderr += b.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); res({ code: null, stdout, stderr: stderr + e.message }); });
    child.on('close', (code) => { clearTimeout(timer); res({ code, stdout, stderr }); });
  });
}

/** Runs the built CLI (bin/camaudit.js; run `npm run build` first) inside the lab's scanner namespace. */
export function runCamauditInLab(lab: Lab, args: string[], opts: { timeoutMs?: number; cwd?: string } = {}): Promise<ExecResult> {
  return lab.exec(process.execPath, [join(ROOT, 'bin/camaudit.js'), ...args], opts);
}
