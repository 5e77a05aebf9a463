// The probes on a 198.18.0.0/15 address inside a private namespace (prefix "ctcp"), plus a
// blackholed address where SYNs vanish: the connect timeout must hold. Cleans up after itself.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { createNs, deleteNs, execInNs, ip, isRoot, nsName } from '../helpers/netns.js';
import { inspectRequest } from '../../src/probes/never-send.js';
import type { Observation } from '../../src/core/observation.js';

describe.skipIf(!isRoot)('probes inside a private namespace', () => {
  const ns = nsName('ctcp');
  beforeAll(() => {
    createNs(ns);
    ip('-n', ns, 'addr', 'add', '198.18.55.10/32', 'dev', 'lo');
    // Blackhole: a veth pair with ARP off, so SYNs to 198.18.55.99 leave and nothing answers.
    ip('-n', ns, 'link', 'add', 'cb0', 'type', 'veth', 'peer', 'name', 'cb1');
    ip('-n', ns, 'link', 'set', 'cb0', 'up', 'arp', 'off');
    ip('-n', ns, 'link', 'set', 'cb1', 'up');
    ip('-n', ns, 'route', 'add', '198.18.55.99/32', 'dev', 'cb0');
  });
  afterAll(() => deleteNs(ns));

  it('every module answers within its deadline; the blackhole ends at the connect timeout', async () => {
    const r = await execInNs(ns, [process.execPath, path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'test/probes/netns-child.ts')], 60_000);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { modulesMs: number; blackholeMs: number; observations: Observation[]; requests: string[] };
    const kinds = new Set(out.observations.map((o) => `${o.kind}:${o.port}`));
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['http:80', 'tls:443', 'rtsp:554']));
    expect(out.observations.find((o) => o.kind === 'http' && o.fields.path === '/')?.fields.server).toBe('DNVRS-Webs');
    expect(out.observations.find((o) => o.kind === 'rtsp' && o.fields.method === 'DESCRIBE')?.fields['auth.realm']).toBe('iPOLiS');
    expect(out.modulesMs).toBeLessThan(4 * 2000);
    expect(out.blackholeMs).toBeGreaterThanOrEqual(900);
    expect(out.blackholeMs).toBeLessThanOrEqual(1100);
    for (const q of out.requests) expect(inspectRequest(q).allowed).toBe(true);
  }, 90_000);

  it('the namespace is gone after cleanup', () => {
    deleteNs(ns);
    expect(ip('netns', 'list')).not.toContain(ns);
  });
});
