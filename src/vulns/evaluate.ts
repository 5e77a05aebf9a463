// Verdicts per device and CVE from the KEV catalogue (built-in subset unless one is given).
//   evaluateVulns(attr, obs, catalogue?) → VulnFinding[]
// affected / possibly affected (family matches, version unknown or undated) / fixed / not affected.
import type { Observation } from '../core/observation.js';
import type { Attribution, VulnFinding } from '../core/result.js';
import { builtinKev, type KevCatalogue, type KevFamily, type KevRuleEntry } from './kev.js';

/** Hikvision "V5.4.0 build 160530" (also "V5.6.2build 190701", "5.5.160_210416"). */
export function parseHikVersion(s: string): { v: number[]; build: number | null } | null {
  const m = /V?(\d+)\.(\d+)\.(\d+)(?:\s*build\s*|_)?(\d{6})?/i.exec(s);
  if (!m) return null;
  return { v: [Number(m[1]), Number(m[2]), Number(m[3])], build: m[4] ? Number(m[4]) : null };
}

function cmpHik(a: { v: number[]; build: number }, b: { v: number[]; build: number }): number {
  for (let i = 0; i < 3; i++) if (a.v[i]! !== b.v[i]!) return a.v[i]! - b.v[i]!;
  return a.build - b.build;
}

/** Dahua build date from "…,build:2020-10-26", "Build Date: 2020-10-26" or a trailing ".R.200330". */
export function dahuaBuildDate(s: string): string | null {
  let m = /build\s*(?:date)?\s*[:=]?\s*(\d{4})-(\d{2})-(\d{2})/i.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  m = /\.R\.(\d{2})(\d{2})(\d{2})\b/.exec(s);
  if (m) return `20${m[1]}-${m[2]}-${m[3]}`;
  m = /\.R\.(20\d{2})(\d{2})(\d{2})\b/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return null;
}

const VENDOR_ALIASES: Record<string, string[]> = {
  hikvision: ['hikvision', 'ezviz', 'prama-hikvision', 'lts', 'hikmicro'],
  dahua: ['dahua', 'huacheng', 'dahua-zhilian', 'lorex', 'amcrest'],
  amcrest: ['amcrest'],
  tvt: ['tvt'],
};

