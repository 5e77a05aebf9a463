// Scoring truth: a capture's `vendor_truth` text → a vendor id identify can produce (a curated id of
// fingerprints/vendors.json, or a Recog-only id of fingerprints/recog-vendors.json: Canon, LG, MikroTik …),
// and the high-risk maker groups, read from the data (vendors with `high_risk_maker: true`, grouped by parent).
// Curated names win over Recog names at every step. A truth text that names a maker neither table knows is
// "unmapped": listed, never dropped.
import { groupOf } from '../src/fingerprint/attribute.js';
import { loadFingerprintDb, type FingerprintDb } from '../src/fingerprint/db.js';
import { loadPolicies } from '../src/policy/load.js';
import { readRecogVendors, RECOG_VENDORS_FILE } from '../src/fingerprint/recog/vendors.js';
import { existsSync } from 'node:fs';

export interface Truth {
  /** The capture's vendor_truth text, as written. */
  text: string;
  /** 'vendor': maps to a vendor id (curated or Recog-only); 'unknown': the source does not establish the maker; 'unmapped': a maker the database has no id for. */
  status: 'vendor' | 'unknown' | 'unmapped';
  vendor: string | null;
  /** The vendor's group (Ezviz → hikvision); for 'unmapped', the maker name lower-cased, so it is never counted right. */
  group: string | null;
}

/**
 * Maker names written in truth texts that are not a vendor's id, display name or legal name. Keys are
 * lower-case; matched against the text before the first "(", "," or ";" and then its first word.
 */
export const TRUTH_ALIASES: Record<string, string> = {
  'hanwha vision': 'hanwha',
  'hanwha techwin': 'hanwha',
  'samsung techwin': 'hanwha',
  'samsung wisenet': 'hanwha',
  philips: 'signify',
  'philips hue': 'signify',
  'signify (philips)': 'signify',
  'tp link': 'tp-link',
  tplink: 'tp-link',
  hik: 'hikvision',
  'hangzhou hikvision': 'hikvision',
  'zhejiang dahua': 'dahua',
  'zhejiang uniview': 'uniview',
  unv: 'uniview',
  'hangzhou xiongmai': 'xiongmai',
  xm: 'xiongmai',
  imou: 'huacheng',
  'huawei technologies': 'huawei',
  'zte corporation': 'zte',
  ubnt: 'ubiquiti',
  // "FLIR (Teledyne FLIR)": the camera maker's common name (FLIR Systems, Teledyne FLIR since 2021).
  flir: 'teledyne-flir',
  // Samsung Electronics (TVs, phones, printers) is not Samsung Techwin (CCTV, now Hanwha Vision): the Recog-only id.
  'samsung electronics': 'samsung',
  'lg electronics': 'lg',
  'cisco systems': 'cisco',
};

/** Whether identify can name this vendor id: a curated vendor or a Recog-only one. */
function knownVendor(db: FingerprintDb, id: string): boolean {
  return db.vendors.has(id) || (db.recog?.vendorNames.has(id) ?? false);
}

/**
 * Lower-case name → vendor id. Recog-only makers first (their id and display name; every Recog vendor string of
 * recog-vendors.json), then the curated vendors and the aliases over them: a name both tables know is the curated id.
 */
function nameTable(db: FingerprintDb): Map<string, string> {
  const t = new Map<string, string>();
  const spellings = new Map<string, string[]>();
  if (db.recog && existsSync(RECOG_VENDORS_FILE)) for (const v of readRecogVendors(RECOG_VENDORS_FILE).vendors) spellings.set(v.id, v.recog);
  for (const [id, display] of db.recog?.vendorNames ?? []) {
    for (const n of [id, display, ...(spellings.get(id) ?? [])]) t.set(n.trim().toLowerCase(), id);
  }
  for (const v of db.vendors.values()) {
    for (const n of [v.id, v.display_name, ...v.legal_names]) t.set(n.trim().toLowerCase(), v.id);
  }
  for (const [k, v] of Object.entries(TRUTH_ALIASES)) if (knownVendor(db, v)) t.set(k, v);
  return t;
}

const tables = new WeakMap<FingerprintDb, Map<string, string>>();

/** The scoring truth of a vendor_truth text. */
export function truthOf(text: string, db: FingerprintDb = loadFingerprintDb()): Truth {
  const raw = String(text ?? '').trim();
  const t = raw.toLowerCase();
  if (!t || /^(unknown|unidentified|not stated|n\/a)\b/.test(t)) return { text: raw, status: 'unknown', vendor: null, group: null };
  let table = tables.get(db);
  if (!table) tables.set(db, (table = nameTable(db)));
  const whole = t.replace(/\s+/g, ' ');
  const head = whole.split(/[(,;]/)[0]!.trim();
  const first = head.split(/[\s/]/)[0]!;
  const id = table.get(whole) ?? table.get(head) ?? table.get(first);
  if (id) return { text: raw, status: 'vendor', vendor: id, group: groupOf(db, id) };
  return { text: raw, status: 'unmapped', vendor: null, group: `unmapped:${head}` };
}

/** vendor_truth text → vendor id ("Hanwha Vision (Samsung Techwin)" → hanwha); null when unknown or unmapped. */
export function truthVendor(text: string, db: FingerprintDb = loadFingerprintDb()): string | null {
  return truthOf(text, db).vendor;
}

/** The high-risk maker groups: the groups of vendors with `high_risk_maker: true` in fingerprints/vendors.json. */
export function highRiskGroups(db: FingerprintDb = loadFingerprintDb()): Set<string> {
  const out = new Set<string>();
  for (const v of db.vendors.values()) if (v.high_risk_maker) out.add(groupOf(db, v.id));
  return out;
}

export interface HighRiskCheck {
  /** The groups scored as high-risk (from the data). */
  groups: string[];
  /** Vendors named by a binding policy (FCC Covered List, NDAA §889): every one must be flagged. */
  namedByBinding: string[];
  /** Vendors named by another (export-control, administrative) policy. */
  namedByOther: string[];
  /** Named by a binding policy but not flagged high_risk_maker: a data error. */
  bindingNotFlagged: string[];
  /** Flagged but named by no policy by id (covered, if at all, through a predicate such as the UK statement). */
  flaggedNotNamed: string[];
}

/** Checks the high_risk_maker flags against the built-in policies' covered vendors. */
export function checkHighRiskFlags(db: FingerprintDb = loadFingerprintDb()): HighRiskCheck {
  const binding = new Set<string>();
  const other = new Set<string>();
  for (const p of loadPolicies()) {
    for (const e of p.covered) {
      if (!e.vendor) continue;
      if (p.effect === 'binding') binding.add(e.vendor);
      else if (p.effect !== 'informational') other.add(e.vendor);
    }
  }
  const flagged = [...db.vendors.values()].filter((v) => v.high_risk_maker).map((v) => v.id);
  const flaggedGroups = highRiskGroups(db);
  return {
    groups: [...flaggedGroups].sort(),
    namedByBinding: [...binding].sort(),
    namedByOther: [...other].filter((v) => !binding.has(v)).sort(),
    bindingNotFlagged: [...binding].filter((v) => !flaggedGroups.has(groupOf(db, v))).sort(),
    flaggedNotNamed: flagged.filter((v) => !binding.has(groupOf(db, v)) && !other.has(groupOf(db, v))).sort(),
  };
}
