// The progress line (issue 2): on a TTY one line with addresses done/total, hosts alive, devices, elapsed and ETA,
// rewritten in place; silent when the stream is not a terminal (pipes, CI logs) or TERM=dumb.
import { describe, it, expect, afterEach } from 'vitest';
import { EtaEstimator, NO_PROGRESS, PeriodicProgress, ProgressLine, progressFor } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 120, write: (s: string) => (written.push(s), true), written } as unknown as NodeJS.WriteStream & { written: string[] };
}

const saved = { CI: process.env.CI, TERM: process.env.TERM };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

describe('ProgressLine', () => {
  it('on a TTY: counts, elapsed and ETA on one line, rewritten with \\r, cleared at the end', () => {
    delete process.env.CI;
    process.env.TERM = 'xterm';
    const s = fakeStream(true);
    const p = new ProgressLine(s);
    expect(p.enabled).toBe(true);
    p.update({ addressesDone: 64, addressesTotal: 256, hostsAlive: 5, devicesFound: 3, elapsedMs: 10_000 });
    expect(s.written[0]).toMatch(/^\rscanning 64\/256 addresses · 5 alive · 3 devices · 10s eta 30s/);
    expect(s.written[0]).not.toContain('\n');
    p.update({ addressesDone: 64, addressesTotal: 256, hostsAlive: 5, devicesFound: 3, elapsedMs: 10_000 });
    expect(s.written).toHaveLength(1); // unchanged line is not rewritten
    p.update({ addressesDone: 200, addressesTotal: 256, hostsAlive: 6, devicesFound: 4, elapsedMs: 75_000 });
    expect(s.written[1]).toMatch(/200\/256 .* 1m15s eta 21s/);
    p.clear();
    expect(s.written[2]).toMatch(/^\r +\r$/);
  });

  it('silent when not a TTY, with TERM=dumb, or under CI', () => {
    delete process.env.CI;
    process.env.TERM = 'xterm';
    const pipe = fakeStream(false);
    const p = new ProgressLine(pipe);
    p.update({ addressesDone: 1, addressesTotal: 2, hostsAlive: 0, devicesFound: 0, elapsedMs: 1 });
    p.clear();
    expect(p.enabled).toBe(false);
    expect(pipe.written).toEqual([]);
    process.env.TERM = 'dumb';
    expect(new ProgressLine(fakeStream(true)).enabled).toBe(false);
    process.env.TERM = 'xterm';
    process.env.CI = '1';
    expect(new ProgressLine(fakeStream(true)).enabled).toBe(false);
  });
});

/** A SYNTHETIC timeline of (elapsed ms, addresses done) sampled every 250 ms, as the scan reports, until `total`. */
function sampled(total: number, doneAt: (t: number) => number): { t: number; done: number }[] {
  const out: { t: number; done: number }[] = [];
  for (let t = 250, done = 0; done < total; t += 250) {
    done = Math.min(total, doneAt(t));
    out.push({ t, done });
  }
  return out;
}
// As issue 17 saw it: the refused and quickly answered addresses finish in a burst (60 in 1.5 s), then the silent
// ones at the connect-timeout pace, 15 expiring together every 2 s.
const BURST = sampled(256, (t) => (t <= 1500 ? Math.round((60 * t) / 1500) : 60 + Math.floor((t - 1500) / 2000) * 15));
const STEADY = sampled(256, (t) => Math.floor(t / 100));
// Slow first (1 per second for 10 s), then fast: an estimate must come down quickly.
const SLOW_FAST = sampled(256, (t) => (t < 10_000 ? Math.floor(t / 1000) : 10 + Math.floor((t - 10_000) / 50)));

