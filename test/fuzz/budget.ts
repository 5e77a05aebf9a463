// Budgets every structured fuzz case is held to (see docs/robustness.md).
/** One parse may take at most this long, whatever the input (inputs reach ~1.1 MB). */
export const TIME_BUDGET_MS = 500;
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
