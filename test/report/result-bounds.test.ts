// Saved results are bounded before any renderer sees them (issue 18): nesting depth (deeply nested scan.options or
// scan.stats passed the schema, then rendering died with "Maximum call stack size exceeded") and size (a 528 MB
// result passed the 512 MiB cap, then failed with "Invalid string length"). Results here are SYNTHETIC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readResult, jsonDepth, MAX_RESULT_DEPTH } from '../../src/report/read-result.js';
import { validateResult } from '../../src/report/schema.js';
import { sampleResult } from '../helpers/result-builder.js';
import { runCli } from '../helpers/cli.js';

let dir: string;
const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};
function withOptions(key: 'options' | 'stats', value: unknown): string {
  const r = sampleResult() as unknown as { scan: Record<string, Record<string, unknown>> };
  r.scan[key]!.deep = value;
  return JSON.stringify(r);
}
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-bounds-'));
  // Built as text: JSON.stringify itself cannot write 100,000 levels.
  const base = withOptions('options', 'HOLE');
  writeFileSync(path.join(dir, 'synthetic-deep-options.json'), base.replace('"HOLE"', '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000)));
  writeFileSync(path.join(dir, 'synthetic-deep-stats.json'), withOptions('stats', JSON.parse('[[[[[[[[1]]]]]]]]')));
  writeFileSync(path.join(dir, 'synthetic-options-6.json'), withOptions('options', nested(6)));
  writeFileSync(path.join(dir, 'sample.json'), JSON.stringify(sampleResult()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('result nesting is bounded', () => {
  it('jsonDepth walks without recursion', () => {
    expect(jsonDepth({ a: [1, { b: 2 }] })).toBe(3);
    expect(jsonDepth(JSON.parse('['.repeat(200_000) + ']'.repeat(200_000)))).toBe(MAX_RESULT_DEPTH + 1);
  });

  it('100,000 levels under scan.options: refused on one line', async () => {
    await expect(readResult(path.join(dir, 'synthetic-deep-options.json'))).rejects.toThrow(/nested deeper than 32 levels/);
  });

  it('the schema bounds the free-form parts: options 6 deep, stats arrays inside arrays', async () => {
    await expect(readResult(path.join(dir, 'synthetic-options-6.json'))).rejects.toThrow(/not a camaudit result .*\/scan\/options\/deep\/a\/a\/a.*: nested deeper than a free-form value may be/);
    await expect(readResult(path.join(dir, 'synthetic-deep-stats.json'))).rejects.toThrow(/not a camaudit result .*\/scan\/stats\/deep/);
    expect(validateResult(sampleResult())).toEqual([]);
    await expect(readResult(path.join(dir, 'sample.json'))).resolves.toBeTruthy();
  });

  it('camaudit report of a deeply nested result: exit 2, one line, no stack overflow', { timeout: 60_000 }, async () => {
    const r = await runCli(['report', path.join(dir, 'synthetic-deep-options.json'), '--out', path.join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/call stack|internal error/);
  });
});
