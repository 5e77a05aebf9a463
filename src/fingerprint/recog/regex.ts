// Ruby (Onigmo) regular expressions, as Recog writes them, translated to JavaScript.
//
// Differences handled (Ruby → JavaScript):
// - `^`/`$` are always line anchors in Ruby, at \n only → `(?<![^\n])` / `(?![^\n])`.
// - `.` excludes only \n in Ruby (JS's also excludes \r) → `[^\n]`; Ruby's `m` option (`(?m)`,
//   REG_MULTILINE, REG_DOT_NEWLINE) is "dot matches newline" → `[\s\S]`.
// - `\A`, `\z`, `\Z` (string anchors), `\h`/`\H` (hex digit), `\e`, `\a`, `\R`, POSIX brackets
//   (`[[:alpha:]]` …), `{,n}`, a leading `]` in a class → JS equivalents.
// - Inline options: a leading `(?i)` becomes the JS `i` flag; scoped ones (`(?i:…)`, `(?i)` after content)
//   are emulated (letters as `[aA]`); `m` only changes how dots are written.
// - Possessive quantifiers (`a++`) and atomic groups (`(?>…)`) have no JS form: they become the greedy
//   quantifier / a non-capturing group. This can only make a pattern match more, never less; each such
//   pattern is listed as approximated.
// Anything else Ruby-only (`\G`, `\K`, `\X`, `\p{…}`, subexpression calls, conditionals, absence operator,
// nested classes, class intersection, `(?-i)` inside a case-insensitive pattern) is untranslatable: the
// pattern is reported and skipped, never guessed.

/** Bump when the translation changes: compiled.json made by another version is not used. */
export const TRANSLATOR_VERSION = 'ruby-to-js 1';

export interface RegexTranslation {
  ok: true;
  source: string;
  flags: string;
  /** The compiled JavaScript regex (compiled once, here). */
  re: RegExp;
  /** What was approximated (possessive quantifier, atomic group); empty when the translation is exact. */
  approximations: string[];
}

export interface RegexFailure {
  ok: false;
  reason: string;
}

interface Frame {
  i: boolean;
  s: boolean;
  x: boolean;
}

class Untranslatable extends Error {}

const POSIX: Record<string, string> = {
  alpha: 'a-zA-Z',
  digit: '0-9',
  alnum: 'a-zA-Z0-9',
  upper: 'A-Z',
  lower: 'a-z',
  xdigit: '0-9A-Fa-f',
  space: '\\s',
  blank: ' \\t',
  word: '\\w',
  cntrl: '\\x00-\\x1f\\x7f',
  print: '\\x20-\\x7e',
  graph: '\\x21-\\x7e',
  punct: '!-\\/:-@\\[-`{-~',
};

function isLetter(c: string): boolean {
  const code = c.charCodeAt(0);
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  return c.toLowerCase() !== c.toUpperCase();
}

function foldLetter(c: string): string {
  const lo = c.toLowerCase();
  const up = c.toUpperCase();
  return lo === up || lo.length !== 1 || up.length !== 1 ? c : `[${lo}${up}]`;
}

/** Map a Recog `flags` list (REG_ICASE, REG_MULTILINE, REG_DOT_NEWLINE, REG_LINE_ANCHORS) to start options. */
function startFrame(recogFlags: readonly string[]): Frame {
  const f: Frame = { i: false, s: false, x: false };
  for (const flag of recogFlags) {
    if (flag === 'REG_ICASE') f.i = true;
    else if (flag === 'REG_MULTILINE' || flag === 'REG_DOT_NEWLINE') f.s = true;
    else if (flag === 'REG_LINE_ANCHORS') continue; // Ruby's ^/$ are line anchors already
    else throw new Untranslatable(`unknown Recog flag ${flag}`);
  }
  return f;
}

function applyOptions(frame: Frame, opts: string): Frame {
  const out = { ...frame };
  let on = true;
  for (const c of opts) {
    if (c === '-') on = false;
    else if (c === 'i') out.i = on;
    else if (c === 'm') out.s = on;
    else if (c === 'x') out.x = on;
    else throw new Untranslatable(`inline option ${c}`);
  }
  return out;
}

