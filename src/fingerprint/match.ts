// Runs compiled rules against observations. A rule reads `<kind>.<field>`; array fields match when
// any element does. Values are cut before matching so a hostile device cannot make a regex run long.
import type { Observation, FieldValue } from '../core/observation.js';
import type { CompiledRule } from './db.js';

export const MATCH_VALUE_MAX = 16 * 1024;
const ARRAY_ITEMS_MAX = 200;

export interface RuleHit {
  rule: CompiledRule;
  module: string;
  field: string;
  value: string;
  captures: Record<string, string>;
  host: string;
}

function valuesOf(v: FieldValue | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.slice(0, ARRAY_ITEMS_MAX).map((x) => String(x));
  return [String(v)];
}

/** Try one rule against one value: null, or its named captures (trimmed, empty ones dropped). */
export function matchValue(rule: CompiledRule, value: string): Record<string, string> | null {
  const m = rule.re.exec(value.length > MATCH_VALUE_MAX ? value.slice(0, MATCH_VALUE_MAX) : value);
  if (!m) return null;
  const caps: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined && v.trim()) caps[k] = v.trim();
  return caps;
}

export function matchObservation(rules: readonly CompiledRule[], obs: Observation): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    for (const f of rule.fields) {
      const dot = f.indexOf('.');
      if (f.slice(0, dot) !== obs.kind) continue;
      const name = f.slice(dot + 1);
      let hit: RuleHit | null = null;
      for (const value of valuesOf(obs.fields[name])) {
        const caps = matchValue(rule, value);
        if (caps) {
          hit = { rule, module: obs.module, field: f, value: value.slice(0, 200), captures: caps, host: obs.host };
          break;
        }
      }
      if (hit) {
        hits.push(hit);
        break; // one hit per rule per observation
      }
    }
  }
  return hits;
}
