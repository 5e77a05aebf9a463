// A parser that fails on an input it was meant to read says so, as evidence: a `parse` observation naming
// the parser, the input (size and a short escaped head) and why. It matches no fingerprint rule; identify
// shows it as a note, and a scan keeps it with the host's evidence. Nothing is dropped silently.
import type { ParsedEvidence } from '../core/observation.js';
import { describeFailure } from '../core/failure.js';

export const PARSE_FAILURE_KIND = 'parse';

/** Short, printable description of an input: its size and first characters with control bytes escaped. */
export function describeInput(input: unknown): string {
  const text = typeof input === 'string' ? input : Buffer.isBuffer(input) ? input.toString('latin1') : String(JSON.stringify(input) ?? typeof input);
  // eslint-disable-next-line no-control-regex
  const head = text.slice(0, 40).replace(/[\x00-\x1f\x7f-\x9f"\\]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return `${text.length} ${Buffer.isBuffer(input) ? 'bytes' : 'characters'} "${head}${text.length > 40 ? '…' : ''}"`;
}

export function parseFailure(parser: string, input: unknown, error: unknown): ParsedEvidence {
  const why = describeFailure(error);
  const what = describeInput(input);
  return { kind: PARSE_FAILURE_KIND, fields: { parser, outcome: 'error', why, input: what }, notes: [`${parser} parser failed on ${what}: ${why}`] };
}

/** Evidence that says something about the device (parse failures left out). */
export function found(evidence: readonly ParsedEvidence[]): ParsedEvidence[] {
  return evidence.filter((e) => e.kind !== PARSE_FAILURE_KIND);
}