export function translateRubyRegex(pattern: string, recogFlags: readonly string[] = []): RegexTranslation | RegexFailure {
  try {
    return translate(pattern, recogFlags);
  } catch (e) {
    if (e instanceof Untranslatable) return { ok: false, reason: e.message };
    throw e;
  }
}

function translate(pattern: string, recogFlags: readonly string[]): RegexTranslation {
  const approximations = new Set<string>();
  const start = startFrame(recogFlags);
  // Leading option groups that apply to the whole pattern become JS flags.
  let pos = 0;
  let global = { ...start };
  for (;;) {
    const lead = /^\(\?([imx]+(?:-[imx]*)?|-[imx]+)\)/.exec(pattern.slice(pos));
    if (!lead) break;
    global = applyOptions(global, lead[1]!);
    pos += lead[0].length;
  }
  const stack: Frame[] = [{ ...global }];
  let out = '';
  // True while the output holds nothing a case or dot option could change (only anchors so far).
  let neutral = true;
  const frame = (): Frame => stack[stack.length - 1]!;

  const emitLetterOrChar = (c: string) => {
    const f = frame();
    if (isLetter(c)) {
      neutral = false;
      if (f.i && !global.i) out += foldLetter(c);
      else if (!f.i && global.i) throw new Untranslatable('case-sensitive part inside a case-insensitive pattern');
      else out += c;
      return;
    }
    neutral = false;
    out += c;
  };

  while (pos < pattern.length) {
    const c = pattern[pos]!;
    const f = frame();
    if (f.x && /\s/.test(c)) {
      pos++;
      continue;
    }
    if (f.x && c === '#') {
      const nl = pattern.indexOf('\n', pos);
      pos = nl < 0 ? pattern.length : nl + 1;
      continue;
    }
    if (c === '\\') {
      const [text, len] = escapeOutside(pattern, pos, f, global);
      // Anchors (\A \z \Z \b \B) leave the output neutral for a following option group.
      if (!'AzZbB'.includes(pattern[pos + 1] ?? '')) neutral = false;
      out += text;
      pos += len;
      continue;
    }
    if (c === '[') {
      const [text, len] = charClass(pattern, pos, f, global);
      neutral = false;
      out += text;
      pos += len;
      continue;
    }
    if (c === '(') {
      const rest = pattern.slice(pos);
      if (rest.startsWith('(?#')) {
        const end = pattern.indexOf(')', pos);
        if (end < 0) throw new Untranslatable('unterminated comment group');
        pos = end + 1;
        continue;
      }
      const opt = /^\(\?([imx]*(?:-[imx]*)?)(\)|:)/.exec(rest);
      if (opt && opt[1] !== '') {
        if (opt[2] === ')') {
          // Options from here to the end of the enclosing group.
          const next = applyOptions(f, opt[1]!);
          if (stack.length === 1 && neutral) {
            if (next.i && !global.i) global = { ...global, i: true };
            if (next.s && !global.s) global = { ...global, s: true };
          }
          stack[stack.length - 1] = next;
          pos += opt[0].length;
          continue;
        }
        stack.push(applyOptions(f, opt[1]!));
        out += '(?:';
        pos += opt[0].length;
        continue;
      }
      if (rest.startsWith('(?:') || rest.startsWith('(?=') || rest.startsWith('(?!')) {
        stack.push({ ...f });
        out += rest.slice(0, 3);
        pos += 3;
        neutral = false;
        continue;
      }
      if (rest.startsWith('(?<=') || rest.startsWith('(?<!')) {
        stack.push({ ...f });
        out += rest.slice(0, 4);
        pos += 4;
        neutral = false;
        continue;
      }
      if (rest.startsWith('(?>')) {
        approximations.add('atomic group as a non-capturing group');
        stack.push({ ...f });
        out += '(?:';
        pos += 3;
        neutral = false;
        continue;
      }
      if (rest.startsWith('(?<') || rest.startsWith("(?'")) {
        throw new Untranslatable('named group (Ruby then stops numbering plain groups; Recog params are positional)');
      }
      if (rest.startsWith('(?')) throw new Untranslatable(`group construct ${rest.slice(0, 4)}`);
      stack.push({ ...f });
      out += '(';
      pos += 1;
      neutral = false;
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) throw new Untranslatable('unbalanced )');
      stack.pop();
      out += ')';
      pos += 1;
      continue;
    }
    if (c === '*' || c === '+' || c === '?' || c === '{') {
      let len = 1;
      if (c === '{') {
        const q = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(pos));
        if (!q || (q[1] === '' && q[3] === '')) {
          out += '\\{';
          pos += 1;
          neutral = false;
          continue;
        }
        out += q[1] === '' ? `{0,${q[3]}}` : q[0];
        len = q[0].length;
      } else out += c;
      pos += len;
      // A lazy `?` stays; a possessive `+` has no JS form.
      if (pattern[pos] === '+') {
        approximations.add('possessive quantifier as greedy');
        pos += 1;
      } else if (pattern[pos] === '?') {
        out += '?';
        pos += 1;
      }
      neutral = false;
      continue;
    }
    if (c === '.') {
      // Ruby's dot excludes only \n (JS's also excludes \r, \u2028, \u2029); with Ruby's m option, nothing.
      neutral = false;
      out += f.s ? '[\\s\\S]' : '[^\\n]';
      pos += 1;
      continue;
    }
    if (c === '^') {
      // Ruby's ^ is "start of the string or after \n", whatever the options.
      out += '(?<![^\\n])';
      pos += 1;
      continue;
    }
    if (c === '$') {
      // Ruby's $ is "end of the string or before \n".
      out += '(?![^\\n])';
      pos += 1;
      continue;
    }
    if (c === '|') {
      out += c;
      pos += 1;
      continue;
    }
    emitLetterOrChar(c);
    pos += c.length;
  }
  if (stack.length !== 1) throw new Untranslatable('unbalanced (');
  // Anchors and dots are written out with Ruby's meaning, so the only JS flag needed is `i`.
  const flags = global.i ? 'i' : '';
  let re: RegExp;
  try {
    re = new RegExp(out, flags);
  } catch (e) {
    throw new Untranslatable(`JavaScript rejects the translation: ${(e as Error).message}`);
  }
  return { ok: true, source: out, flags, re, approximations: [...approximations] };
}

