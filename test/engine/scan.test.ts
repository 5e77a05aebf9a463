import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { runScan, type EngineOptions } from '../../src/engine/scan.js';
import { buildScope } from '../../src/scope/scope.js';
import type { DiscoveryModule } from '../../src/core/module.js';
import { makeObservation } from '../../src/core/observation.js';

let server: net.Server;
let port = 0;
beforeAll(async () => {
  server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.3.2', r));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function options(over: Partial<EngineOptions> = {}): Promise<EngineOptions> {
  return {
    scope: await buildScope(['127.0.3.1-3'], []),
    ports: [port],
    sweep: true,
    modules: [],
    interfaces: [],
    concurrency: 16,
    rate: 0,
    connectTimeoutMs: 1000,
    hostBudgetMs: 5000,
    discoveryWindowMs: 300,
    budgetMs: 0,
    ...over,
  };
}

describe('scan engine', () => {
  it('records live hosts, runs host probes where a port is open or a UDP module heard the host, keeps evidence in scope', async () => {
    const probed: string[] = [];
    const unicast: string[] = [];
    const hostProbe: DiscoveryModule = {
      name: 'test-probe',
      description: 'records which hosts it was given',
      type: 'host',
      probeHost: async (ctx, t) => {
        probed.push(t.ip);
        ctx.emit(makeObservation(t.ip, 'test-probe', { kind: 'http', fields: { server: 'x' } }, { port: t.openPorts[0] }));
      },
    };
    const udp: DiscoveryModule = {
      name: 'test-udp',
      description: 'reads unicast targets and claims an out-of-scope reply',
      type: 'network',
      run: async (ctx) => {
        for await (const a of ctx.unicastTargets()) unicast.push(a);
        ctx.emit(makeObservation('127.0.3.1', 'test-udp', { kind: 'wsd', fields: { endpoint: 'urn:uuid:1' } }));
        ctx.emit(makeObservation('10.9.9.9', 'test-udp', { kind: 'wsd', fields: { endpoint: 'urn:uuid:2' } }));
      },
    };
    const progress: number[] = [];
    const out = await runScan(await options({ modules: [udp, hostProbe], onProgress: (p) => progress.push(p.devicesFound) }));
    expect(out.complete).toBe(true);
    // Devices on the progress line: hosts with evidence beyond the sweep (.1 and .2), not every live address.
    expect(progress.at(-1)).toBe(2);
    // Every loopback address refuses or accepts, so all three are alive; only .2 has the open port.
    expect([...out.hostsAlive].sort()).toEqual(['127.0.3.1', '127.0.3.2', '127.0.3.3']);
    // .2 has the open port; .1 has no open port but a UDP reply (probed after the sweep); .3 only refused.
    expect(probed).toEqual(['127.0.3.2', '127.0.3.1']);
    expect(unicast).toEqual(['127.0.3.1', '127.0.3.2', '127.0.3.3']);
    expect(out.store.get('127.0.3.2').find((o) => o.kind === 'host')?.fields).toMatchObject({ alive: true, openPorts: [port] });
    expect(out.store.get('127.0.3.1').map((o) => o.kind).sort()).toEqual(['host', 'http', 'wsd']); // http: the test probe
    expect(out.store.hosts()).not.toContain('10.9.9.9');
    expect(out.stats.get('test-udp', 'out-of-scope')).toBe(1);
  });

  it('a host only a UDP module found (no open swept port) still gets the host stage, with no open ports', async () => {
    const calls: Array<[string, number[]]> = [];
    const probe: DiscoveryModule = { name: 'rec', description: 'records', type: 'host', probeHost: async (_c, t) => void calls.push([t.ip, t.openPorts]) };
    const udp: DiscoveryModule = {
      name: 'udp-only',
      description: 'a reply from an address with no open TCP port',
      type: 'network',
      run: async (ctx) => ctx.emit(makeObservation('127.0.3.3', 'udp-only', { kind: 'ssdp', fields: { location: 'http://127.0.3.3:8008/dd.xml' } })),
    };
    const out = await runScan(await options({ modules: [udp, probe] }));
    expect(out.complete).toBe(true);
    // .2 has the open port (probed from the sweep); .3 only answered UDP; .1 refused only and said nothing: not probed.
    expect(calls.sort()).toEqual([['127.0.3.2', [port]], ['127.0.3.3', []]]);
  });

  it('a module that throws does not stop the scan, and its failure is noted where it happened', async () => {
    const bad: DiscoveryModule = { name: 'bad', description: 'throws', type: 'host', probeHost: async () => { throw new Error('boom'); } };
    const badNet: DiscoveryModule = { name: 'bad-net', description: 'throws', type: 'network', run: async () => { throw Object.assign(new Error('socket gone'), { code: 'EBADF' }); } };
    const out = await runScan(await options({ modules: [bad, badNet] }));
    expect(out.complete).toBe(true);
    expect(out.stats.get('bad', 'module-errors')).toBe(1);
    // The host module's failure is a probe observation on the host it was probing (it reaches that device's notes) …
    const probe = out.store.get('127.0.3.2').find((o) => o.kind === 'probe');
    expect(probe).toMatchObject({ module: 'bad', fields: { probe: 'bad', outcome: 'module-error' }, notes: ['probe stopped with an error: boom'] });
    // … the network module's, which belongs to no device, is a scan note.
    expect(out.stats.notes()).toEqual(['bad-net: discovery stopped with an error: EBADF: socket gone']);
  });

  it('an abort stops the scan within the 2 s drain and marks it incomplete', async () => {
    const ac = new AbortController();
    const slow: DiscoveryModule = {
      name: 'slow',
      description: 'never finishes on its own',
      type: 'network',
      run: (ctx) => new Promise((r) => ctx.signal.addEventListener('abort', () => setTimeout(r, 10_000))),
    };
    setTimeout(() => ac.abort(), 200);
    const t0 = Date.now();
    const out = await runScan(await options({ modules: [slow], signal: ac.signal }));
    const took = Date.now() - t0;
    expect(out.complete).toBe(false);
    expect(out.stopReason).toBe('interrupted');
    expect(took).toBeLessThan(200 + 2000 + 500);
  });

  it('the global budget ends the scan on time', async () => {
    const slow: DiscoveryModule = { name: 'slow', description: 'hangs', type: 'network', run: () => new Promise(() => {}) };
    const t0 = Date.now();
    const out = await runScan(await options({ modules: [slow], budgetMs: 1500 }));
    expect(out.complete).toBe(false);
    expect(out.stopReason).toMatch(/budget/);
    // Budget + 10%: the drain after a budget stop comes out of the budget itself.
    expect(Date.now() - t0).toBeLessThan(1500 * 1.1);
  });

  it('neighbour entries attach MACs only to hosts that were seen', async () => {
    const out = await runScan(
      await options({
        readNeighbours: async () => [
          { ip: '127.0.3.2', mac: '4c:bd:8f:00:00:01', state: 'REACHABLE', source: 'test' },
          { ip: '127.0.3.200', mac: '4c:bd:8f:00:00:02', state: 'STALE', source: 'test' },
        ],
      }),
    );
    expect(out.store.get('127.0.3.2').find((o) => o.kind === 'neigh')?.fields.mac).toBe('4c:bd:8f:00:00:01');
    expect(out.store.get('127.0.3.200')).toEqual([]);
  });
});
