// The prefilter of the matcher: the longest run of literal characters every match of a JavaScript regex must
// contain, lower-cased. A value that does not contain it (compared lower-cased) cannot match, so the regex is
// not run. Conservative by construction: anything it does not understand ends a run, and a top-level
// alternation, an optional or repeated-zero element, or a non-ASCII character gives no literal at all.

const MIN_LITERAL = 3;

/** Characters an escape stands for when it is a plain literal (`\.` → `.`), else null. */
function escapedLiteral(src: string, i: number): [string | null, number] {
  const n = src[i + 1];
  if (n === undefined) return [null, 1];
  if (/[dDwWsSbBnrtfvkcpPu0-9]/.test(n)) {
    if (n === 'n') return ['\n', 2];
    if (n === 'r') return ['\r', 2];
    if (n === 't') return ['\t', 2];
    return [null, 2];
  }
  if (n === 'x') {
    const m = /^\\x([0-9a-fA-F]{2})/.exec(src.slice(i));
    if (!m) return [null, 2];
    const ch = String.fromCharCode(parseInt(m[1]!, 16));
    return [ch, 4];
  }
  return [n, 2];
}

function skipGroup(src: string, i: number): number {
  // From an opening "(" to just after its matching ")"; classes and escapes inside are skipped whole.
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j]!;
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[') {
      j = skipClass(src, j) - 1;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return j + 1;
    }
  }
  return src.length;
}

function skipClass(src: string, i: number): number {
  let j = i + 1;
  if (src[j] === '^') j++;
  if (src[j] === ']') j++;
  for (; j < src.length; j++) {
    if (src[j] === '\\') {
      j++;
      continue;
    }
    if (src[j] === ']') return j + 1;
  }
  return src.length;
}

/** Quantifier at `i` (after an atom): [min repeat, length of the quantifier text]. */
function quantifier(src: string, i: number): [number, number] {
  const c = src[i];
  let min = 1;
  let len = 0;
  if (c === '*' || c === '?') {
    min = 0;
    len = 1;
  } else if (c === '+') {
    len = 1;
  } else if (c === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(src.slice(i));
    if (m) {
      min = Number(m[1]);
      len = m[0].length;
    }
  }
  if (len && src[i + len] === '?') len++;
  return [min, len];
}

/** The longest required literal (lower-cased, ASCII, at least 3 characters), or null. */
export function requiredLiteral(source: string): string | null {
  const runs: string[] = [];
  let cur = '';
  const end = () => {
    if (cur.length) runs.push(cur);
    cur = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    let atom: string | null = null;
    let len = 1;
    if (c === '|') return null; // a top-level alternative: no single literal is required
    if (c === '(') {
      len = skipGroup(source, i) - i;
    } else if (c === '[') {
      len = skipClass(source, i) - i;
    } else if (c === '\\') {
      [atom, len] = escapedLiteral(source, i);
    } else if (c === '^' || c === '$') {
      end();
      i++;
      continue;
    } else if (c === '.' || c === ')') {
      atom = null;
    } else {
      atom = c;
    }
    i += len;
    const [min, qlen] = quantifier(source, i);
    i += qlen;
    if (atom === null || atom.charCodeAt(0) > 0x7e || (atom.charCodeAt(0) < 0x20 && !/[\t\n\r]/.test(atom))) {
      end();
      continue;
    }
    if (qlen === 0) {
      cur += atom;
      continue;
    }
    if (min >= 1) cur += atom; // the atom appears at least once, but what follows it may not be adjacent
    end();
  }
  end();
  let best = '';
  for (const r of runs) if (r.length > best.length) best = r;
  return best.length >= MIN_LITERAL ? best.toLowerCase() : null;
}
