// Issue 17: the report claims no more than the scan shows. Scope and completeness come first; an interrupted scan
// is marked prominently and its counts say "reached", not "scanned" of the whole scope; "possibly affected … check
// firmware" is not "known exploited"; the terminal's policy column names NDAA and FCC in full. SYNTHETIC results.
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { coverageLine, vulnerabilityLine } from '../../src/report/summary-text.js';
import { unwrapWords } from '../helpers/html-text.js';
import { hikvision, result } from '../helpers/result-builder.js';
import type { ScanResult } from '../../src/core/result.js';

/** The page's text as it reads: tags dropped, each tag a space, whitespace collapsed. */
const htmlText = (html: string): string => unwrapWords(html).replace(/<[^>]*>/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

/** 15 Hikvision cameras, each "possibly affected" (the builder's KEV finding: firmware not established). */
function fifteen(over: { complete?: boolean } = {}): ScanResult {
  const devs = Array.from({ length: 15 }, (_, i) => hikvision({ ip: `198.18.0.${10 + i}`, serial: `SYNTHETIC${i}`, mac: null, ids: [`serial:SYNTHETIC${i}`] }));
  const r = result(devs, { complete: over.complete ?? true });
  r.scan.options = { ...r.scan.options, addressesInScope: 256, ...(over.complete === false ? { stopReason: 'interrupted (Ctrl-C)' } : {}) };
  r.summary.hostsScanned = over.complete === false ? 57 : 256;
  r.summary.hostsAlive = 15;
  return r;
}

describe('summary wording (issue 17)', () => {
  it('possibly affected devices are not called known exploited; the verdict is named', () => {
    const r = fifteen();
    const text = htmlText(renderHtml(r));
    expect(text).not.toMatch(/with known exploited vulnerabilities/);
    expect(text).toMatch(/15 possibly affected by one: firmware not established, check firmware/);
    expect(text).toMatch(/0 affected by a known exploited vulnerability/);
    const t = renderTerminal(r, { colour: false });
    expect(t).not.toMatch(/with known exploited vulnerabilities/);
    expect(t).toContain('15 devices possibly affected by a known exploited vulnerability (maker or model listed, firmware not established: check firmware).');
    expect(vulnerabilityLine([hikvision({ vulnerabilities: [{ cve: 'CVE-2021-36260', name: 'x', verdict: 'affected', reason: 'r' }] })])).toBe(
      '1 device affected by a known exploited vulnerability (firmware in the affected range)',
    );
  });

  it('scope comes before the summary, and a complete scan says how many addresses were scanned', () => {
    const html = renderHtml(fifteen());
    expect(html.indexOf('id="scope"')).toBeGreaterThan(0);
    expect(html.indexOf('id="scope"')).toBeLessThan(html.indexOf('<h2>Summary</h2>'));
    const scope = htmlText(html.slice(html.indexOf('id="scope"'), html.indexOf('<h2>Summary</h2>')));
    expect(scope).toMatch(/Targets 198\.18\.0\.0\/24 \(256 addresses\)/);
    expect(scope).toMatch(/Ports 80, 554/);
    expect(scope).toMatch(/Complete yes/);
    expect(html).not.toContain('role="alert" id="incomplete"');
    expect(htmlText(html)).toMatch(/15 live hosts of 256 addresses scanned/);
  });

  it('an interrupted scan: a banner before everything else, and no claim over the whole scope', () => {
    const r = fifteen({ complete: false });
    expect(coverageLine(r)).toBe('INCOMPLETE: 15 live hosts among the 57 addresses reached before the scan stopped (interrupted (Ctrl-C)); 256 were in scope');
    const html = renderHtml(r);
    const banner = html.indexOf('role="alert" id="incomplete"');
    expect(banner).toBeGreaterThan(0);
    expect(banner).toBeLessThan(html.indexOf('id="scope"'));
    const text = htmlText(html);
    expect(text).not.toMatch(/live hosts of \d+ (addresses )?scanned/);
    expect(text).toMatch(/live hosts among 57 addresses reached before the scan stopped \(256 in scope\)/);
    expect(text).toMatch(/Complete NO — the scan stopped early/);
    const t = renderTerminal(r, { colour: false }).split('\n');
    expect(t[0]).toBe(`SCAN ${coverageLine(r)}`);
    expect(t[1]).toMatch(/^15 device\(s\) found on 15 live host\(s\) among 57 addresses reached \(scan INCOMPLETE\):/);
    expect(t.join('\n')).not.toMatch(/of 256 scanned/);
  });

  it("the terminal's policy column names every list in full, binding ones first", () => {
    const d = hikvision({ ip: '198.18.0.9' });
    d.risk.policies = [
      { ...d.risk.policies[0], id: 'uk-cabinet-office-2022-11-24', effect: 'administrative' },
      { ...d.risk.policies[0], id: 'us-fcc-covered-list', effect: 'binding' },
      { ...d.risk.policies[0], id: 'au-commonwealth-removals-2023', effect: 'administrative' },
      { ...d.risk.policies[0], id: 'us-ndaa-889', effect: 'binding' },
    ];
    const line = renderTerminal(result([d]), { colour: false }).split('\n').find((l) => l.startsWith('198.18.0.9'))!;
    expect(line).toMatch(/(US NDAA §889; FCC Covered List|FCC Covered List; US NDAA §889); (UK Cabinet Office statement HCWS386 \(24 Nov 2022\)|Australia 2023 removals)/);
    expect(line.trimEnd()).toMatch(/(Australia 2023 removals|HCWS386 \(24 Nov 2022\))$/);
  });

  it('the FCC quote block states the text and its source plainly, with no research remark', () => {
    const r = fifteen();
    r.scan.options = { ...r.scan.options, policies: ['us-fcc-covered-list'] };
    const text = htmlText(renderHtml(r));
    expect(text).not.toMatch(/not read verbatim|\[not /);
    expect(text).toMatch(/Video surveillance and telecommunications equipment produced by Hangzhou Hikvision Digital Technology Company/);
    expect(text).toMatch(/Source: FCC Covered List, entry for Hangzhou Hikvision Digital Technology Company \(included 12 Mar 2021\)/);
  });
});
