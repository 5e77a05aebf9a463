// Counting for the issue-18 fast-check runs (sanitiser, numeric flag parsers): every case is counted, an escape
// (unsafe text out, a value out of range) or a crash (an exception other than the one-line usage error) fails the
// property with fast-check's shrunk counterexample, and each file prints its totals, e.g.
//   fast-check text-safety: safeText 100000 cases, 0 escapes, 0 crashes; …; 204000 cases in all
// The cheap properties (the sanitiser and parseIntegerFlag themselves, microseconds a case) run at least 100,000
// cases in every test run; the ones that render a whole report or build a 65,535-port list run FUZZ_RUNS (2,000
// in `npm test`, 100,000 in `npm run fuzz`).

export const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
/** At least 10^5 cases in every run, more when FUZZ_RUNS asks for more. */
export const CHEAP_RUNS = Math.max(RUNS, 100_000);

export interface Tally { name: string; cases: number; escapes: number; crashes: number }

export function tally(name: string): Tally {
  return { name, cases: 0, escapes: 0, crashes: 0 };
}

/** One line for the log: each property's figures and the file's total. */
export function summary(file: string, ts: Tally[]): string {
  const total = ts.reduce((n, t) => n + t.cases, 0);
  return `fast-check ${file}: ${ts.map((t) => `${t.name} ${t.cases} cases, ${t.escapes} escapes, ${t.crashes} crashes`).join('; ')}; ${total} cases in all`;
}