function norm(s: string | null | undefined): string {
  return (s ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function vendorMatches(entryVendor: string, attr: Attribution): boolean {
  const names = [norm(attr.manufacturer), norm(attr.brand), norm(attr.manufacturerName)].filter(Boolean);
  const aliases = VENDOR_ALIASES[entryVendor] ?? [entryVendor];
  return names.some((n) => aliases.includes(n));
}

/** Firmware strings known for the device: attribution first, then observation fields that carry one. */
function firmwareCandidates(attr: Attribution, obs: readonly Observation[]): string[] {
  const out: string[] = [];
  if (attr.firmware) out.push(attr.firmware);
  for (const o of obs) {
    for (const [k, v] of Object.entries(o.fields)) {
      if (typeof v !== 'string' || v.length > 200) continue;
      if (/^(firmware|firmwareVersion|softwareVersion|SoftwareVersion|version|Version|buildDate|firmwareReleasedDate|build)$/.test(k)) {
        out.push(v);
      }
    }
  }
  return out;
}

/** Compiled model patterns; each was checked when the catalogue was loaded (kev.ts modelRegexSchema). */
const regexCache = new Map<string, RegExp>();
function modelRegex(src: string): RegExp {
  let re = regexCache.get(src);
  if (!re) regexCache.set(src, (re = new RegExp(src, 'i')));
  return re;
}

function familyFor(entry: KevRuleEntry, model: string | null): KevFamily | null {
  if (!model) return null;
  return entry.families.find((f) => modelRegex(f.modelRegex).test(model.trim())) ?? null;
}

function judgeHik(f: KevFamily, fw: string[]): { verdict: VulnFinding['verdict']; reason: string } {
  const parsed = fw.map(parseHikVersion).find((p) => p && p.build !== null) as { v: number[]; build: number } | undefined;
  if (!parsed) return { verdict: 'possibly affected', reason: `model family ${f.family} matches; firmware unknown or undated` };
  const shown = `V${parsed.v.join('.')} build ${parsed.build}`;
  const fixed = f.fixedIn ? (parseHikVersion(f.fixedIn) as { v: number[]; build: number }) : null;
  if (fixed && cmpHik(parsed, fixed) >= 0) return { verdict: 'fixed', reason: `${shown} is at or after the fix ${f.fixedIn}` };
  if (f.dateOnly) {
    return { verdict: 'possibly affected', reason: `${shown} is before ${f.fixedIn}; affected builds differ per platform, platform not identified` };
  }
  const from = f.from ? (parseHikVersion(f.from) as { v: number[]; build: number }) : null;
  const to = f.to ? (parseHikVersion(f.to) as { v: number[]; build: number }) : null;
  if (from && cmpHik(parsed, from) < 0) return { verdict: 'not affected', reason: `${shown} is older than the affected range (${f.from} – ${f.to})` };
  if (to && cmpHik(parsed, to) <= 0) return { verdict: 'affected', reason: `${f.family} ${shown} is within ${f.from} – ${f.to}; fixed in ${f.fixedIn}` };
  return { verdict: 'possibly affected', reason: `${shown} is after the published range (${f.to}) but before the fix ${f.fixedIn}` };
}

function judgeDahua(f: KevFamily, fw: string[]): { verdict: VulnFinding['verdict']; reason: string } {
  const date = fw.map(dahuaBuildDate).find((d) => d !== null);
  if (!date || !f.buildBefore) return { verdict: 'possibly affected', reason: `model family ${f.family} matches; build date unknown` };
  return date < f.buildBefore
    ? { verdict: 'affected', reason: `${f.family} built ${date}, before ${f.buildBefore}` }
    : { verdict: 'fixed', reason: `${f.family} built ${date}, not before ${f.buildBefore}` };
}

function judgeAmcrest(f: KevFamily, fw: string[]): { verdict: VulnFinding['verdict']; reason: string } {
  for (const v of fw) {
    const m = /(\d+\.\d+)\.[\w.]*?R\.(\d{6,8})/.exec(v);
    if (!m) continue;
    const line = (f.fixedVersions ?? []).find((x) => x.startsWith(`${m[1]}.`));
    if (!line) return { verdict: 'possibly affected', reason: `firmware line ${m[1]} has no published fixed version` };
    const fixedDate = dahuaBuildDate(line);
    const date = dahuaBuildDate(`.R.${m[2]}`);
    if (!fixedDate || !date) break;
    return date < fixedDate
      ? { verdict: 'affected', reason: `${v} is before the fixed ${line}` }
      : { verdict: 'fixed', reason: `${v} is at or after the fixed ${line}` };
  }
  return { verdict: 'possibly affected', reason: 'listed for this maker; firmware unknown' };
}

export function evaluateVulns(attr: Attribution, obs: readonly Observation[], catalogue?: KevCatalogue): VulnFinding[] {
  const cat = catalogue ?? builtinKev();
  const fw = firmwareCandidates(attr, obs);
  const out: VulnFinding[] = [];
  const covered = new Set<string>();
  for (const entry of cat.rules) {
    if (!vendorMatches(entry.vendor, attr)) continue;
    covered.add(entry.cve);
    const base = { cve: entry.cve, name: entry.name, kevDateAdded: entry.dateAdded };
    if (entry.scheme === 'none') {
      out.push({ ...base, verdict: 'possibly affected', reason: 'listed for this maker; check firmware' });
      continue;
    }
    const f = familyFor(entry, attr.model);
    if (!f) {
      if (!attr.model) out.push({ ...base, verdict: 'possibly affected', reason: 'listed for this maker; model unknown, check firmware' });
      continue; // a known model outside every listed family: not reported
    }
    const j = entry.scheme === 'hikvision' ? judgeHik(f, fw) : entry.scheme === 'dahua-build-date' ? judgeDahua(f, fw) : judgeAmcrest(f, fw);
    out.push({ ...base, ...j });
  }
  for (const l of cat.listings) {
    if (covered.has(l.cve)) continue;
    if (!vendorMatches(norm(l.vendorProject), attr)) continue;
    out.push({ cve: l.cve, name: l.name, verdict: 'possibly affected', reason: 'listed for this maker; check firmware', kevDateAdded: l.dateAdded });
  }
  return out;
}
