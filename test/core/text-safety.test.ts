// The one sanitiser (src/core/text-safety.ts). Strings here are SYNTHETIC hostile device text (escape sequences,
// bidi overrides, zero-width spaces); test/report/output-text.test.ts checks the outputs it guards.
import { describe, expect, it } from 'vitest';
import { isSafeText, safeCsvText, safeText } from '../../src/core/text-safety.js';

/** Every character the issue names: OSC title, clear screen, BEL, NUL, RLO, isolates, zero-width space. */
const HOSTILE = ['\u001b]0;pwned\u0007', '\u001b[2J', '\u0000', '\u0085', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200b', '\u200d', '\ufeff', '\u2028', '\u{e0041}', '\ud800'];
const RAW = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\u2028\u2029]|[\u{e0000}-\u{e007f}]|[\ud800-\udfff]/u;

describe('safeText', () => {
  it.each(HOSTILE)('shows %j as a visible escape, never raw', (s) => {
    const out = safeText(`a${s}b`);
    expect(RAW.test(out)).toBe(false);
    expect(out).toMatch(/^a\\(x[0-9A-F]{2}|u[0-9A-F]{4}|u\{[0-9A-F]+\})/);
    expect(isSafeText(out)).toBe(true);
  });

  it('names the common controls and keeps ordinary text, accents and CJK as they are', () => {
    expect(safeText('a\nb\rc\td')).toBe('a\\nb\\rc\\td');
    expect(safeText('\u001b[31mred')).toBe('\\x1B[31mred');
    expect(safeText('Caméra 监控 Ünïcode')).toBe('Caméra 监控 Ünïcode');
    expect(safeText('evil\u202eexe.txt')).toBe('evil\\u202Eexe.txt');
  });

  it('cuts to max with an ellipsis, never inside an escape or a surrogate pair', () => {
    expect(safeText('abcdef', 4)).toBe('abc…');
    expect(safeText('ab\u001bcd', 5)).toBe('ab…');
    expect(safeText('a😀b', 3)).toBe('a…');
    expect(safeText('abc', 3)).toBe('abc');
    expect(safeText('x'.repeat(10_000_000), 10)).toHaveLength(10);
  });

  it('takes any value without calling its code', () => {
    const hostile = { toString: () => { throw new Error('boom'); } };
    expect(safeText(hostile)).toBe('[object Object]');
    expect(safeText(null)).toBe('');
    expect(safeText(12)).toBe('12');
  });
});

