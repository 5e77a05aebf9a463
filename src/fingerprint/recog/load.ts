// Loads the vendored Recog fingerprints (fingerprints/third-party/recog/) once: each file listed in
// fingerprints/recog-map.json is read, every pattern translated from Ruby to JavaScript and compiled, and
// each fingerprint becomes a rule on the observation field the map names. Patterns that cannot be translated
// are kept in a list (reported by the self-test and `npm run update:recog`), never guessed.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { rethrowUnless } from '../../core/failure.js';
import { requiredLiteral } from '../literal.js';
import { FINGERPRINTS_DIR } from '../../core/paths.js';
import { parseRecogXml, type RecogExample, type RecogParam } from './xml.js';
import { translateRubyRegex, TRANSLATOR_VERSION } from './regex.js';
import { RecogMapSchema, RecogSourceSchema, type RecogMap, type RecogSource, type RecogFingerprintOverride, type RecogVendorsFile } from './schema.js';
import { slugOf, VendorTable, readRecogVendors, RECOG_VENDORS_FILE, type VendorRole } from './vendors.js';

export type { RecogSource } from './schema.js';

export const RECOG_DIR = path.join(FINGERPRINTS_DIR, 'third-party', 'recog');

/** One Recog fingerprint as the translation leaves it (what compiled.json stores, one per fingerprint). */
export interface RecogCompiledFingerprint {
  index: number;
  description: string;
  /** The Ruby pattern as Recog wrote it, and its JavaScript translation. */
  pattern: string;
  source: string;
  flags: string;
  /** The literal every match contains (src/fingerprint/literal.ts), lower-cased, or null. */
  literal: string | null;
  approximations: string[];
  /** Recog's own certainty (hw/os/service.certainty or the fingerprint's attribute), 0–1. */
  certainty: number;
  params: RecogParam[];
}

/** One Recog fingerprint, ready to match: on `fields`, concluded from its params at match time. */
export class RecogRule {
  /** `recog:<file stem>:<description>` (unique; `#n` added when a description repeats in a file). */
  readonly id: string;
  readonly fields: string[];
  /** File weight × Recog certainty, rounded. */
  readonly weight: number;
  readonly override: RecogFingerprintOverride | null;
  private compiled: RegExp | null = null;

  constructor(
    /** Source file, e.g. `http_servers.xml`. */
    readonly file: string,
    readonly fp: RecogCompiledFingerprint,
    id: string,
    entry: { fields: string[]; weight: number } | undefined,
    override: RecogFingerprintOverride | null,
    private readonly exampleSource: () => RecogExample[],
  ) {
    this.id = id;
    this.fields = entry?.fields ?? [];
    this.weight = Math.round((entry?.weight ?? 0) * fp.certainty);
    this.override = override;
  }

  get index(): number {
    return this.fp.index;
  }
  get description(): string {
    return this.fp.description;
  }
  get pattern(): string {
    return this.fp.pattern;
  }
  get params(): RecogParam[] {
    return this.fp.params;
  }
  get approximations(): string[] {
    return this.fp.approximations;
  }
  get literal(): string | null {
    return this.fp.literal;
  }
  /** The JavaScript regex, compiled on first use (most never run: the literal prefilter rules them out). */
  get re(): RegExp {
    return (this.compiled ??= new RegExp(this.fp.source, this.fp.flags));
  }
  /** The fingerprint's <example>s, read from the XML on first use (the self-test, the update script). */
  get examples(): RecogExample[] {
    return this.exampleSource();
  }
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
  sha256: string;
  fingerprints: RecogCompiledFingerprint[];
  untranslatable: RecogUntranslatable[];
  exampleCount: number;
}

/** fingerprints/third-party/recog/compiled.json: every imported file translated once, by npm run update:recog. */
export interface RecogCompiledCache {
  description: string;
  translator: string;
  files: Record<string, RecogCompiledFile>;
}