/** One escape outside a class: [translated text, characters consumed]. */
function escapeOutside(p: string, pos: number, f: Frame, global: Frame): [string, number] {
  const n = p[pos + 1];
  if (n === undefined) throw new Untranslatable('trailing backslash');
  switch (n) {
    case 'A':
      return ['(?<![\\s\\S])', 2];
    case 'z':
      return ['(?![\\s\\S])', 2];
    case 'Z':
      return ['(?=\\n?(?![\\s\\S]))', 2];
    case 'h':
      return ['[0-9a-fA-F]', 2];
    case 'H':
      return ['[^0-9a-fA-F]', 2];
    case 'e':
      return ['\\x1b', 2];
    case 'a':
      return ['\\x07', 2];
    case 'R':
      return ['(?:\\r\\n|[\\n\\v\\f\\r\\x85\\u2028\\u2029])', 2];
    case 'G':
    case 'K':
    case 'X':
    case 'g':
    case 'p':
    case 'P':
    case 'Q':
    case 'E':
      throw new Untranslatable(`\\${n}`);
    case 'k': {
      const m = /^\\k<([A-Za-z_]\w*)>/.exec(p.slice(pos));
      if (!m) throw new Untranslatable('\\k without a group name');
      return [m[0], m[0].length];
    }
    case 'x': {
      const m = /^\\x([0-9a-fA-F]{1,2})/.exec(p.slice(pos));
      if (!m) throw new Untranslatable('\\x without hex digits');
      return [`\\x${m[1]!.padStart(2, '0')}`, m[0].length];
    }
    case 'u': {
      const m = /^\\u[0-9a-fA-F]{4}/.exec(p.slice(pos));
      if (!m) throw new Untranslatable('\\u without four hex digits');
      return [m[0], m[0].length];
    }
    case 'c': {
      const m = /^\\c[A-Za-z]/.exec(p.slice(pos));
      if (!m) throw new Untranslatable('\\c without a letter');
      return [m[0], m[0].length];
    }
    default:
      break;
  }
  if (/[dDwWsSbBnrtfv]/.test(n)) return [`\\${n}`, 2];
  if (/[0-9]/.test(n)) {
    const m = /^\\([0-9]{1,3})/.exec(p.slice(pos))!;
    return [m[0], m[0].length];
  }
  if (isLetter(n)) {
    // Ruby reads an unknown letter escape as the letter itself.
    if (f.i && !global.i) return [foldLetter(n), 2];
    return [n, 2];
  }
  return [`\\${n}`, 2];
}

