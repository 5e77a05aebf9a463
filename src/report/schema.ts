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

/** Where a result holds free-form values, bounded in depth by the schema's free1..free3 definitions. */
const FREE_FORM = /^\/scan\/(?:options|stats)\/|^\/observations\/\d+\/fields\//;

/** [] when the value is a valid schemaVersion "3" result, else "path: message" lines (at most 20). */
export function validateResult(value: unknown): string[] {
  const v = compile();
  if (v(value)) return [];
  const errors = v.errors ?? [];
  // A free-form part (scan.options, scan.stats, observation fields) too deep: ajv lists every anyOf branch it
  // tried; the deepest path says where the nesting goes too far.
  if (errors.length && errors.every((e) => FREE_FORM.test(e.instancePath))) {
    const deepest = errors.reduce((a, e) => (e.instancePath.length > a.length ? e.instancePath : a), '');
    return [`${deepest}: nested deeper than a free-form value may be (scan.options 3 levels, scan.stats and observation fields 2)`];
  }
  return errors.slice(0, 20).map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}
