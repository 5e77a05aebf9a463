// Self-reported maker names, for every vendor in the database without a rule per vendor.
//
// Devices name their maker in identity fields (ONVIF GetDeviceInformation `Manufacturer`, a UPnP description's
// `<manufacturer>`, HomeKit's Manufacturer characteristic, a document's `Manufacturer`/`Vendor` key …). A value
// that is exactly a maker's name — its display name, one of its legal names, or a name Rapid7 Recog uses for it,
// give or take a company suffix ("Co., Ltd.", "Inc.", "Technologies") — is strong evidence of that maker, however
// few captures of that maker anyone has seen. fingerprints/self-reported.json declares which fields count, the
// weight, the values that never name anyone (ONVIF, General, H264 …) and real examples; this module turns the
// names already in vendors.json, recog-vendors.json and brands.json into one generated rule per vendor (or brand),
// so a new vendor needs no code change and no new rule. A vendor that already has a hand-written rule reading its
// name in a field gets no generated rule on that field (one fact is counted once); a hand-written rule there that
// reads something else (a model family) does not stand in for the name.
import { z } from 'zod';
import type { Brand, Vendor } from './schema.js';
import type { CompiledRule } from './db.js';

export const SelfReportedSpecSchema = z.object({
  description: z.string(),
  /** `<kind>.<field>` whose value is the device's own statement of its maker. */
  fields: z.array(z.string().regex(/^[a-z]+\.[\w.:-]+$/)).min(1),
  /** `<kind>.<field>` whose value is the device's own statement of its brand (a brand edge names the maker). */
  brandFields: z.array(z.string().regex(/^[a-z]+\.[\w.:-]+$/)).default([]),
  /** Weight of a maker named in one of `fields` (docs/fingerprints.md: 85–95 is self-reported identity). */
  weight: z.number().int().min(0).max(100),
  /** Words a company name may end with, beyond the name itself (matched whole, any order, any punctuation). */
  suffixes: z.array(z.string().min(1)).min(1),
  /** Normalised values that never name a maker, whatever table holds them (placeholders, stock SDK values). */
  neverAMaker: z.array(z.string().min(1)),
  /** Names shorter than this (after normalising) are not generated: too likely to be a token of something else. */
  minNameLength: z.number().int().min(1).max(10),
  examples: z
    .array(
      z.object({
        field: z.string(),
        value: z.string().max(400),
        /** The vendor id (or `brand:<Brand>`) the value must name. */
        names: z.string(),
        source: z.string().min(3).max(500),
      }),
    )
    .min(1),
  negatives: z.array(z.object({ field: z.string(), value: z.string().max(400), note: z.string().max(500) })).default([]),
});
export type SelfReportedSpec = z.infer<typeof SelfReportedSpecSchema>;

/** Lower-case words of a name: punctuation becomes a word break, a parenthesised aside is dropped. */
export function nameWords(name: string): string[] {
  return name
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}\p{N}&+]+/u)
    .filter(Boolean);
}

