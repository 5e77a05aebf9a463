// MAC → IEEE organisation → vendor id, from the pinned oui-data package. Loaded lazily (the index
// is ~5.6 MB of JSON: ~60 ms and ~30 MB), only when a MAC needs looking up.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { OuiOwner } from './schema.js';

let registry: Record<string, string> | null = null;

function load(): Record<string, string> {
  if (!registry) {
    const require = createRequire(import.meta.url);
    registry = JSON.parse(readFileSync(require.resolve('oui-data'), 'utf8')) as Record<string, string>;
  }
  return registry;
}

export interface OuiHit {
  mac: string;
  prefix: string;
  org: string | null;
  /** Locally administered (bit 1 of the first octet): randomised or virtual; never looked up. */
  local: boolean;
}

export function normaliseMac(mac: string): string | null {
  const hex = mac.replace(/[^0-9a-fA-F]/g, '').toUpperCase();
  return hex.length === 12 ? hex : null;
}

export function lookupOui(mac: string): OuiHit | null {
  const hex = normaliseMac(mac);
  if (!hex) return null;
  const pretty = hex.match(/../g)!.join(':').toLowerCase();
  const local = (parseInt(hex.slice(0, 2), 16) & 0x02) !== 0;
  if (local) return { mac: pretty, prefix: hex.slice(0, 6), local, org: null };
  const d = load();
  // Longest prefix first: MA-S (36 bits), MA-M (28), MA-L (24).
  for (const len of [9, 7, 6]) {
    const v = d[hex.slice(0, len)];
    if (v !== undefined) return { mac: pretty, prefix: hex.slice(0, len), local, org: v.split('\n')[0] ?? null };
  }
  return { mac: pretty, prefix: hex.slice(0, 6), local, org: null };
}

/** Vendor id for an exact IEEE organisation string, per fingerprints/oui-owners.json. */
export function vendorForOrg(owners: readonly OuiOwner[], org: string | null): string | null {
  if (!org) return null;
  for (const o of owners) if (o.orgs.includes(org)) return o.vendor;
  return null;
}

/** How many registry prefixes each owner has (for the test that notices registry changes). */
export function prefixCounts(owners: readonly OuiOwner[]): Record<string, number> {
  const d = load();
  const byOrg = new Map<string, string>();
  for (const o of owners) for (const org of o.orgs) byOrg.set(org, o.vendor);
  const out: Record<string, number> = Object.fromEntries(owners.map((o) => [o.vendor, 0]));
  for (const v of Object.values(d)) {
    const vendor = byOrg.get(v.split('\n')[0] ?? '');
    if (vendor) out[vendor] = (out[vendor] ?? 0) + 1;
  }
  return out;
}
