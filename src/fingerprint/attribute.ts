// Attribution: from one device's observations, name the real maker behind the label, with a
// confidence an auditor can defend, the rules that fired, and conflicts reported rather than hidden.
import type { Observation } from '../core/observation.js';
import type { Attribution, Claim, Confidence, EvidenceRef } from '../core/result.js';
import { loadFingerprintDb, vendorGroup, vendorName, type FingerprintDb } from './db.js';
import { matchIndexed, ruleIndexOf, type RuleHit } from './match.js';
import { conclude, paramsOf } from './recog/conclude.js';
import { lookupOui, normaliseMac, vendorForOrg } from './oui.js';
import { derivedMacs } from './derived-mac.js';
import type { Brand } from './schema.js';
import { captureRank } from './capture-source.js';
import { DEFAULT_TYPE_WEIGHT, inferDeviceType, typeWeightOf, type TypeFamily, type TypeFinding } from './device-type.js';

export interface AttributeOptions {
  redact?: boolean;
  /** Leave MAC OUIs out (to measure what they change: docs/fingerprints.md, OUI calibration). Default true. */
  oui?: boolean;
}

/**
 * OUI evidence supports a maker but never establishes it: alone it gives "possible"; beside technical evidence it
 * is listed and breaks ties, but never lifts the confidence (probable and confirmed need technical evidence that
 * reaches the threshold by itself, one rule or several independent ones).
 */
const OUI_WEIGHT = 20;
const CONFIRMED_SINGLE = 85;
const CONFIRMED_SUM = 110;
const PROBABLE_SUM = 55;
const CERTAIN_ENOUGH = new Set(['confirmed', 'strong']);

/** Modules that read device information with the user's own credentials (src/creds). */
const CREDENTIALED_MODULES = new Set(['isapi-auth', 'dahua-cgi-auth', 'onvif-auth']);
const CREDENTIALED_KINDS = new Set(['isapi', 'dahuacgi', 'onvif']);

/**
 * True when the observation is device information read after the device accepted the user's
 * credentials. Only our credentialed modules set the flag (a boolean, never device text), so a
 * device cannot claim it.
 */
export function isAuthenticatedObservation(o: Observation): boolean {
  return CREDENTIALED_MODULES.has(o.module) && CREDENTIALED_KINDS.has(o.kind) && o.fields.authenticated === true;
}

/** Stable reference to one observation of a host, as shown in evidence: module/kind:port@time. */
export function observationId(o: Observation): string {
  return `${o.module}/${o.kind}${o.port !== undefined ? `:${o.port}` : ''}@${o.at}`;
}

/** Fields that carry a MAC address, by kind (docs/observations.md). */
const MAC_FIELDS: Record<string, string[]> = {
  neigh: ['mac'],
  sadp: ['MAC'],
  dhip: ['mac'],
  xiongmai: ['MAC'],
  isapi: ['macAddress'],
  upnp: ['macAddress'],
  onvif: ['macs'],
  wsd: ['scope.mac'],
  dvrip: ['mac'],
  // identity fields of a vendor API document (parsers/doc.ts): a Tapo/Kasa discovery reply, Axis basicdeviceinfo …
  doc: ['mac'],
  ubiquiti: ['macs'],
  // a camera's MAC as its recorder lists it (Dahua RemoteDevice)
  channel: ['mac'],
  // a passive read (camaudit pcap): the layer-2 SADP header's sender MAC, a DHCP request's client hardware address
  sadpeth: ['mac'],
  dhcp: ['clientMac'],
};

export function macsOf(obs: readonly Observation[]): string[] {
  const out = new Set<string>();
  for (const o of obs) {
    for (const f of MAC_FIELDS[o.kind] ?? []) {
      const v = o.fields[f];
      for (const s of Array.isArray(v) ? v : [v]) if (typeof s === 'string' && s.length <= 40) out.add(s);
    }
  }
  return [...out];
}

/**
 * OUI observations for every MAC seen, unless the scan already produced them; then for MACs embedded in
 * identifiers (derived-mac.ts), kept only when their OUI belongs to a maker on record and marked as derived.
 */
