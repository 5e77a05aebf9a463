// fast-check over the numeric flag parsers (issue 18): parseIntegerFlag for every documented range, and --ports.
// Any input gives either a value inside the range or a one-line usage error whose text is safe; never another
// exception. parseIntegerFlag runs at least 100,000 cases in every test run (test/fuzz/counted.ts); parsePorts, whose
// case may build the whole 65,535-port list, runs FUZZ_RUNS (2,000; `npm run fuzz` 100,000). Every case is counted;
// the file prints its totals and asserts 0 escapes and 0 crashes.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIntegerFlag, SCAN_FLAG_RANGES } from '../../src/cli/flags.js';
import { parsePorts } from '../../src/engine/ports.js';
import { isCamauditError } from '../../src/core/errors.js';
import { isSafeText } from '../../src/core/text-safety.js';
import { CHEAP_RUNS, RUNS, summary, tally, type Tally } from './counted.js';

/** A parsePorts case may build the whole 65,535-port list: about 2 ms each on this machine, more under load. */
const TIMEOUT = Math.max(60_000, RUNS * 10);
const ranges = Object.entries(SCAN_FLAG_RANGES);

const numberLike = fc.oneof(
  fc.nat({ max: 10_000_000 }).map(String),
  fc.bigInt({ min: 0n, max: 10n ** 25n }).map(String),
  fc.double().map(String),
  fc.integer().map(String),
  fc.constantFrom('1e9', '1e12', '0x10', '0b1', '0o7', ' 5', '5 ', '+5', '-0', '0.5', '.5', '5.', 'NaN', 'Infinity', '', '٣', '５', '\u001b[2J', '2592000', '2147483', '2147484'),
  fc.string({ maxLength: 20 }),
);
const rawValue = fc.oneof(numberLike, fc.double(), fc.integer(), fc.array(numberLike, { maxLength: 3 }), fc.constantFrom(undefined, null, true, {}));

const tallies: Tally[] = [];
afterAll(() => { console.log(summary('flags', tallies)); });

describe('numeric flag parsers under fast-check', { timeout: TIMEOUT }, () => {
  it(`parseIntegerFlag: ${CHEAP_RUNS} cases, values in range or one safe usage line, 0 crashes`, () => {
    const t = tally('parseIntegerFlag');
    tallies.push(t);
    fc.assert(
      fc.property(fc.constantFrom(...ranges), rawValue, ([flag, range], raw) => {
        t.cases++;
        let n: number;
        try {
          n = parseIntegerFlag(flag, raw, range);
        } catch (e) {
          if (!isCamauditError(e) || e.code !== 'CAMAUDIT_ERR_USAGE') {
            t.crashes++;
            return false;
          }
          if (!isSafeText(e.message) || e.message.length > 200) {
            t.escapes++;
            return false;
          }
          return true;
        }
        // A value out of range, or a digit string not taken as written, escaped the check.
        const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
        if (!Number.isSafeInteger(n) || n < range.min || n > range.max || (typeof last === 'string' && n !== Number(last))) {
          t.escapes++;
          return false;
        }
        return true;
      }),
      { numRuns: CHEAP_RUNS },
    );
    expect(t).toEqual({ name: 'parseIntegerFlag', cases: CHEAP_RUNS, escapes: 0, crashes: 0 });
  });

  it('takes every digit string inside the range', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ranges), fc.nat(), ([flag, range], k) => {
        const v = range.min + (k % (range.max - range.min + 1));
        expect(parseIntegerFlag(flag, String(v), range)).toBe(v);
      }),
      { numRuns: RUNS },
    );
  });

  const portPart = fc.oneof(
    fc.integer({ min: 0, max: 70_000 }).map(String),
    fc.tuple(fc.integer({ min: 0, max: 70_000 }), fc.integer({ min: 0, max: 70_000 })).map(([a, b]) => `${a}-${b}`),
    fc.constantFrom('1-65535', '', ' ', 'x', '80-', '-80', '1e3', '\u001b'),
    fc.string({ maxLength: 6 }),
  );
  it(`parsePorts: ${RUNS} cases, unique ports 1-65535 or one safe usage line, 0 crashes`, () => {
    const t = tally('parsePorts');
    tallies.push(t);
    fc.assert(
      fc.property(fc.array(portPart, { maxLength: 12 }), (parts) => {
        t.cases++;
        let ports: number[];
        try {
          ports = parsePorts(parts.join(','));
        } catch (e) {
          if (!isCamauditError(e)) {
            t.crashes++;
            return false;
          }
          if (!isSafeText(e.message)) {
            t.escapes++;
            return false;
          }
          return true;
        }
        const seen = new Uint8Array(65_536);
        for (const p of ports) {
          if (!Number.isInteger(p) || p < 1 || p > 65535 || seen[p]) {
            t.escapes++;
            return false;
          }
          seen[p] = 1;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
    expect(t).toEqual({ name: 'parsePorts', cases: RUNS, escapes: 0, crashes: 0 });
  });
});
