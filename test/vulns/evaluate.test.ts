// Version rules from the published affected/fixed versions (policy.md §4 table) and
// family regexes against real model strings from fixtures/captures/shared (sources in those files).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateVulns } from '../../src/vulns/evaluate.js';
import { builtinKev, loadKev } from '../../src/vulns/kev.js';
import type { Attribution } from '../../src/core/result.js';

function attr(p: Partial<Attribution>): Attribution {
  return {
    manufacturer: null, manufacturerName: null, brand: null, model: null, firmware: null, serial: null,
    deviceType: 'camera', confidence: 'confirmed', rationale: '', conflicts: [], evidence: [], ...p,
  } as Attribution;
}
const verdict = (a: Attribution, cve: string) => evaluateVulns(a, []).find((f) => f.cve === cve)?.verdict;

describe('built-in KEV subset', () => {
  it('loads and validates, with catalogVersion', () => {
    const k = builtinKev();
    expect(k.catalogVersion).toMatch(/^20\d\d/);
    expect(k.rules.map((r) => r.cve).sort()).toEqual(
      ['CVE-2017-7921', 'CVE-2019-20085', 'CVE-2020-5735', 'CVE-2021-33044', 'CVE-2021-33045', 'CVE-2021-36260'],
    );
  });
});

describe('CVE-2017-7921 series ranges (ICSA-17-124-01)', () => {
  const hik = (model: string, firmware: string | null) => attr({ manufacturer: 'hikvision', model, firmware });
  it('DS-2CD2xx2F-I: V5.2.0 build 140721 – V5.4.0 build 160530 affected, fixed V5.4.5 build 170123', () => {
    expect(verdict(hik('DS-2CD2032F-I', 'V5.4.0 build 160530'), 'CVE-2017-7921')).toBe('affected');
    expect(verdict(hik('DS-2CD2032F-I', 'V5.2.0 build 140721'), 'CVE-2017-7921')).toBe('affected');
    expect(verdict(hik('DS-2CD2032F-I', 'V5.4.5 build 170123'), 'CVE-2017-7921')).toBe('fixed');
    expect(verdict(hik('DS-2CD2032F-I', 'V5.1.6 build 140101'), 'CVE-2017-7921')).toBe('not affected');
    expect(verdict(hik('DS-2CD2032F-I', null), 'CVE-2017-7921')).toBe('possibly affected');
  });
  it('DS-2CD2xx0F-I ends at V5.4.0 build 160401: a later 5.4.0 build is between range and fix', () => {
    expect(verdict(hik('DS-2CD2020F-I', 'V5.4.0 build 160401'), 'CVE-2017-7921')).toBe('affected');
    expect(verdict(hik('DS-2CD2020F-I', 'V5.4.0 build 160530'), 'CVE-2017-7921')).toBe('possibly affected');
  });
  it('DS-2DFx (real model DS-2DF7286-A, corpus hikvision-onvif-devinfo-1): V5.4.5 build 160928 affected, V5.4.9 build 170123 fixed', () => {
    expect(verdict(hik('DS-2DF7286-A', 'V5.4.5 build 160928'), 'CVE-2017-7921')).toBe('affected');
    expect(verdict(hik('DS-2DF7286-A', 'V5.4.9 build 170123'), 'CVE-2017-7921')).toBe('fixed');
  });
  it('DS-2CD63xx: V5.3.5 build 160106 affected; SADP spacing "V5.4.5build 170206" fixed', () => {
    expect(verdict(hik('DS-2CD6332FWD-IV', 'V5.3.5 build 160106'), 'CVE-2017-7921')).toBe('affected');
    expect(verdict(hik('DS-2CD6332FWD-IV', 'V5.4.5build 170206'), 'CVE-2017-7921')).toBe('fixed');
  });
  it('real models outside every listed series are not reported (corpus hikvision-mdns-2, hikvision-ws-discovery-2, hikvision-isapi-2)', () => {
    for (const m of ['DS-2CD2955FWD-IS', 'DS-2CD3955FWD-IWS', 'DS-2CD2386G2-IU']) {
      expect(verdict(hik(m, 'V5.4.0 build 160530'), 'CVE-2017-7921')).toBeUndefined();
    }
  });
});

