// Every report format states a policy's words plainly: a verbatim quote with its source, or a paraphrase said
// to be one, never a research remark; and every format states the policy data's version and check date, with a
// warning when that date is more than six months before the scan. Devices are SYNTHETIC (test/helpers); the
// policy hits come from the real built-in policy data through evaluateRisk.
import { describe, expect, it } from 'vitest';
import { renderCsv } from '../../src/report/csv.js';
import { buildCycloneDx, renderCycloneDx, validateCycloneDx } from '../../src/report/cyclonedx.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { renderJson } from '../../src/report/json.js';
import { validateResult } from '../../src/report/schema.js';
import { mergeResults } from '../../src/report/merge.js';
import { evaluateRisk } from '../../src/policy/evaluate.js';
import { buildResult } from '../../src/engine/build-result.js';
import { policyDataStatus } from '../../src/policy/data-status.js';
import { builtinPolicies } from '../../src/policy/load.js';
import type { Attribution, ScanResult } from '../../src/core/result.js';
import { device, result } from '../helpers/result-builder.js';
import { htmlText } from '../helpers/html-text.js';

function attr(manufacturer: string): Attribution {
  return { manufacturer, manufacturerName: manufacturer, brand: null, model: null, firmware: null, serial: null, deviceType: 'camera', deviceTypeConfidence: 'confirmed', deviceTypeRationale: 'synthetic', confidence: 'confirmed', rationale: '', conflicts: [], evidence: [] };
}

/** A Hikvision camera (verbatim quotes) and a Uniview camera (one paraphrase), judged by the real policy data. */
function judged(asOf: string): ScanResult {
  const r = result(
    [
      device({ ip: '198.18.0.21', manufacturer: 'hikvision', manufacturerName: 'Hikvision', risk: evaluateRisk(attr('hikvision')) }),
      device({ ip: '198.18.0.22', manufacturer: 'uniview', manufacturerName: 'Uniview', risk: evaluateRisk(attr('uniview')) }),
    ],
    { startedAt: asOf },
  );
  r.policyData = policyDataStatus(builtinPolicies(), asOf, '2026.12.07-1');
  return r;
}

const FRESH = '2027-01-15T09:00:00.000Z';
const STALE = '2027-09-01T09:00:00.000Z';

