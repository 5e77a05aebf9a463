// PDF: the HTML report printed to A4 by Debian's Chromium through playwright-core. Network is
// blocked for the page (it needs none), and a missing Chromium is one clear error.
import { existsSync } from 'node:fs';
import type { ScanResult } from '../core/result.js';
import { RuntimeError } from '../core/errors.js';
import { renderHtml } from './html.js';
import { safeText } from '../core/text-safety.js';

export const CHROMIUM_PATH = process.env.CAMAUDIT_CHROMIUM ?? '/usr/bin/chromium';

async function launch(executablePath: string) {
  if (!existsSync(executablePath)) {
    throw new RuntimeError(`PDF needs Chromium at ${safeText(executablePath, 200)}, which is missing: install it (Debian/Ubuntu: apt-get install -y chromium) or choose other formats`, 'CAMAUDIT_ERR_PDF_ENGINE');
  }
  const { chromium } = await import('playwright-core');
  return chromium
    .launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], timeout: 30_000 })
    .catch((err: Error) => {
      throw new RuntimeError(`Chromium at ${safeText(executablePath, 200)} could not start: ${safeText(err.message.split('\n')[0], 200)} (choose other formats, or fix CAMAUDIT_CHROMIUM)`, 'CAMAUDIT_ERR_PDF_ENGINE');
    });
}

/** Starts Chromium once and closes it: run before a scan that asks for pdf, so an unusable engine costs no scan. */
export async function checkPdfEngine(executablePath = CHROMIUM_PATH): Promise<void> {
  const browser = await launch(executablePath);
  await browser.close();
}

export async function htmlToPdf(html: string, executablePath = CHROMIUM_PATH): Promise<Buffer> {
  const browser = await launch(executablePath);
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load', timeout: 30_000 });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}

export async function renderPdf(result: ScanResult): Promise<Buffer> {
  return htmlToPdf(renderHtml(result));
}
