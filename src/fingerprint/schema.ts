// zod schemas of the fingerprint data files (fingerprints/rules/*.json, vendors.json, brands.json,
// oui-owners.json). Validated once at load; a bad file is a clear one-line error.
import { z } from 'zod';

export const CAPTURE_NAMES = ['model', 'firmware', 'serial', 'brand', 'mac'] as const;
export type CaptureName = (typeof CAPTURE_NAMES)[number];

const Example = z.object({
  value: z.string().max(4000),
  source: z.string().min(3).max(500),
  captures: z.partialRecord(z.enum(CAPTURE_NAMES), z.string()).optional(),
});

const Negative = z.object({ value: z.string().max(4000), note: z.string().max(500) });

export const RuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9.-]{2,80}$/),
  /** `<kind>.<field>`, or several alternatives (the first present field that matches wins). */
  field: z.union([z.string().regex(/^[a-z]+\.[\w.:-]+$/), z.array(z.string().regex(/^[a-z]+\.[\w.:-]+$/)).min(1)]),
  /** Regex (named captures from CAPTURE_NAMES), case-insensitive unless `caseSensitive`. */
  pattern: z.string().min(1).max(500),
  caseSensitive: z.boolean().optional(),
  /**
   * Where the named captures come from (src/fingerprint/capture-source.ts): `self-reported` (the device states the
   * value in a labelled key this pattern reads) or `derived` (cut out of another identifier: a serial, a name, a
   * banner). Default: from the field read. A self-reported value always beats a derived one of the same name.
   */
  captureSource: z.enum(['self-reported', 'derived']).optional(),
  concludes: z.object({
    manufacturer: z.string().optional(),
    brand: z.string().optional(),
    deviceType: z.enum(['camera', 'nvr', 'dvr', 'other']).optional(),
    /** "family": a firmware family seen in several makers' OEM gear; never establishes a maker alone. */
    note: z.string().max(300).optional(),
  }),
  /** 0..100: 90+ self-reported identity, 60-80 maker-specific banner, 30-50 family pattern. */
  weight: z.number().int().min(0).max(100),
  /** 0..100: how strongly the `deviceType` conclusion counts (default: the larger of `weight` and 60). */
  typeWeight: z.number().int().min(0).max(100).optional(),
  examples: z.array(Example).min(1),
  negatives: z.array(Negative).optional(),
});
export type Rule = z.infer<typeof RuleSchema>;

export const RuleFileSchema = z.object({
  kind: z.string().min(2),
  description: z.string(),
  rules: z.array(RuleSchema),
});

export const VendorSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  display_name: z.string(),
  legal_names: z.array(z.string()).min(1),
  country: z.string(),
  parent: z.object({ vendor: z.string(), relation: z.string().optional() }).nullable().optional(),
  affiliates: z.array(z.string()).optional(),
  prc_national_intelligence_law: z.object({ subject: z.boolean(), basis: z.string().optional() }).nullable().optional(),
  high_risk_maker: z.boolean().optional(),
});
export type Vendor = z.infer<typeof VendorSchema>;

export const BrandSchema = z.object({
  brand: z.string(),
  match: z.object({ names: z.array(z.string()).optional() }).optional(),
  manufacturer: z.string(),
  relation: z.enum(['own-brand', 'subsidiary', 'jv', 'former-subsidiary', 'oem-customer', 'group-entity']),
  valid_from: z.string().nullable().optional(),
  valid_to: z.string().nullable().optional(),
  certainty: z.enum(['confirmed', 'strong', 'moderate', 'weak']),
  evidence: z.string(),
});
export type Brand = z.infer<typeof BrandSchema>;

export const OuiOwnerSchema = z.object({
  vendor: z.string(),
  orgs: z.array(z.string()).min(1),
  expectedPrefixes: z.number().int().min(0),
});
export type OuiOwner = z.infer<typeof OuiOwnerSchema>;
