import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { readFileSync, readdirSync } from 'node:fs';
import { evaluateRisk } from '../../src/policy/evaluate.js';
import { builtinPolicies, loadPolicies } from '../../src/policy/load.js';
import { UsageError } from '../../src/core/errors.js';
import type { Attribution } from '../../src/core/result.js';
import { ROOT } from '../helpers/cli.js';
import { fixtureDir } from '../helpers/fixtures.js';

const FIX = fixtureDir('synthetic');
const DIR = path.join(FIX, 'synthetic-policy-fingerprints');
const opts = (o: Record<string, unknown> = {}) => ({ fingerprintsDir: DIR, ...o });

function attr(over: Partial<Attribution>): Attribution {
  return { manufacturer: null, manufacturerName: null, brand: null, model: null, firmware: null, serial: null, deviceType: 'camera', deviceTypeConfidence: 'confirmed', deviceTypeRationale: 'synthetic', confidence: 'confirmed', rationale: '', conflicts: [], evidence: [], ...over };
}

describe('built-in policy files', () => {
  it('all six load and validate, with the required ids', () => {
    const ids = builtinPolicies().map((p) => p.id);
    expect(ids).toEqual(['au-commonwealth-removals-2023', 'uk-cabinet-office-2022-11-24', 'uk-procurement-act-2023-debarment', 'us-bis-entity-list', 'us-fcc-covered-list', 'us-ndaa-889']);
  });

  it('quote §889 clause 2 and the NPSA restatement in their sources\' words (checked against excerpts in test/policy/excerpts.test.ts)', () => {
    const ndaa = builtinPolicies().find((p) => p.id === 'us-ndaa-889')!;
    const clause2 = ndaa.covered.find((c) => c.vendor === 'hikvision')!;
    expect(clause2.quote).toContain('For the purpose of public safety, security of government facilities, physical security surveillance of critical infrastructure, and other national security purposes');
    expect(clause2.excerpt).toBe('us-ndaa-889--1.txt');
    const uk = builtinPolicies().find((p) => p.id === 'uk-cabinet-office-2022-11-24')!;
    expect(uk.covered[0].quote).toContain('People’s Republic of China');
    expect(uk.number).toBe('HCWS386');
    expect(uk.covered[0].inferred).toBe(true);
  });

  it('every file under fingerprints/policies except schema.json and meta.json is a policy', () => {
    const files = readdirSync(path.join(ROOT, 'fingerprints/policies')).filter((f) => f.endsWith('.json') && f !== 'schema.json' && f !== 'meta.json');
    expect(files.length).toBe(builtinPolicies().length);
  });
});

