// Loads the vendored Recog fingerprints (fingerprints/third-party/recog/) once: each file listed in
// fingerprints/recog-map.json is read, every pattern translated from Ruby to JavaScript and compiled, and
// each fingerprint becomes a rule on the observation field the map names. Patterns that cannot be translated
// are kept in a list (reported by the self-test and `npm run update:recog`), never guessed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../../core/paths.js';
import { parseRecogXml, type RecogExample, type RecogParam } from './xml.js';
import { translateRubyRegex } from './regex.js';
import { RecogMapSchema, RecogSourceSchema, type RecogMap, type RecogSource, type RecogFingerprintOverride, type RecogVendorsFile } from './schema.js';
import { slugOf, VendorTable, readRecogVendors, RECOG_VENDORS_FILE, type VendorRole } from './vendors.js';

export type { RecogSource } from './schema.js';

export const RECOG_DIR = path.join(FINGERPRINTS_DIR, 'third-party', 'recog');

/** One Recog fingerprint, compiled: matched on `fields`, concluded from its params at match time. */
export interface RecogRule {
  /** `recog:<file stem>:<description>` (unique; `#n` added when a description repeats in a file). */
  id: string;
  /** Source file, e.g. `http_servers.xml`, and the fingerprint's position in it (first match wins). */
  file: string;
  index: number;
  description: string;
  /** The Ruby pattern as Recog wrote it, and its JavaScript translation. */
  pattern: string;
  re: RegExp;
  approximations: string[];
  fields: string[];
  /** File weight × Recog certainty (hw/os/service.certainty or the fingerprint's certainty), rounded. */
  weight: number;
  params: RecogParam[];
  examples: RecogExample[];
  override: RecogFingerprintOverride | null;
}

export interface RecogUntranslatable {
  file: string;
  index: number;
  description: string;
  pattern: string;
  reason: string;
  examples: number;
}

export interface RecogCompiledFile {
  fingerprints: RecogRule[];
  untranslatable: RecogUntranslatable[];
  exampleCount: number;
}

export interface RecogDb {
  rules: RecogRule[];
  untranslatable: RecogUntranslatable[];
  source: RecogSource | null;
  map: RecogMap;
  table: VendorTable;
  /** Recog-only vendors (recog-vendors.json): id → display name. */
  vendorNames: Map<string, string>;
}

export class RecogLoadError extends Error {}

export function readRecogMap(dir: string = FINGERPRINTS_DIR): RecogMap {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path.join(dir, 'recog-map.json'), 'utf8'));
  } catch (e) {
    throw new RecogLoadError(`fingerprint data recog-map.json: ${(e as Error).message.split('\n')[0]}`);
  }
  const r = RecogMapSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new RecogLoadError(`fingerprint data recog-map.json: ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}

export function readRecogSource(dir: string = RECOG_DIR): RecogSource | null {
  const file = path.join(dir, 'SOURCE.json');
  if (!existsSync(file)) return null;
  const r = RecogSourceSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success) throw new RecogLoadError(`fingerprint data third-party/recog/SOURCE.json: ${r.error.issues[0]?.message ?? 'invalid'}`);
  return r.data;
}

const CERTAINTY_PARAMS = ['hw.certainty', 'os.certainty', 'service.certainty'];

function certaintyOf(params: RecogParam[], attr: number | undefined): number {
  const values = params.filter((p) => CERTAINTY_PARAMS.includes(p.name) && p.pos === 0 && p.value !== undefined).map((p) => Number(p.value));
  if (attr !== undefined) values.push(attr);
  const ok = values.filter((v) => Number.isFinite(v) && v > 0);
  return ok.length ? Math.min(1, Math.max(...ok)) : 1;
}

function overrideFor(map: RecogMap, file: string, description: string, pattern: string): RecogFingerprintOverride | null {
  return map.fingerprints.find((o) => o.file === file && (o.description === undefined || o.description === description) && (o.pattern === undefined || o.pattern === pattern)) ?? null;
}

/** Translate and compile one Recog file (the map entry gives fields and weight; without one, for reports). */
export function compileRecogFile(fileName: string, xml: string, map: RecogMap | null = null): RecogCompiledFile {
  const parsed = parseRecogXml(xml, fileName);
  const entry = map?.files.find((f) => f.file === fileName);
  const stem = fileName.replace(/\.xml$/, '');
  const out: RecogCompiledFile = { fingerprints: [], untranslatable: [], exampleCount: 0 };
  const seen = new Map<string, number>();
  for (const fp of parsed.fingerprints) {
    out.exampleCount += fp.examples.length;
    const t = translateRubyRegex(fp.pattern, fp.flags);
    if (!t.ok) {
      out.untranslatable.push({ file: fileName, index: fp.index, description: fp.description, pattern: fp.pattern, reason: t.reason, examples: fp.examples.length });
      continue;
    }
    const desc = fp.description || `fingerprint ${fp.index}`;
    const base = `recog:${stem}:${desc.length > 100 ? desc.slice(0, 99) + '…' : desc}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    out.fingerprints.push({
      id: n === 1 ? base : `${base} #${n}`,
      file: fileName,
      index: fp.index,
      description: fp.description,
      pattern: fp.pattern,
      re: t.re,
      approximations: t.approximations,
      fields: entry?.fields ?? [],
      weight: Math.round((entry?.weight ?? 0) * certaintyOf(fp.params, fp.certainty)),
      params: fp.params,
      examples: fp.examples,
      override: map ? overrideFor(map, fileName, fp.description, fp.pattern) : null,
    });
  }
  return out;
}

