// The risk verdict of one device: which policy lists cover its maker, quoting each list's own
// condition, and on what basis (made directly, via a brand/OEM edge, or as an affiliate; how sure).
import type { Attribution, PolicyHit, Risk, RiskLevel } from '../core/result.js';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { loadPolicies, type LoadPolicyOptions } from './load.js';
import { brandEdgeFor, corporateChain, displayName, loadCorporate, prcIntelligenceLaw, type Corporate } from './corporate.js';
import type { CoveredEntry, Policy, PolicyEffect } from './schema.js';

export type PolicyOptions = LoadPolicyOptions;

const CAMERA_TYPES = new Set(['camera', 'nvr', 'dvr']);

/** What a hit on a list of this effect does to the verdict. */
const LEVEL_OF_EFFECT: Record<PolicyEffect, RiskLevel> = {
  binding: 'high',
  predicate: 'elevated',
  'export-control': 'elevated',
  administrative: 'elevated',
  informational: 'none',
};
const ORDER: RiskLevel[] = ['none', 'unknown', 'elevated', 'high'];
const worse = (a: RiskLevel, b: RiskLevel): RiskLevel => (ORDER.indexOf(a) >= ORDER.indexOf(b) ? a : b);

function attributionStrength(attr: Attribution): string {
  switch (attr.confidence) {
    case 'confirmed':
      return 'attribution confirmed';
    case 'probable':
      return 'attribution probable, not confirmed';
    case 'possible':
      return 'attribution only possible: check by hand';
    default:
      return 'attribution strength not stated';
  }
}

/** "made by Hikvision directly" / "via brand Ezviz (subsidiary, certainty confirmed)" / "… belongs to the Hikvision group". */
function makerBasis(c: Corporate, attr: Attribution, maker: string, via: string | null, chainIds: string[]): string {
  const parts: string[] = [];
  const edge = brandEdgeFor(c, attr.brand, chainIds);
  const sameAsMaker = !attr.brand || attr.brand.trim().toLowerCase() === displayName(c, maker).toLowerCase() || attr.brand.trim().toLowerCase() === maker;
  if (edge && !sameAsMaker) {
    const period = edge.valid_from || edge.valid_to ? `, ${edge.valid_from ?? '…'} to ${edge.valid_to ?? 'present'}` : '';
    parts.push(`via brand ${attr.brand} → ${displayName(c, edge.manufacturer)} (${edge.relation}${period}, certainty ${edge.certainty})`);
    if (edge.relation === 'former-subsidiary') parts.push('covered only for units made while owned or still produced by the maker');
  } else if (!sameAsMaker && attr.brand) {
    parts.push(`labelled ${attr.brand}, made by ${displayName(c, maker)} (no brand edge on record)`);
  } else {
    parts.push(`made by ${displayName(c, maker)} directly`);
  }
  if (via) parts.push(via);
  return parts.join('; ');
}

/** The words a report quotes for a hit, whether they are verbatim, and their source, stated plainly. Research
 *  remarks (quote_note, notes) stay in the record: they are not part of the quoted condition. */
export function conditionOf(policy: Policy, entry: CoveredEntry): { text: string; verbatim: boolean; source: string } {
  const own = entry.quote !== null && entry.quote !== undefined;
  const text = own ? (entry.quote as string) : policy.quote;
  const verbatim = own ? (entry.verbatim ?? true) : policy.quote_verbatim;
  const source = (own ? entry.quote_source : undefined) ?? policy.quote_source ?? `${policy.short_title ?? policy.title} (${policy.id})`;
  return { text, verbatim, source };
}

function matchEntry(c: Corporate, entry: CoveredEntry, chain: { vendor: string; via: string | null }[], maker: string): { via: string | null; inferred: string | null } | null {
  if (entry.vendor) {
    const link = chain.find((l) => l.vendor === entry.vendor && (l.via === null || entry.includes_subsidiaries_affiliates));
    return link ? { via: link.via, inferred: null } : null;
  }
  if (entry.vendor_predicate === 'prc_national_intelligence_law') {
    const fact = prcIntelligenceLaw(c, maker);
    if (!fact?.subject) return null;
    const basis = fact.basis.toLowerCase().startsWith('inferred') ? fact.basis : `inferred: ${fact.basis}`;
    return { via: null, inferred: basis };
  }
  return null;
}

/** What an auditor checks by hand when the scan could not establish the maker of video equipment. */
export const CHECK_BY_HAND = [
  'the label on the device (maker, model, serial number)',
  'the purchase invoice or asset register entry',
  "the device's own web page (login page logo, About/System information page)",
];

const ESTABLISHED = new Set(['probable', 'confirmed']);

/** Video equipment (camera, NVR, DVR) whose type is at least probable. */
function isVideoEquipment(attr: Attribution): boolean {
  return CAMERA_TYPES.has(String(attr.deviceType)) && ESTABLISHED.has(String(attr.deviceTypeConfidence));
}

