import { describe, expect, it } from 'vitest';
import { getEventListeners } from 'node:events';
import { Limiter } from '../../src/core/limiter.js';

describe('Limiter', () => {
  it('holds the global and per-key caps', async () => {
    const lim = new Limiter(3, 1);
    let peak = 0;
    const perKeyPeak = new Map<string, number>();
    const live = new Map<string, number>();
    const job = (key: string) =>
      lim.run(key, async () => {
        live.set(key, (live.get(key) ?? 0) + 1);
        perKeyPeak.set(key, Math.max(perKeyPeak.get(key) ?? 0, live.get(key)!));
        peak = Math.max(peak, lim.inFlight);
        await new Promise((r) => setTimeout(r, 5));
        live.set(key, live.get(key)! - 1);
      });
    await Promise.all(['a', 'a', 'b', 'b', 'c', 'c', 'd', 'd'].map(job));
    expect(peak).toBe(3);
    expect(Math.max(...perKeyPeak.values())).toBe(1);
    expect(lim.inFlight).toBe(0);
  });

  it('removes its abort listener once a slot is granted (no listener pile-up on a shared signal)', async () => {
    const lim = new Limiter(2);
    const ac = new AbortController();
    for (let i = 0; i < 50; i++) await lim.run('k', async () => undefined, ac.signal);
    expect(getEventListeners(ac.signal, 'abort').length).toBe(0);
  });

  it('rejects waiters when the signal aborts and never grants them', async () => {
    const lim = new Limiter(1);
    const release = await lim.acquire('x');
    const ac = new AbortController();
    const waiting = lim.acquire('y', ac.signal);
    ac.abort();
    await expect(waiting).rejects.toThrow('aborted');
    release();
    expect(lim.inFlight).toBe(0);
  });

  it('spaces starts by the rate', async () => {
    const lim = new Limiter(10, Infinity, 20); // 20/s → 50 ms apart
    const starts: number[] = [];
    await Promise.all([0, 1, 2, 3].map(() => lim.run('', async () => void starts.push(Date.now()))));
    expect(starts[3] - starts[0]).toBeGreaterThanOrEqual(140);
  });
});
