// What a Recog vendor string means to an auditor. Recog names three vendors per fingerprint: hw.vendor (who
// made the box), os.vendor (whose operating system) and service.vendor (whose software answered). Only the
// maker of the box matters to camaudit, so:
// - hw.vendor names the maker, unless the reviewed table says it is a brand (Lorex, Annke, Steinsvik) or a
//   chip maker (HiSilicon);
// - os.vendor names the maker unless the table marks it as a software vendor (Microsoft, Linux distributions,
//   VxWorks, third-party router firmware …): its OS runs on other makers' hardware;
// - service.vendor names the maker only when the table opts it in (`"service": true`): a web server, media
//   server or SSH library (Apache, GoAhead, PS3 Media Server, EvoStream …) is never the device's maker.
// Makers map to a curated id (vendors.json) when the table says so, otherwise to a generated Recog-only id
// (recog-vendors.json), kept apart from the curated vendor facts that policies read.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../../core/paths.js';
import { RecogVendorsFileSchema, type RecogMap, type RecogVendorEntry, type RecogVendorsFile } from './schema.js';

export const RECOG_VENDORS_FILE = path.join(FINGERPRINTS_DIR, 'recog-vendors.json');

export type VendorRole = 'hw' | 'os' | 'service';

export type VendorDecision =
  | { kind: 'maker'; id: string; name: string; explicit: boolean }
  | { kind: 'brand'; brand: string; id?: string; name: string }
  | { kind: 'chip'; name: string }
  | { kind: 'software'; name: string };

export interface VendorContext {
  file: string;
  description: string;
}

/** A Recog vendor string as an id: lower case, runs of anything else than a-z0-9 as one hyphen. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'unnamed';
}

/** Compiled lookup over the reviewed vendor table (entries in order; the first that applies wins). */
export class VendorTable {
  private readonly byName = new Map<string, { entry: RecogVendorEntry; when: RegExp | null }[]>();

  constructor(readonly map: RecogMap) {
    for (const entry of map.vendors) {
      const when = entry.when?.description ? new RegExp(entry.when.description, 'i') : null;
      for (const name of entry.recog) {
        const key = name.toLowerCase();
        const list = this.byName.get(key) ?? [];
        list.push({ entry, when });
        this.byName.set(key, list);
      }
    }
  }

  entryFor(name: string, ctx: VendorContext): RecogVendorEntry | null {
    for (const { entry, when } of this.byName.get(name.trim().toLowerCase()) ?? []) {
      if (entry.when?.file && entry.when.file !== ctx.file) continue;
      if (when && !when.test(ctx.description)) continue;
      return entry;
    }
    return null;
  }

  decide(name: string, role: VendorRole, ctx: VendorContext): VendorDecision {
    const n = name.trim();
    const entry = this.entryFor(n, ctx);
    if (entry) {
      if (entry.chip) return { kind: 'chip', name: n };
      if (entry.brand) return { kind: 'brand', brand: entry.brand, name: n, ...(entry.vendor ? { id: entry.vendor } : {}) };
      if (entry.maker === false) return { kind: 'software', name: n };
      if (role === 'service' && !entry.service) return { kind: 'software', name: n };
      if (role === 'os' && entry.software) return { kind: 'software', name: n };
      return { kind: 'maker', id: entry.vendor ?? slugOf(n), name: n, explicit: Boolean(entry.vendor) };
    }
    if (role === 'service') return { kind: 'software', name: n };
    return { kind: 'maker', id: slugOf(n), name: n, explicit: false };
  }
}

export function readRecogVendors(file = RECOG_VENDORS_FILE): RecogVendorsFile {
  const r = RecogVendorsFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!r.success) {
    const i = r.error.issues[0];
    throw new Error(`fingerprint data recog-vendors.json: ${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}
