// Validates a ScanResult against docs/schema/scan-result.schema.json (ajv + ajv-formats).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { ROOT } from '../core/paths.js';

export const RESULT_SCHEMA_PATH = path.join(ROOT, 'docs', 'schema', 'scan-result.schema.json');

let validator: ValidateFunction | null = null;

function compile(): ValidateFunction {
  if (validator) return validator;
  const ajv = new Ajv({ allErrors: true, strict: true });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  validator = ajv.compile(JSON.parse(readFileSync(RESULT_SCHEMA_PATH, 'utf8')) as object);
  return validator;
}

/** [] when the value is a valid schemaVersion "2" result, else "path: message" lines (at most 20). */
export function validateResult(value: unknown): string[] {
  const v = compile();
  if (v(value)) return [];
  return (v.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
