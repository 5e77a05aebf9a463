// Vendor facts (country, PRC National Intelligence Law, parent) and brand→maker edges, read
// defensively from fingerprints/vendors.json and brands.json (owned by the fingerprint engineer):
// a missing file or a malformed record leaves that fact unknown instead of failing the scan. A file that
// exists but is not JSON is a broken database and fails loudly (as a broken rule file does).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { parseJson, rethrowUnless } from '../core/failure.js';
import { BrandEdgeSchema, VendorSchema, type BrandEdge, type Vendor } from './schema.js';

export interface Corporate {
  vendors: Map<string, Vendor>;
  brands: BrandEdge[];
}

function readList(file: string, key: string): unknown[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // absent: nothing known
    return [];
  }
  const j = parseJson(text);
  if (!j.ok) throw new Error(`fingerprint data ${path.basename(file)}: not valid JSON (${j.reason})`);
  if (Array.isArray(j.value)) return j.value;
  if (j.value && typeof j.value === 'object') {
    const inner = (j.value as Record<string, unknown>)[key];
    if (Array.isArray(inner)) return inner;
  }
  return [];
}

const cache = new Map<string, Corporate>();

export function loadCorporate(dir: string = FINGERPRINTS_DIR): Corporate {
  const hit = cache.get(dir);
  if (hit) return hit;
  const vendors = new Map<string, Vendor>();
  for (const r of readList(path.join(dir, 'vendors.json'), 'vendors')) {
    const v = VendorSchema.safeParse(r);
    if (v.success) vendors.set(v.data.id, v.data);
  }
  const brands: BrandEdge[] = [];
  for (const r of readList(path.join(dir, 'brands.json'), 'brands')) {
    const b = BrandEdgeSchema.safeParse(r);
    if (b.success) brands.push(b.data);
  }
  const out = { vendors, brands };
  cache.set(dir, out);
  return out;
}

/** The maker and the companies above it (parent chain), each with how it relates to the maker. */
export function corporateChain(c: Corporate, maker: string): { vendor: string; via: string | null }[] {
  const chain: { vendor: string; via: string | null }[] = [{ vendor: maker, via: null }];
  const seen = new Set([maker]);
  let cur = c.vendors.get(maker);
  for (let depth = 0; cur && depth < 6; depth++) {
    const parent = cur.parent?.vendor;
    if (!parent || seen.has(parent)) break;
    seen.add(parent);
    chain.push({ vendor: parent, via: `${displayName(c, cur.id)} belongs to the ${displayName(c, parent)} group${cur.parent?.relation ? ` (${cur.parent.relation})` : ''}` });
    cur = c.vendors.get(parent);
  }
  for (const a of c.vendors.get(maker)?.affiliates ?? []) {
    if (!seen.has(a)) {
      seen.add(a);
      chain.push({ vendor: a, via: `${displayName(c, maker)} is an affiliate of ${displayName(c, a)}` });
    }
  }
  return chain;
}

export function displayName(c: Corporate, id: string): string {
  return c.vendors.get(id)?.display_name ?? id.charAt(0).toUpperCase() + id.slice(1);
}

const norm = (s: string) => s.trim().toLowerCase();

/** The brand edge that explains a labelled brand made by `maker` (or one of its group), if any. */
export function brandEdgeFor(c: Corporate, brand: string | null, makers: string[]): BrandEdge | null {
  if (!brand) return null;
  const b = norm(brand);
  const edges = c.brands.filter((e) => (norm(e.brand) === b || (e.match?.names ?? []).some((n) => norm(n) === b)) && makers.includes(e.manufacturer));
  const rank: Record<string, number> = { confirmed: 0, strong: 1, moderate: 2, weak: 3 };
  edges.sort((x, y) => (rank[x.certainty] ?? 9) - (rank[y.certainty] ?? 9));
  return edges[0] ?? null;
}

/** Is the vendor subject to the PRC National Intelligence Law? From vendors.json, else inferred from country CN. */
export function prcIntelligenceLaw(c: Corporate, vendor: string): { subject: boolean; basis: string } | null {
  const v = c.vendors.get(vendor);
  if (!v) return null;
  if (v.prc_national_intelligence_law) return { subject: v.prc_national_intelligence_law.subject, basis: v.prc_national_intelligence_law.basis ?? 'vendors.json' };
  if (v.country) return { subject: v.country.toUpperCase() === 'CN', basis: `inferred: incorporated in ${v.country.toUpperCase()}` };
  return null;
}
