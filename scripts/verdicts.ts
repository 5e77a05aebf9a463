// Verdicts of every rule example and every shared/dev capture, one line each, sorted: what a reorganisation of the
// rule files (moving rules between files, reordering them) must leave unchanged. Diff two runs:
//   npx tsx scripts/verdicts.ts > before.txt; (change) ; npx tsx scripts/verdicts.ts > after.txt; diff before.txt after.txt
// A rule example is attributed alone, as the one field of one observation, once per field the rule reads. Blind
// captures are never read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Observation } from '../src/core/observation.js';
import { ROOT } from '../src/core/paths.js';
import { attributeWith } from '../src/fingerprint/attribute.js';
import { loadFingerprintDb } from '../src/fingerprint/db.js';
import { identifySample } from '../src/identify/identify.js';

const db = loadFingerprintDb();

interface VerdictLike {
  manufacturer: string | null;
  confidence: string | null;
  brand: string | null;
  model: string | null;
  firmware: string | null;
  serial?: string | null;
  deviceType: string;
  deviceTypeConfidence: string | null;
  evidence: { rule: string | null }[];
}

function verdict(a: VerdictLike): string {
  const rules = [...new Set(a.evidence.map((e) => e.rule).filter((r): r is string => !!r))].sort();
  return JSON.stringify([a.manufacturer, a.confidence, a.brand, a.model, a.firmware, a.serial ?? null, a.deviceType, a.deviceTypeConfidence, rules]);
}

const lines: string[] = [];
for (const rule of db.rules) {
  rule.examples.forEach((ex, i) => {
    for (const f of rule.fields) {
      const dot = f.indexOf('.');
      const o: Observation = { host: '198.18.0.1', module: 'verdicts', kind: f.slice(0, dot), fields: { [f.slice(dot + 1)]: ex.value }, at: new Date(0).toISOString() };
      lines.push(`example ${rule.id}#${i} ${f} ${verdict(attributeWith(db, [o]))}`);
    }
  });
}
for (const set of ['shared', 'dev']) {
  const dir = path.join(ROOT, 'fixtures/captures', set);
  for (const file of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
    const c = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as { protocol: string; payload: unknown };
    lines.push(`capture ${set}/${file} ${verdict(identifySample(file, { protocol: c.protocol, payload: c.payload }))}`);
  }
}
process.stdout.write(lines.sort().join('\n') + '\n');