/** Recog vendor strings a fingerprint names, by role: literal values, and for captured ones the examples' values. */
export function vendorStringsOf(rule: Pick<RecogRule, 'params' | 'examples'>): { role: VendorRole; name: string }[] {
  const out: { role: VendorRole; name: string }[] = [];
  for (const role of ['hw', 'os', 'service'] as const) {
    for (const p of rule.params.filter((x) => x.name === `${role}.vendor`)) {
      if (p.pos === 0 && p.value !== undefined && !p.value.includes('{')) out.push({ role, name: p.value });
      else for (const ex of rule.examples) if (ex.expect[`${role}.vendor`]) out.push({ role, name: ex.expect[`${role}.vendor`]! });
    }
  }
  return out;
}

let cached: { dir: string; db: RecogDb } | null = null;

/** The Recog rules under `dir` (fingerprints/ by default), loaded and compiled once per process. */
export function loadRecog(dir: string = FINGERPRINTS_DIR): RecogDb {
  if (cached && cached.dir === dir) return cached.db;
  const map = readRecogMap(dir);
  const recogDir = path.join(dir, 'third-party', 'recog');
  const rules: RecogRule[] = [];
  const untranslatable: RecogUntranslatable[] = [];
  for (const f of map.files) {
    const file = path.join(recogDir, f.file);
    let xml: string;
    try {
      xml = readFileSync(file, 'utf8');
    } catch {
      throw new RecogLoadError(`fingerprint data third-party/recog/${f.file} is missing (run npm run update:recog -- <recog checkout>)`);
    }
    const c = compileRecogFile(f.file, xml, map);
    rules.push(...c.fingerprints);
    untranslatable.push(...c.untranslatable);
  }
  const vendorsFile = path.join(dir, 'recog-vendors.json');
  const vendorNames = new Map<string, string>();
  if (existsSync(vendorsFile)) for (const v of readRecogVendors(vendorsFile).vendors) vendorNames.set(v.id, v.display_name);
  const db: RecogDb = { rules, untranslatable, source: readRecogSource(recogDir), map, table: new VendorTable(map), vendorNames };
  cached = { dir, db };
  return db;
}

/**
 * recog-vendors.json from the map and the vendored files: every maker id a Recog fingerprint can conclude that
 * is not a curated vendor, with the Recog spellings behind it. Deterministic (sorted), so a diff shows what an
 * update added.
 */
export function generateRecogVendors(dir: string = FINGERPRINTS_DIR, curated: ReadonlySet<string> = curatedVendorIds(dir)): RecogVendorsFile {
  const db = loadRecogFresh(dir);
  const byId = new Map<string, Map<string, number>>();
  const displayOf = new Map<string, string>();
  for (const e of db.map.vendors) if (e.vendor && e.display) displayOf.set(e.vendor, e.display);
  const add = (id: string, name: string | null) => {
    if (curated.has(id)) return;
    const names = byId.get(id) ?? new Map<string, number>();
    if (name) names.set(name, (names.get(name) ?? 0) + 1);
    byId.set(id, names);
  };
  for (const e of db.map.vendors) if (e.vendor) for (const n of e.recog) add(e.vendor, n);
  for (const o of db.map.fingerprints) if (o.vendor) add(o.vendor, null);
  for (const r of db.rules) {
    for (const { role, name } of vendorStringsOf(r)) {
      const d = db.table.decide(name, role, { file: r.file, description: r.description });
      if (d.kind === 'maker') add(d.id, name);
      if (d.kind === 'brand' && d.id) add(d.id, name);
    }
  }
  const vendors = [...byId.entries()]
    .map(([id, names]) => {
      const spellings = [...names.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      if (!spellings.length) throw new RecogLoadError(`recog-map.json names vendor id "${id}" that no Recog string or display name explains: add an entry with "display"`);
      return { id, display_name: displayOf.get(id) ?? spellings[0]![0], recog: spellings.map(([n]) => n).sort((a, b) => a.localeCompare(b)) };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  return {
    description:
      'GENERATED by npm run update:recog from recog-map.json and the vendored Recog files: ids and display names of makers only Recog names (switches, printers, NAS boxes …). They carry no policy facts: those stay in the curated vendors.json. Edit recog-map.json, not this file.',
    vendors,
  };
}

function curatedVendorIds(dir: string): Set<string> {
  const json = JSON.parse(readFileSync(path.join(dir, 'vendors.json'), 'utf8')) as { vendors: { id: string }[] };
  return new Set(json.vendors.map((v) => v.id));
}

function loadRecogFresh(dir: string): RecogDb {
  cached = null;
  return loadRecog(dir);
}

export { slugOf, RECOG_VENDORS_FILE };
