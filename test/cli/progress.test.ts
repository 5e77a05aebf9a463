// The progress line (issue 2): on a TTY one line with addresses done/total, hosts alive, devices, elapsed and ETA,
// rewritten in place; silent when the stream is not a terminal (pipes, CI logs) or TERM=dumb.
import { describe, it, expect, afterEach } from 'vitest';
import { ProgressLine } from '../../src/cli/progress.js';

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
