// How a caught failure is kept (issue 20, docs/architecture.md "Failures"). Every `catch` in src/ does one of:
//   - rethrows: `throw err`, or a typed CamauditError (src/core/errors.ts) with the reason, or `reject(err)`;
//   - turns the failure into a note or outcome that reaches the result, through `failureNote` / `describeFailure`
//     here (a note on the observation, a `probe` observation, a scan note, an `{ error }` outcome);
//   - narrows an expected absence to its error code with `rethrowUnless(err, 'ENOENT')`: anything else rethrows.
// Never an empty catch, never a silent `return []`. test/architecture/catches.test.ts enforces this on src/.
import type { Fields, ParsedEvidence } from './observation.js';

/** Longest reason kept: a device's text may be in an error message, so it is cut and kept on one line. */
export const REASON_MAX = 200;

/** The code a caught value carries (ENOENT, ESRCH, ECONNRESET, ERR_INVALID_URL, CAMAUDIT_ERR_…), if any. */
export function errorCode(err: unknown): string | undefined {
  if (err === null || typeof err !== 'object') return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code ? code : undefined;
}

/**
 * Why it failed, on one bounded line: "CODE: first line of the message" (the code alone when that is all).
 * `max` bounds it (default REASON_MAX); `allLines` keeps every line of the message, joined by " | ".
 */
export function describeFailure(err: unknown, o: { max?: number; allLines?: boolean } = {}): string {
  const max = o.max ?? REASON_MAX;
  const code = errorCode(err);
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : String(err);
  const text = o.allLines ? raw.trim().replace(/\s*\n\s*/g, ' | ') : (raw.split('\n')[0] ?? '');
  // eslint-disable-next-line no-control-regex
  const message = text.replace(/[\x00-\x1f\x7f]/g, ' ').trim();
  const line = code && !message.includes(code) ? (message ? `${code}: ${message}` : code) : message || (err instanceof Error ? err.name : 'failed');
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

/**
 * Why it failed as its code alone ("ECONNREFUSED"), or `fallback` when it has none: for failures whose message
 * may carry what must never be shown (an HTTP client's error holds the request config, credentials included).
 */
export function failureCode(err: unknown, fallback = 'failed'): string {
  return errorCode(err) ?? fallback;
}

/** The text of a note: `${what}: ${describeFailure(err)}`, e.g. "upnp description not read: ECONNRESET". */
export function failureNote(what: string, err: unknown): string {
  return `${what}: ${describeFailure(err)}`;
}

/**
 * For an expected absence only (ENOENT on an optional file, ESRCH for a process already gone, a socket
 * already closed): returns when `err` carries one of `codes`, rethrows anything else.
 */
export function rethrowUnless(err: unknown, ...codes: string[]): void {
  const code = errorCode(err);
  if (code === undefined || !codes.includes(code)) throw err;
}

/**
 * Evidence of a probe or module that ended abnormally: kind `probe` (docs/observations.md), `probe` and
 * `outcome` fields, one note. It matches no rule; bound to a host its note reaches that device's notes.
 */
export function probeOutcome(probe: string, outcome: string, note: string, fields: Fields = {}): ParsedEvidence {
  return { kind: 'probe', fields: { ...fields, probe, outcome }, notes: [note] };
}

/** The error a wait that was given up rejects with (the scan stopped): code ABORT_ERR, as Node's own AbortError. */
export function abortError(): Error & { code: 'ABORT_ERR' } {
  return Object.assign(new Error('aborted'), { name: 'AbortError', code: 'ABORT_ERR' as const });
}

/** JSON.parse as an outcome: the value, or why the text is not JSON (one line). Never throws. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: describeFailure(err) };
  }
}
