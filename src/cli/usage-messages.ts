// yargs' usage messages made into one line a user can act on: the choices of a value that is not one of them, and
// a "did you mean" for a mistyped flag the way yargs already does it for a mistyped command.

/** Edit distance (insert, delete, substitute, swap two neighbours) between two short strings. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known flag closest to `given` (without dashes), when it is close enough to be a typo; else undefined. */
export function suggestFlag(given: string, known: readonly string[]): string | undefined {
  const g = given.replace(/^-+/, '').toLowerCase();
  const norm = (s: string) => s.replace(/-/g, '');
  let best: { name: string; d: number } | undefined;
  for (const k of known) {
    if (k.length < 2) continue; // one-letter aliases suggest nothing useful
    const d = norm(k) === norm(g) ? 0 : editDistance(g, k.toLowerCase());
    if (!best || d < best.d) best = { name: k, d };
  }
  if (!best) return undefined;
  const allowed = Math.max(1, Math.min(3, Math.floor(best.name.length / 4)));
  return best.d <= allowed ? best.name : undefined;
}

/** yargs' "Unknown argument(s): a, b" with a suggestion per flag (a stray word is left as yargs names it). */
function unknownArguments(msg: string, known: readonly string[], args: readonly string[]): string | undefined {
  const m = /^Unknown arguments?: (.+)$/.exec(msg.trim());
  if (!m) return undefined;
  const names = m[1].split(', ');
  // yargs names a dashed flag twice (log-levl and logLevl): keep the form the user typed.
  const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
  const typed = names.filter((n) => !/[A-Z]/.test(n) || !names.includes(kebab(n)));
  const isFlag = (n: string) => args.some((a) => a === `--${n}` || a.startsWith(`--${n}=`) || a === `-${n}` || a === `--no-${n}`);
  if (!typed.some(isFlag)) return undefined;
  const parts = typed.map((name) => {
    if (!isFlag(name)) return name;
    const shown = args.includes(`--no-${name}`) ? `--no-${name}` : name.length === 1 ? `-${name}` : `--${name}`;
    const s = suggestFlag(name, known);
    return s ? `${shown} (did you mean --${s}?)` : shown;
  });
  return `unknown option${parts.length > 1 ? 's' : ''} ${parts.join(', ')}`;
}

/** yargs' multi-line "Invalid values:\n  Argument: fail-on, Given: "x", Choices: "a", "b"" as one line per argument. */
function invalidValues(msg: string): string | undefined {
  if (!msg.startsWith('Invalid values:')) return undefined;
  const lines = [...msg.matchAll(/Argument: ([^,]+), Given: (.+?), Choices: (.+)$/gm)].map(([, arg, given, choices]) => {
    const list = choices.split(', ').map((c) => c.replace(/^"(.*)"$/, '$1')).join(', ');
    return `--${arg} ${given.replace(/^"(.*)"$/, '$1')} is not one of the choices: ${list}`;
  });
  return lines.length ? lines.join('; ') : msg.replace(/\s*\n\s*/g, ' ');
}

/** One line for any yargs usage message, given the flags the command knows and the arguments as typed. */
export function usageMessage(msg: string, knownFlags: readonly string[], args: readonly string[] = []): string {
  return unknownArguments(msg, knownFlags, args) ?? invalidValues(msg) ?? msg.replace(/\s*\n\s*/g, ' ').trim();
}
