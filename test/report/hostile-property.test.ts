// Property tests: whatever a device calls itself, HTML shows it as text and CSV never starts a formula.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { renderCsv, csvCell } from '../../src/report/csv.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { mergeResults } from '../../src/report/merge.js';
import { device, result } from '../helpers/result-builder.js';
import { safeText } from '../../src/core/text-safety.js';
import { htmlText } from '../helpers/html-text.js';

const runs = Number(process.env.FUZZ_RUNS ?? 200);
const nasty = fc.oneof(fc.string({ maxLength: 80 }), fc.constantFrom('<script>', '</td></tr></table><script>alert(1)</script>', '"><svg onload=alert(1)>', "'", '=cmd|"/c calc"!A1', '\u001b[2J', '\u2028'));

describe('hostile device strings', () => {
  it('HTML never contains a tag or attribute break from a device field', () => {
    fc.assert(
      fc.property(nasty, nasty, nasty, (a, b, c) => {
        const marker = `Z${a}Q${b}W${c}`;
        const html = htmlText(result([device({ model: marker, brand: a, manufacturerName: b, firmware: c, hostnames: [a, b] })]));
        const body = html.slice(html.indexOf('<body>'), html.indexOf('<script>'));
        // the only '<' in device-controlled positions are our own tags: count them against a clean render
        // (an empty field may leave out its markup, e.g. the printed firmware line: the clean render keeps each emptiness)
        const keep = (v: string, clean: string) => (v ? clean : v);
        const clean = htmlText(result([device({ model: 'Z', brand: keep(a, 'x'), manufacturerName: keep(b, 'y'), firmware: keep(c, 'z'), hostnames: [keep(a, 'x'), keep(b, 'y')] })]));
        const cleanBody = clean.slice(clean.indexOf('<body>'), clean.indexOf('<script>'));
        expect((body.match(/</g) ?? []).length).toBe((cleanBody.match(/</g) ?? []).length);
      }),
      { numRuns: runs },
    );
  });

  it('a maker string "__proto__" keeps its bar in the HTML chart and its own key in a merged summary', () => {
    // Regression (fast-check seed 1740899808): a plain-object count dropped the "__proto__" key.
    const devs = [device({ ip: '198.18.0.5', manufacturerName: '__proto__', mac: '00:11:22:33:44:01', ids: ['mac:00:11:22:33:44:01'] }), device({ ip: '198.18.0.6', manufacturerName: 'constructor', mac: '00:11:22:33:44:02', ids: ['mac:00:11:22:33:44:02'] })];
    const html = htmlText(result(devs));
    const chart = /aria-label="Devices by maker"[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    expect(chart).toContain('>__proto__</text>');
    expect(chart).toContain('>constructor</text>');
    const merged = mergeResults([result(devs)]);
    expect(Object.hasOwn(merged.summary.byManufacturer, '__proto__')).toBe(true);
    expect(merged.summary.byManufacturer['__proto__']).toBe(1);
    expect(merged.summary.byManufacturer.constructor).toBe(1);
    expect(JSON.parse(JSON.stringify(merged.summary.byManufacturer))).toEqual(Object.fromEntries([['__proto__', 1], ['constructor', 1]]));
  });

  it('CSV cells never start with a formula character and survive RFC 4180 quoting', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const cell = csvCell(s);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
        expect(/^[=+\-@\t\r]/.test(unquoted)).toBe(false);
        // The cell is the one sanitiser's text (controls shown as escapes), with an apostrophe before a formula.
        expect(unquoted === safeText(s) || unquoted === `'${safeText(s)}`).toBe(true);
        expect(renderCsv(result([device({ model: s })])).startsWith('\uFEFF')).toBe(true);
      }),
      { numRuns: runs },
    );
  });

  it('terminal output carries no control characters from devices', () => {
    fc.assert(
      fc.property(nasty, (s) => {
        const out = renderTerminal(result([device({ model: s, brand: s })]), { colour: false });
        expect(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(out)).toBe(false);
      }),
      { numRuns: runs },
    );
  });
});