/** A character class starting at `pos`: [translated text, characters consumed]. */
function charClass(p: string, pos: number, f: Frame, global: Frame): [string, number] {
  let i = pos + 1;
  let out = '[';
  if (p[i] === '^') {
    out += '^';
    i++;
  }
  // Ruby takes a `]` right after `[` or `[^` as a literal; JS would read an empty class.
  if (p[i] === ']') {
    out += '\\]';
    i++;
  }
  const fold = f.i && !global.i;
  const extra: string[] = [];
  let prevLetter: string | null = null;
  while (i < p.length && p[i] !== ']') {
    const c = p[i]!;
    if (c === '[') {
      const posix = /^\[:(\^?)([a-z]+):\]/.exec(p.slice(i));
      if (posix) {
        const set = POSIX[posix[2]!];
        if (!set || posix[1]) throw new Untranslatable(`POSIX class [:${posix[1]}${posix[2]}:]`);
        out += set;
        i += posix[0].length;
        prevLetter = null;
        continue;
      }
      throw new Untranslatable('nested character class');
    }
    if (c === '&' && p[i + 1] === '&') throw new Untranslatable('character class intersection');
    if (c === '\\') {
      const n = p[i + 1];
      if (n === undefined) throw new Untranslatable('trailing backslash in a class');
      if (n === 'h') out += '0-9a-fA-F';
      else if (n === 'H') throw new Untranslatable('\\H inside a class');
      else if (n === 'e') out += '\\x1b';
      else if (n === 'a') out += '\\x07';
      else if (/[pPRXGKg]/.test(n)) throw new Untranslatable(`\\${n} inside a class`);
      else if (n === 'x') {
        const m = /^\\x([0-9a-fA-F]{1,2})/.exec(p.slice(i));
        if (!m) throw new Untranslatable('\\x without hex digits');
        out += `\\x${m[1]!.padStart(2, '0')}`;
        i += m[0].length;
        prevLetter = null;
        continue;
      } else if (/[0-9]/.test(n)) {
        const m = /^\\([0-7]{1,3})/.exec(p.slice(i));
        if (!m) throw new Untranslatable('backreference inside a class');
        out += m[0];
        i += m[0].length;
        prevLetter = null;
        continue;
      } else out += `\\${n}`;
      i += 2;
      prevLetter = null;
      continue;
    }
    if (c === '-' && prevLetter && p[i + 1] && p[i + 1] !== ']' && isLetter(p[i + 1]!)) {
      const to = p[i + 1]!;
      out += `-${to}`;
      if (fold) {
        const from = prevLetter;
        if (from === from.toLowerCase() && to === to.toLowerCase()) extra.push(`${from.toUpperCase()}-${to.toUpperCase()}`);
        else if (from === from.toUpperCase() && to === to.toUpperCase()) extra.push(`${from.toLowerCase()}-${to.toLowerCase()}`);
        else throw new Untranslatable('mixed-case range under a scoped case-insensitive option');
      }
      i += 2;
      prevLetter = null;
      continue;
    }
    if (isLetter(c)) {
      if (!f.i && global.i) throw new Untranslatable('case-sensitive class inside a case-insensitive pattern');
      out += c;
      if (fold) {
        const other = c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
        if (other !== c && other.length === 1) extra.push(other);
      }
      prevLetter = c;
      i += 1;
      continue;
    }
    out += c === '/' ? '\\/' : c;
    prevLetter = null;
    i += 1;
  }
  if (p[i] !== ']') throw new Untranslatable('unterminated character class');
  return [out + extra.join('') + ']', i + 1 - pos];
}