/** "other (probable)": the device's type with its own confidence. */
function typeLabel(attr: Attribution): string {
  return attr.deviceTypeConfidence ? `${attr.deviceType} (${attr.deviceTypeConfidence})` : String(attr.deviceType);
}

/**
 * Whether an entry's equipment includes this device. An entry without device_types covers every type; one with them
 * leaves out a device only when its type is established (probable or confirmed) and is not one of them: a device of
 * unknown or only possible type stays covered (it may be the equipment the list names: check by hand).
 */
export function typeInScope(entry: CoveredEntry, attr: Pick<Attribution, 'deviceType' | 'deviceTypeConfidence'>): boolean {
  if (!entry.device_types) return true;
  if (entry.device_types.includes(String(attr.deviceType))) return true;
  return !(attr.deviceType !== 'unknown' && ESTABLISHED.has(String(attr.deviceTypeConfidence)));
}

function typeLine(attr: Attribution): string {
  return attr.deviceTypeRationale || `${attr.deviceType}`;
}

/**
 * The risk verdict. `none` needs an established maker (probable or confirmed) that no selected policy covers, or a
 * device that shows no sign of video equipment; video equipment (type probable or confirmed) without an
 * established maker is `unknown`, with the reason and what to check by hand.
 */
export function evaluateRisk(attr: Attribution, opts: PolicyOptions = {}): Risk {
  const policies = loadPolicies(opts);
  const video = isVideoEquipment(attr);
  const unknown = (why: string): Risk => ({ level: 'unknown', reason: `${typeLine(attr)}; ${why}`, checks: [...CHECK_BY_HAND], policies: [] });
  if (!attr.manufacturer) {
    if (video) return unknown('no maker evidence');
    const what = CAMERA_TYPES.has(String(attr.deviceType))
      ? `only a weak sign of video equipment (${typeLine(attr)}), below the line for "unknown"`
      : attr.deviceType === 'other'
        ? `not video equipment (${typeLine(attr)})`
        : 'no sign of video equipment';
    return { level: 'none', reason: `${what}; no maker evidence`, policies: [] };
  }

  const c = loadCorporate(opts.fingerprintsDir ?? FINGERPRINTS_DIR);
  const maker = attr.manufacturer;
  const makerName = attr.manufacturerName ?? displayName(c, maker);
  const chain = corporateChain(c, maker);
  const strength = attributionStrength(attr);
  let level: RiskLevel = 'none';
  const hits: PolicyHit[] = [];

  // Lists whose entry names the maker but covers other kinds of equipment than this device (established) is.
  const outOfScope: string[] = [];
  for (const policy of policies) {
    // A watch record tracks a list that names no covered maker: it never decides a verdict.
    if (policy.watch) continue;
    for (const entry of policy.covered) {
      const m = matchEntry(c, entry, chain, maker);
      if (!m) continue;
      if (!typeInScope(entry, attr)) {
        outOfScope.push(`${policy.id} covers ${entry.equipment} only (${entry.device_types!.join(', ')}); this device is ${typeLabel(attr)}`);
        continue;
      }
      const basis = [makerBasis(c, attr, maker, m.via, chain.map((l) => l.vendor)), m.inferred, strength].filter(Boolean).join('; ');
      const cond = conditionOf(policy, entry);
      const hit: PolicyHit = { id: policy.id, title: policy.title, condition: cond.text, conditionVerbatim: cond.verbatim, conditionSource: cond.source, basis, effect: policy.effect };
      if (m.inferred || entry.inferred) hit.inferred = true;
      hits.push(hit);
      let hitLevel = LEVEL_OF_EFFECT[policy.effect];
      // A maker that is only "possible" is not established: never call the device high on it.
      if (hitLevel === 'high' && attr.confidence === 'possible') hitLevel = 'elevated';
      level = worse(level, hitLevel);
      break; // one hit per policy is enough: the first matching entry is the one quoted
    }
  }
  const named = hits.map((h) => h.id).join(', ');
  if (level === 'high' || level === 'elevated') {
    const scope = outOfScope.length ? `; not under ${outOfScope.join('; ')}` : '';
    return { level, reason: `made by ${makerName} (${attr.confidence ?? 'confidence not stated'}); covered by ${named}${scope}`, policies: hits };
  }
  // No list raises the device: "none" only when the maker is established, or the device is not video equipment.
  if (video && !ESTABLISHED.has(String(attr.confidence))) {
    return { ...unknown(`maker only possibly ${makerName} (${attr.rationale}), not established`), policies: hits };
  }
  const uncovered = hits.length ? `only informational lists name it (${named})` : 'no selected policy covers it';
  const scope = outOfScope.length ? ` (${outOfScope.join('; ')})` : '';
  return { level, reason: `made by ${makerName} (${attr.confidence ?? 'confidence not stated'}); ${uncovered}${scope}`, policies: hits };
}