describe('evaluateRisk', () => {
  it('Hikvision made directly is high, quoting §889 and the FCC list, with UK inferred and Entity List export-control', () => {
    const r = evaluateRisk(attr({ manufacturer: 'hikvision', manufacturerName: 'Hikvision' }), opts());
    expect(r.level).toBe('high');
    const byId = Object.fromEntries(r.policies.map((p) => [p.id, p]));
    expect(Object.keys(byId).sort()).toEqual(['au-commonwealth-removals-2023', 'uk-cabinet-office-2022-11-24', 'us-bis-entity-list', 'us-fcc-covered-list', 'us-ndaa-889']);
    expect(byId['us-ndaa-889'].effect).toBe('binding');
    expect(byId['us-ndaa-889'].condition).toMatch(/^For the purpose of public safety/);
    expect(byId['us-ndaa-889'].conditionVerbatim).toBe(true);
    expect(byId['us-ndaa-889'].conditionSource).toMatch(/^NIH Grants Policy Statement 4\.1\.37/);
    expect(byId['us-ndaa-889'].basis).toContain('made by Hikvision directly');
    expect(byId['us-ndaa-889'].basis).toContain('attribution confirmed');
    expect(byId['uk-cabinet-office-2022-11-24'].inferred).toBe(true);
    expect(byId['uk-cabinet-office-2022-11-24'].basis).toContain('inferred: PRC-incorporated');
    expect(byId['us-bis-entity-list'].effect).toBe('export-control');
    // The FCC Hikvision row is quoted up to where its copies agree, the rest elided; no research remark in the quote.
    expect(byId['us-fcc-covered-list'].condition).toBe(
      'Video surveillance and telecommunications equipment produced by Hangzhou Hikvision Digital Technology Company, to the extent it is used for the purpose of public safety, security of government facilities, physical security surveillance of critical infrastructure, and other national security purposes …',
    );
    expect(byId['us-fcc-covered-list'].conditionSource).toContain('github.com/FCC/consolidated-prohibited-entity-list');
    for (const p of r.policies) expect(p.condition).not.toMatch(/not read|\[.*verbatim/i);
  });

  it('a subsidiary (Ezviz → Hikvision) is covered as an affiliate by §889 but not by the Entity List entry', () => {
    const r = evaluateRisk(attr({ manufacturer: 'ezviz', manufacturerName: 'Ezviz' }), opts());
    expect(r.level).toBe('high');
    const ndaa = r.policies.find((p) => p.id === 'us-ndaa-889')!;
    expect(ndaa.basis).toContain('Ezviz belongs to the Hikvision group (subsidiary)');
    expect(r.policies.some((p) => p.id === 'us-bis-entity-list')).toBe(false);
  });

  it('a relabel (Lorex → Dahua, probable) names the brand edge, its period, certainty and the attribution strength', () => {
    const r = evaluateRisk(attr({ manufacturer: 'dahua', manufacturerName: 'Dahua', brand: 'LOREX', confidence: 'probable', deviceType: 'nvr' }), opts());
    expect(r.level).toBe('high');
    const b = r.policies.find((p) => p.id === 'us-ndaa-889')!.basis;
    expect(b).toContain('via brand LOREX → Dahua (former-subsidiary, 2018-02-06 to 2022-11-24, certainty confirmed)');
    expect(b).toContain('attribution probable, not confirmed');
  });

  it('a possible attribution is never called high', () => {
    const r = evaluateRisk(attr({ manufacturer: 'dahua', brand: 'Amcrest', confidence: 'possible' }), opts());
    expect(r.level).toBe('elevated');
    expect(r.policies.find((p) => p.id === 'us-ndaa-889')!.basis).toContain('only possible');
  });

  it('Uniview (Entity List only) is elevated; Xiongmai (UK predicate only) is elevated; Axis is none', () => {
    const u = evaluateRisk(attr({ manufacturer: 'uniview' }), opts());
    expect(u.level).toBe('elevated');
    expect(u.policies.map((p) => p.id).sort()).toEqual(['uk-cabinet-office-2022-11-24', 'us-bis-entity-list']);
    const x = evaluateRisk(attr({ manufacturer: 'xiongmai' }), opts());
    expect(x.level).toBe('elevated');
    expect(x.policies.map((p) => p.id)).toEqual(['uk-cabinet-office-2022-11-24']);
    expect(evaluateRisk(attr({ manufacturer: 'axis', manufacturerName: 'Axis' }), opts())).toEqual({ level: 'none', reason: 'made by Axis (confirmed); no selected policy covers it', policies: [] });
  });

  it('unknown maker: camera/NVR/DVR (type probable or confirmed) → unknown with the reason and what to check, anything else → none', () => {
    const u = evaluateRisk(attr({ deviceType: 'dvr', deviceTypeRationale: 'answers RTSP with H264 video' }), opts());
    expect(u.level).toBe('unknown');
    expect(u.reason).toBe('answers RTSP with H264 video; no maker evidence');
    expect(u.checks?.join(' ')).toMatch(/label.*invoice.*web page/);
    expect(evaluateRisk(attr({ deviceType: 'camera', deviceTypeConfidence: 'probable' }), opts()).level).toBe('unknown');
    const other = evaluateRisk(attr({ deviceType: 'other', deviceTypeRationale: "upnp.manufacturer='Sonos, Inc.'" }), opts());
    expect(other).toMatchObject({ level: 'none', reason: "not video equipment (upnp.manufacturer='Sonos, Inc.'); no maker evidence" });
    expect(other.checks).toBeUndefined();
    expect(evaluateRisk(attr({ deviceType: 'unknown', deviceTypeConfidence: null }), opts())).toMatchObject({ level: 'none', reason: 'no sign of video equipment; no maker evidence' });
  });

  it('a camera whose type is only possible (a lone open port 554) is not "unknown": below the line, said so', () => {
    const r = evaluateRisk(attr({ deviceType: 'camera', deviceTypeConfidence: 'possible', deviceTypeRationale: 'port 554 open (RTSP)' }), opts());
    expect(r.level).toBe('none');
    expect(r.reason).toMatch(/^only a weak sign of video equipment \(port 554 open \(RTSP\)\)/);
  });

  it('"none" needs an established maker: a camera whose maker is only possible and on no list is unknown', () => {
    const weak = evaluateRisk(attr({ manufacturer: 'axis', manufacturerName: 'Axis', confidence: 'possible', rationale: 'made by Axis (OUI Axis) — OUI only, supporting evidence' }), opts());
    expect(weak.level).toBe('unknown');
    expect(weak.reason).toMatch(/maker only possibly Axis/);
    // Not video equipment: an uncovered possible maker stays none.
    expect(evaluateRisk(attr({ manufacturer: 'axis', confidence: 'possible', deviceType: 'other' }), opts()).level).toBe('none');
    // A listed maker at possible is elevated (never high), as before.
    expect(evaluateRisk(attr({ manufacturer: 'hikvision', confidence: 'possible' }), opts()).level).toBe('elevated');
  });

  it('--policy selects: only the UK statement makes Hikvision elevated, not high', () => {
    const r = evaluateRisk(attr({ manufacturer: 'hikvision' }), opts({ policyIds: ['uk-cabinet-office-2022-11-24'] }));
    expect(r.level).toBe('elevated');
    expect(r.policies.map((p) => p.id)).toEqual(['uk-cabinet-office-2022-11-24']);
  });

  it('the UK debarment watch record never decides a verdict: no maker hits it, alone it leaves Hikvision at none', () => {
    for (const m of ['hikvision', 'dahua', 'huawei', 'zte', 'hytera', 'uniview', 'xiongmai', 'axis']) {
      expect(evaluateRisk(attr({ manufacturer: m }), opts()).policies.map((p) => p.id)).not.toContain('uk-procurement-act-2023-debarment');
    }
    expect(evaluateRisk(attr({ manufacturer: 'hikvision' }), opts({ policyIds: ['uk-procurement-act-2023-debarment'] }))).toMatchObject({ level: 'none', policies: [] });
  });

  it('a watch record cannot name a maker: the schema refuses such a file', async () => {
    const { PolicySchema } = await import('../../src/policy/schema.js');
    const w = builtinPolicies(DIR).find((p) => p.id === 'uk-procurement-act-2023-debarment')!;
    expect(PolicySchema.safeParse({ ...w, covered: [{ vendor: 'hikvision', equipment: 'x' }] }).error?.issues[0].message).toMatch(/watch record names no covered maker/);
  });

  it('a paraphrased condition says so (conditionVerbatim false) and names its source', () => {
    const r = evaluateRisk(attr({ manufacturer: 'uniview' }), opts());
    const bis = r.policies.find((p) => p.id === 'us-bis-entity-list')!;
    expect(bis.conditionVerbatim).toBe(false);
    expect(bis.conditionSource).toMatch(/^BIS release/);
  });

  it('with the real fingerprints folder (vendors.json may not exist yet) Hikvision is still high', () => {
    expect(evaluateRisk(attr({ manufacturer: 'hikvision' })).level).toBe('high');
  });
});

describe('policy selection and user files', () => {
  it('unknown --policy id is a UsageError listing the valid ids', () => {
    let err: unknown;
    try {
      loadPolicies(opts({ policyIds: ['us-ndaa-889', 'nope'] }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toBe(
      'unknown policy id "nope" (valid: au-commonwealth-removals-2023, uk-cabinet-office-2022-11-24, uk-procurement-act-2023-debarment, us-bis-entity-list, us-fcc-covered-list, us-ndaa-889)',
    );
  });

  it('a valid user policy file is applied and can make a device high', () => {
    const file = path.join(FIX, 'synthetic-policy-user-valid.json');
    const r = evaluateRisk(attr({ manufacturer: 'uniview' }), opts({ policyFiles: [file] }));
    expect(r.level).toBe('high');
    expect(r.policies.find((p) => p.id === 'council-local-rule')!.condition).toBe('No new Uniview equipment on council premises.');
    // selecting only the user's policy by id still works
    expect(loadPolicies(opts({ policyFiles: [file], policyIds: ['council-local-rule'] })).map((p) => p.id)).toEqual(['council-local-rule']);
  });

  it.each([
    ['synthetic-policy-user-invalid.json', /^policy file .*synthetic-policy-user-invalid\.json: id: id must be lower-case/],
    ['synthetic-policy-user-notjson.json', /^policy file .*synthetic-policy-user-notjson\.json: not valid JSON/],
    ['does-not-exist.json', /^policy file .*does-not-exist\.json: file not found$/],
  ])('an invalid user policy file (%s) is a one-line UsageError naming file and problem', (name, re) => {
    let err: unknown;
    try {
      loadPolicies(opts({ policyFiles: [path.join(FIX, name)] }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(re);
    expect((err as Error).message).not.toContain('\n');
  });

  it('a user file reusing a built-in id is refused', () => {
    const tmp = path.join(FIX, 'synthetic-policy-fingerprints/policies/us-ndaa-889.json');
    expect(() => loadPolicies(opts({ policyFiles: [tmp] }))).toThrow(/already used by another policy/);
  });
});

// Integration guard for when the fingerprint database's vendors.json lands: the vendor ids the
// policy files name for camera makers must exist there, or no device could ever match them.
// vendors.json is part of the database: its absence fails here (readFileSync), it is never skipped.
describe('policy vendor ids against fingerprints/vendors.json', () => {
  it('hikvision, dahua, uniview, tiandy, kedacom resolve to vendor records', () => {
    const raw = JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/vendors.json'), 'utf8')) as unknown;
    const list = (Array.isArray(raw) ? raw : (raw as { vendors: unknown[] }).vendors) as { id: string }[];
    const ids = new Set(list.map((v) => v.id));
    for (const id of ['hikvision', 'dahua', 'uniview', 'tiandy', 'kedacom']) expect({ id, known: ids.has(id) }).toEqual({ id, known: true });
  });
});

// The real brands.json/vendors.json must parse with the policy module's schemas: a record the policy side
// silently drops turns every "via brand" basis into "no brand edge on record" (it did: evidence was a string).
describe('policy verdicts with the real fingerprints folder', () => {
  it('every brands.json and vendors.json record is read by the policy module', async () => {
    const { BrandEdgeSchema, VendorSchema } = await import('../../src/policy/schema.js');
    const brands = (JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/brands.json'), 'utf8')) as { brands: unknown[] }).brands;
    const vendors = (JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/vendors.json'), 'utf8')) as { vendors: unknown[] }).vendors;
    expect(brands.length).toBeGreaterThan(15);
    expect(brands.filter((b) => !BrandEdgeSchema.safeParse(b).success)).toEqual([]);
    expect(vendors.filter((v) => !VendorSchema.safeParse(v).success)).toEqual([]);
  });

  it('an Ezviz-labelled Hikvision camera names its brand edge and certainty', () => {
    const r = evaluateRisk(attr({ manufacturer: 'hikvision', manufacturerName: 'Hikvision', brand: 'Ezviz' }));
    expect(r.level).toBe('high');
    const b = r.policies.find((p) => p.id === 'us-ndaa-889')!.basis;
    expect(b).toContain('via brand Ezviz → Hikvision (subsidiary');
    expect(b).toContain('certainty confirmed');
    expect(b).not.toContain('no brand edge on record');
  });

  it('a Lorex-labelled Dahua NVR says the ownership period and that only units made while owned are covered', () => {
    const r = evaluateRisk(attr({ manufacturer: 'dahua', manufacturerName: 'Dahua', brand: 'Lorex', confidence: 'probable', deviceType: 'nvr' }));
    const b = r.policies.find((p) => p.id === 'us-ndaa-889')!.basis;
    expect(b).toContain('via brand Lorex → Dahua (former-subsidiary, 2018-02-06 to 2022-11-24');
    expect(b).toContain('covered only for units made while owned');
  });

  it('an Intelbras relabel (moderate edge) is reported with that certainty', () => {
    const r = evaluateRisk(attr({ manufacturer: 'dahua', manufacturerName: 'Dahua', brand: 'Intelbras' }));
    expect(r.policies.find((p) => p.id === 'us-ndaa-889')!.basis).toContain('via brand Intelbras → Dahua (oem-customer, certainty moderate)');
  });
});

describe('a policy covers only the equipment it names (device_types)', () => {
  const uk = 'uk-cabinet-office-2022-11-24';
  it('the UK statement covers visual surveillance equipment only: a TP-Link router is not elevated under it', () => {
    const router = evaluateRisk(attr({ manufacturer: 'tp-link', manufacturerName: 'TP-Link', deviceType: 'other', deviceTypeConfidence: 'confirmed', deviceTypeRationale: 'UPnP InternetGatewayDevice' }));
    expect(router.level).toBe('none');
    expect(router.policies.map((p) => p.id)).not.toContain(uk);
    expect(router.reason).toContain(`${uk} covers visual surveillance equipment only (camera, nvr, dvr); this device is other (confirmed)`);
  });
  it('a TP-Link camera, and a TP-Link device of no established type, stay under it', () => {
    for (const t of [{ deviceType: 'camera', deviceTypeConfidence: 'probable' as const }, { deviceType: 'unknown', deviceTypeConfidence: null }, { deviceType: 'other', deviceTypeConfidence: 'possible' as const }]) {
      const r = evaluateRisk(attr({ manufacturer: 'tp-link', manufacturerName: 'TP-Link', ...t }));
      expect({ t, level: r.level, ids: r.policies.map((p) => p.id) }).toEqual({ t, level: 'elevated', ids: [uk] });
    }
  });
  it('lists without device_types are unchanged: a Hikvision access terminal is still high under §889, but not under the UK statement', () => {
    const r = evaluateRisk(attr({ manufacturer: 'hikvision', manufacturerName: 'Hikvision', deviceType: 'other', deviceTypeConfidence: 'probable' }));
    expect(r.level).toBe('high');
    expect(r.policies.map((p) => p.id)).toContain('us-ndaa-889');
    expect(r.policies.map((p) => p.id)).not.toContain(uk);
    expect(r.reason).toContain(`not under ${uk} covers visual surveillance equipment only`);
  });
  it('only the UK record scopes by type among the built-in lists', () => {
    expect(builtinPolicies().filter((p) => p.covered.some((c) => c.device_types)).map((p) => p.id)).toEqual([uk]);
  });
});