describe('the policy hits themselves', () => {
  it('carry the words, whether verbatim, and the source; no research remark', () => {
    const hits = judged(FRESH).devices.flatMap((d) => d.risk.policies);
    expect(hits.length).toBeGreaterThan(5);
    for (const h of hits) {
      expect(typeof h.conditionVerbatim).toBe('boolean');
      expect(h.conditionSource).toBeTruthy();
      expect(h.condition).not.toMatch(/not read|verbatim|\[/i);
    }
    expect(hits.find((h) => h.id === 'us-bis-entity-list' && h.conditionVerbatim === false)).toBeTruthy();
  });
});

describe('JSON', () => {
  it('records the policy data and validates against the result schema', () => {
    const json = JSON.parse(renderJson(judged(STALE)));
    expect(json.policyData).toMatchObject({ version: '2026.12.07-1', lastChecked: '2026-11-28', oldestRecord: 'us-bis-entity-list', stale: true });
    expect(json.policyData.warning).toMatch(/more than 6 months before 2027-09-01/);
    expect(validateResult(json)).toEqual([]);
  });
  it('buildResult states the policy data of the policies it applied, judged at the scan start', () => {
    const base = { finishedAt: FRESH, targets: [], excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 0, hostsAlive: 0 };
    const fresh = buildResult(new Map(), { ...base, startedAt: FRESH, policy: { policyIds: ['us-ndaa-889'] } });
    expect(fresh.policyData).toMatchObject({ lastChecked: '2026-12-07', oldestRecord: 'us-ndaa-889', asOf: '2027-01-15', stale: false });
    expect(fresh.policyData!.version).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
    const stale = buildResult(new Map(), { ...base, startedAt: STALE });
    expect(stale.policyData).toMatchObject({ lastChecked: '2026-11-28', stale: true });
  });
});

describe('terminal', () => {
  it('states the policy data, warns when stale, and quotes each condition with its source or as a paraphrase', () => {
    const fresh = renderTerminal(judged(FRESH), { colour: false });
    expect(fresh).toContain('Policy data 2026.12.07-1, last checked 2026-11-28 (oldest record applied: us-bis-entity-list).');
    expect(fresh).not.toContain('WARNING');
    expect(fresh).toContain('Policy conditions quoted:');
    expect(fresh).toMatch(/us-fcc-covered-list: “Video surveillance and telecommunications equipment produced by Hangzhou Hikvision Digital Technology Company, .* national security purposes …” \(source: FCC Covered List/);
    expect(fresh).toMatch(/us-bis-entity-list: Added for enabling .* \(paraphrase; source: BIS release/);
    expect(renderTerminal(judged(STALE), { colour: false })).toMatch(/\nWARNING: The policy data was last checked on 2026-11-28 \(us-bis-entity-list\), more than 6 months before 2027-09-01/);
  });
  it('a result from an earlier camaudit says the policy data was not recorded', () => {
    const r = judged(FRESH);
    delete r.policyData;
    expect(renderTerminal(r, { colour: false })).toContain('Policy data: version and check date not recorded in this result');
  });
});

describe('CSV', () => {
  it('has a policy_conditions column (source or paraphrase) and a policy_data column with the warning', () => {
    const csv = renderCsv(judged(STALE));
    const header = csv.slice(1).split('\r\n')[0].split(',');
    expect(header.slice(-2)).toEqual(['policy_conditions', 'policy_data']);
    expect(csv).toContain('us-bis-entity-list: Added for enabling high-technology surveillance');
    expect(csv).toContain('(paraphrase; source: BIS release');
    expect(csv).toContain('us-ndaa-889: “For the purpose of public safety');
    expect(csv).toContain('Policy data 2026.12.07-1, last checked 2026-11-28 (oldest record applied: us-bis-entity-list). WARNING: The policy data was last checked');
    expect(renderCsv(judged(FRESH))).not.toContain('WARNING');
  });
});

describe('HTML', () => {
  const html = htmlText(judged(STALE));
  it('labels each quoted condition with its source, and a paraphrase as one', () => {
    expect(html).toContain('<p class="muted">Paraphrase; source: BIS release');
    expect(html).toContain('<p class="muted">Source: NIH Grants Policy Statement 4.1.37');
    expect(html).not.toMatch(/not read verbatim|NOT read verbatim/);
  });
  it('quotes each policy record with its number, address, passages, pending changes and the watch record', () => {
    expect(html).toContain('<tr><th>Number</th><td colspan="3">HCWS386');
    expect(html).toContain('<tr><th>Number</th><td colspan="3">none — No instrument was issued');
    expect(html).toContain('https://questions-statements.parliament.uk/written-statements/detail/2022-11-24/hcws386');
    expect(html).toContain('Pending changes that could alter a verdict');
    expect(html).toContain('No covered maker: a watch record');
    expect(html).toContain('While local authorities may choose to follow the lead of central government');
  });
  it('shows the policy data, and warns at the top when it is stale', () => {
    expect(html).toContain('<tr><th>Policy data</th><td>Policy data 2026.12.07-1, last checked 2026-11-28');
    expect(html).toContain('<p class="warn"><b>Policy data may be out of date.</b> The policy data was last checked on 2026-11-28');
    expect(htmlText(judged(FRESH))).not.toContain('class="warn"');
  });
});

describe('CycloneDX', () => {
  it('carries the policy data in the metadata and each condition with its label, and stays valid', async () => {
    const bom = buildCycloneDx(judged(STALE)) as { metadata: { properties: { name: string; value: string }[] }; components: { properties: { name: string; value: string }[] }[] };
    const meta = Object.fromEntries(bom.metadata.properties.map((p) => [p.name, p.value]));
    expect(meta['camaudit:policyDataVersion']).toBe('2026.12.07-1');
    expect(meta['camaudit:policyDataLastChecked']).toBe('2026-11-28');
    expect(meta['camaudit:policyDataWarning']).toMatch(/^The policy data was last checked on 2026-11-28/);
    const conds = bom.components.flatMap((c) => c.properties.filter((p) => p.name === 'camaudit:policyCondition').map((p) => p.value));
    expect(conds.some((v) => /^us-bis-entity-list: .* \(paraphrase; source: BIS release/.test(v))).toBe(true);
    expect(conds.some((v) => /^us-ndaa-889: “For the purpose/.test(v))).toBe(true);
    expect(await validateCycloneDx(renderCycloneDx(judged(STALE)))).toEqual([]);
    const fresh = buildCycloneDx(judged(FRESH)) as { metadata: { properties: { name: string }[] } };
    expect(fresh.metadata.properties.map((p) => p.name)).not.toContain('camaudit:policyDataWarning');
  });
});

describe('merge', () => {
  it('keeps the least recently checked policy data of the merged scans', () => {
    const a = judged(FRESH);
    const b = judged(STALE);
    b.scan.id = 'synthetic-scan-2';
    b.policyData = { ...b.policyData!, lastChecked: '2026-06-01', oldestRecord: 'x' };
    expect(mergeResults([a, b]).policyData).toMatchObject({ lastChecked: '2026-06-01', oldestRecord: 'x', stale: true });
  });
});
