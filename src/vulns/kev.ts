// KEV catalogue: the built-in curated subset (fingerprints/vulns/kev-subset.json) and, optionally,
// a newer official CISA KEV JSON file (--kev FILE).
//
//   loadKev(file?) → KevCatalogue   (no file: built-in subset only; with file: subset + official list)
//   builtinKev()   → KevCatalogue   (synchronous, cached; used when evaluateVulns gets no catalogue)
// Errors are UsageError with one line.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { z } from 'zod';
import { UsageError } from '../core/errors.js';
import { failureNote, parseJson } from '../core/failure.js';
import { readInputText } from '../core/input-file.js';
import { safeText } from '../core/text-safety.js';

/** A model pattern must compile (case-insensitive) when the subset is loaded, not be skipped later. */
const modelRegexSchema = z.string().superRefine((src, zctx) => {
  try {
    new RegExp(src, 'i');
  } catch (err) {
    zctx.addIssue({ code: 'custom', message: failureNote('not a valid regular expression', err) });
  }
});

const familySchema = z.object({
  family: z.string(),
  modelRegex: modelRegexSchema,
  from: z.string().optional(),
  to: z.string().optional(),
  fixedIn: z.string().optional(),
  dateOnly: z.boolean().optional(),
  buildBefore: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  fixedVersions: z.array(z.string()).optional(),
});

const entrySchema = z.object({
  cve: z.string().regex(/^CVE-\d{4}-\d{4,}$/),
  vendor: z.string(),
  vendorProject: z.string(),
  product: z.string(),
  name: z.string(),
  dateAdded: z.string(),
  sources: z.array(z.string()).min(1),
  scheme: z.enum(['hikvision', 'dahua-build-date', 'amcrest-version', 'none']),
  families: z.array(familySchema).min(1),
});

export const kevSubsetSchema = z.object({
  catalogVersion: z.string(),
  note: z.string().optional(),
  entries: z.array(entrySchema),
});

/** Official CISA KEV JSON (only the fields used). */
export const cisaKevSchema = z.object({
  catalogVersion: z.string(),
  vulnerabilities: z.array(
    z.object({
      cveID: z.string(),
      vendorProject: z.string(),
      product: z.string(),
      vulnerabilityName: z.string(),
      dateAdded: z.string(),
    }),
  ),
});

export type KevSubset = z.infer<typeof kevSubsetSchema>;
export type KevRuleEntry = z.infer<typeof entrySchema>;
export type KevFamily = z.infer<typeof familySchema>;

export interface KevListing {
  cve: string;
  vendorProject: string;
  product: string;
  name: string;
  dateAdded: string;
}

export interface KevCatalogue {
  /** Version of the catalogue in force (the --kev file's, else the subset's). */
  catalogVersion: string;
  rules: KevRuleEntry[];
  /** Entries of an official catalogue without version rules of ours. */
  listings: KevListing[];
}

/** The official catalogue is about 1.5 MB (2026); 16 MiB leaves room for years of growth. */
export const MAX_KEV_BYTES = 16 * 1024 * 1024;
let builtin: KevCatalogue | null = null;

export function builtinKev(): KevCatalogue {
  if (builtin) return builtin;
  // FINGERPRINTS_DIR, not import.meta.url: the compiled CLI runs from dist/, where ../../ is not the repo root.
  const path = join(FINGERPRINTS_DIR, 'vulns', 'kev-subset.json');
  const subset = kevSubsetSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  builtin = { catalogVersion: subset.catalogVersion, rules: subset.entries, listings: [] };
  return builtin;
}

export async function loadKev(file?: string): Promise<KevCatalogue> {
  const base = builtinKev();
  if (!file) return base;
  // A regular file under the cap only: a FIFO or /dev/zero is refused before anything is read.
  const parsedJson = parseJson(readInputText(file, { what: 'KEV file', maxBytes: MAX_KEV_BYTES }));
  if (!parsedJson.ok) throw new UsageError(`KEV file ${safeText(file, 200)} is not valid JSON`, 'CAMAUDIT_ERR_INPUT');
  const doc = parsedJson.value;
  const parsed = cisaKevSchema.safeParse(doc);
  if (!parsed.success) {
    throw new UsageError(`KEV file ${safeText(file, 200)} is not a CISA KEV catalogue (needs catalogVersion and vulnerabilities[] with cveID, vendorProject, product, vulnerabilityName, dateAdded)`, 'CAMAUDIT_ERR_INPUT');
  }
  const listings = parsed.data.vulnerabilities.map((v) => ({
    cve: v.cveID,
    vendorProject: v.vendorProject,
    product: v.product,
    name: v.vulnerabilityName,
    dateAdded: v.dateAdded,
  }));
  // A newer catalogue's dateAdded wins for the CVEs we hold rules for.
  const added = new Map(listings.map((l) => [l.cve, l.dateAdded]));
  const rules = base.rules.map((r) => ({ ...r, dateAdded: added.get(r.cve) ?? r.dateAdded }));
  return { catalogVersion: parsed.data.catalogVersion, rules, listings };
}
