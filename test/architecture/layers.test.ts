// The layer rule of docs/architecture.md, checked on every import in src/ (static, `export … from`, and
// dynamic `import()`): a folder imports only folders below it, or itself. An upward import fails CI.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Higher may import lower. Folders at the same rank are independent and may not import each other. */
export const LAYER_RANK: Record<string, number> = {
  cli: 100,
  engine: 90,
  lab: 90,
  identify: 85,
  passive: 85,
  creds: 70,
  discovery: 70,
  probes: 60,
  scope: 55,
  platform: 55,
  parsers: 50,
  report: 45,
  fingerprint: 40,
  vulns: 35,
  policy: 30,
  core: 0,
};

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Relative module specifiers a file imports (type-only imports count: they still tie the layers). */
export function importsOf(source: string): string[] {
  const specs: string[] = [];
  for (const m of source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^;'"]*?from\s*['"]([^'"]+)['"]/g)) specs.push(m[1]!);
  for (const m of source.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.push(m[1]!);
  return specs.filter((s) => s.startsWith('.'));
}

function folderOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0]!;
}

describe('layers import downward only', () => {
  const files = tsFiles(SRC);

  it('every src folder has a rank', () => {
    const folders = new Set(files.map(folderOf).filter((f) => !f.endsWith('.ts')));
    expect([...folders].filter((f) => !(f in LAYER_RANK))).toEqual([]);
  });

  it('no import runs up or sideways between src folders', () => {
    const bad: string[] = [];
    for (const file of files) {
      const from = folderOf(file);
      for (const spec of importsOf(readFileSync(file, 'utf8'))) {
        const target = path.resolve(path.dirname(file), spec);
        const to = folderOf(target);
        if (to === from) continue;
        const rf = LAYER_RANK[from];
        const rt = LAYER_RANK[to];
        if (rf === undefined || rt === undefined || rt >= rf) bad.push(`${path.relative(SRC, file)} imports ${spec} (${from} → ${to})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('the checker sees static, re-export and dynamic imports (a check that cannot miss them)', () => {
    const src = "import { a } from '../cli/x.js';\nexport { b } from '../engine/y.js';\nconst m = await import('../report/z.js');\nimport type { T } from '../core/t.js';";
    expect(importsOf(src)).toEqual(['../cli/x.js', '../engine/y.js', '../core/t.js', '../report/z.js']);
  });
});
