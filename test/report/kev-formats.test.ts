// Issue 8: KEV verdicts appear in every report format (terminal, CSV, CycloneDX, HTML, JSON), with the date the
// CVE entered the KEV catalogue and, where the format has a header, the catalogue version used.
import { describe, it, expect } from 'vitest';
import { hikvision, result } from '../helpers/result-builder.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderCsv } from '../../src/report/csv.js';
import { renderCycloneDx } from '../../src/report/cyclonedx.js';
import { htmlText } from '../helpers/html-text.js';

function kevResult() {
  const r = result([
    hikvision({
      ip: '10.1.2.3',
      vulnerabilities: [
        { cve: 'CVE-2021-36260', name: 'Hikvision Improper Input Validation', verdict: 'possibly affected', reason: 'V5.1.8 is before V5.5.800', kevDateAdded: '2022-01-10' },
        { cve: 'CVE-2017-7921', name: 'Hikvision Improper Authentication', verdict: 'not affected', reason: 'V5.1.8 is older than the affected range', kevDateAdded: '2021-11-03' },
      ],
    }),
  ]);
  r.fingerprints.kevCatalogVersion = '2026.11.20';
  return r;
}

describe('KEV verdicts in every report format', () => {
  it('terminal lists each relevant CVE with verdict, KEV date and catalogue version (not only a count)', () => {
    const t = renderTerminal(kevResult(), { colour: false });
    expect(t).toMatch(/Known exploited vulnerabilities \(CISA KEV catalogue 2026\.11\.20\):/);
    expect(t).toMatch(/10\.1\.2\.3 +CVE-2021-36260 +possibly affected, in KEV since 2022-01-10/);
    expect(t).not.toMatch(/CVE-2017-7921/); // "not affected" is not listed as a finding
  });
  it('CSV and CycloneDX carry verdict and KEV date', () => {
    const r = kevResult();
    expect(renderCsv(r)).toMatch(/CVE-2021-36260 \(possibly affected; KEV 2022-01-10\)/);
    expect(renderCycloneDx(r)).toMatch(/CVE-2021-36260 possibly affected \(CISA KEV since 2022-01-10\)/);
  });
  it('HTML names the CVE and the catalogue version', () => {
    const h = htmlText(kevResult());
    expect(h).toMatch(/CVE-2021-36260/);
    expect(h).toMatch(/KEV catalogue 2026\.11\.20/);
  });
});
