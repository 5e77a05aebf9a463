// Numeric command-line flags: whole numbers within documented ranges, checked before anything is sent.
// Every timer a flag feeds stays at or under 2^31-1 ms (Node's setTimeout limit: a longer delay fires at once,
// which turned `--budget 2592000` into a scan that stopped before it started), and concurrency has a cap
// (`--concurrency 1e9` exhausted V8). The ranges are in `camaudit scan --help` and the README.
import { UsageError } from '../core/errors.js';
import { safeText } from '../core/text-safety.js';

/** Node's largest timer delay (ms); anything longer fires after 1 ms. */
export const TIMER_MAX_MS = 2 ** 31 - 1;
/** Seconds that still fit in one timer: 2,147,483 s (about 24.8 days). */
export const TIMER_MAX_SECONDS = Math.floor(TIMER_MAX_MS / 1000);

export interface IntegerRange {
  min: number;
  max: number;
  /** Unit named in the message ("ms", "seconds", "connections"). */
  unit: string;
}

/** The documented ranges of `camaudit scan`'s numeric flags. */
export const SCAN_FLAG_RANGES = {
  /** Most open TCP connections: the kernel's neighbour table (1,024 entries) is already the bottleneck at 1,024. */
  concurrency: { min: 1, max: 4096, unit: 'connections' },
  /** New connections per second, 0 = no limit. */
  rate: { min: 0, max: 100_000, unit: 'connections per second' },
  /** One TCP connect; a probe adds its 5 s deadline to it in one timer, so 10 minutes keeps every timer in range. */
  'connect-timeout': { min: 1, max: 600_000, unit: 'ms' },
  /** Sweep time per host. */
  'host-budget': { min: 1, max: 86_400, unit: 'seconds' },
  /** UDP discovery listening window. */
  'discovery-window': { min: 1, max: 3_600, unit: 'seconds' },
  /** Whole-scan budget, 0 = none: one timer, so at most 2^31-1 ms. */
  budget: { min: 0, max: TIMER_MAX_SECONDS, unit: 'seconds' },
  /** A progress line every this many seconds when stderr is not a terminal, 0 = none. */
  'stats-every': { min: 0, max: 86_400, unit: 'seconds' },
} as const satisfies Record<string, IntegerRange>;

const DIGITS = /^[0-9]{1,15}$/;

/**
 * The value of `--<flag>` as a whole number in `range`, or a one-line UsageError. `raw` is what yargs gives: a
 * string as typed (digits only: no sign, fraction, exponent or hex), a number (a default), or an array when the flag
 * was repeated (the last one counts, as for every other option).
 */
export function parseIntegerFlag(flag: string, raw: unknown, range: IntegerRange): number {
  const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
  const shown = safeText(typeof value === 'string' ? value : String(value), 40);
  const bad = (why: string) => new UsageError(`--${flag} ${shown}: ${why}`);
  const span = `a whole number from ${range.min} to ${range.max} ${range.unit}`;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string' && DIGITS.test(value)) n = Number(value);
  else if (typeof value === 'string' && /^[0-9]{16,}$/.test(value)) throw bad(`too large: give ${span}`);
  else throw bad(`give ${span}`);
  if (!Number.isSafeInteger(n)) throw bad(`give ${span}`);
  if (n < range.min) throw bad(`too small: give ${span}`);
  if (n > range.max) throw bad(`too large: give ${span}`);
  return n;
}

/** The numeric flags of `camaudit scan`, validated. */
export interface ScanNumbers {
  concurrency: number;
  rate: number;
  connectTimeout: number;
  hostBudget: number;
  discoveryWindow: number;
  budget: number;
  statsEvery: number;
}

export function parseScanNumbers(a: Record<string, unknown>): ScanNumbers {
  const r = SCAN_FLAG_RANGES;
  return {
    concurrency: parseIntegerFlag('concurrency', a.concurrency, r.concurrency),
    rate: parseIntegerFlag('rate', a.rate, r.rate),
    connectTimeout: parseIntegerFlag('connect-timeout', a.connectTimeout, r['connect-timeout']),
    hostBudget: parseIntegerFlag('host-budget', a.hostBudget, r['host-budget']),
    discoveryWindow: parseIntegerFlag('discovery-window', a.discoveryWindow, r['discovery-window']),
    budget: parseIntegerFlag('budget', a.budget, r.budget),
    statsEvery: parseIntegerFlag('stats-every', a.statsEvery, r['stats-every']),
  };
}

/** "1-4096" for a help text. */
export function rangeText(range: IntegerRange): string {
  return `${range.min.toLocaleString('en-GB')}-${range.max.toLocaleString('en-GB')}`;
}
