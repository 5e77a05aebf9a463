// Runs compiled rules against observations. A rule reads `<kind>.<field>`; array fields match when
// any element does. Values are cut before matching so a hostile device cannot make a regex run long.
//
// Thousands of rules (camaudit's own plus the Recog import) must not mean thousands of regex runs per value,
// so rules are indexed once per database: by observation kind, then (for single-field rules) by field; each
// rule carries the literal every match must contain (src/fingerprint/literal.ts), checked with `includes`
// on the lower-cased value before its regex runs. Recog fingerprints keep Recog's semantics: within one Recog
// file, the first fingerprint (file order) that matches a value is the only one that counts.
import type { Observation, FieldValue } from '../core/observation.js';
import type { CompiledRule } from './db.js';
import type { RecogRule } from './recog/load.js';
import { requiredLiteral } from './literal.js';

export const MATCH_VALUE_MAX = 16 * 1024;
const ARRAY_ITEMS_MAX = 200;

export interface RuleHit {
  /** Rule id: a camaudit rule id, or `recog:<file>:<description>`. */
  id: string;
  /** The camaudit rule (null for a Recog fingerprint, see `recog`). */
  rule: CompiledRule | null;
  recog: { rule: RecogRule; match: string[] } | null;
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

const capped = (value: string): string => (value.length > MATCH_VALUE_MAX ? value.slice(0, MATCH_VALUE_MAX) : value);

/** Try one rule against one value: null, or its named captures (trimmed, empty ones dropped). */
export function matchValue(rule: CompiledRule, value: string): Record<string, string> | null {
  const m = rule.re.exec(capped(value));
  if (!m) return null;
  const caps: Record<string, string> = {};
  for (const [k, v] of Object.entries(m.groups ?? {})) if (v !== undefined && v.trim()) caps[k] = v.trim();
  return caps;
}

interface Indexed<R> {
  rule: R;
  literal: string | null;
  /** Instead of one literal: a match contains one of these (rules generated from name lists, see CompiledRule.anyLiteral). */
  anyOf?: readonly string[];
}

/**
 * The Recog fingerprints of one file on one field, in file order, looked up by the first three characters of
 * their literal: a value can only match a fingerprint whose literal's first trigram occurs in it, so scanning
 * the value's trigrams finds the few candidates instead of testing every fingerprint of the file.
 */
interface RecogGroup {
  rules: RecogRule[];
  byTrigram: Map<string, number[]>;
  /** Fingerprints without a literal: always candidates. */
  always: number[];
}

interface KindIndex {
  /** camaudit rules reading this kind, in database order (they may read several fields). */
  camaudit: Indexed<CompiledRule>[];
  /** Recog fingerprints by field name (without the kind), then by file. */
  recog: Map<string, Map<string, RecogGroup>>;
}

export interface RuleIndex {
  byKind: Map<string, KindIndex>;
  /** The rule arrays this index was built from (a database copied with other rules gets its own index). */
  from: { rules: readonly CompiledRule[]; recog: readonly RecogRule[] };
  /** Rules indexed, for reports and the bench. */
  size: { camaudit: number; recog: number; withLiteral: number };
}

function kindOf(field: string): [string, string] {
  const dot = field.indexOf('.');
  return [field.slice(0, dot), field.slice(dot + 1)];
}

export function buildRuleIndex(rules: readonly CompiledRule[], recog: readonly RecogRule[] = []): RuleIndex {
  const byKind = new Map<string, KindIndex>();
  const at = (kind: string): KindIndex => {
    let k = byKind.get(kind);
    if (!k) byKind.set(kind, (k = { camaudit: [], recog: new Map() }));
    return k;
  };
  let withLiteral = 0;
  for (const rule of rules) {
    const anyOf = rule.anyLiteral?.length ? rule.anyLiteral : undefined;
    const literal = anyOf ? null : requiredLiteral(rule.re.source);
    if (literal || anyOf) withLiteral++;
    for (const kind of new Set(rule.fields.map((f) => kindOf(f)[0]))) at(kind).camaudit.push({ rule, literal, ...(anyOf ? { anyOf } : {}) });
  }
  for (const rule of recog) {
    const literal = rule.literal; // computed when the pattern was translated (compiled.json)
    if (literal) withLiteral++;
    for (const f of rule.fields) {
      const [kind, name] = kindOf(f);
      const byField = at(kind).recog;
      const byFile = byField.get(name) ?? new Map<string, RecogGroup>();
      byField.set(name, byFile);
      let group = byFile.get(rule.file);
      if (!group) byFile.set(rule.file, (group = { rules: [], byTrigram: new Map(), always: [] }));
      const i = group.rules.push(rule) - 1;
      if (literal) {
        const key = literal.slice(0, 3);
        const list = group.byTrigram.get(key);
        if (list) list.push(i);
        else group.byTrigram.set(key, [i]);
      } else group.always.push(i);
    }
  }
  return { byKind, from: { rules, recog }, size: { camaudit: rules.length, recog: recog.length, withLiteral } };
}

const NO_RECOG: readonly RecogRule[] = [];
const indexes = new WeakMap<readonly CompiledRule[], WeakMap<readonly RecogRule[], RuleIndex>>();

/** The index of a database's rules (camaudit's and Recog's), built once per pair of rule sets. */
export function ruleIndexOf(db: { rules: readonly CompiledRule[]; recog: { rules: readonly RecogRule[] } | null }): RuleIndex {
  const recog = db.recog?.rules ?? NO_RECOG;
  let byRecog = indexes.get(db.rules);
  if (!byRecog) indexes.set(db.rules, (byRecog = new WeakMap()));
  let index = byRecog.get(recog);
  if (!index) byRecog.set(recog, (index = buildRuleIndex(db.rules, recog)));
  return index;
}

function matchCamaudit(entries: readonly Indexed<CompiledRule>[], obs: Observation, lower: Map<string, string>): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const { rule, literal, anyOf } of entries) {
    for (const f of rule.fields) {
      const [kind, name] = kindOf(f);
      if (kind !== obs.kind) continue;
      let hit: RuleHit | null = null;
      for (const value of valuesOf(obs.fields[name])) {
        if (literal && !lowered(lower, value).includes(literal)) continue;
        if (anyOf && !anyOf.some((l) => lowered(lower, value).includes(l))) continue;
        const caps = matchValue(rule, value);
        if (caps) {
          hit = { id: rule.id, rule, recog: null, module: obs.module, field: f, value: value.slice(0, 200), captures: caps, host: obs.host };
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

function lowered(cache: Map<string, string>, value: string): string {
  let l = cache.get(value);
  if (l === undefined) {
    l = capped(value).toLowerCase();
    cache.set(value, l);
  }
  return l;
}

/** Indices of a group's fingerprints that may match a lower-cased value, in file order. */
function candidates(group: RecogGroup, lower: string): number[] {
  const found = new Set<number>(group.always);
  for (let i = 0; i + 3 <= lower.length; i++) {
    const list = group.byTrigram.get(lower.slice(i, i + 3));
    if (list) for (const x of list) found.add(x);
  }
  return [...found].sort((a, b) => a - b);
}

function matchRecog(byField: Map<string, Map<string, RecogGroup>>, obs: Observation, lower: Map<string, string>): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const [name, byFile] of byField) {
    const values = valuesOf(obs.fields[name]);
    if (!values.length) continue;
    for (const group of byFile.values()) {
      const seen = new Set<RecogRule>();
      for (const value of values) {
        const v = capped(value);
        const l = lowered(lower, value);
        // Recog: the first fingerprint of the file that matches this value wins.
        for (const i of candidates(group, l)) {
          const rule = group.rules[i]!;
          if (rule.literal && !l.includes(rule.literal)) continue;
          const m = rule.re.exec(v);
          if (!m) continue;
          if (!seen.has(rule)) {
            seen.add(rule);
            hits.push({ id: rule.id, rule: null, recog: { rule, match: [...m] }, module: obs.module, field: `${obs.kind}.${name}`, value: value.slice(0, 200), captures: {}, host: obs.host });
          }
          break;
        }
      }
    }
  }
  return hits;
}

/** Every rule of the index that fires on one observation: camaudit rules first (database order), then Recog. */
export function matchIndexed(index: RuleIndex, obs: Observation): RuleHit[] {
  const k = index.byKind.get(obs.kind);
  if (!k) return [];
  const lower = new Map<string, string>();
  return [...matchCamaudit(k.camaudit, obs, lower), ...matchRecog(k.recog, obs, lower)];
}

/** The camaudit rules alone against one observation, without an index (tests, small rule sets). */
export function matchObservation(rules: readonly CompiledRule[], obs: Observation): RuleHit[] {
  return matchCamaudit(
    rules.filter((r) => r.fields.some((f) => kindOf(f)[0] === obs.kind)).map((rule) => ({ rule, literal: null })),
    obs,
    new Map(),
  );
}
