import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { DEFAULT_FORMATS, REPORT_FORMATS, renderReport, writeReports, parseFormats } from '../../src/report/index.js';
import { renderCsv, csvCell } from '../../src/report/csv.js';
import { CSP } from '../../src/report/html.js';
import { buildCycloneDx, renderCycloneDx, validateCycloneDx } from '../../src/report/cyclonedx.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { validateResult } from '../../src/report/schema.js';
import { renderJson } from '../../src/report/json.js';
import { UsageError } from '../../src/core/errors.js';
import { PAYLOADS, sampleResult, result, hostile } from '../helpers/result-builder.js';
import { htmlText } from '../helpers/html-text.js';
import { parseCsv } from '../helpers/csv.js';

describe('format registry', () => {
  it('lists every format; the default leaves out pdf and terminal', () => {
    expect([...REPORT_FORMATS]).toEqual(['json', 'csv', 'html', 'pdf', 'cyclonedx', 'terminal']);
    expect(DEFAULT_FORMATS).toEqual(['json', 'csv', 'html', 'cyclonedx']);
    expect(() => parseFormats(['json', 'docx'])).toThrow(UsageError);
    expect(() => parseFormats(['docx'])).toThrow('unknown report format "docx" (valid: json, csv, html, pdf, cyclonedx, terminal; txt is terminal, cdx is cyclonedx)');
  });

  it('writeReports writes the default formats, each valid', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-report-'));
    try {
      const files = await writeReports(sampleResult(), dir);
      expect(files.map((f) => path.basename(f))).toEqual(['report.json', 'report.csv', 'report.html', 'report.cdx.json']);
      const json = JSON.parse(readFileSync(files[0], 'utf8'));
      expect(validateResult(json)).toEqual([]);
      expect(await validateCycloneDx(readFileSync(files[3], 'utf8'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('JSON + schema', () => {
  it('the produced result validates; a broken one fails with a path', () => {
    const r = sampleResult();
    expect(validateResult(JSON.parse(renderJson(r)))).toEqual([]);
    const bad = JSON.parse(renderJson(r));
    bad.devices[0].risk.level = 'catastrophic';
    delete bad.summary.high;
    const errs = validateResult(bad);
    expect(errs.some((e) => e.startsWith('/devices/0/risk/level'))).toBe(true);
    expect(errs.some((e) => e.includes("must have required property 'high'"))).toBe(true);
    expect(validateResult({ schemaVersion: '2' }).length).toBeGreaterThan(0);
  });
});

describe('CSV', () => {
  it('has a BOM, CRLF records, one row per device, and neutralised formulas', () => {
    const csv = renderCsv(sampleResult());
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1));
    expect(rows.length).toBe(1 + 5);
    const header = rows[0];
    const hostileRow = rows.find((r) => r[0] === '198.18.0.66')!;
    for (const cell of hostileRow) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(hostileRow[header.indexOf('brand')]).toBe(`'${PAYLOADS[2]}`);
    expect(hostileRow[header.indexOf('serial')]).toBe(`'=HYPERLINK("http://x","y")`);
  });

  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx'])('neutralises %j', (v) => {
    expect(csvCell(v).replace(/^"|"$/g, '').startsWith("'")).toBe(true);
  });

  it('quotes commas and quotes (RFC 4180); a line break in device text is shown as \\n (issue 18)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('a\nb')).toBe('a\\nb');
    expect(csvCell(null)).toBe('');
  });
});

describe('HTML (static checks)', () => {
  const html = htmlText(sampleResult());
  it('escapes every device payload', () => {
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // only our own inline script block
    expect(html.match(/<script[\s>]/g)!.length).toBe(1);
  });
  it('has a strict CSP, no external URL in src/href, and names the SHA-256 of the JSON it came from', () => {
    expect(html).toContain(`content="${CSP.replace(/'/g, '&#39;')}"`);
    expect(CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-[A-Za-z0-9+/=]{44}'/);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    const sha = createHash('sha256').update(renderJson(sampleResult())).digest('hex');
    expect(html).toContain(`<span class="mono" id="result-sha256">${sha}</span>`);
  });
  it('quotes the policies in full with the methodology section and an inline SVG chart', () => {
    expect(html).toContain('Policies quoted in full');
    expect(html).toContain('(4) Telecommunications or video surveillance equipment or services produced or provided by an entity that the Secretary of Defense');
    expect(html).toContain('Paraphrase; source: Procurement Act 2023');
    expect(html).toContain('Multicast and broadcast discovery reaches one broadcast domain');
    expect(html).toContain('MAC OUIs are supporting evidence only');
    expect(html).toContain('<svg role="img"');
    expect(html).toContain('CVE-2021-36260');
  });
});

describe('HTML: which policies are quoted', () => {
  it('quotes only the policies the scan recorded as applied (scan.options.policies), and says which', () => {
    const r = sampleResult();
    r.scan.options = { ...r.scan.options, policies: ['us-ndaa-889'] };
    const only = htmlText(r);
    expect(only).toContain('Policies applied in this scan: us-ndaa-889.');
    const quoted = (html: string, id: string) => new RegExp(`<code>${id}</code>(</h3>| <span class="muted">\\(no device matched\\)</span></h3>)`).test(html);
    expect(quoted(only, 'us-ndaa-889')).toBe(true);
    expect(quoted(only, 'uk-cabinet-office-2022-11-24')).toBe(false);
    expect(quoted(only, 'us-fcc-covered-list')).toBe(false);
  });
  it('a result without that record shows every built-in policy with a warning', () => {
    const all = htmlText(sampleResult());
    expect(all).toContain('does not record which policies the scan applied');
    for (const id of ['us-ndaa-889', 'us-fcc-covered-list', 'uk-cabinet-office-2022-11-24', 'us-bis-entity-list', 'au-commonwealth-removals-2023']) {
      expect(new RegExp(`<code>${id}</code>(</h3>| <span class="muted">\\(no device matched\\)</span></h3>)`).test(all), id).toBe(true);
    }
  });
});

describe('CycloneDX 1.6', () => {
  it('each device is a component of type device with manufacturer, version and risk property', async () => {
    const bom = buildCycloneDx(sampleResult()) as { specVersion: string; components: Record<string, unknown>[] };
    expect(bom.specVersion).toBe('1.6');
    expect(bom.components.length).toBe(5);
    const hik = bom.components.find((c) => c.name === 'DS-2CD2042WD-I')!;
    expect(hik.type).toBe('device');
    expect(hik.manufacturer).toEqual({ name: 'Hikvision' });
    expect(hik.version).toBe('V5.4.0 build 160530');
    expect(hik.properties).toContainEqual({ name: 'camaudit:risk', value: 'high' });
    expect(await validateCycloneDx(renderCycloneDx(sampleResult()))).toEqual([]);
  });
  it('the validator rejects an invalid BOM (so the passing check means something)', async () => {
    const bom = buildCycloneDx(sampleResult()) as { components: Record<string, unknown>[] };
    bom.components[0].type = 'toaster';
    expect((await validateCycloneDx(JSON.stringify(bom))).length).toBeGreaterThan(0);
  });
});

describe('terminal', () => {
  it('strips control characters from device strings and colours only when asked', () => {
    const r = result([hostile({ model: 'evil\u001b]0;pwned\u0007\u001b[2J' })]);
    const plainOut = renderTerminal(r, { colour: false });
    expect(plainOut).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(renderTerminal(sampleResult(), { colour: true })).toContain('\x1b[31;1mhigh');
    expect(renderTerminal(sampleResult(), { colour: false })).not.toContain('\x1b[');
  });
  it('renderReport(terminal) is what scan prints', async () => {
    const out = await renderReport(sampleResult(), 'terminal', { colour: false });
    expect(out).toContain('5 device(s) found on 5 live host(s) of 256 scanned: 5 camera/NVR/DVR, 2 high risk, 0 elevated, 2 unknown');
  });
});
