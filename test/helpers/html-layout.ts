// Measures how an HTML report lays out in Chromium (playwright-core): words split across lines inside tables and
// headings, the page's width against the viewport, and tables that neither fit nor scroll inside their own box.
// Used by test/report/html-layout.test.ts, and by hand for before/after figures on any report:
//   node --import tsx test/helpers/html-layout.ts camaudit-demo/report.html [more.html …]
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const LAUNCH = { executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] };

/** A4 (210 mm) less the PDF's 12 mm side margins (src/report/pdf.ts) at 96 px per inch: the printed line width. */
export const A4_CONTENT_PX = Math.floor(((210 - 2 * 12) / 25.4) * 96);

export interface Viewport {
  name: string;
  width: number;
  height: number;
  print?: boolean;
}
export const VIEWPORTS: Viewport[] = [
  { name: 'desktop-1400', width: 1400, height: 900 },
  { name: 'phone-390', width: 390, height: 844 },
  { name: 'print-a4', width: A4_CONTENT_PX, height: 1123, print: true },
];

export interface SplitWord {
  word: string;
  /** Where: "table#devices", "table 3 (in #dev-4)", "h3". */
  where: string;
  lines: number;
}

export interface Layout {
  viewport: string;
  /** Words of up to 24 characters (hashes and URLs left out) that the browser broke across lines, in tables. */
  splitInTables: SplitWord[];
  /** The same in headings (h1-h4) outside tables. */
  splitInHeadings: SplitWord[];
  /** document.documentElement.scrollWidth: the page is wider than the viewport when this exceeds it. */
  pageWidth: number;
  viewportWidth: number;
  /** Tables whose right edge passes their scroll box (or the page, when none); on print, any table wider than the page. */
  overflowingTables: string[];
  /** Words measured (so a test can tell an empty measurement from a clean one). */
  wordsMeasured: number;
}

// Runs in the page (plain JS: the test tsconfig has no DOM lib). A word is a run of non-space characters inside one
// text node; it is split when its characters sit on more than one line (client rects with different tops).
const MEASURE = `(() => {
  const MAX = 24;
  const skip = (w) => w.length > MAX || /^(https?:|ftp:|urn:|www\\.)|:\\/\\//i.test(w) || /^[0-9a-f:]{16,}$/i.test(w) || /^[A-Za-z0-9+/=]{20,}$/.test(w);
  const whereOf = (el) => {
    const t = el.closest('table');
    if (t) {
      if (t.id) return 'table#' + t.id;
      const sec = t.closest('section[id]');
      const all = Array.from(document.querySelectorAll('table'));
      return 'table ' + all.indexOf(t) + (sec ? ' (in #' + sec.id + ')' : '');
    }
    return el.closest('h1,h2,h3,h4').tagName.toLowerCase();
  };
  const inTables = [], inHeadings = [];
  let measured = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest('script,style')) continue;
    const cell = el.closest('td,th');
    const heading = el.closest('h1,h2,h3,h4');
    if (!cell && !heading) continue;
    if (!el.getClientRects().length) continue; // hidden
    const text = n.textContent || '';
    const re = /\\S+/g;
    let m;
    while ((m = re.exec(text))) {
      const w = m[0];
      if (skip(w)) continue;
      measured++;
      const r = document.createRange();
      r.setStart(n, m.index);
      r.setEnd(n, m.index + w.length);
      const tops = new Set();
      for (const rect of Array.from(r.getClientRects())) if (rect.width > 0) tops.add(Math.round(rect.top));
      if (tops.size > 1) (cell ? inTables : inHeadings).push({ word: w, where: whereOf(el), lines: tops.size });
    }
  }
  const doc = document.documentElement;
  const overflowing = [];
  const print = matchMedia('print').matches;
  Array.from(document.querySelectorAll('table')).forEach((t, i) => {
    if (t.parentElement && t.parentElement.closest('table')) return; // a nested table is inside its parent's box
    const box = t.getBoundingClientRect();
    let scroller = null;
    for (let p = t.parentElement; p && p !== document.body; p = p.parentElement) {
      const ox = getComputedStyle(p).overflowX;
      if (ox === 'auto' || ox === 'scroll') { scroller = p; break; }
    }
    const name = (t.id ? '#' + t.id : 'table ' + i);
    if (print || !scroller) {
      if (box.right > doc.clientWidth + 1 || t.scrollWidth > t.clientWidth + 1) overflowing.push(name + ' ' + Math.round(box.width) + 'px wide');
    } else if (scroller.getBoundingClientRect().right > doc.clientWidth + 1) {
      overflowing.push(name + ' (its scroll box passes the page)');
    }
  });
  return { splitInTables: inTables, splitInHeadings: inHeadings, pageWidth: doc.scrollWidth, viewportWidth: doc.clientWidth, overflowingTables: overflowing, wordsMeasured: measured };
})()`;

export async function measurePage(page: Page, v: Viewport): Promise<Layout> {
  const got = (await page.evaluate(MEASURE)) as Omit<Layout, 'viewport'>;
  return { viewport: v.name, ...got };
}

/** Opens `file` at each viewport (print media for print), measures it and, when `shotsDir` is given, saves a screenshot. */
export async function measureFile(browser: Browser, file: string, viewports: Viewport[] = VIEWPORTS, shotsDir?: string): Promise<{ layouts: Layout[]; requests: string[] }> {
  const layouts: Layout[] = [];
  const requests: string[] = [];
  for (const v of viewports) {
    const page = await browser.newPage({ viewport: { width: v.width, height: v.height } });
    page.on('request', (r) => requests.push(r.url()));
    try {
      if (v.print) await page.emulateMedia({ media: 'print' });
      await page.goto(`file://${path.resolve(file)}`, { waitUntil: 'load' });
      layouts.push(await measurePage(page, v));
      if (shotsDir) await page.screenshot({ path: path.join(shotsDir, `${path.basename(file, '.html')}-${v.name}.png`), fullPage: v.name !== 'print-a4' ? false : true });
    } finally {
      await page.close();
    }
  }
  return { layouts, requests };
}

export function summariseLayout(l: Layout): string {
  const examples = [...new Set(l.splitInTables.map((s) => s.word))].slice(0, 8).join(' ');
  return `${l.viewport}: ${l.splitInTables.length} split words in tables (of ${l.wordsMeasured} measured)${examples ? ` e.g. ${examples}` : ''}; ${l.splitInHeadings.length} in headings; page ${l.pageWidth} px / viewport ${l.viewportWidth} px; tables overflowing: ${l.overflowingTables.length ? l.overflowingTables.join(', ') : 'none'}`;
}

// By hand: print the figures for each file given.
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}`);
  const browser = await chromium.launch(LAUNCH);
  try {
    for (const f of process.argv.slice(2)) {
      const { layouts } = await measureFile(browser, f);
      for (const l of layouts) console.log(`${f} ${summariseLayout(l)}`);
    }
  } finally {
    await browser.close();
  }
}
