// One row per device. RFC 4180 (CRLF, quoted fields), UTF-8 with a BOM so Excel reads it, and
// cells that a spreadsheet would run as a formula (= + - @ tab CR) prefixed with an apostrophe.
import type { DeviceRecord, ScanResult } from '../core/result.js';
import { policyDataLine, policyDataWarning, quotedCondition } from './policy-text.js';

const COLUMNS: [string, (d: DeviceRecord) => unknown][] = [
  ['ip', (d) => d.ip],
  ['mac', (d) => d.mac],
  ['hostnames', (d) => d.hostnames.join('; ')],
  ['risk', (d) => d.risk.level],
  ['policies', (d) => d.risk.policies.map((p) => p.id).join('; ')],
  ['policy_basis', (d) => d.risk.policies.map((p) => `${p.id}: ${p.basis}`).join(' | ')],
  ['manufacturer', (d) => d.manufacturerName ?? d.manufacturer],
  ['brand', (d) => d.brand],
  ['model', (d) => d.model],
  ['firmware', (d) => d.firmware],
  ['serial', (d) => d.serial],
  ['device_type', (d) => d.deviceType],
  ['confidence', (d) => d.confidence],
  ['vulnerabilities', (d) => d.vulnerabilities.map((v) => `${v.cve} (${v.verdict}${v.kevDateAdded ? `; KEV ${v.kevDateAdded}` : ''})`).join('; ')],
  ['services', (d) => d.services.map((s) => `${s.port}/${s.protocol}${s.product ? ` ${s.product}` : ''}`).join('; ')],
  ['rationale', (d) => d.rationale],
  ['conflicts', (d) => d.conflicts.join('; ')],
  ['sources', (d) => (d.sources ?? []).join('; ')],
  // Each list's words behind the verdict: quoted with their source, or marked a paraphrase.
  ['policy_conditions', (d) => d.risk.policies.map((p) => `${p.id}: ${quotedCondition(p)}`).join(' | ')],
];

/** Neutralises spreadsheet formulas: a leading = + - @ tab or CR makes the cell text. */
export function neutralise(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function csvCell(value: unknown): string {
  const s = neutralise(value === null || value === undefined ? '' : String(value));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(result: ScanResult): string {
  // The policy data is the same for every row; a column (not a comment line) keeps the file plain RFC 4180.
  const stale = policyDataWarning(result);
  const policyData = `${policyDataLine(result)}${stale ? `. WARNING: ${stale}` : ''}`;
  const lines = [[...COLUMNS.map(([h]) => h), 'policy_data'].join(',')];
  for (const d of result.devices) lines.push([...COLUMNS.map(([, get]) => csvCell(get(d))), csvCell(policyData)].join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
