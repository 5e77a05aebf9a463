// --ports parsing (issue 18): deduplicated in first-seen order, bad parts refused on one line, and linear: the
// full range repeated costs what it costs once (it was quadratic: one argument ran 822 s at 100% CPU).
import { describe, expect, it } from 'vitest';
import { parsePorts } from '../../src/engine/ports.js';
import { isCamauditError } from '../../src/core/errors.js';

function cpuMs(fn: () => void): number {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

describe('parsePorts', () => {
  it('keeps first-seen order and drops repeats', () => {
    expect(parsePorts('80,443,8000-8003,81,443,8001-8005')).toEqual([80, 443, 8000, 8001, 8002, 8003, 81, 8004, 8005]);
    expect(parsePorts(' 554 , 554,1-3,2')).toEqual([554, 1, 2, 3]);
  });

  it.each(['0', '65536', '10-5', 'http', '80;443', '1e3', '', ',,'])('refuses %j with a usage error', (spec) => {
    let err: unknown;
    try {
      parsePorts(spec);
    } catch (e) {
      err = e;
    }
    expect(isCamauditError(err)).toBe(true);
  });

  it('the full range once takes under 1 s of CPU', () => {
    let n = 0;
    expect(cpuMs(() => (n = parsePorts('1-65535').length))).toBeLessThan(1000);
    expect(n).toBe(65535);
  });

  it('the full range repeated 10,000 times in one argument takes under 2 s of CPU', () => {
    let n = 0;
    const spec = Array(10_000).fill('1-65535').join(',');
    expect(cpuMs(() => (n = parsePorts(spec).length))).toBeLessThan(2000);
    expect(n).toBe(65535);
  });
});
