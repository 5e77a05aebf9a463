// The one sanitiser for text that leaves camaudit as plain text: the terminal (tables, progress, errors, logs),
// report.txt, `diff` output and CSV cells. Device- and file-controlled strings reach all of them, so every
// character that can drive a terminal or hide/reorder text is shown as a visible escape instead:
//   - C0 and C1 controls and DEL (ESC sequences, BEL, NUL, CR, LF, TAB):        \x1B \x07 \x00 \r \n \t
//   - bidi embeddings/overrides/isolates and marks (U+202A-202E, U+2066-2069, U+200E/F, U+061C)
//   - zero-width and other invisible format characters (U+200B-200D, U+2060-2064, U+FEFF, U+00AD, tags U+E00xx,
//     variation selectors, Hangul fillers: Unicode's Cf and Default_Ignorable_Code_Point), line/paragraph
//     separators (U+2028/2029) and lone surrogates:                               \u202E \u{E0041}
// Nothing is removed silently, so an auditor sees that a device sent something odd. HTML has its own escaping
// (src/report/html.ts); JSON output is escaped by JSON itself.
//
// CSV adds one rule (OWASP "CSV injection"): a cell whose first non-blank character would start a spreadsheet
// formula (= + - @, also in their fullwidth and small forms) is prefixed with an apostrophe.

/** Characters never written raw: controls, format/invisible characters, separators, lone surrogates. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Default_Ignorable_Code_Point}]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** The visible form of one unsafe character. */
function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x100) return `\\x${cp.toString(16).toUpperCase().padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** Any value as a string, without calling code a hostile object could carry (a throwing toString). */
function asString(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Error) return asString(value.message);
  return Object.prototype.toString.call(value);
}

/** True when `s` holds no character the sanitiser would escape. */
export function isSafeText(s: string): boolean {
  return !UNSAFE.test(s);
}

/**
 * `value` as one line of safe text: unsafe characters escaped visibly (see the header), then cut to `max`
 * characters ending in "…" (never inside an escape or a surrogate pair). Linear in the length of `value`.
 */
export function safeText(value: unknown, max = Number.POSITIVE_INFINITY): string {
  const s = asString(value);
  const limit = Number.isFinite(max) ? Math.max(1, Math.floor(max)) : Number.POSITIVE_INFINITY;
  if (s.length <= limit && !UNSAFE.test(s)) return s;
  if (!Number.isFinite(limit)) return s.replace(UNSAFE_ALL, escapeChar);
  // Every input unit gives at least one output character, so the first limit+1 units decide the output.
  const head = s.length > limit ? s.slice(0, limit + 1) : s;
  let out = '';
  let cutAt = 0; // the last piece boundary that leaves room for the ellipsis
  for (const ch of head) {
    const piece = UNSAFE.test(ch) ? escapeChar(ch) : ch;
    if (out.length + piece.length > limit) return `${out.slice(0, cutAt)}…`;
    out += piece;
    if (out.length <= limit - 1) cutAt = out.length;
  }
  return out;
}

/**
 * A spreadsheet formula start: = + - @ after any blanks (line breaks included), also in fullwidth (U+FF1D, FF0B,
 * FF0D, FF20) and small forms and U+2212; and, as OWASP lists them, a leading tab or carriage return.
 */
const FORMULA_START = /^(?:[\t\r]|[\s\p{Zs}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE66\uFE62\uFE63\uFE6B\u2212])/u;

/** True when a spreadsheet could read `s` (after any leading blanks) as a formula. */
export function startsFormula(s: string): boolean {
  return FORMULA_START.test(s);
}

/** A CSV cell's text: sanitised like every other output, then an apostrophe before a would-be formula. */
export function safeCsvText(value: unknown): string {
  const raw = asString(value);
  const s = safeText(raw);
  // The raw text decides too: "\n=1+1" is shown as "\\n=1+1", but it was a formula behind a line break.
  return startsFormula(s) || startsFormula(raw) ? `'${s}` : s;
}
