// Loads fingerprints/ once: rule files (schema-checked with zod, regexes compiled once), vendors,
// brand edges and OUI owners. A malformed file is a one-line error naming the file and the problem.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { RuntimeError } from '../core/errors.js';
import { fingerprintInfo, type FingerprintInfo } from '../core/fingerprint-info.js';
import { BrandSchema, ChannelDataSchema, OuiOwnerSchema, RuleFileSchema, VendorSchema, type Brand, type ModelConvention, type OuiOwner, type ReportedChannels, type Rule, type Vendor } from './schema.js';
import { ruleIndexOf } from './match.js';
import { loadRecog, type RecogDb } from './recog/load.js';
import { SelfReportedSpecSchema, selfReportedRules } from './self-reported.js';
import { existsSync } from 'node:fs';
import { z } from 'zod';

export interface CompiledRule extends Rule {
  /** Source file (kind) the rule came from, and its position there (earlier rules win). */
  file: string;
  order: number;
  fields: string[];
  re: RegExp;
  /** Made at load from names in the vendor tables (src/fingerprint/self-reported.ts), not written in rules/. */
  generated?: boolean;
  /** Prefilter of a generated rule: every match contains one of these (lower-cased); see src/fingerprint/match.ts. */
  anyLiteral?: string[];
}

export interface FingerprintDb {
  rules: CompiledRule[];
  vendors: Map<string, Vendor>;
  brands: Brand[];
  ouiOwners: OuiOwner[];
  /** The Recog import (fingerprints/recog-map.json and third-party/recog/), null when the map is absent. */
  recog: RecogDb | null;
  /** Where recorders report their channel capacity, and model-number conventions (fingerprints/channels.json). */
  channels: ChannelRules;
}

export interface CompiledConvention extends ModelConvention {
  re: RegExp;
}

export interface ChannelRules {
  reported: ReportedChannels[];
  models: CompiledConvention[];
}

/** The fingerprint data cannot be used. A run stops on it: attributing with no rules would call every camera "unknown". */
export class FingerprintDbError extends RuntimeError {
  constructor(message: string) {
    super(message, 'CAMAUDIT_ERR_FINGERPRINTS');
    this.name = 'FingerprintDbError';
  }
}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new FingerprintDbError(`fingerprint data ${path.basename(file)}: ${(e as Error).message.split('\n')[0]}`);
  }
}