/** One fingerprint as compiled.json stores it (positional, to keep the file and its parse small). */
type PackedFingerprint = [number, string, string, string, string, string | null, number, Array<[number, string] | [number, string, string]>, string[]?];

interface PackedCache {
  description: string;
  translator: string;
  files: Record<string, Omit<RecogCompiledFile, 'fingerprints'> & { fingerprints: PackedFingerprint[] }>;
}

function pack(fp: RecogCompiledFingerprint): PackedFingerprint {
  const params = fp.params.map((p): [number, string] | [number, string, string] => (p.value === undefined ? [p.pos, p.name] : [p.pos, p.name, p.value]));
  const out: PackedFingerprint = [fp.index, fp.description, fp.pattern, fp.source, fp.flags, fp.literal, fp.certainty, params];
  if (fp.approximations.length) out.push(fp.approximations);
  return out;
}

function unpack(p: PackedFingerprint): RecogCompiledFingerprint {
  return {
    index: p[0],
    description: p[1],
    pattern: p[2],
    source: p[3],
    flags: p[4],
    literal: p[5],
    certainty: p[6],
    params: p[7].map((x) => (x.length === 3 ? { pos: x[0], name: x[1], value: x[2] } : { pos: x[0], name: x[1] })),
    approximations: p[8] ?? [],
  };
}

/** compiled.json's text for a cache (what npm run update:recog writes). */
export function serialiseRecogCache(cache: RecogCompiledCache): string {
  const packed: PackedCache = {
    description: cache.description,
    translator: cache.translator,
    files: Object.fromEntries(Object.entries(cache.files).map(([k, f]) => [k, { ...f, fingerprints: f.fingerprints.map(pack) }])),
  };
  return JSON.stringify(packed) + '\n';
}

function deserialiseRecogCache(text: string): RecogCompiledCache {
  const packed = JSON.parse(text) as PackedCache;
  return {
    description: packed.description,
    translator: packed.translator,
    files: Object.fromEntries(Object.entries(packed.files).map(([k, f]) => [k, { ...f, fingerprints: f.fingerprints.map(unpack) }])),
  };
}

