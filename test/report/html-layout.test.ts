// The HTML report as an auditor reads it, in Debian's Chromium at 1400 px, at 390 px (a phone) and printed on A4
// (print media at the PDF's line width): no word of up to 24 characters (hashes and URLs may wrap) broken across
// lines in any table or heading, a page no wider than the viewport, and every table fitting the page or scrolling
// inside its own box (on paper: fitting). The report is the one a scan of every lab profile gives (the profiles served
// on loopback, read as a scanner reads them: no namespace needed) plus synthetic devices with long and hostile
// strings. Screenshots are kept under test-output/html-layout/ (gitignored).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import { buildResult } from '../../src/engine/build-result.js';
import type { Observation } from '../../src/core/observation.js';
import type { ScanResult } from '../../src/core/result.js';
import { collectEvidence, startLoopbackLab, type LoopbackLab } from '../helpers/lab-evidence.js';
import { CHROMIUM, LAUNCH, measureFile, summariseLayout, VIEWPORTS, type Layout } from '../helpers/html-layout.js';
import { device, hikvision, hostile, sampleResult } from '../helpers/result-builder.js';

const OUT = path.resolve(import.meta.dirname, '../../test-output/html-layout');

/** SYNTHETIC devices whose names are as long as a word may be, full of break opportunities, or no word at all. */
function synthetic(): ScanResult['devices'] {
  return [
    hikvision({ ip: '198.18.1.10', model: 'DS-2CD2T87G2P-LSU/SL-C', firmware: 'V5.7.15 build 231107', brand: 'HiLook/HiWatch-OEM', hostnames: ['synthetic-reception-lobby-cam.example.invalid'] }),
    device({ ip: '198.18.1.11', manufacturerName: '杭州海康威视数字技术股份有限公司', model: 'IPC-HFW2431S-S-S2(3.6mm)', firmware: '2.800.0000000.13.R,build:2021-04-15', confidence: 'possible', deviceType: 'nvr' }),
    device({ ip: '198.18.1.12', model: 'a'.repeat(64), firmware: 'https://synthetic.example.invalid/a/very/long/path/firmware-image-v1.2.3.bin', serial: 'f'.repeat(64) }),
    hostile({ ip: '198.18.1.13' }),
  ];
}

async function labResult(lab: LoopbackLab): Promise<ScanResult> {
  const byHost = new Map<string, Observation[]>();
  // With the profiles' own credentials, as the demo scans: recorders list the cameras behind them (their tables too).
  for (const { profile } of lab.profiles) byHost.set(lab.ipOf(profile), await collectEvidence(lab, profile, { credentials: true, network: 'switched' }));
  const now = new Date().toISOString();
  const r = buildResult(byHost, {
    startedAt: now,
    finishedAt: now,
    targets: ['127.43.17.0/24'],
    excluded: ['127.43.17.1'],
    interfaces: ['lo 127.0.0.1 127.0.0.0/8'],
    modules: ['sweep', 'lab-evidence'],
    options: { ports: [80, 443, 554, 8000, 37777], policies: ['us-ndaa-889', 'us-fcc-covered-list', 'uk-cabinet-office-2022-11-24', 'au-commonwealth-removals-2023', 'us-bis-entity-list'] },
    complete: true,
    stats: {},
    hostsScanned: 256,
    hostsAlive: byHost.size,
    keepObservations: false,
  });
  r.devices.push(...synthetic());
  r.summary.devices = r.devices.length;
  return r;
}

describe.skipIf(!existsSync(CHROMIUM))('HTML report layout in Chromium: 1400 px, 390 px, A4 print', { timeout: 300_000 }, () => {
  let lab: LoopbackLab;
  let browser: Browser;
  const reports: Record<string, string> = {};
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    lab = await startLoopbackLab('127.43.17.');
    // The sample is an interrupted scan, so that the incomplete banner and scope table are measured too.
    const sample = sampleResult();
    sample.scan.complete = false;
    sample.scan.options = { ...sample.scan.options, stopReason: 'interrupted (Ctrl-C)', addressesInScope: 256 };
    const results: Record<string, ScanResult> = { lab: await labResult(lab), sample };
    for (const [name, r] of Object.entries(results)) {
      reports[name] = path.join(OUT, `${name}.html`);
      writeFileSync(reports[name], renderHtml(r));
    }
    browser = await chromium.launch(LAUNCH);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await lab?.stop();
  });

  for (const name of ['lab', 'sample']) {
    it(`${name} report: no word split in any table or heading, page within the viewport, tables fit or scroll in their box`, async () => {
      const { layouts, requests } = await measureFile(browser, reports[name], VIEWPORTS, OUT);
      for (const l of layouts) console.log(`[html-layout] ${name} ${summariseLayout(l)}`);
      // Self-contained: the page asks for nothing but itself, at every size.
      expect(new Set(requests)).toEqual(new Set([`file://${reports[name]}`]));
      const byName = new Map<string, Layout>(layouts.map((l) => [l.viewport, l]));
      for (const l of layouts) {
        expect(l.wordsMeasured, `${l.viewport}: words measured`).toBeGreaterThan(name === 'lab' ? 5000 : 300);
        expect(l.splitInTables, `${l.viewport}: words split in tables`).toEqual([]);
        expect(l.splitInHeadings, `${l.viewport}: words split in headings`).toEqual([]);
        expect(l.overflowingTables, `${l.viewport}: tables passing their box`).toEqual([]);
        expect(l.pageWidth, `${l.viewport}: page width`).toBeLessThanOrEqual(l.viewportWidth);
      }
      expect(byName.get('phone-390')!.viewportWidth).toBe(390);
      if (name === 'lab') expect(readFileSync(reports[name], 'utf8')).toContain('<h2 id="recorders">Recorders and the cameras behind them</h2>');
    });
  }
});
