// The outputs the one sanitiser guards (issue 18): terminal table, report.txt, diff text and CSV carry no raw
// control, bidi or zero-width character, and no CSV cell starts a formula. Device strings are SYNTHETIC.
import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderCsv, csvCell } from '../../src/report/csv.js';
import { diffResults, renderDiffText } from '../../src/report/diff.js';
import { device, result } from '../helpers/result-builder.js';

const RAW = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u2028\u2029]|[\u{e0000}-\u{e007f}]|[\ud800-\udfff]/u;
/** A spreadsheet formula start after any blanks, fullwidth forms included. */
const FORMULA = /^[\s\p{Zs}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/u;

describe('CSV formula starters', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', ' =1+1', '   @x', '\n=1+1', '\r\n+cmd', '\t=x', '\u00a0=1', '\u3000=1', '＝1+1', '＋1', '－1', '＠SUM(A1)', ' ＝HYPERLINK("http://x")'])('neutralises %j', (v) => {
    const cell = csvCell(v);
    const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
    expect(text.startsWith("'")).toBe(true);
    expect(FORMULA.test(text)).toBe(false);
    expect(RAW.test(text)).toBe(false);
  });

  it('leaves ordinary cells alone', () => {
    expect(csvCell('Hikvision')).toBe('Hikvision');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
  });
});

describe('outputs carry no raw control, bidi or zero-width character', () => {
  const evil = device({
    ip: '198.18.0.10',
    manufacturerName: 'Hik\u202evision',
    brand: 'br\u200band',
    model: 'DS\u2066-2CD\u2069',
    firmware: 'V5\u001b]0;pwned\u0007',
    hostnames: ['cam\u001b[2J'],
    services: [{ port: 80, protocol: 'http', product: 'App-webs/\u001b]0;owned\u0007\u0000' }],
    deviceTypeRationale: 'answers RTSP\u202e\u001b[2J',
    risk: { level: 'unknown', reason: 'answers RTSP\u202e\u001b[2J; no maker evidence', checks: ['the label\u200b\u0007'], policies: [] },
  });

  it('terminal table and report.txt', () => {
    const out = renderTerminal(result([evil]), { colour: false });
    expect(RAW.test(out.replace(/\n/g, ''))).toBe(false);
    expect(out).toContain('Hik\\u202Evision');
  });

  it('diff text', () => {
    const old = result([device({ ip: '198.18.0.10', model: 'old' })]);
    const out = renderDiffText(diffResults(old, result([evil])));
    expect(RAW.test(out.replace(/\n/g, ''))).toBe(false);
  });

  it('CSV (a device Server: header with ESC/BEL/NUL)', () => {
    const out = renderCsv(result([evil]));
    expect(RAW.test(out.replace(/^\uFEFF/, '').replace(/\r\n/g, ''))).toBe(false);
    expect(out).toContain('App-webs/\\x1B]0;owned\\x07\\x00');
  });
});
