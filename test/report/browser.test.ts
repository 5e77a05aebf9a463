// Opens the HTML report in Debian's Chromium (playwright-core) and prints the PDF.
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { renderHtml } from '../../src/report/html.js';
import { htmlToPdf, renderPdf } from '../../src/report/pdf.js';
import { RuntimeError } from '../../src/core/errors.js';
import { sampleResult } from '../helpers/result-builder.js';

const CHROMIUM = '/usr/bin/chromium';
const LAUNCH = { executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };

describe.skipIf(!existsSync(CHROMIUM))('HTML report in headless Chromium', { timeout: 120_000 }, () => {
  it('runs no script from device strings, requests nothing but itself, and its own sort/filter script works', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-html-'));
    const file = path.join(dir, 'report.html');
    writeFileSync(file, renderHtml(sampleResult()));
    const browser = await chromium.launch(LAUNCH);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      // Any alert() or an onerror handler from a device string would flip this flag.
      // (globalThis is the page's window here; the test tsconfig has no DOM lib.)
      await page.addInitScript(() => {
        const w = globalThis as unknown as { __alerts: number; alert: () => void };
        w.__alerts = 0;
        w.alert = () => {
          w.__alerts++;
        };
      });
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto(`file://${file}`, { waitUntil: 'load' });
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => (globalThis as unknown as { __alerts: number }).__alerts)).toBe(0);
      expect(dialogs).toEqual([]);
      expect(requests).toEqual([`file://${file}`]);
      // payloads are shown as text
      // (the maker cell also carries the printed brand line and the maker confidence)
      expect((await page.locator('#devices tbody tr[data-risk="unknown"] td:nth-child(3)').allTextContents()).some((t) => t.startsWith('<img src=x onerror=alert(1)>'))).toBe(true);
      expect(await page.locator('img').count()).toBe(0);
      // our script (allowed by its CSP hash) filters and sorts
      await page.fill('#filter', 'hikvision');
      expect(await page.locator('#devices tbody tr:not([hidden])').count()).toBe(1);
      await page.fill('#filter', '');
      await page.selectOption('#riskfilter', 'high');
      expect(await page.locator('#devices tbody tr:not([hidden])').count()).toBe(2);
      await page.selectOption('#riskfilter', '');
      await page.click('#devices thead th:nth-child(2)');
      const order = await page.locator('#devices tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-risk')));
      expect(order).toEqual(['high', 'high', 'unknown', 'unknown', 'none']);
      await page.screenshot({ path: path.join(tmpdir(), 'camaudit-report-test.png'), fullPage: false });
      expect(requests).toEqual([`file://${file}`]);
    } finally {
      await browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prints a PDF (starts with %PDF, more than 10 KB) on A4 pages', async () => {
    const pdf = await renderPdf(sampleResult());
    expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(pdf.length).toBeGreaterThan(10 * 1024);
    // Chromium writes one uncompressed page object per page with its MediaBox: A4 is 595.92 x 842.88 points.
    const text = pdf.toString('latin1');
    const pages = text.match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(pages.length).toBeGreaterThanOrEqual(3); // summary, devices, policies quoted in full, methodology
    expect(boxes.length).toBeGreaterThan(0);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - 595.92)).toBeLessThan(2);
      expect(Math.abs(h! - 842.88)).toBeLessThan(2);
    }
  });
});

describe('PDF without Chromium', () => {
  it('is one clear RuntimeError', async () => {
    const err = await htmlToPdf('<p>x</p>', '/nonexistent/chromium').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RuntimeError);
    expect((err as Error).message).toBe('PDF needs Chromium at /nonexistent/chromium, which is missing: install it (Debian/Ubuntu: apt-get install -y chromium) or choose other formats');
  });
});