/** Upward travel of an estimate over the run (the sum of its rises), and its worst error in the second half. */
function measure(estimate: (t: number, done: number) => number | null, tl: { t: number; done: number }[]): { rises: number; lateError: number } {
  const end = tl[tl.length - 1].t;
  let prev: number | null = null;
  let rises = 0;
  let lateError = 0;
  for (const { t, done } of tl) {
    const e = estimate(t, done);
    if (e !== null && prev !== null && e > prev) rises += e - prev;
    prev = e;
    // Relative to the real time left, plus 2 s so the last second's tiny remainders do not dominate.
    if (e !== null && done < 256 && done / 256 > 0.5) lateError = Math.max(lateError, Math.abs(e - (end - t)) / (end - t + 2000));
  }
  return { rises, lateError };
}
const plainEta = (t: number, done: number) => (done > 0 && done < 256 ? (t / (done / 256)) * (1 - done / 256) : null);
const smoothed = () => {
  const eta = new EtaEstimator();
  return (t: number, done: number) => eta.update(t, done, 256);
};

describe('EtaEstimator (issue 17: an ETA that does not climb erratically)', () => {
  it('on synthetic timelines it climbs far less than the plain estimate and ends close to the truth', () => {
    const rows = ([['bursty sweep', BURST], ['steady', STEADY], ['slow then fast', SLOW_FAST]] as const).map(([name, tl]) => ({ name, plain: measure(plainEta, tl), smooth: measure(smoothed(), tl) }));
    for (const r of rows) console.log(`[eta] ${r.name}: upward travel plain ${(r.plain.rises / 1000).toFixed(1)} s, smoothed ${(r.smooth.rises / 1000).toFixed(1)} s; late error plain ${(100 * r.plain.lateError).toFixed(0)}%, smoothed ${(100 * r.smooth.lateError).toFixed(0)}%`);
    const [burst, steady, slowFast] = rows;
    expect(burst.plain.rises).toBeGreaterThan(15_000); // the problem: 3 s → 11 s and up and down with each batch
    expect(burst.smooth.rises).toBeLessThan(8_000);
    expect(burst.smooth.lateError).toBeLessThan(0.45);
    expect(steady.smooth.rises).toBe(0);
    expect(steady.smooth.lateError).toBeLessThan(0.1);
    expect(slowFast.plain.rises).toBeGreaterThan(100_000);
    expect(slowFast.smooth.rises).toBeLessThan(15_000);
    expect(slowFast.smooth.lateError).toBeLessThan(1);
  });

  it('no estimate before 2 s or 2% of the work; 0 when done', () => {
    expect(new EtaEstimator().update(1000, 100, 256)).toBeNull();
    expect(new EtaEstimator().update(5000, 2, 256)).toBeNull();
    expect(new EtaEstimator().update(5000, 256, 256)).toBe(0);
  });
});

describe('progress off a terminal, and --quiet', () => {
  it('a plain line every period when stderr is not a terminal, the first after one period', () => {
    const s = fakeStream(false);
    const p = new PeriodicProgress(s, 30_000);
    for (let t = 0; t <= 95_000; t += 250) p.update({ addressesDone: Math.floor(t / 400), addressesTotal: 256, hostsAlive: 3, devicesFound: 2, elapsedMs: t });
    expect(s.written).toHaveLength(3); // at 30, 60 and 90 s
    expect(s.written[0]).toMatch(/^camaudit: progress 29%: 75\/256 addresses · 3 alive · 2 devices · 30s eta (\d+m)?\d+s\n$/);
    expect(s.written[2]).toMatch(/ 1m30s eta /);
  });

  it('progressFor: the line on a terminal, periodic lines otherwise, nothing with --quiet or --stats-every 0', () => {
    delete process.env.CI;
    process.env.TERM = 'xterm';
    expect(progressFor(fakeStream(true), { statsEverySeconds: 30 })).toBeInstanceOf(ProgressLine);
    expect(progressFor(fakeStream(false), { statsEverySeconds: 30 })).toBeInstanceOf(PeriodicProgress);
    expect(progressFor(fakeStream(true), { quiet: true, statsEverySeconds: 30 })).toBe(NO_PROGRESS);
    const off = progressFor(fakeStream(false), { statsEverySeconds: 0 });
    expect(off.enabled).toBe(false);
  });
});
