// fast-check over the numeric flag parsers (issue 18): parseIntegerFlag for every documented range, and --ports.
// Any input gives either a value inside the range or a one-line usage error whose text is safe; never another
// exception. `npm run fuzz` runs FUZZ_RUNS=100000 per property; the normal test run uses 2,000.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIntegerFlag, SCAN_FLAG_RANGES } from '../../src/cli/flags.js';
import { parsePorts } from '../../src/engine/ports.js';
import { isCamauditError } from '../../src/core/errors.js';
import { isSafeText } from '../../src/core/text-safety.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
/** A parsePorts case may build the whole 65,535-port list: about 2 ms each on this machine, more under load. */
const TIMEOUT = Math.max(30_000, RUNS * 10);
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

describe('numeric flag parsers under fast-check', { timeout: TIMEOUT }, () => {
  it(`parseIntegerFlag: ${RUNS} cases, values in range or one safe usage line, 0 crashes`, () => {
    let crashes = 0;
    let escapes = 0;
    fc.assert(
      fc.property(fc.constantFrom(...ranges), rawValue, ([flag, range], raw) => {
        let n: number;
        try {
          n = parseIntegerFlag(flag, raw, range);
        } catch (e) {
          if (!isCamauditError(e) || e.code !== 'CAMAUDIT_ERR_USAGE') crashes++;
          else if (!isSafeText(e.message) || e.message.length > 200) escapes++;
          return;
        }
        expect(Number.isSafeInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(range.min);
        expect(n).toBeLessThanOrEqual(range.max);
        // A plain digit string inside the range is always taken, as written.
        const last = Array.isArray(raw) ? raw[raw.length - 1] : raw;
        if (typeof last === 'string') expect(n).toBe(Number(last));
      }),
      { numRuns: RUNS },
    );
    expect({ crashes, escapes }).toEqual({ crashes: 0, escapes: 0 });
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
    let crashes = 0;
    let escapes = 0;
    fc.assert(
      fc.property(fc.array(portPart, { maxLength: 12 }), (parts) => {
        let ports: number[];
        try {
          ports = parsePorts(parts.join(','));
        } catch (e) {
          if (!isCamauditError(e)) crashes++;
          else if (!isSafeText(e.message)) escapes++;
          return;
        }
        const seen = new Uint8Array(65_536);
        let ok = true;
        for (const p of ports) {
          if (!Number.isInteger(p) || p < 1 || p > 65535 || seen[p]) ok = false;
          else seen[p] = 1;
        }
        expect(ok).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect({ crashes, escapes }).toEqual({ crashes: 0, escapes: 0 });
  });
});