function ouiObservations(db: FingerprintDb, obs: readonly Observation[]): Observation[] {
  const out: Observation[] = [];
  const at = new Date(0).toISOString();
  const host = obs[0]?.host ?? '';
  const seen = new Set(obs.filter((o) => o.kind === 'oui' && typeof o.fields.mac === 'string').map((o) => normaliseMac(o.fields.mac as string)));
  if (!obs.some((o) => o.kind === 'oui')) {
    for (const mac of macsOf(obs)) {
      const hit = lookupOui(mac);
      if (!hit) continue;
      seen.add(normaliseMac(hit.mac));
      out.push({ host, module: 'oui', kind: 'oui', fields: { mac: hit.mac, prefix: hit.prefix, org: hit.org, local: hit.local }, at });
    }
  }
  for (const o of obs) {
    for (const d of derivedMacs(o)) {
      if (seen.has(normaliseMac(d.mac))) continue;
      const hit = lookupOui(d.mac);
      if (!hit || hit.local || !vendorForOrg(db.ouiOwners, hit.org)) continue;
      seen.add(normaliseMac(d.mac));
      out.push({ host, module: 'oui', kind: 'oui', fields: { mac: hit.mac, prefix: hit.prefix, org: hit.org, local: false, derivedFrom: d.from }, at });
    }
  }
  return out;
}

/**
 * OUI observations for MACs that rules read out of identifiers (a realm `AXIS_<mac>`, a UniFi Protect session
 * name, a certificate CN), unless an observation already carries that MAC. Issue 14: an identifier that embeds
 * a MAC gives it to the OUI look-up; like every OUI, it only supports a maker.
 */
function capturedMacObservations(hits: readonly RuleHit[], known: readonly Observation[]): Observation[] {
  const seen = new Set<string>();
  for (const o of known) {
    const m = typeof o.fields.mac === 'string' ? normaliseMac(o.fields.mac) : null;
    if (m) seen.add(m);
  }
  for (const m of macsOf(known)) {
    const hex = normaliseMac(m);
    if (hex) seen.add(hex);
  }
  const out: Observation[] = [];
  for (const h of hits) {
    const mac = h.captures.mac;
    const hex = mac ? normaliseMac(mac) : null;
    if (!hex || seen.has(hex)) continue;
    seen.add(hex);
    const hit = lookupOui(hex);
    if (!hit) continue;
    out.push({ host: h.host, module: 'oui', kind: 'oui', fields: { mac: hit.mac, prefix: hit.prefix, org: hit.org, local: hit.local, from: h.id }, at: new Date(0).toISOString() });
  }
  return out;
}

/** The top of a vendor's group (Ezviz → Hikvision, Huacheng → Dahua), for agreement between signals and for scoring. */
export function groupOf(db: FingerprintDb, id: string): string {
  return vendorGroup(db.vendors, id);
}

export function maskSerial(serial: string): string {
  if (serial.length <= 4) return '****';
  return '*'.repeat(Math.min(serial.length - 4, 16)) + serial.slice(-4);
}

function brandEdge(db: FingerprintDb, brand: string | null): Brand | null {
  if (!brand) return null;
  const b = brand.trim().toLowerCase();
  const rank: Record<string, number> = { confirmed: 0, strong: 1, moderate: 2, weak: 3 };
  const edges = db.brands.filter((e) => e.brand.toLowerCase() === b || (e.match?.names ?? []).some((n) => n.toLowerCase() === b));
  edges.sort((x, y) => rank[x.certainty]! - rank[y.certainty]!);
  return edges[0] ?? null;
}

