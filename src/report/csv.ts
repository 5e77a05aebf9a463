// One row per device. RFC 4180 (CRLF, quoted fields), UTF-8 with a BOM so Excel reads it. Every cell goes
// through the one sanitiser (src/core/text-safety.ts): controls, bidi and invisible characters shown as visible
// escapes, and a cell a spreadsheet would run as a formula (= + - @ after any blanks, fullwidth forms too)
// prefixed with an apostrophe.
import type { BehindDevice, DeviceRecord, ScanResult } from '../core/result.js';
import { channelLabel, onlineLabel } from './estate-text.js';
import { policyDataLine, policyDataWarning, quotedCondition } from './policy-text.js';
import { safeCsvText } from '../core/text-safety.js';

const COLUMNS: [string, (d: DeviceRecord) => unknown][] = [
  ['ip', (d) => d.ip],
  ['mac', (d) => d.mac],
  ['hostnames', (d) => d.hostnames.join('; ')],
  ['risk', (d) => d.risk.level],
  ['risk_reason', (d) => d.risk.reason],
  ['check_by_hand', (d) => (d.risk.checks ?? []).join('; ')],
  ['policies', (d) => d.risk.policies.map((p) => p.id).join('; ')],
  ['policy_basis', (d) => d.risk.policies.map((p) => `${p.id}: ${p.basis}`).join(' | ')],
  // A maker not known reads "unknown" (the word an auditor filters on), never a blank cell or "none".
  ['manufacturer', (d) => d.manufacturerName ?? d.manufacturer ?? 'unknown'],
  ['brand', (d) => d.brand],
  ['model', (d) => d.model],
  ['firmware', (d) => d.firmware],
  ['serial', (d) => d.serial],
  ['device_type', (d) => d.deviceType],
  ['device_type_confidence', (d) => d.deviceTypeConfidence],
  ['device_type_basis', (d) => d.deviceTypeRationale],
  ['confidence', (d) => d.confidence],
  ['vulnerabilities', (d) => d.vulnerabilities.map((v) => `${v.cve} (${v.verdict}${v.kevDateAdded ? `; KEV ${v.kevDateAdded}` : ''})`).join('; ')],
  ['services', (d) => d.services.map((s) => `${s.port}/${s.protocol}${s.product ? ` ${s.product}` : ''}`).join('; ')],
  ['rationale', (d) => d.rationale],
  ['conflicts', (d) => d.conflicts.join('; ')],
  // What the device says about itself, as it says it (issue 23), e.g. "manufacturer=HIKVISION (onvif GetDeviceInformation …)".
  ['device_says', (d) => (d.claims ?? []).map((c) => `${c.field}=${c.value} (${c.source})`).join('; ')],
  ['sources', (d) => (d.sources ?? []).join('; ')],
  // Recorders (issue 19): the channel count and what it means; the cameras behind them are rows of their own.
  ['behind', () => ''],
  ['behind_address', () => ''],
  ['online', () => ''],
  ['recorder_channels', (d) => d.recorder?.channels ?? ''],
  ['recorder_cameras_listed', (d) => (d.recorder ? d.recorder.enumerated : '')],
  ['recorder_channels_not_enumerated', (d) => d.recorder?.notEnumerated ?? ''],
  ['recorder_statement', (d) => (d.recorder ? `${d.recorder.statement} (${d.recorder.capacityWhy}; channel list: ${d.recorder.channelList})` : '')],
  // Each list's words behind the verdict: quoted with their source, or marked a paraphrase.
  ['policy_conditions', (d) => d.risk.policies.map((p) => `${p.id}: ${quotedCondition(p)}`).join(' | ')],
];

/**
 * A camera behind a recorder as a row: the device columns it has, its `ip` empty (camaudit never reached it, only
 * read its recorder), `behind` naming the recorder and channel, `behind_address` the address the recorder gives it
 * on its own side, `online` as the recorder reports it.
 */
function behindRow(recorder: DeviceRecord, b: BehindDevice): Record<string, unknown> {
  const row = { ...b, ip: '', hostnames: b.channelName ? [b.channelName] : [], services: [] } as unknown as DeviceRecord;
  const out: Record<string, unknown> = {};
  for (const [h, get] of COLUMNS) out[h] = get(row);
  out.behind = `${recorder.ip} ${channelLabel(b)}`;
  out.behind_address = b.address ?? '';
  out.online = onlineLabel(b);
  return out;
}

/** Neutralises spreadsheet formulas and escapes controls (safeCsvText); kept under its old name. */
export const neutralise = (value: string): string => safeCsvText(value);

export function csvCell(value: unknown): string {
  const s = safeCsvText(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function renderCsv(result: ScanResult): string {
  // The policy data is the same for every row; a column (not a comment line) keeps the file plain RFC 4180.
  const stale = policyDataWarning(result);
  const policyData = `${policyDataLine(result)}${stale ? `. WARNING: ${stale}` : ''}`;
  const lines = [[...COLUMNS.map(([h]) => h), 'policy_data'].join(',')];
  for (const d of result.devices) {
    lines.push([...COLUMNS.map(([, get]) => csvCell(get(d))), csvCell(policyData)].join(','));
    for (const b of d.recorder?.behind ?? []) {
      const row = behindRow(d, b);
      lines.push([...COLUMNS.map(([h]) => csvCell(row[h])), csvCell(policyData)].join(','));
    }
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
