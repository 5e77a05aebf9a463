// PDF: the HTML report printed to A4 by Debian's Chromium through playwright-core. Network is
// blocked for the page (it needs none), and a missing Chromium is one clear error.
import { existsSync } from 'node:fs';
import type { ScanResult } from '../core/result.js';
import { RuntimeError } from '../core/errors.js';
import { renderHtml } from './html.js';

export const CHROMIUM_PATH = process.env.CAMAUDIT_CHROMIUM ?? '/usr/bin/chromium';

export async function htmlToPdf(html: string, executablePath = CHROMIUM_PATH): Promise<Buffer> {
  if (!existsSync(executablePath)) {
    throw new RuntimeError(`PDF needs Chromium at ${executablePath}, which is missing: install it (Debian/Ubuntu: apt-get install -y chromium) or choose other formats`, 'CAMAUDIT_ERR_PDF_ENGINE');
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium
    .launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'], timeout: 30_000 })
    .catch((err: Error) => {
      throw new RuntimeError(`Chromium at ${executablePath} could not start: ${err.message.split('\n')[0]}`, 'CAMAUDIT_ERR_PDF_ENGINE');
    });
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
