// Issue 17: the CycloneDX BOM carries the KEV findings as a vulnerabilities section, each with camaudit's verdict
// ("possibly affected" is in triage, not exploitable), and the scan's scope and completeness in its metadata.
// SYNTHETIC results; every document is validated against the official CycloneDX 1.6 schema.
import { describe, expect, it } from 'vitest';
import { buildCycloneDx, renderCycloneDx, validateCycloneDx } from '../../src/report/cyclonedx.js';
import { hikvision, result } from '../helpers/result-builder.js';

type Vuln = { 'bom-ref': string; id: string; source: { name: string }; analysis: { state: string; detail: string }; affects: { ref: string; versions?: { version: string; status: string }[] }[]; properties: { name: string; value: string }[] };
type Prop = { name: string; value: string };

describe('CycloneDX: vulnerabilities and scope (issue 17)', () => {
  const possibly = hikvision({ ip: '198.18.0.11' }); // the builder's CVE-2021-36260, possibly affected
  const affected = hikvision({
    ip: '198.18.0.12',
    serial: 'SYNTHETIC-AFFECTED',
    ids: ['serial:SYNTHETIC-AFFECTED'],
    mac: null,
    firmware: 'V5.4.0 build 160530',
    vulnerabilities: [{ cve: 'CVE-2017-7921', name: 'Hikvision Multiple Products Improper Authentication', verdict: 'affected', reason: 'firmware V5.4.0 is in the affected range', kevDateAdded: '2021-11-03' }],
  });
  const r = result([possibly, affected], { complete: false, targets: ['198.18.0.0/24'] });
  r.scan.excluded = ['198.18.0.1'];
  r.scan.options = { ...r.scan.options, addressesInScope: 255, stopReason: 'interrupted' };

  it('one vulnerability per device and CVE, pointing at the component, with the verdict as analysis', async () => {
    const bom = buildCycloneDx(r) as { vulnerabilities: Vuln[]; components: { 'bom-ref': string }[] };
    expect(bom.vulnerabilities).toHaveLength(2);
    const [p, a] = bom.vulnerabilities;
    expect(p.id).toBe('CVE-2021-36260');
    expect(p.source.name).toBe('CISA Known Exploited Vulnerabilities Catalog');
    expect(p.analysis.state).toBe('in_triage');
    expect(p.analysis.detail).toMatch(/^possibly affected: .*check the firmware$/);
    expect(p.properties).toContainEqual({ name: 'camaudit:verdict', value: 'possibly affected' });
    expect(p.affects[0].ref).toBe(bom.components[0]['bom-ref']);
    expect(a.id).toBe('CVE-2017-7921');
    expect(a.analysis.state).toBe('exploitable');
    expect(a.affects).toEqual([{ ref: bom.components[1]['bom-ref'], versions: [{ version: 'V5.4.0 build 160530', status: 'affected' }] }]);
    expect(a.properties).toContainEqual({ name: 'camaudit:kevDateAdded', value: '2021-11-03' });
    expect(await validateCycloneDx(renderCycloneDx(r))).toEqual([]);
  });

  it('the scope and completeness are in the metadata', () => {
    const props = (buildCycloneDx(r) as { metadata: { properties: Prop[] } }).metadata.properties;
    const get = (n: string) => props.filter((p) => p.name === `camaudit:${n}`).map((p) => p.value);
    expect(get('scanTarget')).toEqual(['198.18.0.0/24']);
    expect(get('scanExcluded')).toEqual(['198.18.0.1']);
    expect(get('scanPorts')).toEqual(['80,554']);
    expect(get('addressesInScope')).toEqual(['255']);
    expect(get('complete')).toEqual(['false']);
    expect(get('stopReason')).toEqual(['interrupted']);
  });

  it('no KEV finding, no vulnerabilities section; still valid', async () => {
    const clean = result([hikvision({ ip: '198.18.0.13', vulnerabilities: [] })]);
    expect('vulnerabilities' in buildCycloneDx(clean)).toBe(false);
    expect(await validateCycloneDx(renderCycloneDx(clean))).toEqual([]);
  });
});