export interface RecogDb {
  rules: RecogRule[];
  untranslatable: RecogUntranslatable[];
  source: RecogSource | null;
  map: RecogMap;
  table: VendorTable;
  /** Recog-only vendors (recog-vendors.json): id → display name. */
  vendorNames: Map<string, string>;
  /** Whether the translations came from compiled.json (true) or were made from the XML at this load. */
  fromCache: boolean;
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

/** Translate one Recog file: every fingerprint's pattern to JavaScript with its prefilter literal. */
export function compileRecogFile(fileName: string, xml: string): RecogCompiledFile {
  const parsed = parseRecogXml(xml, fileName);
  const out: RecogCompiledFile = { sha256: createHash('sha256').update(xml).digest('hex'), fingerprints: [], untranslatable: [], exampleCount: 0 };
  for (const fp of parsed.fingerprints) {
    out.exampleCount += fp.examples.length;
    const t = translateRubyRegex(fp.pattern, fp.flags);
    if (!t.ok) {
      out.untranslatable.push({ file: fileName, index: fp.index, description: fp.description, pattern: fp.pattern, reason: t.reason, examples: fp.examples.length });
      continue;
    }
    out.fingerprints.push({
      index: fp.index,
      description: fp.description,
      pattern: fp.pattern,
      source: t.source,
      flags: t.flags,
      literal: requiredLiteral(t.source),
      approximations: t.approximations,
      certainty: certaintyOf(fp.params, fp.certainty),
      params: fp.params,
    });
  }
  return out;
}

/** Rules of one compiled file, with ids, the map's fields and weight, overrides and lazily read examples. */
function rulesOf(fileName: string, compiled: RecogCompiledFile, map: RecogMap, examples: (index: number) => RecogExample[]): RecogRule[] {
  const entry = map.files.find((f) => f.file === fileName);
  const stem = fileName.replace(/\.xml$/, '');
  const seen = new Map<string, number>();
  return compiled.fingerprints.map((fp) => {
    const desc = fp.description || `fingerprint ${fp.index}`;
    const base = `recog:${stem}:${desc.length > 100 ? desc.slice(0, 99) + '…' : desc}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return new RecogRule(fileName, fp, n === 1 ? base : `${base} #${n}`, entry, overrideFor(map, fileName, fp.description, fp.pattern), () => examples(fp.index));
  });
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

export const COMPILED_FILE = 'compiled.json';

export function readCache(recogDir: string = RECOG_DIR): RecogCompiledCache | null {
  const file = path.join(recogDir, COMPILED_FILE);
  if (!existsSync(file)) return null;
  const cache = deserialiseRecogCache(readFileSync(file, 'utf8'));
  return cache.translator === TRANSLATOR_VERSION ? cache : null;
}

/** compiled.json for the files the map imports (written by npm run update:recog; the self-test checks it). */
export function compileRecogCache(dir: string = FINGERPRINTS_DIR): RecogCompiledCache {
  const map = readRecogMap(dir);
  const recogDir = path.join(dir, 'third-party', 'recog');
  const files: Record<string, RecogCompiledFile> = {};
  for (const f of map.files) files[f.file] = compileRecogFile(f.file, readFileSync(path.join(recogDir, f.file), 'utf8'));
  return {
    description: 'GENERATED by npm run update:recog: the vendored Recog patterns translated to JavaScript (src/fingerprint/recog/regex.ts) with their prefilter literals, so a scan does not re-translate 3,000 patterns at every start. Regenerate, never edit.',
    translator: TRANSLATOR_VERSION,
    files,
  };
}

/** The Recog rules under `dir` (fingerprints/ by default), loaded once per process. */
export function loadRecog(dir: string = FINGERPRINTS_DIR): RecogDb {
  if (cached && cached.dir === dir) return cached.db;
  const map = readRecogMap(dir);
  const recogDir = path.join(dir, 'third-party', 'recog');
  const source = readRecogSource(recogDir);
  const cache = readCache(recogDir);
  const rules: RecogRule[] = [];
  const untranslatable: RecogUntranslatable[] = [];
  let fromCache = true;
  // Examples are parsed from the XML only when asked for (self-test, update script), once per file.
  const exampleCache = new Map<string, RecogExample[][]>();
  const examplesOf = (file: string) => (index: number) => {
    let byIndex = exampleCache.get(file);
    if (!byIndex) {
      byIndex = parseRecogXml(readXml(recogDir, file), file).fingerprints.map((fp) => fp.examples);
      exampleCache.set(file, byIndex);
    }
    return byIndex[index] ?? [];
  };
  for (const f of map.files) {
    // The cache is used only for a file whose recorded hash is the one SOURCE.json pins.
    let compiled = cache?.files[f.file];
    if (!compiled || !source || source.files[f.file]?.sha256 !== compiled.sha256) {
      compiled = compileRecogFile(f.file, readXml(recogDir, f.file));
      fromCache = false;
    }
    rules.push(...rulesOf(f.file, compiled, map, examplesOf(f.file)));
    untranslatable.push(...compiled.untranslatable);
  }
  const vendorsFile = path.join(dir, 'recog-vendors.json');
  const vendorNames = new Map<string, string>();
  if (existsSync(vendorsFile)) for (const v of readRecogVendors(vendorsFile).vendors) vendorNames.set(v.id, v.display_name);
  const db: RecogDb = { rules, untranslatable, source, map, table: new VendorTable(map), vendorNames, fromCache };
  cached = { dir, db };
  return db;
}

function readXml(recogDir: string, file: string): string {
  try {
    return readFileSync(path.join(recogDir, file), 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT');
    throw new RecogLoadError(`fingerprint data third-party/recog/${file} is missing (run npm run update:recog -- <recog checkout>)`);
  }
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
