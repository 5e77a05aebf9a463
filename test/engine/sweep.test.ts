import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import path from 'node:path';
import { connectProbe, sweepHost, sweep, type HostSweep } from '../../src/engine/sweep.js';
import { Limiter } from '../../src/core/limiter.js';
import { ROOT } from '../helpers/cli.js';
import { createNs, deleteNs, execInNs, ip, isRoot, nsName } from '../helpers/netns.js';

let server: net.Server;
let openPort = 0;
let closedPort = 0;

beforeAll(async () => {
  server = net.createServer((s) => s.destroy());
  await new Promise<void>((r) => server.listen(0, '127.0.0.7', r));
  openPort = (server.address() as net.AddressInfo).port;
  // A port nobody listens on: bind, read the number, close.
  const tmp = net.createServer();
  await new Promise<void>((r) => tmp.listen(0, '127.0.0.7', r));
  closedPort = (tmp.address() as net.AddressInfo).port;
  await new Promise<void>((r) => tmp.close(() => r()));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('connect probe on loopback', () => {
  it('open, closed (RST counts as alive)', async () => {
    expect((await connectProbe('127.0.0.7', openPort, 1000)).state).toBe('open');
    expect((await connectProbe('127.0.0.7', closedPort, 1000)).state).toBe('closed');
  });

  it('a host with one open and one refused port is alive with both recorded', async () => {
    const h = await sweepHost('127.0.0.7', { ports: [closedPort, openPort], limiter: new Limiter(8, 4), connectTimeoutMs: 1000, hostBudgetMs: 5000 });
    expect(h).toMatchObject({ alive: true, open: [openPort], closed: [closedPort], reason: 'open' });
  });

  it('a host that only refuses is alive (reason refused)', async () => {
    const h = await sweepHost('127.0.0.8', { ports: [closedPort], limiter: new Limiter(8, 4), connectTimeoutMs: 1000, hostBudgetMs: 5000 });
    expect(h).toMatchObject({ alive: true, open: [], reason: 'refused' });
  });

  it('honours the global concurrency cap', async () => {
    const limiter = new Limiter(3, 4);
    let peak = 0;
    const orig = limiter.acquire.bind(limiter);
    limiter.acquire = async (k, s) => {
      const rel = await orig(k, s);
      peak = Math.max(peak, limiter.inFlight);
      return rel;
    };
    const seen: HostSweep[] = [];
    const addrs = Array.from({ length: 20 }, (_, i) => `127.0.1.${i + 1}`);
    await sweep(addrs, { ports: [closedPort, openPort], limiter, connectTimeoutMs: 1000, hostBudgetMs: 5000, hostConcurrency: 10, onHost: (h) => void seen.push(h) });
    expect(seen).toHaveLength(20);
    expect(peak).toBeLessThanOrEqual(3);
  });

  it('honours --rate: 40 connections at 20/s take about 2 s', async () => {
    const limiter = new Limiter(64, 64, 20);
    const starts: number[] = [];
    const addrs = Array.from({ length: 40 }, (_, i) => `127.0.2.${i + 1}`);
    const t0 = Date.now();
    await sweep(addrs, { ports: [closedPort], limiter, connectTimeoutMs: 1000, hostBudgetMs: 5000, hostConcurrency: 40, onHost: () => {}, onAttempt: (r) => starts.push(Date.now() - r.ms - t0) });
    const span = Math.max(...starts) - Math.min(...starts);
    // 40 starts at 20/s: 39 gaps of 50 ms = 1.95 s; allow 10%.
    expect(span).toBeGreaterThan(1950 * 0.9);
    expect(span).toBeLessThan(1950 * 1.1 + 100);
  });
});

// A blackhole needs an address where packets vanish, inside a private namespace.
describe.skipIf(!isRoot)('blackhole and unreachable addresses (network namespace)', () => {
  const ns = nsName('swt');
  beforeAll(() => {
    createNs(ns);
    // A veth pair with ARP off: SYNs cross to bh1, are not for any local address, and are dropped
    // (forwarding is off in a new namespace). No reply of any kind ever comes back.
    ip('-n', ns, 'link', 'add', 'bh0', 'type', 'veth', 'peer', 'name', 'bh1');
    ip('-n', ns, 'link', 'set', 'bh0', 'up', 'arp', 'off');
    ip('-n', ns, 'link', 'set', 'bh1', 'up');
    ip('-n', ns, 'addr', 'add', '198.18.9.1/32', 'dev', 'lo');
    ip('-n', ns, 'route', 'add', '198.18.9.0/24', 'dev', 'bh0'); // SYNs go out bh0 and vanish
  });
  afterAll(() => deleteNs(ns));

  it('a blackhole address times out at the connect timeout and is not alive', async () => {
    const script = path.join(ROOT, 'test/engine/sweep-child.ts');
    const r = await execInNs(ns, [process.execPath, '--import', 'tsx', script, '198.18.9.50', '80,554', '700']);
    expect(r.stderr).toBe('');
    const h = JSON.parse(r.stdout) as HostSweep & { attempts: { state: string; ms: number }[] };
    expect(h.alive).toBe(false);
    expect(h.reason).toBe('no answer');
    for (const a of h.attempts) {
      expect(a.state).toBe('filtered');
      expect(a.ms).toBeGreaterThanOrEqual(690);
      expect(a.ms).toBeLessThan(1200);
    }
  });
});
