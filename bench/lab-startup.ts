// Lab start-up at N devices (default 50) on a subnet (default 198.18.0.0/24): the committed profiles from
// fixtures/devices, repeated as marked copies with derived MACs when N is larger (src/lab/lab.ts planDevices),
// spread evenly over the subnet. Prints wall time of up (namespaces + links + emulator READY), the emulator's RSS
// (VmRSS/VmHWM) and time of down. Needs root. Run: npx tsx bench/lab-startup.ts [N] [SUBNET]   (prefix bnchs)
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { downLab, emulatorCommand, parseLabSubnet, planDevices, upLab } from '../src/lab/lab.js';
import { loadProfiles } from '../src/lab/profile.js';

const ROOT = resolve(import.meta.dirname, '..');
const n = Number(process.argv[2] ?? 50);
const net = parseLabSubnet(process.argv[3] ?? '198.18.0.0/24');
let files: string[] = [];
try {
  files = execFileSync('git', ['ls-files', 'fixtures/devices/*.json'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => join(ROOT, f));
} catch { /* not a git checkout: every profile in the folder */ }
const loaded = loadProfiles(files.length ? files : join(ROOT, 'fixtures/devices'));
const devices = planDevices(loaded.map((l) => ({ id: l.profile.id, profileFile: l.file, offset: l.profile.offset, mac: l.profile.mac })), net, { size: n, spread: true });
const t0 = performance.now();
const st = await upLab({ prefix: 'bnchs', subnet: net.cidr, devices, responder: emulatorCommand(ROOT), readyTimeoutMs: 15_000 + 100 * n });
const upMs = performance.now() - t0;
const status = readFileSync(`/proc/${st.emulatorPid}/status`, 'utf8');
const kb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
const t1 = performance.now();
await downLab('bnchs');
const downMs = performance.now() - t1;
const load = readFileSync('/proc/loadavg', 'utf8').split(' ')[0];
console.log(JSON.stringify({ devices: n, subnet: net.cidr, distinctProfiles: loaded.length, copies: devices.filter((d) => d.copyOf).length, upMs: Math.round(upMs), emulatorRssMB: +(kb('VmRSS') / 1024).toFixed(1), emulatorPeakRssMB: +(kb('VmHWM') / 1024).toFixed(1), downMs: Math.round(downMs), load1: Number(load) }));
