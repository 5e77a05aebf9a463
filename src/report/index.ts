// Report formats: one scan result, many renderings. Files are planned and written by ./output.ts (checked before
// the scan, report.json first, each file atomic); writeReports is the one-call form.
import type { ScanResult } from '../core/result.js';
import { RuntimeError, UsageError } from '../core/errors.js';
import { renderJson } from './json.js';
import { renderCsv } from './csv.js';
import { renderHtml } from './html.js';
import { renderCycloneDx } from './cyclonedx.js';
import { renderTerminal } from './terminal.js';
import { safeText } from '../core/text-safety.js';

export const REPORT_FORMATS = ['json', 'csv', 'html', 'pdf', 'cyclonedx', 'terminal'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** Written when no format is asked for: everything except pdf (needs Chromium) and terminal. */
export const DEFAULT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'html', 'cyclonedx'];

export const FILE_NAMES: Record<ReportFormat, string> = {
  json: 'report.json',
  csv: 'report.csv',
  html: 'report.html',
  pdf: 'report.pdf',
  cyclonedx: 'report.cdx.json',
  terminal: 'report.txt',
};

/** Other names a user may give a format: the terminal report is written as report.txt, so "txt" names it. */
export const FORMAT_ALIASES: Readonly<Record<string, ReportFormat>> = { txt: 'terminal', text: 'terminal', cdx: 'cyclonedx' };

/** Validates a list of format names ("json,csv" split by the caller; aliases such as txt accepted); unknown → UsageError. */
export function parseFormats(formats: readonly string[]): ReportFormat[] {
  const out: ReportFormat[] = [];
  for (const given of formats.map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    const f = FORMAT_ALIASES[given] ?? given;
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new UsageError(`unknown report format "${safeText(given, 40)}" (valid: ${REPORT_FORMATS.join(', ')}; txt is terminal, cdx is cyclonedx)`, 'CAMAUDIT_ERR_FORMAT');
    if (!out.includes(f as ReportFormat)) out.push(f as ReportFormat);
  }
  return out;
}

export async function renderReport(result: ScanResult, format: ReportFormat | string, opts: { colour?: boolean } = {}): Promise<Buffer | string> {
  const [f] = parseFormats([format]);
  switch (f) {
    case 'json':
      return renderJson(result);
    case 'csv':
      return renderCsv(result);
    case 'html':
      return renderHtml(result);
    case 'cyclonedx':
      return renderCycloneDx(result);
    case 'terminal':
      return renderTerminal(result, opts);
    case 'pdf':
      return (await import('./pdf.js')).renderPdf(result);
    default:
      throw new UsageError(`unknown report format "${String(format)}"`, 'CAMAUDIT_ERR_FORMAT');
  }
}

/**
 * Writes one file per format into dir (created if missing) the safe way (src/report/output.ts: checked first,
 * report.json first, each file atomic); returns the paths written. Throws CAMAUDIT_ERR_OUTPUT naming every format
 * that failed, after writing all the others. Commands plan before their scan and call writePlanned themselves.
 */
export async function writeReports(result: ScanResult, dir: string, formats: readonly string[] = DEFAULT_FORMATS, opts: { force?: boolean } = {}): Promise<string[]> {
  const { planOutputs, writePlanned, failureLines } = await import('./output.js');
  // An earlier result in dir is refused (one line naming it) unless `force` (the command's --force).
  const outcome = await writePlanned(result, await planOutputs(dir, formats.length ? formats : DEFAULT_FORMATS, { existing: opts.force ? 'replace' : 'refuse' }));
  if (outcome.failed.length) throw new RuntimeError(failureLines(outcome).join('; '), 'CAMAUDIT_ERR_OUTPUT');
  return outcome.written;
}

export { renderJson, resultSha256 } from './json.js';
export { renderCsv } from './csv.js';
export { renderHtml } from './html.js';
export { renderCycloneDx, validateCycloneDx } from './cyclonedx.js';
export { renderTerminal } from './terminal.js';
export { diffResults, renderDiffText } from './diff.js';
export { mergeResults } from './merge.js';
export { validateResult } from './schema.js';
