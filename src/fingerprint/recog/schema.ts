// zod schemas of fingerprints/recog-map.json (reviewed: which Recog file reads which field, and what each
// Recog vendor string means to an auditor), fingerprints/recog-vendors.json (generated: ids and names of
// vendors only Recog knows) and fingerprints/third-party/recog/SOURCE.json (the pinned Recog commit).
import { z } from 'zod';

const FIELD = z.string().regex(/^[a-z]+\.[\w.:-]+$/);

export const RecogFileEntrySchema = z.object({
  file: z.string().regex(/^[\w.-]+\.xml$/),
  fields: z.array(FIELD).min(1),
  /** Weight of a match from this file before Recog's own certainty is applied; below camaudit's banner band. */
  weight: z.number().int().min(0).max(54),
});

export const RecogVendorEntrySchema = z.object({
  /** Recog vendor strings this entry is about (compared case-insensitively). */
  recog: z.array(z.string().min(1)).min(1),
  /** The maker's camaudit vendor id (vendors.json, or a Recog-only id in recog-vendors.json). */
  vendor: z.string().regex(/^[a-z0-9-]+$/).optional(),
  /** Display name for a Recog-only id (default: the first Recog string). */
  display: z.string().optional(),
  /** A brand, not a maker: the label is kept, the maker comes from technical evidence or brands.json. */
  brand: z.string().optional(),
  /** A chip maker (e.g. HiSilicon): names no device maker. */
  chip: z.boolean().optional(),
  /** As os.vendor, a software or OS vendor whose code runs on others' hardware: names no device maker. */
  software: z.boolean().optional(),
  /** Never names a maker, in any role (a software project or virtual appliance Recog lists as hw.vendor). */
  maker: z.literal(false).optional(),
  /** As service.vendor, names the device maker (its service runs only on its own devices). Default: no. */
  service: z.boolean().optional(),
  /** Only for fingerprints whose description matches this regex (first matching entry wins). */
  when: z.object({ description: z.string().optional(), file: z.string().optional() }).optional(),
  note: z.string().max(400).optional(),
});
export type RecogVendorEntry = z.infer<typeof RecogVendorEntrySchema>;

export const RecogFingerprintOverrideSchema = z.object({
  file: z.string(),
  /** Exact Recog description (or pattern) of the fingerprint this overrides. */
  description: z.string().optional(),
  pattern: z.string().optional(),
  /** Maker id to conclude instead of what the params say; null: conclude no maker. */
  vendor: z.string().regex(/^[a-z0-9-]+$/).nullable().optional(),
  brand: z.string().optional(),
  note: z.string().min(10).max(400),
});
export type RecogFingerprintOverride = z.infer<typeof RecogFingerprintOverrideSchema>;

export const RecogMapSchema = z.object({
  description: z.string(),
  files: z.array(RecogFileEntrySchema).min(1),
  notImported: z.array(z.object({ file: z.string(), why: z.string() })),
  vendors: z.array(RecogVendorEntrySchema),
  fingerprints: z.array(RecogFingerprintOverrideSchema),
});
export type RecogMap = z.infer<typeof RecogMapSchema>;

export const RecogVendorRecordSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  display_name: z.string(),
  recog: z.array(z.string()).min(1),
});
export type RecogVendorRecord = z.infer<typeof RecogVendorRecordSchema>;

export const RecogVendorsFileSchema = z.object({
  description: z.string(),
  vendors: z.array(RecogVendorRecordSchema),
});
export type RecogVendorsFile = z.infer<typeof RecogVendorsFileSchema>;

export const RecogSourceSchema = z.object({
  repository: z.string(),
  commit: z.string().regex(/^[0-9a-f]{40}$/),
  commitDate: z.string().optional(),
  license: z.string(),
  files: z.record(
    z.string(),
    z.object({ sha256: z.string(), fingerprints: z.number().int(), examples: z.number().int(), untranslatable: z.number().int(), approximated: z.number().int() }),
  ),
});
export type RecogSource = z.infer<typeof RecogSourceSchema>;
