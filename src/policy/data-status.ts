// The policy data a scan used: its version (fingerprints/policies/meta.json), the date its records were last
// checked against their sources (the oldest last_verified of the policies applied), and a warning when that
// date is more than six months older than the scan: government lists change, and a report must say so.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { parseJson, rethrowUnless } from '../core/failure.js';
import type { Policy } from './schema.js';
import type { PolicyDataInfo } from '../core/result.js';

/** A report warns when the policy data was last checked more than this many months before the scan. */
export const STALE_AFTER_MONTHS = 6;

/** The policy data a scan applied; the shape lives in core/result.ts, where the result type uses it. */
export type PolicyDataStatus = PolicyDataInfo;

/** The version string of <dir>/policies/meta.json; a missing or broken file says so instead of failing a scan. */
export function policyDataVersion(dir: string = FINGERPRINTS_DIR): string {
  let text: string;
  try {
    text = readFileSync(path.join(dir, 'policies', 'meta.json'), 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT');
    return 'unknown';
  }
  const j = parseJson(text);
  if (!j.ok) return `unreadable (meta.json: ${j.reason})`;
  const v = (j.value as { version?: unknown } | null)?.version;
  return typeof v === 'string' && v ? v : 'unknown';
}

/** YYYY-MM-DD of an ISO timestamp or date. */
function day(d: string | Date): string {
  const s = typeof d === 'string' ? d : d.toISOString();
  return s.slice(0, 10);
}

/** The calendar date `months` months after `ymd` (clamped to the month's last day: 2026-08-31 + 6 = 2027-02-28). */
export function addMonths(ymd: string, months: number): string {
  const [y, m, d] = ymd.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  const date = new Date(Date.UTC(ny, nm, Math.min(d, last)));
  return date.toISOString().slice(0, 10);
}

/** Is `lastChecked` more than six months older than `asOf`? Exactly six months is not yet stale. */
export function isStale(lastChecked: string, asOf: string | Date): boolean {
  return addMonths(lastChecked, STALE_AFTER_MONTHS) < day(asOf);
}

export function policyDataStatus(policies: readonly Policy[], asOf: string | Date, version: string = policyDataVersion()): PolicyDataStatus {
  const when = day(asOf);
  const oldest = [...policies].sort((a, b) => a.last_verified.localeCompare(b.last_verified) || a.id.localeCompare(b.id))[0];
  if (!oldest) return { version, lastChecked: 'none', oldestRecord: 'none', asOf: when, stale: false };
  const stale = isStale(oldest.last_verified, when);
  const status: PolicyDataStatus = { version, lastChecked: oldest.last_verified, oldestRecord: oldest.id, asOf: when, stale };
  if (stale) {
    status.warning =
      `The policy data was last checked on ${oldest.last_verified} (${oldest.id}), more than ${STALE_AFTER_MONTHS} months before ${when}: ` +
      'the lists may have changed since. Check the sources each policy names, or update camaudit.';
  }
  return status;
}
