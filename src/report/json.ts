// The machine result as written to report.json. Its SHA-256 is quoted in the HTML/PDF.
import { createHash } from 'node:crypto';
import type { ScanResult } from '../core/result.js';

export function renderJson(result: ScanResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}

export function resultSha256(result: ScanResult): string {
  return createHash('sha256').update(renderJson(result)).digest('hex');
}