function short(v: string, n = 40): string {
  const one = v.replace(/[\x00-\x1f\x7f]+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function describeHit(db: FingerprintDb, h: { field: string; value: string; rule: string }): string {
  if (h.rule.startsWith('oui.')) return `OUI ${vendorName(db, h.rule.slice(4))}`;
  if (h.rule.startsWith('recog:')) return `Recog ${h.field}='${short(h.value)}'`;
  return `${h.field}='${short(h.value)}'`;
}

/** Self-reported identity fields per observation kind (docs/observations.md): the device's own words about itself. */
const CLAIM_FIELDS: Record<string, Array<[string, Claim['field']]>> = {
  onvif: [['manufacturer', 'manufacturer'], ['model', 'model'], ['firmwareVersion', 'firmware'], ['serialNumber', 'serial']],
  upnp: [['manufacturer', 'manufacturer'], ['modelName', 'model'], ['firmwareVersion', 'firmware'], ['serialNumber', 'serial']],
  isapi: [['manufacturer', 'manufacturer'], ['model', 'model'], ['firmwareVersion', 'firmware'], ['serialNumber', 'serial']],
  dhip: [['Manufacturer', 'manufacturer'], ['Vendor', 'manufacturer'], ['DeviceType', 'model'], ['Version', 'firmware'], ['SerialNo', 'serial']],
  dahuacgi: [['vendor', 'manufacturer'], ['deviceType', 'model'], ['version', 'firmware'], ['serialNumber', 'serial']],
  homekit: [['manufacturer', 'manufacturer'], ['model', 'model'], ['firmwareRevision', 'firmware'], ['serialNumber', 'serial']],
};

function claimSource(o: Observation): string {
  const method = typeof o.fields.method === 'string' && /^[A-Za-z]{2,40}$/.test(o.fields.method) ? ` ${o.fields.method}` : '';
  const action = typeof o.fields.action === 'string' && /^[A-Za-z]{2,40}$/.test(o.fields.action) ? ` ${o.fields.action}` : '';
  return `${o.kind}${method}${action}${isAuthenticatedObservation(o) ? ', read with the supplied credentials' : ''}${o.port !== undefined ? ` (port ${o.port})` : ''}`;
}

/**
 * What the device says about itself (issue 23): manufacturer, model, firmware and serial as it states them, with
 * where; the first statement of each value kept (bounded, control characters removed, serials masked on --redact).
 */
export function claimsOf(obs: readonly Observation[], opts: AttributeOptions = {}): Array<Claim & { module: string; key: string }> {
  const out: Array<Claim & { module: string; key: string }> = [];
  const seen = new Set<string>();
  for (const o of obs) {
    for (const [key, field] of CLAIM_FIELDS[o.kind] ?? []) {
      const raw = o.fields[key];
      if (typeof raw !== 'string') continue;
      const value = short(raw.trim(), 80);
      if (!value || seen.has(`${field}\u0000${value.toLowerCase()}`) || out.length >= 16) continue;
      seen.add(`${field}\u0000${value.toLowerCase()}`);
      out.push({ field, value: field === 'serial' && opts.redact ? maskSerial(value) : value, source: claimSource(o), module: o.module, key: `${o.kind}.${key}` });
    }
  }
  return out;
}

/** Two identity values name the same thing when one contains the other once case and punctuation are ignored ("P3301" / "AXIS P3301"). */
export function sameIdentity(a: string, b: string): boolean {
  const n = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const x = n(a);
  const y = n(b);
  return x === y || (x.length >= 3 && y.length >= 3 && (x.includes(y) || y.includes(x)));
}

/** Discovery announcements (a scope or TXT a user or an OEM sets) rank below device information read from the device. */
const DISCOVERY_FIELD = /^(?:wsd|mdns|ssdp)\./;

/** One rule that fired, camaudit's or Recog's, as attribution weighs it. */
interface Finding {
  id: string;
  source: 'camaudit' | 'recog';
  weight: number;
  manufacturer?: string;
  brand?: string;
  deviceType?: string;
  captures: Record<string, string>;
  /** What else a Recog match says (chip maker, software, which param named the maker). */
  notes: string[];
  hit: RuleHit;
}

function findingOf(db: FingerprintDb, h: RuleHit): Finding {
  if (h.rule) {
    const c = h.rule.concludes;
    return { id: h.id, source: 'camaudit', weight: h.rule.weight, ...(c.manufacturer ? { manufacturer: c.manufacturer } : {}), ...(c.brand ? { brand: c.brand } : {}), ...(c.deviceType ? { deviceType: c.deviceType } : {}), captures: h.captures, notes: [], hit: h };
  }
  const r = h.recog!;
  const c = conclude(r.rule, paramsOf(r.rule, r.match), db.recog!.table);
  const notes = [...c.notes];
  if (c.makerFrom) notes.unshift(`Recog ${c.makerFrom}`);
  return {
    id: h.id,
    source: 'recog',
    weight: c.manufacturer ? r.rule.weight : 0,
    ...(c.manufacturer ? { manufacturer: c.manufacturer } : {}),
    ...(c.brand ? { brand: c.brand } : {}),
    ...(c.deviceType ? { deviceType: c.deviceType } : {}),
    captures: c.captures,
    notes,
    hit: { ...h, captures: c.captures },
  };
}

/**
 * A Recog fingerprint that reads the same field of the same observation as a camaudit rule and names the same
 * maker is the same evidence seen twice: it is kept (and shown) as corroboration, with no weight of its own.
 */
function corroborate(db: FingerprintDb, found: Finding[]): void {
  for (const f of found) {
    if (f.source !== 'recog' || !f.manufacturer || f.weight === 0) continue;
    const g = groupOf(db, f.manufacturer);
    const own = found.find((x) => x.source === 'camaudit' && x.manufacturer && x.weight > 0 && x.hit.field === f.hit.field && groupOf(db, x.manufacturer) === g);
    if (own) {
      f.weight = 0;
      f.notes.push(`corroborates ${own.id}`);
    }
  }
}

/** Attribute with the loaded database. A database that cannot be loaded throws FingerprintDbError: no verdict is better than a report calling every camera "unknown" for want of rules. */
export function attributeHost(obs: readonly Observation[], opts: AttributeOptions = {}): Attribution {
  return attributeWith(loadFingerprintDb(), obs, opts);
}

export function attributeWith(db: FingerprintDb, obs: readonly Observation[], opts: AttributeOptions = {}): Attribution {
  const all = opts.oui === false ? obs.filter((o) => o.kind !== 'oui') : [...obs, ...ouiObservations(db, obs)];
  const index = ruleIndexOf(db);
  const findings: Finding[] = [];
  // Findings read with the user's credentials, and the observation they came from.
  const authenticatedFrom = new Map<Finding, Observation>();
  for (const o of all) {
    if (o.kind === 'oui') continue;
    const found = matchIndexed(index, o).map((h) => findingOf(db, h));
    corroborate(db, found);
    findings.push(...found);
    if (isAuthenticatedObservation(o)) for (const f of found) authenticatedFrom.set(f, o);
  }

  if (opts.oui !== false) all.push(...capturedMacObservations(findings.map((f) => f.hit), all));

  const evidence: EvidenceRef[] = [];
  // Per maker group: summed weight of distinct rules, the strongest single rule, OUI support, and whether a
  // camaudit rule (not only Recog) names it.
  const score = new Map<string, { sum: number; max: number; oui: boolean; own: boolean; direct: string; rules: Set<string>; why: string[]; authenticated: { obs: Observation; rule: string }[] }>();
  const support = (vendor: string, rule: string, weight: number, why: string, oui: boolean, authObs?: Observation, own = false) => {
    const g = groupOf(db, vendor);
    const s = score.get(g) ?? { sum: 0, max: 0, oui: false, own: false, direct: vendor, rules: new Set<string>(), why: [], authenticated: [] };
    if (authObs && s.authenticated.length < 8) s.authenticated.push({ obs: authObs, rule });
    if (own && weight > 0) s.own = true;
    if (s.rules.has(rule)) {
      score.set(g, s);
      return;
    }
    s.rules.add(rule);
    if (oui) s.oui = true;
    else {
      s.sum += weight;
      if (weight > s.max) {
        s.max = weight;
        s.direct = vendor;
      }
    }
    if (s.why.length < 4) s.why.push(why);
    score.set(g, s);
  };

  // Captured model/firmware/serial/brand/MAC: a self-reported value beats a derived one (capture-source.ts); within
  // a rank, camaudit rules before Recog and heavier rules first (the order of `ordered` below).
  // Within the self-reported rank (issue 23), device information read with the user's credentials comes first, then
  // device information read without, then discovery announcements (a WS-Discovery hardware scope the mockup of
  // agsh/onvif sets to HD_PREDATOR while its GetDeviceInformation says Mockup Model).
  const caps: Record<string, { value: string; weight: number; rank: number; field: string }> = {};
  // Every value a source stated for model/firmware/serial, for the conflicts (sources that disagree are listed).
  const stated: Record<string, Array<{ value: string; field: string }>> = {};
  // Rules that concluded a type, for the device type (device-type.ts), which weighs them with the structure.
  const typeFindings: TypeFinding[] = [];
  const takeCaptures = (f: Finding) => {
    if (f.brand && !caps.brand) caps.brand = { value: f.brand, weight: f.weight, rank: 8, field: f.hit.field };
    if (f.deviceType) typeFindings.push({ id: f.id, type: f.deviceType as TypeFamily, weight: f.hit.rule ? typeWeightOf(f.hit.rule) : DEFAULT_TYPE_WEIGHT, field: f.hit.field, value: f.hit.value });
    for (const [k, v] of Object.entries(f.captures)) {
      const rank = captureRank(k, f.hit.field, f.hit.rule?.captureSource) * 4 + (authenticatedFrom.has(f) ? 2 : 0) + (DISCOVERY_FIELD.test(f.hit.field) ? 0 : 1);
      if (!caps[k] || rank > caps[k].rank) caps[k] = { value: v, weight: f.weight, rank, field: f.hit.field };
      if (['model', 'firmware', 'serial'].includes(k)) (stated[k] ??= []).push({ value: v, field: f.hit.field });
    }
  };
  // camaudit rules first (they are the authority), each source by weight.
  const ordered = [...findings].sort((a, b) => Number(a.source === 'recog') - Number(b.source === 'recog') || b.weight - a.weight);
  const deferred: Finding[] = [];
  for (const f of ordered) {
    const concl: string[] = [];
    if (f.manufacturer && f.weight > 0) {
      support(f.manufacturer, f.id, f.weight, describeHit(db, { field: f.hit.field, value: f.hit.value, rule: f.id }), false, authenticatedFrom.get(f), f.source === 'camaudit');
      concl.push(`manufacturer=${f.manufacturer}`);
    }
    // A Recog finding's model, type or brand only counts when its maker is the one concluded (below).
    if (f.source === 'recog' && f.manufacturer) deferred.push(f);
    else takeCaptures(f);
    for (const [k, v] of Object.entries(f.captures)) concl.push(`${k}=${k === 'serial' && opts.redact ? maskSerial(v) : short(v, 60)}`);
    if (f.brand) concl.push(`brand=${f.brand}`);
    if (f.deviceType) concl.push(`deviceType=${f.deviceType}`);
    concl.push(...f.notes);
    if (concl.length) {
      const serial = f.captures.serial;
      const value = serial && opts.redact ? f.hit.value.split(serial).join(maskSerial(serial)) : f.hit.value;
      evidence.push({ module: f.hit.module, field: f.hit.field, value, rule: f.id, concludes: concl.join(', '), weight: f.weight });
    }
  }
  for (const o of all) {
    if (o.kind !== 'oui') continue;
    const org = typeof o.fields.org === 'string' ? o.fields.org : null;
    const vendor = o.fields.local === true ? null : vendorForOrg(db.ouiOwners, org);
    if (!vendor) {
      if (org) evidence.push({ module: o.module, field: 'oui.org', value: org, rule: null });
      continue;
    }
    // A MAC read out of an identifier: by derived-mac.ts (`derivedFrom`: the field) or by a rule's `mac` capture (`from`: the rule).
    const derived = typeof o.fields.derivedFrom === 'string' ? o.fields.derivedFrom : typeof o.fields.from === 'string' ? `rule ${o.fields.from}` : null;
    support(vendor, `oui.${vendor}`, OUI_WEIGHT, `OUI ${vendorName(db, vendor)}${derived ? ` (MAC derived from ${derived})` : ''}`, true);
    evidence.push({ module: o.module, field: 'oui.org', value: org!, rule: `oui.${vendor}`, concludes: `manufacturer=${vendor} (supporting only${derived ? `; MAC ${String(o.fields.mac)} derived from ${derived}` : ''})`, weight: OUI_WEIGHT });
  }

  // Rank makers: a maker named by a camaudit rule outranks one only Recog names (camaudit's rules are the
  // authority; the Recog rival stays in the conflicts); then technical evidence; an OUI only breaks ties, and
  // alone gives "possible".
  const ranked = [...score.entries()].sort((a, b) => Number(b[1].own) - Number(a[1].own) || b[1].sum - a[1].sum || Number(b[1].oui) - Number(a[1].oui));
  const leader = ranked[0]?.[0] ?? null;
  for (const f of deferred) if (leader && groupOf(db, f.manufacturer!) === leader) takeCaptures(f);
  let manufacturer: string | null = null;
  let confidence: Confidence | null = null;
  const conflicts: string[] = [];
  const brand = caps.brand?.value ?? null;
  const edge = brandEdge(db, brand);
  const parts: string[] = [];

  const top = ranked[0];
  if (top) {
    const [, s] = top;
    manufacturer = s.sum > 0 ? s.direct : top[0];
    // Technical rules only: the OUI is neither a rule towards "two or more" nor weight towards a threshold.
    const technicalRules = [...s.rules].filter((r) => !r.startsWith('oui.')).length;
    if (s.sum === 0) confidence = 'possible';
    else if (s.max >= CONFIRMED_SINGLE || (technicalRules >= 2 && s.sum >= CONFIRMED_SUM)) confidence = 'confirmed';
    else if (s.sum >= PROBABLE_SUM) confidence = 'probable';
    else confidence = 'possible';
    for (const [g, o] of ranked.slice(1)) {
      conflicts.push(`${vendorName(db, g)} also indicated (${o.why.join('; ')})`);
      // A close technical rival lowers confidence: unknown beats wrong. A rival OUI alone is listed, not weighed
      // (an OEM's camera carries the brand owner's or the chip vendor's OUI often enough).
      if (o.sum > 0 && o.sum * 1.25 >= s.sum) confidence = confidence === 'confirmed' ? 'probable' : 'possible';
    }
    // Device information read with the user's credentials names the maker itself: confirmed, unless a
    // rival maker is also named by authenticated evidence (then the computed level stands).
    const rivalAuthenticated = ranked.slice(1).some(([, o]) => o.authenticated.length > 0);
    if (s.authenticated.length > 0 && s.sum > 0 && !rivalAuthenticated) {
      confidence = 'confirmed';
      const seen = new Set<string>();
      for (const a of s.authenticated) {
        const id = observationId(a.obs);
        if (seen.has(`${id} ${a.rule}`)) continue;
        seen.add(`${id} ${a.rule}`);
        evidence.push({
          module: a.obs.module,
          field: `${a.obs.kind}.authenticated`,
          value: 'true',
          rule: a.rule,
          concludes: `confidence=confirmed (read with the user's credentials; observation ${id})`,
        });
      }
      parts.push('device information read with the supplied credentials');
    }
    parts.push(...s.why);
  } else if (edge && CERTAIN_ENOUGH.has(edge.certainty) && edge.relation !== 'former-subsidiary') {
    manufacturer = edge.manufacturer;
    confidence = 'possible';
    parts.push(`brand ${brand} is ${/^[aeiou]/i.test(edge.relation) ? 'an' : 'a'} ${edge.relation} of ${vendorName(db, edge.manufacturer)} (${edge.certainty})`);
  }

  // Device type from the evidence, independent of the maker (device-type.ts): its own confidence and rationale.
  const type = inferDeviceType(typeFindings, all);

  let rationale: string;
  const makerName = manufacturer ? vendorName(db, manufacturer) : null;
  if (!makerName) {
    rationale = brand && edge ? `labelled ${brand}; possible OEM of ${vendorName(db, edge.manufacturer)} (${edge.relation}, certainty ${edge.certainty}); no technical evidence of the maker` : evidence.length ? 'no maker-specific evidence' : 'no evidence matched any fingerprint rule';
  } else {
    const maker: string = manufacturer!;
    const labelled = brand && brand.toLowerCase() !== makerName.toLowerCase() ? `labelled ${brand}, ` : '';
    let extra = '';
    if (edge && edge.relation === 'former-subsidiary' && groupOf(db, edge.manufacturer) === groupOf(db, maker)) {
      extra = ` — ${brand} is a formerly ${vendorName(db, edge.manufacturer)}-owned brand (${edge.valid_from ?? '…'} to ${edge.valid_to ?? 'present'})`;
    } else if (brand && edge && groupOf(db, edge.manufacturer) !== groupOf(db, maker)) {
      conflicts.push(`brand ${brand} is on record as ${edge.relation} of ${vendorName(db, edge.manufacturer)} (${edge.certainty})`);
    }
    rationale = `${labelled}made by ${makerName} (${parts.join('; ')})${extra}${confidence === 'possible' && score.get(groupOf(db, maker))?.sum === 0 ? ' — OUI only, supporting evidence' : ''}`;
  }

  // The type's structural evidence, after the maker's rationale (which reads whether any maker evidence was seen).
  evidence.push(...type.evidence);
  // Sources that state another model, firmware or serial than the one kept: listed, not hidden (issue 23).
  for (const k of ['model', 'firmware', 'serial'] as const) {
    const kept = caps[k];
    if (!kept) continue;
    const show = (x: string): string => (k === 'serial' && opts.redact ? maskSerial(x) : short(x, 60));
    const told = new Set<string>();
    for (const o of stated[k] ?? []) {
      if (sameIdentity(o.value, kept.value) || told.has(o.value.toLowerCase())) continue;
      told.add(o.value.toLowerCase());
      conflicts.push(`${k}: ${o.field} says '${show(o.value)}', ${kept.field} says '${show(kept.value)}' (kept)`);
    }
  }
  // What the device says about itself stays in the evidence even when no rule reads it (shown, rule null).
  const claims = claimsOf(all, opts);
  for (const c of claims) {
    if (!evidence.some((e) => e.field === c.key && e.module === c.module)) evidence.push({ module: c.module, field: c.key, value: c.value, rule: null, concludes: `device says ${c.field}` });
  }
  const serial = caps.serial?.value ?? null;
  return {
    manufacturer,
    manufacturerName: makerName,
    brand,
    model: caps.model?.value ?? null,
    firmware: caps.firmware?.value ?? null,
    serial: serial && opts.redact ? maskSerial(serial) : serial,
    deviceType: type.deviceType,
    deviceTypeConfidence: type.confidence,
    // Type conflicts go with the type (the device's `conflicts` are about its maker).
    deviceTypeRationale: type.conflicts.length ? `${type.rationale} (${type.conflicts.join('; ')})` : type.rationale,
    confidence,
    rationale,
    conflicts,
    evidence,
    ...(claims.length ? { claims: claims.map(({ field, value, source }) => ({ field, value, source })) } : {}),
  };
}

/**
 * Group observations into devices: the same IP, MAC, ONVIF endpoint UUID or serial joins them.
 * Returns groups in first-seen order.
 */
export function groupDevices(obs: readonly Observation[]): Observation[][] {
  const parent = obs.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const seen = new Map<string, number>();
  const keysOf = (o: Observation): string[] => {
    const keys = [`ip:${o.host}`];
    for (const m of macsOf([o])) keys.push(`mac:${m.replace(/[^0-9a-f]/gi, '').toLowerCase()}`);
    const ep = o.fields.endpoint;
    if (typeof ep === 'string' && /uuid:/i.test(ep)) keys.push(`uuid:${ep.toLowerCase()}`);
    for (const f of ['serialNumber', 'DeviceSN', 'SerialNo', 'SN', 'serial']) {
      const v = o.fields[f];
      if (typeof v === 'string' && v.length >= 6) keys.push(`sn:${v}`);
    }
    return keys;
  };
  obs.forEach((o, i) => {
    for (const k of keysOf(o)) {
      const j = seen.get(k);
      if (j === undefined) seen.set(k, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, Observation[]>();
  obs.forEach((o, i) => {
    const r = find(i);
    groups.set(r, [...(groups.get(r) ?? []), o]);
  });
  return [...groups.values()];
}