describe('CVE-2021-36260 per-platform builds', () => {
  const hik = (firmware: string | null) => attr({ manufacturer: 'hikvision', model: 'DS-2CD2386G2-IU', firmware });
  it('patched V5.5.800 build 210628 is fixed; IPC_G3 last vulnerable 5.5.160_210416 is not cleared', () => {
    expect(verdict(hik('V5.5.800 build 210628'), 'CVE-2021-36260')).toBe('fixed');
    expect(verdict(hik('V5.7.18 build 240826'), 'CVE-2021-36260')).toBe('fixed');
    expect(verdict(hik('5.5.160_210416'), 'CVE-2021-36260')).toBe('possibly affected');
    expect(verdict(hik(null), 'CVE-2021-36260')).toBe('possibly affected');
  });
});

describe('Dahua CVE-2021-33044 / 33045 build dates', () => {
  const dh = (model: string, firmware: string | null) => attr({ manufacturer: 'dahua', model, firmware });
  it('IPC-HDW3549H: before June 2021 affected by 33044; before May 2020 affected by 33045', () => {
    const a = dh('IPC-HDW3549H', '2.800.0000000.13.R, build:2020-10-26');
    expect(verdict(a, 'CVE-2021-33044')).toBe('affected');
    expect(verdict(a, 'CVE-2021-33045')).toBe('fixed');
    const b = dh('IPC-HDW3549H', '2.800.0000000.13.R, build:2021-06-01');
    expect(verdict(b, 'CVE-2021-33044')).toBe('fixed');
    const c = dh('DH-IPC-HFW5231E', '2.622.0000000.31.R, build:2020-04-30');
    expect(verdict(c, 'CVE-2021-33045')).toBe('affected');
  });
  it("DHIP's undated Version alone gives possibly affected", () => {
    expect(verdict(dh('IPC-HDW3549H', '2.800.0000000.13.R'), 'CVE-2021-33044')).toBe('possibly affected');
  });
  it('real XVR models (corpus dahua-http-1/2) fall under XVR5xxx before December 2019', () => {
    expect(verdict(dh('XVR5108C-X', 'build:2019-11-30'), 'CVE-2021-33045')).toBe('affected');
    expect(verdict(dh('DH-XVR5108C-X', 'build:2019-12-01'), 'CVE-2021-33045')).toBe('fixed');
  });
  it('1-series cameras (corpus dahua-onvif-devinfo-1 IPC-HDW1025C, dahua-ws-discovery-2 DH-IPC-HDW1230T2) are outside HX3/HX5', () => {
    expect(verdict(dh('IPC-HDW1025C', null), 'CVE-2021-33044')).toBeUndefined();
    expect(verdict(dh('DH-IPC-HDW1230T2', null), 'CVE-2021-33044')).toBeUndefined();
  });
});

describe('Amcrest CVE-2020-5735', () => {
  const am = (firmware: string | null) => attr({ manufacturer: 'dahua', brand: 'amcrest', model: 'IP2M-841', firmware });
  it('before 2.800.00AC000.0.R.200330 affected; that version fixed', () => {
    expect(verdict(am('V2.800.00AC000.0.R.200101'), 'CVE-2020-5735')).toBe('affected');
    expect(verdict(am('2.800.00AC000.0.R.200330'), 'CVE-2020-5735')).toBe('fixed');
    expect(verdict(am('2.420.AC00.18.R.20200101'), 'CVE-2020-5735')).toBe('affected');
    expect(verdict(am('2.420.AC00.18.R.20200217'), 'CVE-2020-5735')).toBe('fixed');
    expect(verdict(am(null), 'CVE-2020-5735')).toBe('possibly affected');
  });
});

describe('--kev official catalogue', () => {
  it('listing for the maker without rules: "listed for this maker; check firmware"; bad file → one-line error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'camaudit-kev-'));
    const f = join(dir, 'synthetic-kev.json');
    writeFileSync(f, JSON.stringify({
      catalogVersion: '2099.01.01',
      vulnerabilities: [
        { cveID: 'CVE-2099-0001', vendorProject: 'Hikvision', product: 'Cameras', vulnerabilityName: 'Synthetic', dateAdded: '2099-01-01' },
        { cveID: 'CVE-2021-36260', vendorProject: 'Hikvision', product: 'x', vulnerabilityName: 'x', dateAdded: '2022-01-10' },
      ],
    }));
    const k = await loadKev(f);
    expect(k.catalogVersion).toBe('2099.01.01');
    const found = evaluateVulns(attr({ manufacturer: 'hikvision', model: 'DS-2CD2386G2-IU' }), [], k);
    expect(found.find((x) => x.cve === 'CVE-2099-0001')?.reason).toBe('listed for this maker; check firmware');
    expect(found.filter((x) => x.cve === 'CVE-2021-36260')).toHaveLength(1);
    writeFileSync(f, '{"nope":1}');
    await expect(loadKev(f)).rejects.toThrow(/not a CISA KEV catalogue/);
  });
});
