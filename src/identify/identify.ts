// Offline identification of captured samples: one JSON file {protocol, payload} → one verdict.
// Only `protocol` and `payload` are read; any other field in the file is ignored on purpose.
import { readBoundedFile } from '../core/input-file.js';
import { makeObservation } from '../core/observation.js';
import { describeFailure, failureNote } from '../core/failure.js';
import type { Attribution, Risk } from '../core/result.js';
import { evaluateRisk } from '../policy/evaluate.js';
import { attributeHost, attributeWith } from '../fingerprint/attribute.js';
import type { FingerprintDb } from '../fingerprint/db.js';
import { PARSE_FAILURE_KIND } from '../parsers/failure.js';
import { evidenceFromSample } from './input.js';

/** Largest file identify reads (a capture is a few KiB; anything bigger is refused, not read). */
export const IDENTIFY_FILE_MAX = 4 * 1024 * 1024;

export interface IdentifyResult {
  file: string;
  manufacturer: string | null;
  manufacturerName: string | null;
  brand: string | null;
  model: string | null;
  firmware: string | null;
  deviceType: string;
  deviceTypeConfidence: Attribution['deviceTypeConfidence'];
  deviceTypeRationale: string;
  confidence: Attribution['confidence'];
  rationale: string;
  conflicts: string[];
  risk: { level: Risk['level']; reason: string; checks?: string[]; policies: string[] };
  evidence: { rule: string | null; field: string; value: string }[];
  /** What could not be read, and why (a reader that failed on this input); empty when all went well. */
  notes: string[];
}

export interface IdentifyError {
  file: string;
  error: string;
}

export function isIdentifyError(r: IdentifyResult | IdentifyError): r is IdentifyError {
  return 'error' in r;
}

/**
 * Identify one parsed sample object. Throws a one-line Error on bad input. `db` replaces the loaded
 * fingerprint database (scripts/accuracy.ts scores with rules held out, for its leave-one-source-out figure).
 */
export function identifySample(file: string, sample: unknown, opts: { redact?: boolean; db?: FingerprintDb } = {}): IdentifyResult {
  if (!sample || typeof sample !== 'object' || Array.isArray(sample)) throw new Error('not a JSON object with "protocol" and "payload"');
  const s = sample as Record<string, unknown>;
  if (typeof s.protocol !== 'string' || !s.protocol) throw new Error('missing "protocol" (a string such as "http", "rtsp", "sadp")');
  if (s.payload === undefined || s.payload === null || s.payload === '') throw new Error('missing "payload"');
  // Any label is accepted: a synonym or a Recog file name is routed, anything else is sniffed (input.ts).
  const all = evidenceFromSample(s.protocol, s.payload);
  const failures = all.filter((e) => e.kind === PARSE_FAILURE_KIND);
  const ev = all.filter((e) => e.kind !== PARSE_FAILURE_KIND);
  const notes = failures.flatMap((e) => e.notes ?? []);
  const obs = ev.map((e) => makeObservation('0.0.0.0', 'identify', e));
  const attr = opts.db ? attributeWith(opts.db, obs, opts) : attributeHost(obs, opts);
  let risk: Risk;
  try {
    risk = evaluateRisk(attr);
  } catch (e) {
    risk = { level: 'unknown', reason: `policies not evaluated: ${(e as Error).message.split('\n')[0]}`, policies: [] };
    notes.push(failureNote('risk not evaluated', e));
  }
  return {
    file,
    manufacturer: attr.manufacturer,
    manufacturerName: attr.manufacturerName,
    brand: attr.brand,
    model: attr.model,
    firmware: attr.firmware,
    deviceType: String(attr.deviceType),
    deviceTypeConfidence: attr.deviceTypeConfidence,
    deviceTypeRationale: attr.deviceTypeRationale,
    confidence: attr.confidence,
    rationale: ev.length ? attr.rationale : `payload not recognised as ${s.protocol.slice(0, 40)} (nor in any other form identify reads)`,
    conflicts: attr.conflicts,
    risk: { level: risk.level, reason: risk.reason, ...(risk.checks ? { checks: risk.checks } : {}), policies: risk.policies.map((p) => p.id) },
    evidence: attr.evidence.map((e) => ({ rule: e.rule, field: e.field, value: e.value })),
    notes,
  };
}

/** The protocol label of a file that is a device's reply itself rather than a JSON capture: its form is sniffed. */
export const RAW_PROTOCOL = 'raw';

/** A JSON capture someone meant to write (it names "protocol" or "payload") but that does not parse: an error, not a reply. */
const BROKEN_CAPTURE = /^\s*\{[\s\S]{0,200}"(?:protocol|payload)"\s*:/;

/**
 * A file that is not a JSON capture but text (a reply pasted from a terminal, a browser or a forum post) is read as
 * the payload itself, with its form guessed, and says so in its notes. A JSON object naming neither "protocol" nor
 * "payload" (a device's own JSON reply saved to a file) is read the same way. Binary data, a JSON capture that does
 * not parse, and JSON that is not an object stay one-line errors.
 */
function sampleOf(text: string): { sample: unknown; raw: boolean } {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0e-\x1a]/.test(text.slice(0, 4096))) throw new Error('binary data, not a JSON capture');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    if (BROKEN_CAPTURE.test(text) || !text.trim()) throw new Error(`not valid JSON (${(e as Error).message.split('\n')[0]!.slice(0, 120)})`);
    return { sample: { protocol: RAW_PROTOCOL, payload: text }, raw: true };
  }
  if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && !('protocol' in parsed) && !('payload' in parsed)) {
    return { sample: { protocol: RAW_PROTOCOL, payload: text }, raw: true };
  }
  return { sample: parsed, raw: false };
}

export function identifyText(file: string, text: string, opts: { redact?: boolean } = {}): IdentifyResult | IdentifyError {
  try {
    const { sample, raw } = sampleOf(text);
    const r = identifySample(file, sample, opts);
    if (raw) r.notes.unshift('read as a raw reply (the file is not a JSON capture {"protocol", "payload"}): its form was guessed');
    return r;
  } catch (e) {
    // Bad input is the sample's outcome: one line saying why, for this file only.
    return { file, error: describeFailure(e) };
  }
}

/** Reads one capture file: a regular file of at most IDENTIFY_FILE_MAX (a FIFO or /dev/zero is refused, not read). */
export function identifyFile(file: string, opts: { redact?: boolean } = {}): IdentifyResult | IdentifyError {
  const r = readBoundedFile(file, IDENTIFY_FILE_MAX);
  if (!r.ok) return { file, error: r.reason === 'file not found' ? 'no such file' : r.reason };
  return identifyText(file, r.bytes.toString('utf8'), opts);
}
