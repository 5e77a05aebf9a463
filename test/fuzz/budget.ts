// Budgets every structured fuzz case is held to (see docs/robustness.md).
/**
 * One parse may use at most this much CPU time, whatever the input (inputs reach ~1.1 MB). CPU time, not wall
 * time: on a shared 2-core machine at load 11-13 the same 1 MB case took 516-1,081 ms of wall clock (100k run,
 * 29 Nov 03:40) while using far less CPU, and a wall-clock budget made the suite flaky.
 */
export const TIME_BUDGET_MS = 500;
/** Wall-clock ceiling per parse: catches a real hang (a parser waiting or looping) even on a loaded machine. */
export const WALL_CEILING_MS = 5000;

/** Runs fn once and returns its result with the CPU time (user+system, whole process) and wall time it took. */
export function measured<T>(fn: () => T): { out: T; cpuMs: number; wallMs: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const out = fn();
  const wallMs = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { out, cpuMs: (c.user + c.system) / 1000, wallMs };
}

/** Throws when a measured parse is over its CPU budget or the wall ceiling. */
export function checkTime(m: { cpuMs: number; wallMs: number }, cpuBudgetMs = TIME_BUDGET_MS, label = ''): void {
  if (m.cpuMs > cpuBudgetMs) throw new Error(`${label}used ${m.cpuMs.toFixed(0)} ms of CPU (budget ${cpuBudgetMs})`);
  if (m.wallMs > WALL_CEILING_MS) throw new Error(`${label}took ${m.wallMs.toFixed(0)} ms of wall clock (ceiling ${WALL_CEILING_MS})`);
}
/** Total string bytes (keys included) one parse result may hold. */
export const OUTPUT_BUDGET_BYTES = 512 * 1024;

/** Total UTF-8 bytes of every string (keys included) in a parse result. */
export function stringBytes(v: unknown, depth = 0): number {
  if (depth > 50) throw new Error('result nested deeper than 50 levels');
  if (typeof v === 'string') return Buffer.byteLength(v);
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + stringBytes(x, depth + 1), 0);
  if (v && typeof v === 'object') return Object.entries(v).reduce((n, [k, x]) => n + Buffer.byteLength(k) + stringBytes(x, depth + 1), 0);
  return 0;
}
