// Every UDP discovery module in ONE lab (prefix "udpl") holding every profile of fixtures/devices plus one
// SYNTHETIC test-only device (test/fixtures/synthetic-dvrip-5050.json: the corpus has no DVRIP 5050
// capture). Which profiles speak which protocol is read from the profiles at run time, so new profiles are
// covered as they land. Phase 1: multicast/broadcast only (no unicast targets). Phase 2: the 224.0.0.0/4 route
// deleted in the scanner namespace, no interface in the context (so no group or broadcast send at all: measured
// here, a socket with IP_MULTICAST_IF set still sends multicast without the route) and every device address
// given as a unicast target: unicast alone must still find every speaker. The discovery phase wall time (all modules at once) is printed and must stay within
// window + 0.5 s (+ process-exit slack). Needs root (network namespaces); the lab is removed in afterAll.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot } from '../../src/lab/lab.js';
import type { Profile } from '../../src/lab/profile.js';
import { startLab, type Lab } from '../helpers/lab.js';
import { fixturePath } from '../helpers/fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CHILD = path.join(ROOT, 'test/discovery/udp-lab-child.ts');
const SYNTHETIC_DVRIP = fixturePath('synthetic', 'synthetic-dvrip-5050.json');
const WINDOW_MS = 2000;

/** Discovery module → the profile key that makes the emulator answer it. */
const SPEAKS: Record<string, (p: Profile) => boolean> = {
  wsd: (p) => !!p.wsDiscovery && !p.wsDiscovery.behaviour,
  ssdp: (p) => !!p.ssdp && !p.ssdp.behaviour,
  mdns: (p) => !!p.mdns && !p.mdns.behaviour,
  sadp: (p) => !!p.sadp && !p.sadp.behaviour,
  dhip: (p) => !!p.dhip && !p.dhip.behaviour,
  dvrip: (p) => !!p.dvrip && !p.dvrip.behaviour,
  xiongmai: (p) => !!p.xiongmai && !p.xiongmai.behaviour,
};
/** Observation kind each module emits for a device reply. */
const KIND: Record<string, string> = { wsd: 'wsd', ssdp: 'ssdp', mdns: 'mdns', sadp: 'sadp', dhip: 'dhip', dvrip: 'dvrip', xiongmai: 'xiongmai' };

interface ChildObs { host: string; module: string; kind: string; fields: Record<string, unknown>; notes?: string[] }
interface ChildOut { wallMs: number; perModuleMs: Record<string, number>; stats: Record<string, Record<string, number>>; observations: ChildObs[] }

let lab: Lab;
let phase1: ChildOut;
let phase2: ChildOut;

async function runChild(targets: string[], mode = 'group'): Promise<ChildOut> {
  const r = await lab.exec(process.execPath, ['--import', 'tsx', CHILD, lab.scannerIp, lab.subnet, String(WINDOW_MS), targets.length ? targets.join(',') : '-', mode], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`child failed (${r.code}): ${r.stderr.slice(-500)}`);
  return JSON.parse(r.stdout) as ChildOut;
}

const speakers = (module: string) => lab.devices.filter((d) => SPEAKS[module](d.profile));
const foundHosts = (out: ChildOut, module: string) => new Set(out.observations.filter((o) => o.module === module && o.kind === KIND[module]).map((o) => o.host));

