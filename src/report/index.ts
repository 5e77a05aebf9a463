// PLACEHOLDER until the report formats land (issue 7): JSON only.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScanResult } from '../core/result.js';

export const REPORT_FORMATS = ['json'] as const;
export type ReportFormat = string;

export async function renderReport(result: ScanResult, format: ReportFormat): Promise<Buffer | string> {
  if (format !== 'json') throw new Error(`report format "${format}" is not available yet`);
  return JSON.stringify(result, null, 2) + '\n';
}

export async function writeReports(result: ScanResult, dir: string, formats: readonly ReportFormat[] = REPORT_FORMATS): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const f of formats) {
    const file = path.join(dir, `report.${f}`);
    await writeFile(file, await renderReport(result, f));
    written.push(file);
  }
  return written;
}
