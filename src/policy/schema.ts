// zod schemas for policy files (fingerprints/policies/*.json and user --policy-file) and the
// defensive views of vendors.json / brands.json that the policy verdict needs.
import { z } from 'zod';

export const POLICY_EFFECTS = ['binding', 'predicate', 'export-control', 'administrative', 'informational'] as const;
export type PolicyEffect = (typeof POLICY_EFFECTS)[number];

/** Vendor predicates a policy may use instead of naming a company. */
export const VENDOR_PREDICATES = ['prc_national_intelligence_law'] as const;

const text = (max: number) => z.string().min(1).max(max);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

/** An excerpt file name (fingerprints/policies/excerpts/<policy-id>--<n>.txt), or several that agree. */
export const EXCERPT_NAME = /^[a-z0-9][a-z0-9-]{1,63}--\d{1,3}\.txt$/;
const ExcerptRefSchema = z.union([z.string().regex(EXCERPT_NAME, 'an excerpt file name <policy-id>--<n>.txt'), z.array(z.string().regex(EXCERPT_NAME, 'an excerpt file name <policy-id>--<n>.txt')).min(1).max(5)]);

/** A further passage a policy record quotes (a restatement, a written answer), with its source. */
export const PassageSchema = z.object({
  text: text(5000),
  verbatim: z.boolean(),
  /** Who said or published it, where and when, as a report states it. */
  source: text(1000),
  excerpt: ExcerptRefSchema.optional(),
});
export type Passage = z.infer<typeof PassageSchema>;

export const CoveredEntrySchema = z
  .object({
    vendor: text(100).optional(),
    vendor_predicate: z.enum(VENDOR_PREDICATES).optional(),
    equipment: text(500),
    includes_subsidiaries_affiliates: z.boolean().default(false),
    /** The list's own limiting condition (e.g. the §889 purposes), null when unconditional. */
    condition: z.string().max(2000).nullable().default(null),
    /** The list's words for this entry (elisions shown with …); null to fall back to the policy's quote. */
    quote: z.string().max(5000).nullable().optional(),
    /** true only when the stored excerpt(s) contain the quote exactly; false: a paraphrase. */
    verbatim: z.boolean().optional(),
    /** Where the quote was taken from, as a report states it ("FAR 52.204-25(a), copy at …"). */
    quote_source: z.string().min(1).max(1000).optional(),
    /** Stored excerpt file(s) under fingerprints/policies/excerpts/ the quote was taken from. */
    excerpt: ExcerptRefSchema.optional(),
    /** Research remark on the quote (disputes, what was not read); kept out of the quote itself. */
    quote_note: z.string().max(2000).optional(),
    date_added: z.string().max(200).optional(),
    /** Coverage is an inference (e.g. from PRC incorporation), not a naming. */
    inferred: z.boolean().optional(),
    /**
     * The device types the entry's equipment is (camera, nvr, dvr …), when the list covers only some kinds of
     * equipment ("visual surveillance equipment"); absent: every type. A device whose type is established (probable
     * or confirmed) as another type is not covered by this entry.
     */
    device_types: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'a device type such as camera, nvr, dvr')).min(1).max(20).optional(),
  })
  .refine((e) => Boolean(e.vendor) !== Boolean(e.vendor_predicate), { message: 'each covered entry needs exactly one of "vendor" or "vendor_predicate"' });

export const SourceSchema = z.object({ citation: text(1000), url: z.string().url().max(2000).optional() });

export const PolicySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'id must be lower-case letters, digits and dashes (2-64 characters)'),
    title: text(500),
    short_title: text(120).optional(),
    /** The instrument's own title, as its issuer publishes it. */
    official_title: text(500).optional(),
    /** Its official number or citation (e.g. "Pub. L. 115-232, §889", "HCWS386"); null when none exists. */
    number: z.string().min(1).max(300).nullable().optional(),
    /** Why no number exists, or what about the number is uncertain. Required when number is null. */
    number_note: text(1000).optional(),
    /** The instrument's own date (made, enacted, first published). */
    date: isoDate.optional(),
    /** Where the instrument is published (its primary address, even when it was read through a copy). */
    url: z.string().url().max(2000).optional(),
    jurisdiction: text(20),
    issuer: text(500),
    instrument: text(200),
    effect: z.enum(POLICY_EFFECTS),
    dates: z.record(z.string(), z.union([z.string().max(500), z.array(z.string().max(500)).max(20)])),
    binds: text(2000),
    quote: text(20000),
    /** Where the quote was taken from, as a report states it. */
    quote_source: z.string().max(2000).optional(),
    /** true only when the stored excerpt(s) contain the quote exactly; false: a paraphrase. */
    quote_verbatim: z.boolean(),
    quote_excerpt: ExcerptRefSchema.optional(),
    /** Further passages quoted for context, each with its source. */
    passages: z.array(PassageSchema).max(20).optional(),
    covered: z.array(CoveredEntrySchema).max(500),
    report_wording: text(2000),
    notes: z.array(z.string().max(5000)).max(50).optional(),
    /** Proposed or pending changes that could alter a verdict (a proposed rule, a court remand). */
    pending: z.array(z.string().max(5000)).max(20).optional(),
    /** A record kept to watch a list that names no covered maker yet: it never produces a verdict. */
    watch: z.boolean().optional(),
    sources: z.array(SourceSchema).min(1).max(50),
    /** The date the record was last checked against its sources (the date read). */
    last_verified: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'last_verified must be a date YYYY-MM-DD'),
  })
  .refine((p) => p.number !== null || Boolean(p.number_note), { message: 'a policy whose number is null must say why in number_note', path: ['number_note'] })
  .refine((p) => !p.watch || p.covered.length === 0, { message: 'a watch record names no covered maker: remove "watch" when adding a covered entry', path: ['watch'] });
export type Policy = z.infer<typeof PolicySchema>;
export type CoveredEntry = z.infer<typeof CoveredEntrySchema>;

/** The parts of a vendors.json record the verdict uses (the fingerprint engineer owns the file). */
export const VendorSchema = z.looseObject({
  id: z.string().min(1),
  display_name: z.string().optional(),
  legal_names: z.array(z.string()).optional(),
  country: z.string().optional(),
  parent: z.looseObject({ vendor: z.string(), relation: z.string().optional() }).nullable().optional(),
  affiliates: z.array(z.string()).optional(),
  prc_national_intelligence_law: z.looseObject({ subject: z.boolean(), basis: z.string().optional() }).nullable().optional(),
});
export type Vendor = z.infer<typeof VendorSchema>;

export const BrandEdgeSchema = z.looseObject({
  brand: z.string().min(1),
  match: z.looseObject({ names: z.array(z.string()).optional() }).optional(),
  manufacturer: z.string().min(1),
  relation: z.string().default('unknown'),
  certainty: z.string().default('weak'),
  valid_from: z.string().nullable().optional(),
  valid_to: z.string().nullable().optional(),
  // fingerprints/brands.json keeps evidence as one string; older/synthetic files use a list.
  evidence: z.union([z.string(), z.array(z.unknown())]).optional(),
});
export type BrandEdge = z.infer<typeof BrandEdgeSchema>;

/** JSON Schema of a policy file, generated from PolicySchema (committed as fingerprints/policies/schema.json). */
export function policyJsonSchema(): Record<string, unknown> {
  const s = z.toJSONSchema(PolicySchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  s.title = 'camaudit policy file (fingerprints/policies/*.json and --policy-file)';
  s.description = 'Generated from PolicySchema in src/policy/schema.ts; zod validates at load time. Each covered entry has exactly one of "vendor" or "vendor_predicate".';
  return s;
}
