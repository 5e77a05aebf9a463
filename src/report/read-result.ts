// Reads a saved scan result for `report`, `diff` and `merge`: a regular file under the size cap (checked before
// a byte is read), JSON-parsed, nesting depth bounded, upgraded from
// schemaVersion 1 or 2 when older, and schema-validated, with a one-line UsageError naming the
// file and the problem.
import type { ScanResult } from '../core/result.js';
import { UsageError } from '../core/errors.js';
import { readBoundedFile } from '../core/input-file.js';
import { safeText } from '../core/text-safety.js';
import { validateResult } from './schema.js';
import { upgradeResult } from './upgrade.js';

/**
 * The largest result accepted: what every renderer handles with room to spare (docs/robustness.md "Result files",
 * measured with bench/result-size.ts: 112 MiB rendered in all formats in 36 s at 1.4 GB peak RSS). The hard limit
 * is V8's longest string (2^29-24 characters): report.json is pretty-printed (1.3-1.4x the compact size for real
 * results), so 128 MiB leaves a factor of four. A lab scan is about 8 KB per device: 128 MiB is ~17,000 devices.
 */
export const MAX_RESULT_BYTES = 128 * 1024 * 1024;

/**
 * Deepest nesting accepted anywhere in a result. A valid result nests about 8 levels; the schema bounds its
 * free-form parts (scan.options, scan.stats, observation fields) to a few levels more. Renderers recurse
 * (JSON.stringify overflows the stack near 5,000 levels), so anything deeper is refused before them.
 */
export const MAX_RESULT_DEPTH = 32;

/** The nesting depth of a parsed JSON value, walked without recursion; stops counting past `limit`. */
export function jsonDepth(value: unknown, limit = MAX_RESULT_DEPTH): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v as Record<string, unknown>)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth]);
    }
  }
  return deepest;
}

export async function readResult(file: string): Promise<ScanResult> {
  const name = safeText(file, 200);
  const read = readBoundedFile(file, MAX_RESULT_BYTES);
  if (!read.ok) {
    const why = read.reason.startsWith('larger than') ? `${read.reason} (a result the reports can render; split the scan or merge smaller ones)` : read.reason;
    throw new UsageError(`${name}: ${why}`, 'CAMAUDIT_ERR_INPUT');
  }
  let json: unknown;
  try {
    json = JSON.parse(read.bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`${name}: not valid JSON (${safeText((err as Error).message.split('\n')[0], 120)})`, 'CAMAUDIT_ERR_INPUT');
  }
  if (jsonDepth(json) > MAX_RESULT_DEPTH) throw new UsageError(`${name}: nested deeper than ${MAX_RESULT_DEPTH} levels, not a camaudit result`, 'CAMAUDIT_ERR_INPUT');
  // A schemaVersion "1" or "2" result (written before issue 16 or 19) is upgraded, then checked like a current one.
  json = upgradeResult(json);
  const errors = validateResult(json);
  if (errors.length) throw new UsageError(`${name}: not a camaudit result (schemaVersion "3", or "1"/"2" upgraded): ${errors[0]}`, 'CAMAUDIT_ERR_INPUT');
  return json as ScanResult;
}

