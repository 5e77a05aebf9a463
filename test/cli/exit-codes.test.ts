// Exit codes of a finished scan (issue 2): 0 nothing at the --fail-on level, 1 devices at that level found.
import { describe, it, expect } from 'vitest';
import { exitCodeFor } from '../../src/cli/scan-run.js';
import type { ScanResult } from '../../src/core/result.js';

const withLevels = (...levels: string[]) => ({ devices: levels.map((level) => ({ risk: { level } })) }) as unknown as ScanResult;

describe('exitCodeFor', () => {
  it('--fail-on high (default): 1 only for high', () => {
    expect(exitCodeFor(withLevels('none', 'unknown', 'elevated'), 'high')).toBe(0);
    expect(exitCodeFor(withLevels('none', 'high'), 'high')).toBe(1);
    expect(exitCodeFor(withLevels(), 'high')).toBe(0);
  });
  it('--fail-on elevated: 1 for elevated or high, not for unknown', () => {
    expect(exitCodeFor(withLevels('elevated'), 'elevated')).toBe(1);
    expect(exitCodeFor(withLevels('high'), 'elevated')).toBe(1);
    expect(exitCodeFor(withLevels('unknown', 'none'), 'elevated')).toBe(0);
  });
  it('--fail-on unknown: 1 for a camera of unknown maker, and for elevated or high; 0 when all are none', () => {
    expect(exitCodeFor(withLevels('none', 'unknown'), 'unknown')).toBe(1);
    expect(exitCodeFor(withLevels('elevated'), 'unknown')).toBe(1);
    expect(exitCodeFor(withLevels('high'), 'unknown')).toBe(1);
    expect(exitCodeFor(withLevels('none', 'none'), 'unknown')).toBe(0);
    expect(exitCodeFor(withLevels(), 'unknown')).toBe(0);
  });
  it('--fail-on none: always 0', () => {
    expect(exitCodeFor(withLevels('high', 'elevated'), 'none')).toBe(0);
  });
});
