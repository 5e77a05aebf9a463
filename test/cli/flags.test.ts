// Numeric flags (issue 18): whole numbers within documented ranges, refused on one line before anything is sent.
import { describe, expect, it } from 'vitest';
import { parseIntegerFlag, parseScanNumbers, SCAN_FLAG_RANGES, TIMER_MAX_MS } from '../../src/cli/flags.js';
import { isCamauditError } from '../../src/core/errors.js';
import { runCli } from '../helpers/cli.js';

const refused = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isCamauditError(e)) return e.message;
    throw e;
  }
  throw new Error('not refused');
};

describe('parseIntegerFlag', () => {
  const r = SCAN_FLAG_RANGES.concurrency;
  it.each(['1', '256', '4096', '0256'])('takes %j', (v) => expect(parseIntegerFlag('concurrency', v, r)).toBe(Number(v)));
  it.each(['0.5', '0', '4097', '1e9', '1e3', '0x10', '-1', ' 5', '5 ', '', 'NaN', 'Infinity', '99999999999999999999', '٣'])('refuses %j', (v) => {
    expect(refused(() => parseIntegerFlag('concurrency', v, r))).toMatch(/^--concurrency .*whole number from 1 to 4096 connections$/);
  });
  it('takes the last of a repeated flag, and a default given as a number', () => {
    expect(parseIntegerFlag('concurrency', ['8', '16'], r)).toBe(16);
    expect(parseIntegerFlag('concurrency', 256, r)).toBe(256);
    expect(refused(() => parseIntegerFlag('concurrency', 0.5, r))).toContain('whole number');
  });
  it('every timer a flag feeds stays within 2^31-1 ms', () => {
    const R = SCAN_FLAG_RANGES;
    expect(R.budget.max * 1000).toBeLessThanOrEqual(TIMER_MAX_MS);
    expect(R['host-budget'].max * 1000).toBeLessThanOrEqual(TIMER_MAX_MS);
    expect(R['discovery-window'].max * 1000).toBeLessThanOrEqual(TIMER_MAX_MS);
    // A probe's request timeout is the connect timeout plus its 5 s deadline.
    expect(R['connect-timeout'].max + 5000).toBeLessThanOrEqual(TIMER_MAX_MS);
  });
  it('parseScanNumbers checks every scan flag', () => {
    const ok = { concurrency: '64', rate: '0', connectTimeout: '1500', hostBudget: 15, discoveryWindow: 3, budget: 0, statsEvery: 30 };
    expect(parseScanNumbers(ok)).toEqual({ concurrency: 64, rate: 0, connectTimeout: 1500, hostBudget: 15, discoveryWindow: 3, budget: 0, statsEvery: 30 });
    expect(refused(() => parseScanNumbers({ ...ok, budget: '2592000' }))).toMatch(/^--budget 2592000: too large/);
  });
});

// On the CLI: --dry-run sends nothing, and the flags are checked before the plan.
describe('camaudit scan refuses numbers it cannot honour', { timeout: 60_000 }, () => {
  it.each([
    ['--concurrency', '0.5'],
    ['--concurrency', '1e9'],
    ['--connect-timeout', '1e12'],
    ['--budget', '2592000'],
    ['--host-budget', '1e9'],
  ])('%s %s: one line, exit 2', async (flag, value) => {
    const r = await runCli(['scan', '198.18.0.1', '--dry-run', flag, value]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${flag} `);
    expect(r.stdout).toBe('');
  });
});
