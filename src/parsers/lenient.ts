// JSON as people publish it: cut off mid-way (a log line limit, a truncated paste), printed by Python
// (`{'Ret': 100, 'DataUseAES': False, 'x': None}`) or by Node's util.inspect (`{ server: 'App-webs/' }`). Both are turned back into a value so the ordinary
// parsers can read them. Linear passes with bounded input; nothing is evaluated.
import { parseJson } from '../core/failure.js';

export const LENIENT_INPUT_MAX = 256 * 1024;
const STACK_MAX = 64;
const RETRIES = 4;

export type JsonForm = 'json' | 'truncated json' | 'dict repr' | 'truncated dict repr';

export interface Jsonish {
  value: unknown;
  form: JsonForm;
}

/** JSON.parse as an outcome (a failure here is not an error: the caller tries the next repair). */
const tryParse = parseJson;

/**
 * Closes a JSON text that was cut off: an open string is closed, a dangling `key` or `key:` gets `null`,
 * and open objects/arrays are closed. When that does not parse, the text is cut back to the last comma
 * outside a string (dropping the half-written member) and closed again, a few times.
 */
export function repairJson(input: string): unknown | undefined {
  const text = input.length > LENIENT_INPUT_MAX ? input.slice(0, LENIENT_INPUT_MAX) : input;
  const start = text.search(/[{[]/);
  if (start < 0) return undefined;
  const stack: string[] = [];
  const commas: Array<{ at: number; stack: string }> = [];
  let inStr = false;
  let esc = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i]!;
    if (inStr) {
      if (esc) esc = false;
      else if (c === '\\') esc = true;
      else if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') inStr = true;
    else if (c === '{' || c === '[') {
      if (stack.length >= STACK_MAX) return undefined;
      stack.push(c === '{' ? '}' : ']');
    } else if (c === '}' || c === ']') {
      if (stack.pop() !== c) return undefined;
      if (!stack.length) {
        // Complete value followed by something else: parse just the value.
        const whole = tryParse(text.slice(start, i + 1));
        return whole.ok ? whole.value : undefined;
      }
    } else if (c === ',') {
      commas.push({ at: i, stack: stack.join('') });
      if (commas.length > RETRIES) commas.shift();
    }
  }
  const closers = (s: string): string => [...s].reverse().join('');
  let body = text.slice(start);
  if (esc) body = body.slice(0, -1);
  if (inStr) body += '"';
  body = body.replace(/[\s,]+$/, '');
  // `"key"` or `"key":` with no value yet.
  if (/:\s*$/.test(body)) body += 'null';
  else if (/[{,]\s*"(?:[^"\\]|\\.)*"$/.test(body) && stack[stack.length - 1] === '}') body += ':null';
  // A number or literal cut mid-way (`tr`, `-`, `1.`) parses as nothing: drop it with its key.
  const first = tryParse(body + closers(stack.join('')));
  if (first.ok) return first.value;
  for (let k = commas.length - 1; k >= 0; k--) {
    const c = commas[k]!;
    const again = tryParse(text.slice(start, c.at) + closers(c.stack));
    if (again.ok) return again.value;
  }
  return undefined;
}

/** Python's and JavaScript's literals as JSON writes them (numbers stay as they are). */
const LITERALS: Record<string, string> = { None: 'null', null: 'null', undefined: 'null', True: 'true', true: 'true', False: 'false', false: 'false' };
const PY_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v' };

/**
 * Python `repr()` of dicts/lists/tuples (and zeep/python-onvif printouts whose values are unquoted), or Node's
 * util.inspect of an object (keys without quotes) → JSON text. `None/True/False` (and `undefined`) become
 * `null/true/false`, tuples become arrays, `u''`/`b''` prefixes go, an
 * unquoted value runs to the next `,`, `}`, `]` or line end and becomes a string. Returns null when the text
 * does not start like a Python container.
 */
export function pyReprToJson(input: string): string | null {
  const text = input.length > LENIENT_INPUT_MAX ? input.slice(0, LENIENT_INPUT_MAX) : input;
  const start = text.search(/[{[(]/);
  if (start < 0) return null;
  // A Python dict uses single quotes or Python literals somewhere; plain JSON is left to JSON.parse.
  if (!/'|\b(?:None|True|False)\b/.test(text)) return null;
  let out = '';
  // The last character written that is not white space. Kept as we go: testing `out` itself at every key (a regex
  // anchored at its end, or indexing it, which flattens the growing string) made a long input quadratic.
  let lastSig = '';
  let i = start;
  const n = text.length;
  while (i < n) {
    const c = text[i]!;
    if ((c === "'" || c === '"') || ((c === 'u' || c === 'b' || c === 'r') && (text[i + 1] === "'" || text[i + 1] === '"') && !/\w/.test(text[i - 1] ?? ''))) {
      const raw = c === 'r';
      const q = c === "'" || c === '"' ? c : text[i + 1]!;
      i += c === q ? 1 : 2;
      let s = '';
      while (i < n && text[i] !== q) {
        if (text[i] === '\\' && !raw && i + 1 < n) {
          const e = text[i + 1]!;
          if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
            s += String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16));
            i += 4;
            continue;
          }
          if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
            s += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
            i += 6;
            continue;
          }
          s += PY_ESCAPES[e] ?? '\\' + e;
          i += 2;
          continue;
        }
        s += text[i];
        i++;
      }
      i++;
      out += JSON.stringify(s);
      lastSig = '"';
      continue;
    }
    if (c === '(') {
      out += '[';
      lastSig = '[';
      i++;
      continue;
    }
    if (c === ')') {
      out += ']';
      lastSig = ']';
      i++;
      continue;
    }
    if ('{}[]:,'.includes(c) || c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      out += c;
      if (c !== ' ' && c !== '\n' && c !== '\r' && c !== '\t') lastSig = c;
      i++;
      continue;
    }
    // `OrderedDict([...])`, `dict(...)`: the call's name goes, its argument stays (pairs become an object later).
    const call = /^[A-Za-z_][\w.]{0,40}(?=\()/.exec(text.slice(i, i + 48));
    if (call) {
      i += call[0].length;
      continue;
    }
    // A key without quotes where a key goes (Node's util.inspect / console.log: `{ server: 'App-webs/' }`).
    const key = /^[A-Za-z_$][\w$-]{0,80}(?=\s*:(?!\/\/))/.exec(text.slice(i, i + 88));
    if (key && (lastSig === '{' || lastSig === ',')) {
      out += JSON.stringify(key[0]);
      lastSig = '"';
      i += key[0].length;
      continue;
    }
    const word = /^(?:None|True|False|null|true|false|undefined|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)(?=[\s,}\]):]|$)/.exec(text.slice(i, i + 40));
    if (word) {
      out += LITERALS[word[0]] ?? word[0];
      lastSig = word[0].slice(-1);
      i += word[0].length;
      continue;
    }
    // An unquoted value (python-onvif prints `'Model': DS-2DF7286-A,`): up to the next delimiter.
    let j = i;
    while (j < n && !',}]\n'.includes(text[j]!) && j - i < 4096) j++;
    out += JSON.stringify(text.slice(i, j).trim());
    lastSig = '"';
    i = j;
  }
  return out;
}

