import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { policyJsonSchema } from '../../src/policy/schema.js';
import { ROOT } from '../helpers/cli.js';

const DIR = path.join(ROOT, 'fingerprints/policies');

describe('fingerprints/policies/schema.json', () => {
  it('is the JSON Schema generated from the zod PolicySchema (regenerate when the schema changes)', () => {
    expect(JSON.parse(readFileSync(path.join(DIR, 'schema.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(policyJsonSchema())));
  });
  it('every built-in policy validates against it; a broken one does not', () => {
    const ajv = new Ajv2020({ strict: false });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(DIR, 'schema.json'), 'utf8')));
    const files = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'schema.json' && f !== 'meta.json');
    expect(files.length).toBe(6);
    for (const f of files) expect({ f, ok: validate(JSON.parse(readFileSync(path.join(DIR, f), 'utf8'))) }).toEqual({ f, ok: true });
    expect(validate({ id: 'x', effect: 'banned' })).toBe(false);
  });
});