function check<T>(schema: z.ZodType<T>, data: unknown, where: string): T {
  const r = schema.safeParse(data);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new FingerprintDbError(`fingerprint data ${where}: ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}

/** Compile a rule's pattern; JS regexes have no catastrophic-backtracking guard, so inputs are capped by the matcher. */
export function compileRule(rule: Rule, file: string, order: number): CompiledRule {
  let re: RegExp;
  try {
    re = new RegExp(rule.pattern, rule.caseSensitive ? 'm' : 'im');
  } catch (e) {
    throw new FingerprintDbError(`fingerprint rule ${rule.id}: bad pattern: ${(e as Error).message}`);
  }
  return { ...rule, file, order, fields: Array.isArray(rule.field) ? rule.field : [rule.field], re };
}

export function loadFingerprintDbFrom(dir: string): FingerprintDb {
  const rulesDir = path.join(dir, 'rules');
  const rules: CompiledRule[] = [];
  const ids = new Set<string>();
  for (const name of readdirSync(rulesDir).filter((n) => n.endsWith('.json')).sort()) {
    const data = check(RuleFileSchema, readJson(path.join(rulesDir, name)), `rules/${name}`);
    data.rules.forEach((r, i) => {
      if (ids.has(r.id)) throw new FingerprintDbError(`fingerprint data rules/${name}: duplicate rule id ${r.id}`);
      ids.add(r.id);
      rules.push(compileRule(r, name, i));
    });
  }
  const vendorList = check(z.object({ vendors: z.array(VendorSchema) }), readJson(path.join(dir, 'vendors.json')), 'vendors.json').vendors;
  const vendors = new Map(vendorList.map((v) => [v.id, v]));
  const brands = check(z.object({ brands: z.array(BrandSchema) }), readJson(path.join(dir, 'brands.json')), 'brands.json').brands;
  const ouiOwners = check(z.object({ owners: z.array(OuiOwnerSchema) }), readJson(path.join(dir, 'oui-owners.json')), 'oui-owners.json').owners;
  for (const r of rules) {
    const m = r.concludes.manufacturer;
    if (m && !vendors.has(m)) throw new FingerprintDbError(`fingerprint rule ${r.id}: unknown vendor id "${m}"`);
  }
  for (const b of brands) if (!vendors.has(b.manufacturer)) throw new FingerprintDbError(`brands.json: ${b.brand}: unknown vendor id "${b.manufacturer}"`);
  for (const o of ouiOwners) if (!vendors.has(o.vendor)) throw new FingerprintDbError(`oui-owners.json: unknown vendor id "${o.vendor}"`);
  const recog = loadRecogChecked(dir, vendors);
  rules.push(...selfReportedFrom(dir, { vendors, brands, rules, recogDir: dir }));
  const channels = loadChannels(dir, vendors);
  const db = { rules, vendors, brands, ouiOwners, recog, channels };
  ruleIndexOf(db); // built once here, at load
  return db;
}

const RecogVendorsSchema = z.object({ vendors: z.array(z.object({ id: z.string(), display_name: z.string(), recog: z.array(z.string()) })) });

/** Rules generated from the vendor and brand names (fingerprints/self-reported.json); none when that file is absent. */
function selfReportedFrom(dir: string, d: { vendors: Map<string, Vendor>; brands: Brand[]; rules: CompiledRule[]; recogDir: string }): CompiledRule[] {
  const specFile = path.join(dir, 'self-reported.json');
  if (!existsSync(specFile)) return [];
  const spec = check(SelfReportedSpecSchema, readJson(specFile), 'self-reported.json');
  const recogFile = path.join(dir, 'recog-vendors.json');
  const recogVendors = existsSync(recogFile) ? check(RecogVendorsSchema, readJson(recogFile), 'recog-vendors.json').vendors : [];
  const groupOf = (id: string): string => vendorGroup(d.vendors, id);
  const generated = selfReportedRules(spec, { vendors: d.vendors, recogVendors, brands: d.brands, rules: d.rules, groupOf }, 0);
  for (const e of spec.examples) {
    const hit = generated.find((r) => r.fields.includes(e.field) && r.re.test(e.value));
    const named = hit ? (hit.concludes.manufacturer ?? `brand:${hit.concludes.brand}`) : null;
    if (named !== e.names) throw new FingerprintDbError(`self-reported.json: example ${JSON.stringify(e.value)} in ${e.field} names ${named ?? 'nobody'}, not ${e.names}`);
  }
  for (const n of spec.negatives) {
    const hit = generated.find((r) => r.fields.includes(n.field) && r.re.test(n.value));
    if (hit) throw new FingerprintDbError(`self-reported.json: negative ${JSON.stringify(n.value)} in ${n.field} is named by ${hit.id}`);
  }
  return generated;
}

/** fingerprints/channels.json, its conventions compiled (case-sensitive: model numbers are written as makers print them). */
function loadChannels(dir: string, vendors: Map<string, Vendor>): ChannelRules {
  const data = check(ChannelDataSchema, readJson(path.join(dir, 'channels.json')), 'channels.json');
  const ids = new Set<string>();
  for (const r of [...data.reported, ...data.models]) {
    if (ids.has(r.id)) throw new FingerprintDbError(`fingerprint data channels.json: duplicate id ${r.id}`);
    ids.add(r.id);
  }
  const models = data.models.map((m) => {
    if (!vendors.has(m.manufacturer)) throw new FingerprintDbError(`fingerprint data channels.json: ${m.id}: unknown vendor id "${m.manufacturer}"`);
    let re: RegExp;
    try {
      re = new RegExp(m.pattern);
    } catch (e) {
      throw new FingerprintDbError(`fingerprint data channels.json: ${m.id}: bad pattern: ${(e as Error).message}`);
    }
    return { ...m, re };
  });
  return { reported: data.reported, models };
}

/** The Recog import, with every maker id it can name resolved to a curated or a Recog-only vendor. */
function loadRecogChecked(dir: string, vendors: Map<string, Vendor>): RecogDb | null {
  if (!existsSync(path.join(dir, 'recog-map.json'))) return null;
  let recog: RecogDb;
  try {
    recog = loadRecog(dir);
  } catch (e) {
    throw new FingerprintDbError((e as Error).message.split('\n')[0]!);
  }
  const known = (id: string) => vendors.has(id) || recog.vendorNames.has(id);
  for (const e of recog.map.vendors) {
    if (e.vendor && !known(e.vendor)) throw new FingerprintDbError(`recog-map.json: ${e.recog[0]}: unknown vendor id "${e.vendor}" (run npm run update:recog to regenerate recog-vendors.json)`);
  }
  for (const o of recog.map.fingerprints) {
    if (o.vendor && !known(o.vendor)) throw new FingerprintDbError(`recog-map.json: override ${o.description ?? o.pattern}: unknown vendor id "${o.vendor}"`);
    if (!recog.rules.some((r) => r.override === o)) throw new FingerprintDbError(`recog-map.json: override ${o.file} ${o.description ?? o.pattern} matches no Recog fingerprint`);
  }
  return recog;
}

let cached: FingerprintDb | null = null;

/** The database under fingerprints/, loaded and compiled once per process. */
export function loadFingerprintDb(): FingerprintDb {
  if (!cached) {
    try {
      cached = loadFingerprintDbFrom(FINGERPRINTS_DIR);
    } catch (e) {
      // Recog's loader and the generated rules throw their own errors: all of them mean the same to a run.
      if (e instanceof FingerprintDbError) throw e;
      throw new FingerprintDbError(`fingerprint data: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }
  return cached;
}

/** Version, SHA-256 over the fingerprints/ data files, and the pinned oui-data version (for reports). */
export function fingerprintDbInfo(): FingerprintInfo {
  return fingerprintInfo();
}

/** The top of a vendor's group (Ezviz → Hikvision, Huacheng → Dahua): parents followed up to five steps. */
export function vendorGroup(vendors: ReadonlyMap<string, Vendor>, id: string): string {
  let cur = id;
  for (let i = 0; i < 5; i++) {
    const p = vendors.get(cur)?.parent?.vendor;
    if (!p) break;
    cur = p;
  }
  return cur;
}

export function vendorName(db: FingerprintDb, id: string): string {
  return db.vendors.get(id)?.display_name ?? db.recog?.vendorNames.get(id) ?? id;
}
