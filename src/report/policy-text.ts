// How every report format states a policy's words and the policy data behind a verdict: a verbatim quote with
// its source, or a paraphrase said to be one; the policy data's version, when it was last checked, and a
// warning when that was more than six months before the scan. Plain text: each renderer escapes it.
import type { PolicyHit, ScanResult } from '../core/result.js';

/** "source: X" for a verbatim quote, "paraphrase; source: X" otherwise; "" when an older result does not say. */
export function quoteLabel(verbatim: boolean | undefined, source: string | undefined): string {
  if (verbatim === undefined) return source ? `source: ${source}` : '';
  return verbatim ? `source: ${source ?? 'not stated'}` : `paraphrase; source: ${source ?? 'not stated'}`;
}

/** One line per hit: `“words” (source: X)` or `words (paraphrase; source: X)`. */
export function quotedCondition(h: PolicyHit): string {
  const label = quoteLabel(h.conditionVerbatim, h.conditionSource);
  const words = h.conditionVerbatim === false ? h.condition : `“${h.condition}”`;
  return label ? `${words} (${label})` : words;
}

/** "Policy data 2026.12.07-1, last checked 2026-12-07 (oldest record: us-bis-entity-list)". */
export function policyDataLine(result: ScanResult): string {
  const p = result.policyData;
  if (!p) return 'Policy data: version and check date not recorded in this result (made by an earlier camaudit)';
  return `Policy data ${p.version}, last checked ${p.lastChecked} (oldest record applied: ${p.oldestRecord})`;
}

/** The staleness warning, or null when the policy data was checked within six months of the scan. */
export function policyDataWarning(result: ScanResult): string | null {
  return result.policyData?.stale ? (result.policyData.warning ?? 'The policy data was last checked more than six months before this scan.') : null;
}
