// Checks on the lab device profiles in fixtures/devices (issue 3, profiles side): schema, uniqueness,
// provenance (named corpus files exist) and that every response not marked synthetic is provably real
// (its body / lines occur verbatim in the named corpus payload).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProfiles, type Profile } from '../../src/lab/profile.js';
import { captureDir } from '../helpers/captures.js';
import { fixtureDir } from '../helpers/fixtures.js';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const devicesDir = fixtureDir('devices');
const corpusDir = captureDir('shared');
const profiles = loadProfiles(devicesDir).map((l) => l.profile);

interface Sourced { source: string | string[]; synthetic: boolean }

/** Every object in the profile that carries provenance (source + synthetic), with its JSON path. */
function sourcedParts(p: Profile): Array<{ where: string; part: Sourced & Record<string, unknown> }> {
  const out: Array<{ where: string; part: Sourced & Record<string, unknown> }> = [];
  const walk = (v: unknown, where: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`));
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if ('source' in o && typeof o.synthetic === 'boolean') out.push({ where, part: o as Sourced & Record<string, unknown> });
      for (const [k, x] of Object.entries(o)) walk(x, `${where}.${k}`);
    }
  };
  walk(p, p.id);
  return out;
}

function corpusFilesNamed(source: string | string[]): string[] {
  const all = Array.isArray(source) ? source : [source];
  return all.flatMap((s) => [...s.matchAll(/fixtures\/captures\/shared\/([A-Za-z0-9._-]+\.json)/g)].map((m) => m[1]!));
}

/** The wire strings a non-synthetic part claims are captured (placeholders split them into checkable pieces). */
function claimedStrings(part: Record<string, unknown>): string[] {
  const pieces: string[] = [];
  const add = (s: unknown): void => {
    if (typeof s !== 'string') return;
    for (const piece of s.split(/\{\{[a-zA-Z]+\}\}/)) if (piece.length > 0) pieces.push(piece);
  };
  add(part.statusLine);
  if (Array.isArray(part.headers)) part.headers.forEach(add);
  add(part.body);
  add(part.template);
  add(part.json);
  return pieces;
}

describe('lab device profiles (fixtures/devices)', () => {
  it('has profiles to check', () => {
    expect(profiles.length).toBeGreaterThan(0);
  });

  it('ids, offsets and MACs are unique', () => {
    const dup = (xs: string[]): string[] => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dup(profiles.map((p) => p.id))).toEqual([]);
    expect(dup(profiles.map((p) => String(p.offset)))).toEqual([]);
    expect(dup(profiles.map((p) => p.mac))).toEqual([]);
  });

  it('every response names a source, and every corpus file named exists', () => {
    const missing: string[] = [];
    for (const p of profiles) {
      for (const { where, part } of sourcedParts(p)) {
        for (const f of corpusFilesNamed(part.source)) if (!existsSync(path.join(corpusDir, f))) missing.push(`${where}: ${f}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('every non-synthetic response occurs verbatim in a corpus payload it names', () => {
    const unproven: string[] = [];
    for (const p of profiles) {
      for (const { where, part } of sourcedParts(p)) {
        if (part.synthetic) continue;
        const files = corpusFilesNamed(part.source);
        if (files.length === 0) { unproven.push(`${where}: real but names no corpus file`); continue; }
        const payloads = files.map((f) => {
          const d = JSON.parse(readFileSync(path.join(corpusDir, f), 'utf8')) as { payload: unknown };
          return typeof d.payload === 'string' ? d.payload : JSON.stringify(d.payload);
        });
        for (const s of claimedStrings(part)) if (!payloads.some((pl) => pl.includes(s))) unproven.push(`${where}: ${JSON.stringify(s.slice(0, 60))}`);
      }
    }
    expect(unproven).toEqual([]);
  });

  it('truth risk follows the maker: hikvision/dahua high, unknown only without a maker', () => {
    for (const p of profiles) {
      if (p.truth.manufacturer === 'hikvision' || p.truth.manufacturer === 'dahua') expect(p.truth.risk, p.id).toBe('high');
      if (p.truth.manufacturer === null) expect(['unknown', 'none'], p.id).toContain(p.truth.risk);
      expect(p.truth.basis.length, p.id).toBeGreaterThan(0);
    }
  });

  it('family counts: >=30 profiles, >=7 Hikvision, >=6 Dahua, >=3 Xiongmai, >=1 Uniview, >=7 other cameras, >=5 non-cameras', () => {
    // Families follow fingerprints/vendors.json parents (Ezviz counts as Hikvision, Huacheng as Dahua).
    const vendors = (JSON.parse(readFileSync(path.join(repoRoot, 'fingerprints/vendors.json'), 'utf8')) as { vendors: Array<{ id: string; parent: { vendor: string } | null }> }).vendors;
    const group = (id: string): string => {
      let v = vendors.find((x) => x.id === id);
      for (let hops = 0; v?.parent && hops < 8; hops++) v = vendors.find((x) => x.id === v!.parent!.vendor);
      return v?.id ?? id;
    };
    const families = new Set(['hikvision', 'dahua', 'xiongmai', 'uniview']);
    const family = (p: Profile): string => {
      const g = p.truth.manufacturer ? group(p.truth.manufacturer) : null;
      if (g && families.has(g)) return g;
      if (p.truth.deviceType === 'other') return 'non-camera';
      return g ? 'other camera' : 'camera, no maker shown';
    };
    const counts: Record<string, number> = {};
    for (const p of profiles) counts[family(p)] = (counts[family(p)] ?? 0) + 1;
    console.log(`[lab profiles] ${profiles.length} profiles: ${JSON.stringify(counts)}`);
    expect(profiles.length).toBeGreaterThanOrEqual(30);
    expect(counts.hikvision ?? 0, 'Hikvision family').toBeGreaterThanOrEqual(7);
    expect(counts.dahua ?? 0, 'Dahua family').toBeGreaterThanOrEqual(6);
    expect(counts.xiongmai ?? 0, 'Xiongmai').toBeGreaterThanOrEqual(3);
    expect(counts.uniview ?? 0, 'Uniview').toBeGreaterThanOrEqual(1);
    expect(counts['other camera'] ?? 0, 'other camera makers').toBeGreaterThanOrEqual(7);
    expect(counts['non-camera'] ?? 0, 'non-cameras').toBeGreaterThanOrEqual(5);
  });
});
