// fast-check over the one sanitiser (issue 18): any string, any cut, never throws, never lets a control, bidi or
// invisible character through, never leaves a CSV cell that starts a formula, and the terminal table, report.txt
// and diff text built from such strings stay clean. safeText and the CSV cell run at least 100,000 cases each in
// every test run (test/fuzz/counted.ts); the whole-report property runs FUZZ_RUNS (2,000; `npm run fuzz` 100,000).
// Every case is counted; the file prints its totals and asserts 0 escapes and 0 crashes.
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { safeText, safeCsvText } from '../../src/core/text-safety.js';
import { csvCell } from '../../src/report/csv.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { diffResults, renderDiffText } from '../../src/report/diff.js';
import { device, result } from '../helpers/result-builder.js';
import { CHEAP_RUNS, RUNS, summary, tally, type Tally } from './counted.js';

const TIMEOUT = Math.max(60_000, RUNS * 5);

/**
 * Independent of the implementation's class: C0, DEL, C1, the bidi controls, zero-width and word joiners,
 * invisible operators, BOM, line/paragraph separators, tags, variation selectors, Hangul fillers, soft hyphen,
 * interlinear annotation, Mongolian vowel separator, and any lone surrogate.
 */
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\u2028\u2029\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb]|[\u{e0000}-\u{e0fff}]|[\u{1d173}-\u{1d17a}]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;
const FORMULA = /^[\s\p{Zs}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212]/u;
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/u;

const HOSTILE_CHARS = ['\u001b', '\u0007', '\u0000', '\r', '\n', '\t', '\u0085', '\u009b', '\u202e', '\u202d', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200c', '\u200d', '\u200e', '\u2060', '\ufeff', '\u2028', '\u2029', '\u{e0041}', '\ud800', '\udc00', '\u00ad', '\u3164', '\ufe0f', '=', '+', '-', '@', '＝', '＋', '－', '＠', ' ', '\u00a0', '\u3000', 'a', 'Z', '9', '"', ',', '\\', '😀', '监'];
const units = fc.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 60 }).map((codes) => String.fromCharCode(...codes));
const hostile = fc.array(fc.constantFrom(...HOSTILE_CHARS), { maxLength: 60 }).map((xs) => xs.join(''));
const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), units, hostile, fc.string({ maxLength: 40 }));
const maxLen = fc.oneof(fc.integer({ min: 1, max: 120 }), fc.constant(Number.POSITIVE_INFINITY));

const tallies: Tally[] = [];
afterAll(() => { console.log(summary('text-safety', tallies)); });

describe('the sanitiser under fast-check', { timeout: TIMEOUT }, () => {
  it(`safeText: ${CHEAP_RUNS} cases, 0 escapes, 0 crashes, never longer than max, safe text unchanged`, () => {
    const t = tally('safeText');
    tallies.push(t);
    fc.assert(
      fc.property(anyText, maxLen, (s, max) => {
        t.cases++;
        let out: string;
        try {
          out = safeText(s, max);
        } catch {
          t.crashes++;
          return false;
        }
        // Over length, or text that was already safe and fits coming back changed, is a wrong result too.
        const wrong = out.length > max || (s.length <= max && !FORBIDDEN.test(s) && !INVISIBLE.test(s) && out !== s);
        if (FORBIDDEN.test(out) || wrong) {
          t.escapes++;
          return false;
        }
        return true;
      }),
      { numRuns: CHEAP_RUNS },
    );
    expect(t).toEqual({ name: 'safeText', cases: CHEAP_RUNS, escapes: 0, crashes: 0 });
  });

  it(`CSV cells: ${CHEAP_RUNS} cases, 0 formula starts, 0 escapes, 0 crashes`, () => {
    const t = tally('csvCell');
    tallies.push(t);
    fc.assert(
      fc.property(anyText, (s) => {
        t.cases++;
        let cell: string;
        let text: string;
        try {
          cell = csvCell(s);
          text = safeCsvText(s);
        } catch {
          t.crashes++;
          return false;
        }
        const inCell = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        if (FORBIDDEN.test(inCell) || FORMULA.test(inCell) || FORMULA.test(text)) {
          t.escapes++;
          return false;
        }
        return true;
      }),
      { numRuns: CHEAP_RUNS },
    );
    expect(t).toEqual({ name: 'csvCell', cases: CHEAP_RUNS, escapes: 0, crashes: 0 });
  });

  it(`terminal table, report.txt and diff text: ${RUNS} cases, 0 escapes, 0 crashes`, () => {
    const t = tally('terminal+diff');
    tallies.push(t);
    fc.assert(
      fc.property(anyText, anyText, anyText, (a, b, c) => {
        t.cases++;
        const evil = device({ ip: a, manufacturerName: b, brand: c, model: a + b, firmware: c, hostnames: [b], rationale: c, services: [{ port: 80, protocol: 'http', product: a }] });
        let outs: string[];
        try {
          outs = [
            renderTerminal(result([evil]), { colour: false }),
            renderDiffText(diffResults(result([device({ ip: a, model: 'old' })]), result([evil]))),
          ];
        } catch {
          t.crashes++;
          return false;
        }
        if (outs.some((o) => FORBIDDEN.test(o.replace(/\n/g, '')))) {
          t.escapes++;
          return false;
        }
        return true;
      }),
      { numRuns: RUNS },
    );
    expect(t).toEqual({ name: 'terminal+diff', cases: RUNS, escapes: 0, crashes: 0 });
  });
});