describe.skipIf(!isRoot())('UDP discovery modules in the lab (multicast/broadcast, then unicast only)', () => {
  beforeAll(async () => {
    lab = await startLab({ prefix: 'udpl', extraProfiles: [SYNTHETIC_DVRIP] });
    phase1 = await runChild([]);
    const del = spawnSync('ip', ['-n', lab.scanNs, 'route', 'del', '224.0.0.0/4'], { encoding: 'utf8' });
    if (del.status !== 0) throw new Error(`route del failed: ${del.stderr}`);
    phase2 = await runChild(lab.devices.map((d) => d.ip), 'unicast-only');
    const summary = (o: ChildOut) => `${o.wallMs} ms (${Object.entries(o.perModuleMs).map(([k, v]) => `${k} ${v}`).join(', ')})`;
    console.log(`udp-lab: ${lab.devices.length} devices, window ${WINDOW_MS} ms; multicast phase ${summary(phase1)}; unicast-only phase ${summary(phase2)}`);
    console.log(`udp-lab speakers: ${Object.keys(SPEAKS).map((m) => `${m} ${speakers(m).length}`).join(', ')}`);
  }, 180_000);
  afterAll(async () => {
    await lab?.stop();
  }, 60_000);

  for (const module of Object.keys(SPEAKS)) {
    it(`${module}: every profile speaking it is found by multicast/broadcast, and again by unicast alone`, () => {
      const expected = speakers(module).map((d) => d.ip).sort();
      expect(expected.length, `no lab profile speaks ${module}`).toBeGreaterThan(0);
      expect([...foundHosts(phase1, module)].sort(), 'multicast/broadcast').toEqual(expected);
      expect([...foundHosts(phase2, module)].sort(), 'unicast only').toEqual(expected);
    });
  }

  it('replies carry the profile data (spot checks per protocol)', () => {
    const byHost = (out: ChildOut, module: string, id: string) => {
      const ip = lab.devices.find((d) => d.id === id)?.ip;
      return out.observations.filter((o) => o.module === module && o.host === ip);
    };
    const chromecast = lab.devices.find((d) => d.profile.mdns?.services.some((s) => s.type === '_googlecast._tcp'));
    if (chromecast) {
      const ev = byHost(phase1, 'mdns', chromecast.id).find((o) => o.fields.service === '_googlecast._tcp' && o.fields.instance);
      expect(ev?.fields).toMatchObject({ port: 8009, 'txt.md': 'Chromecast', addresses: [chromecast.ip] });
    }
    // A type only learned from the DNS-SD enumeration (not asked by name) still yields its instance.
    const tivo = lab.devices.find((d) => d.profile.mdns?.services.some((s) => s.type.startsWith('_tivo-')));
    if (tivo) expect(byHost(phase1, 'mdns', tivo.id).some((o) => String(o.fields.service).startsWith('_tivo-') && o.fields.instance)).toBe(true);
    const [dvrip] = byHost(phase1, 'dvrip', 'synthetic-dvrip-5050');
    expect(dvrip.fields).toMatchObject({ model: 'SYNTHETIC-DVRIP-LAB', port: 37777, mac: '02:00:5e:00:c8:01' });
  });

  it('UPnP descriptions are fetched from every SSDP profile that serves one at its LOCATION', () => {
    const serving = lab.devices.filter((d) => SPEAKS.ssdp(d.profile) && d.profile.ssdp?.description).map((d) => d.ip).sort();
    const fetched = new Set(phase1.observations.filter((o) => o.kind === 'upnp').map((o) => o.host));
    expect(serving.length).toBeGreaterThan(0);
    expect([...fetched].sort()).toEqual(expect.arrayContaining(serving));
    for (const o of phase1.observations.filter((x) => x.kind === 'upnp')) expect(String(o.fields.location)).toContain(`//${o.host}:`);
  });

  it('no device is credited with a protocol it does not speak', () => {
    for (const out of [phase1, phase2])
      for (const module of Object.keys(SPEAKS)) {
        const allowed = new Set(speakers(module).map((d) => d.ip));
        for (const h of foundHosts(out, module)) expect(allowed.has(h), `${module} from ${h}`).toBe(true);
      }
  });

  it('phase 2 sent unicast only (3 sends per target per probe), and both phases end on time', () => {
    const n = lab.devices.length;
    // One probe each: SADP, DHIP, DVRIP, Xiongmai; two for SSDP and WSD.
    for (const m of ['sadp', 'dhip', 'dvrip', 'xiongmai']) expect(phase2.stats[m]?.sent, m).toBe(3 * n);
    for (const m of ['ssdp', 'wsd']) expect(phase2.stats[m]?.sent, m).toBe(6 * n);
    expect(phase1.stats.sadp?.sent).toBe(3); // group sends only in phase 1
    // Window + 0.5 s for the modules; the child's own start-up is not in wallMs.
    for (const out of [phase1, phase2]) expect(out.wallMs).toBeLessThan(WINDOW_MS + 500);
  });
});
