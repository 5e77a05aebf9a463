// Lab start-up at N devices (default 50): profiles from fixtures/devices, duplicated at extra offsets with derived
// MACs when fewer exist; the rest of the /24 stays empty. Prints wall time of up (namespaces + emulator READY),
// the emulator's RSS (VmRSS/VmHWM) and time of down. Needs root. Run: npx tsx bench/lab-startup.ts [N]
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { downLab, emulatorCommand, upLab } from '../src/lab/lab.js';
import { loadProfiles } from '../src/lab/profile.js';

const ROOT = resolve(import.meta.dirname, '..');
const n = Number(process.argv[2] ?? 50);
const loaded = loadProfiles(join(ROOT, 'fixtures/devices'));
const devices = Array.from({ length: n }, (_, i) => {
  const l = loaded[i % loaded.length];
  // Duplicates: offset i, MAC with the profile's OUI and a per-copy suffix (so each device keeps a distinct MAC).
  const mac = i < loaded.length ? l.profile.mac : `${l.profile.mac.slice(0, 8)}:fe:${(i >> 8).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;
  return { id: i < loaded.length ? l.profile.id : `${l.profile.id}.copy${i}`, profileFile: l.file, offset: i, mac };
});
const t0 = performance.now();
const st = await upLab({ prefix: 'lnbench', devices, responder: emulatorCommand(ROOT), readyTimeoutMs: 30_000 });
const upMs = performance.now() - t0;
const status = readFileSync(`/proc/${st.emulatorPid}/status`, 'utf8');
const kb = (k: string): number => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
const t1 = performance.now();
await downLab('lnbench');
const downMs = performance.now() - t1;
console.log(JSON.stringify({ devices: n, distinctProfiles: loaded.length, emptyAddresses: 254 - 1 - n, upMs: Math.round(upMs), emulatorRssMB: +(kb('VmRSS') / 1024).toFixed(1), emulatorPeakRssMB: +(kb('VmHWM') / 1024).toFixed(1), downMs: Math.round(downMs) }));