/** The words of a name without the company suffixes it ends with ("Zhejiang Dahua Technology Co., Ltd." → zhejiang dahua). */
export function coreWords(name: string, suffixes: ReadonlySet<string>): string[] {
  const w = nameWords(name);
  while (w.length > 1 && suffixes.has(w[w.length - 1]!)) w.pop();
  return w;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One anchored, case-insensitive pattern: any of the names, then only company suffixes and punctuation. */
function namePattern(names: readonly string[][], suffixes: readonly string[]): string {
  const alts = [...new Set(names.map((w) => w.map(escape).join('[^\\p{L}\\p{N}]+')))].sort((a, b) => b.length - a.length);
  const suf = suffixes.map(escape).join('|');
  return `^[^\\p{L}\\p{N}]*(?:${alts.join('|')})(?:[^\\p{L}\\p{N}]+(?:${suf}))*[^\\p{L}\\p{N}]*$`;
}

export interface NameSource {
  vendors: ReadonlyMap<string, Vendor>;
  /** Vendors only Rapid7 Recog names (fingerprints/recog-vendors.json): id, display name, Recog's names. */
  recogVendors: ReadonlyArray<{ id: string; display_name: string; recog: string[] }>;
  brands: readonly Brand[];
  /** Hand-written rules: a vendor group with one that reads its name in a field gets no generated rule there. */
  rules: readonly CompiledRule[];
  groupOf(id: string): string;
}

/**
 * The generated rules: one per vendor (reading `fields`) and one per brand (reading `fields` and `brandFields`, naming
 * the brand only: brands.json's edge names the maker, as for any labelled brand), each anchored to whole names.
 */
export function selfReportedRules(spec: SelfReportedSpec, src: NameSource, firstOrder: number): CompiledRule[] {
  const suffixes = new Set(spec.suffixes.map((s) => s.toLowerCase()));
  const never = new Set(spec.neverAMaker.map((s) => nameWords(s).join(' ')));
  const usable = (w: string[]): boolean => w.join(' ').length >= spec.minNameLength && !never.has(w.join(' '));

  const namesOf = new Map<string, string[][]>();
  // Every name as written, usable or not, to ask whether a hand-written rule already reads the name itself.
  const rawNames = new Map<string, string[]>();
  const add = (id: string, name: string): void => {
    rawNames.set(id, [...(rawNames.get(id) ?? []), name]);
    const w = coreWords(name, suffixes);
    if (!usable(w)) return;
    const list = namesOf.get(id) ?? [];
    list.push(w);
    namesOf.set(id, list);
  };
  for (const v of src.vendors.values()) for (const n of [v.display_name, ...v.legal_names]) add(v.id, n);
  for (const v of src.recogVendors) for (const n of [v.display_name, ...v.recog]) add(v.id, n);

  // A name two vendors share names neither (e.g. a parent and a subsidiary both called "X Technology").
  const owners = new Map<string, Set<string>>();
  for (const [id, list] of namesOf) for (const w of list) owners.set(w.join(' '), (owners.get(w.join(' ')) ?? new Set()).add(id));

  // A hand-written rule of the vendor's group on that field that matches one of its names already counts the
  // statement once; a rule there that reads something else (a model family on the ONVIF name scope) does not.
  const covered = (id: string, field: string): boolean =>
    src.rules.some(
      (r) =>
        r.concludes.manufacturer &&
        r.weight > 0 &&
        src.groupOf(r.concludes.manufacturer) === src.groupOf(id) &&
        r.fields.includes(field) &&
        (rawNames.get(id) ?? []).some((n) => r.re.test(n) || r.re.test(n.toUpperCase())),
    );

  const out: CompiledRule[] = [];
  let order = firstOrder;
  for (const [id, list] of [...namesOf].sort(([a], [b]) => a.localeCompare(b))) {
    const names = list.filter((w) => owners.get(w.join(' '))!.size === 1);
    const fields = spec.fields.filter((f) => !covered(id, f));
    if (!names.length || !fields.length) continue;
    out.push(generated(`self-reported.${id}`, fields, names, spec.suffixes, { manufacturer: id }, spec.weight, order++));
  }
  if (spec.brandFields.length) {
    for (const b of src.brands) {
      const words = [b.brand, ...(b.match?.names ?? [])].map((n) => coreWords(n, suffixes)).filter(usable);
      if (!words.length) continue;
      const id = `self-reported.brand-${nameWords(b.brand).join('-')}`;
      if (out.some((r) => r.id === id)) continue;
      out.push(generated(id, [...spec.fields, ...spec.brandFields], words, spec.suffixes, { brand: b.brand }, 0, order++));
    }
  }
  return out;
}

function generated(id: string, fields: string[], names: string[][], suffixes: readonly string[], concludes: CompiledRule['concludes'], weight: number, order: number): CompiledRule {
  const pattern = namePattern(names, suffixes);
  return {
    id,
    field: fields,
    fields,
    pattern,
    concludes,
    weight,
    examples: [],
    file: 'self-reported.json',
    order,
    generated: true,
    // Every match starts with a name, so it contains that name's first word.
    anyLiteral: [...new Set(names.map((w) => w[0]!))],
    re: new RegExp(pattern, 'iu'),
  };
}
