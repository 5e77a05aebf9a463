// Reads a saved scan result for `report`, `diff` and `merge`: size-capped, JSON-parsed, upgraded from
// schemaVersion 1 when older, and schema-validated, with a one-line UsageError naming the file and the problem.
import { readFile, stat } from 'node:fs/promises';
import type { ScanResult } from '../core/result.js';
import { UsageError } from '../core/errors.js';
import { validateResult } from './schema.js';
import { upgradeResult } from './upgrade.js';

export const MAX_RESULT_BYTES = 512 * 1024 * 1024;

export async function readResult(file: string): Promise<ScanResult> {
  let raw: string;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new UsageError(`${file}: not a regular file`, 'CAMAUDIT_ERR_INPUT');
    if (st.size > MAX_RESULT_BYTES) throw new UsageError(`${file}: larger than ${MAX_RESULT_BYTES} bytes`, 'CAMAUDIT_ERR_INPUT');
    raw = await readFile(file, 'utf8');
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code ?? 'error'})`}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new UsageError(`${file}: not valid JSON (${(err as Error).message.split('\n')[0].slice(0, 120)})`, 'CAMAUDIT_ERR_INPUT');
  }
  // A schemaVersion "1" result (written before issue 16) is upgraded, then checked like a current one.
  json = upgradeResult(json);
  const errors = validateResult(json);
  if (errors.length) throw new UsageError(`${file}: not a camaudit result (schemaVersion "2", or "1" upgraded): ${errors[0]}`, 'CAMAUDIT_ERR_INPUT');
  return json as ScanResult;
}