/** `[['k', v], ['k2', v2]]` (an OrderedDict's items) → `{k: v, k2: v2}`, at every depth (bounded). */
function pairsToObjects(v: unknown, depth = 0): unknown {
  if (depth > 32 || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    const items = v.map((x) => pairsToObjects(x, depth + 1));
    const isPairs = items.length > 0 && items.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string');
    return isPairs ? Object.fromEntries(items as Array<[string, unknown]>) : items;
  }
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, pairsToObjects(x, depth + 1)]));
}

/** Any of the forms above, as a value: JSON, then cut-off JSON, then a Python repr (whole or cut off). */
export function parseJsonish(input: string): Jsonish | null {
  let t = input.trim();
  if (!t) return null;
  // A short prefix before the document (a frame header in hex, `True: `, a log word) is skipped; a Python tuple
  // (`('a', 'b')`) goes straight to the repr reader.
  if (t.startsWith('(')) {
    const py = pyReprToJson(t);
    const whole = py === null ? null : tryParse(py.trim());
    return whole?.ok && whole.value !== null && typeof whole.value === 'object' ? { value: pairsToObjects(whole.value), form: 'dict repr' } : null;
  }
  if (!/^[{[]/.test(t)) {
    const at = t.slice(0, 201).search(/[{[]/);
    if (at < 0) return null;
    t = t.slice(at);
  }
  const direct = tryParse(t);
  if (direct.ok && direct.value !== null && typeof direct.value === 'object') return { value: direct.value, form: 'json' };
  if (t.startsWith('{') || t.startsWith('[')) {
    const fixed = repairJson(t);
    if (fixed !== undefined && fixed !== null && typeof fixed === 'object' && Object.keys(fixed).length) return { value: fixed, form: 'truncated json' };
  }
  const py = pyReprToJson(t);
  if (py !== null) {
    const whole = tryParse(py.trim());
    if (whole.ok && whole.value !== null && typeof whole.value === 'object') return { value: pairsToObjects(whole.value), form: 'dict repr' };
    const fixed = repairJson(py);
    if (fixed !== undefined && fixed !== null && typeof fixed === 'object' && Object.keys(fixed).length) return { value: pairsToObjects(fixed), form: 'truncated dict repr' };
  }
  return null;
}
