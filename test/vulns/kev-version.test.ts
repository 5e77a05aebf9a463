// The result names the KEV catalogue actually used: the built-in subset's catalogVersion by default,
// a --kev file's when one is given (test/fixtures/synthetic-creds-kev-newer.json, synthetic, CISA shape).
import { unwrapWords } from '../helpers/html-text.js';
import { describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Observation } from '../../src/core/observation.js';
import { buildResult } from '../../src/engine/build-result.js';
import { evaluateVulns } from '../../src/vulns/evaluate.js';
import { builtinKev, loadKev } from '../../src/vulns/kev.js';
import { renderReport } from '../../src/report/index.js';
import { UsageError } from '../../src/core/errors.js';
import { fixturePath } from '../helpers/fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NEWER = fixturePath('synthetic', 'synthetic-creds-kev-newer.json');
const SUBSET_VERSION = (JSON.parse(readFileSync(join(ROOT, 'fingerprints/vulns/kev-subset.json'), 'utf8')) as { catalogVersion: string }).catalogVersion;

// A credentialed ONVIF read of the DS-2DF7286-A in fixtures/captures/shared/hikvision-onvif-devinfo-1.json (values from there).
const obs: Observation[] = [{
  host: '198.18.0.50', module: 'onvif-auth', kind: 'onvif', port: 80, at: '2026-11-29T03:00:00.000Z',
  fields: { method: 'GetDeviceInformation', status: 200, authenticated: true, manufacturer: 'HIKVISION', model: 'DS-2DF7286-A', firmwareVersion: 'V5.1.8 build 140616', serialNumber: 'DS-2DF7286-A20140705CCWR471699220B' },
}];
const base = { startedAt: 'x', finishedAt: 'x', targets: ['198.18.0.50'], excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 1, hostsAlive: 1 };

describe('kevCatalogVersion in the result', () => {
  it('defaults to the built-in subset, shown in the HTML header', async () => {
    expect(builtinKev().catalogVersion).toBe(SUBSET_VERSION);
    const r = buildResult(new Map([['198.18.0.50', obs]]), base);
    expect(r.fingerprints.kevCatalogVersion).toBe(SUBSET_VERSION);
    const cves = r.devices[0]!.vulnerabilities.map((v) => `${v.cve} ${v.verdict} ${v.kevDateAdded}`);
    expect(cves).toContain('CVE-2021-36260 possibly affected 2022-01-10');
    expect(cves).toContain('CVE-2017-7921 not affected 2026-03-05'); // V5.1.8 build 140616 is older than DS-2DFx's range
    const html = unwrapWords(String(await renderReport(r, 'html')));
    expect(html).toContain(`KEV catalogue ${SUBSET_VERSION}`);
  });

  it('a --kev catalogue sets the version and adds its maker listings without version rules', async () => {
    const cat = await loadKev(NEWER);
    expect(cat.catalogVersion).toBe('2099.01.01-synthetic');
    const r = buildResult(new Map([['198.18.0.50', obs]]), { ...base, vulns: (a, o) => evaluateVulns(a, o, cat), kevCatalogVersion: cat.catalogVersion });
    expect(r.fingerprints.kevCatalogVersion).toBe('2099.01.01-synthetic');
    const v = r.devices[0]!.vulnerabilities;
    expect(v.find((x) => x.cve === 'CVE-2099-0001')).toMatchObject({ verdict: 'possibly affected', reason: 'listed for this maker; check firmware', kevDateAdded: '2099-01-01' });
    expect(v.find((x) => x.cve === 'CVE-2021-36260')?.verdict).toBe('possibly affected');
    const html = unwrapWords(String(await renderReport(r, 'html')));
    expect(html).toContain('KEV catalogue 2099.01.01-synthetic');
    expect(html).not.toContain(`KEV catalogue ${SUBSET_VERSION}`);
  });

  it('bad --kev files are one-line usage errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crd-kev-'));
    const notJson = join(dir, 'a.json');
    writeFileSync(notJson, '{"catalogVersion": ');
    const wrongShape = join(dir, 'b.json');
    writeFileSync(wrongShape, JSON.stringify({ catalogVersion: '1', vulnerabilities: [{ cveID: 'CVE-2021-36260' }] }));
    for (const [file, re] of [[notJson, /is not valid JSON/], [wrongShape, /is not a CISA KEV catalogue/], [join(dir, 'missing.json'), /KEV file .*missing\.json: file not found/]] as const) {
      const err = await loadKev(file).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(UsageError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
