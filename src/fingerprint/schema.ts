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

/** fingerprints/channels.json: where recorders state their channel capacity, and makers' model-number conventions. */
const ChannelCount = z.number().int().min(0).max(4096);
const ReportedChannelsSchema = z.object({
  id: z.string().regex(/^channels\.[a-z0-9.-]{2,80}$/),
  /** Observation kind the fields are read from. */
  kind: z.string().min(2),
  /** Field holding every channel (IP and analogue together). */
  total: z.string().optional(),
  /** Field holding analogue (local) inputs. */
  analogue: z.string().optional(),
  /** Field holding IP (remote, digital) channels. */
  ip: z.string().optional(),
  what: z.string().min(10).max(500),
  source: z.string().min(3).max(500),
  examples: z
    .array(
      z.object({
        fields: z.record(z.string(), z.union([z.string(), z.number()])),
        total: ChannelCount,
        analogue: ChannelCount.optional(),
        ip: ChannelCount.optional(),
        source: z.string().min(3).max(500),
      }),
    )
    .min(1),
});
const ModelConventionSchema = z.object({
  id: z.string().regex(/^channels\.model-[a-z0-9.-]{2,80}$/),
  /** Vendor id whose maker group the convention belongs to; applied only to devices attributed to that group. */
  manufacturer: z.string(),
  /** What the number counts: IP channels (NVR) or analogue inputs (DVR). */
  kind: z.enum(['ip', 'analogue']),
  /** Regex over the device's model with a named capture `channels`, case-sensitive. */
  pattern: z.string().min(1).max(500).refine((p) => p.includes('(?<channels>'), 'needs a named capture "channels"'),
  convention: z.string().min(10).max(500),
  source: z.string().min(3).max(800),
  examples: z.array(z.object({ value: z.string().max(200), channels: ChannelCount.min(1), source: z.string().min(3).max(500) })).min(1),
  negatives: z.array(z.object({ value: z.string().max(200), note: z.string().max(300) })).optional(),
});
export const ChannelDataSchema = z.object({
  description: z.string(),
  reported: z.array(ReportedChannelsSchema.refine((r) => r.total !== undefined || r.analogue !== undefined || r.ip !== undefined, 'names no field')),
  models: z.array(ModelConventionSchema),
});
export type ChannelData = z.infer<typeof ChannelDataSchema>;
export type ReportedChannels = z.infer<typeof ReportedChannelsSchema>;
export type ModelConvention = z.infer<typeof ModelConventionSchema>;
