// Checks shared by the hostile e2e tests: CSV cells inert, HTML inert in headless Chromium, scan stderr clean.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

/** RFC 4180 cells (quoted fields, doubled quotes, CRLF or LF rows). */
export function csvCells(text: string): string[] {
  const cells: string[] = [];
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let cell = '';
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') (cells.push(cell), (cell = ''));
    else if (c !== '\r') cell += c;
  }
  if (cell) cells.push(cell);
  return cells;
}

/** Cells a spreadsheet would run as a formula. */
export const formulaCells = (text: string): string[] => csvCells(text).filter((c) => /^[=+\-@\t\r]/.test(c));

/** Lines of stderr that show a crash: stack frames, unhandled rejections, uncaught exceptions. */
export const crashLines = (stderr: string): string[] => stderr.split('\n').filter((l) => /^\s+at .+:\d+:\d+\)?$|unhandled|uncaught|UnhandledPromiseRejection|FATAL ERROR|heap out of memory/i.test(l));

export const CHROMIUM = '/usr/bin/chromium';
export const haveChromium = existsSync(CHROMIUM);

/** Opens the HTML report: alerts/dialogs fired, requests other than the file itself, script/img elements from devices. */
export async function htmlInertness(file: string): Promise<{ alerts: number; dialogs: string[]; requests: string[]; imgs: number; textHasPayload: boolean }> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.addInitScript(() => {
      const w = globalThis as unknown as { __alerts: number; alert: () => void; confirm: () => void; prompt: () => void };
      w.__alerts = 0;
      w.alert = w.confirm = w.prompt = () => void w.__alerts++;
    });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await page.waitForTimeout(500);
    const alerts = await page.evaluate(() => (globalThis as unknown as { __alerts: number }).__alerts);
    const imgs = await page.locator('img, svg[onload], iframe, object, embed').count();
    const textHasPayload = (await page.locator('body').innerText()).includes('<script>alert(1)</script>');
    return { alerts, dialogs, requests: requests.filter((u) => u !== `file://${file}`), imgs, textHasPayload };
  } finally {
    await browser.close();
  }
}
