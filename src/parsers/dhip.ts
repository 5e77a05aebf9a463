// Dahua DHIP discovery (UDP 37810): 32-byte header (size 0x20 LE, magic "DHIP", body length at 0x10 and
// again at 0x18, both LE) followed by JSON. The header's lengths are checked against the datagram; a
// header-less JSON body (as captured in the corpus) is accepted too.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';
import { parseJson } from '../core/failure.js';

export const DHIP_HEADER_SIZE = 32;
/** Largest body accepted: a UDP datagram cannot carry more. */
export const DHIP_BODY_MAX = 65_507;
const VALUE_MAX = 1024;
const FIELDS_MAX = 256;

/** The 32-byte header for a body of `len` bytes. */
export function dhipHeader(len: number): Buffer {
  const h = Buffer.alloc(DHIP_HEADER_SIZE);
  h.writeUInt32LE(DHIP_HEADER_SIZE, 0);
  h.write('DHIP', 4, 'ascii');
  h.writeUInt32LE(len, 0x10);
  h.writeUInt32LE(len, 0x18);
  return h;
}

function body(input: Buffer | string): { json: string; notes: string[] } | null {
  const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (buf.length >= 8 && buf.toString('latin1', 4, 8) === 'DHIP') {
    if (buf.length < DHIP_HEADER_SIZE) return null;
    const size = buf.readUInt32LE(0);
    const len1 = buf.readUInt32LE(0x10);
    const len2 = buf.readUInt32LE(0x18);
    // Lying lengths: header size other than 32, the two copies disagree, or more than the datagram holds.
    if (size !== DHIP_HEADER_SIZE || len1 !== len2 || len1 > buf.length - DHIP_HEADER_SIZE || len1 > DHIP_BODY_MAX) return null;
    return { json: buf.toString('utf8', DHIP_HEADER_SIZE, DHIP_HEADER_SIZE + len1), notes: [] };
  }
  if (buf.length > DHIP_BODY_MAX) return null;
  const text = buf.toString('utf8').trimStart();
  return text.startsWith('{') ? { json: text, notes: [] } : null;
}

function scalars(obj: Record<string, unknown>, into: Fields, notes: string[], prefix = '', depth = 0): void {
  for (const [k, v] of Object.entries(obj)) {
    if (Object.keys(into).length >= FIELDS_MAX) {
      if (!notes.includes('dhip fields cut')) notes.push('dhip fields cut');
      return;
    }
    const name = prefix + k;
    if (typeof v === 'string') into[name] = v.length > VALUE_MAX ? v.slice(0, VALUE_MAX) : v;
    else if (typeof v === 'number' && Number.isFinite(v)) into[name] = v;
    else if (typeof v === 'boolean') into[name] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && depth < 2) scalars(v as Record<string, unknown>, into, notes, name + '.', depth + 1);
  }
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const b = body(input);
    if (!b) return [];
    // The JSON sometimes carries a trailing newline or NUL padding.
    const json = b.json.replace(/[\0\s]+$/, '');
    // Not JSON: not this protocol (an outcome, not an error).
    const parsed = parseJson(json);
    if (!parsed.ok) return [];
    const j: unknown = parsed.value;
    if (!j || typeof j !== 'object' || Array.isArray(j)) return [];
    const o = j as Record<string, unknown>;
    const params = o.params && typeof o.params === 'object' ? (o.params as Record<string, unknown>) : undefined;
    const info = params?.deviceInfo && typeof params.deviceInfo === 'object' && !Array.isArray(params.deviceInfo) ? (params.deviceInfo as Record<string, unknown>) : undefined;
    if (typeof o.method !== 'string' && !info) return [];
    const fields: Fields = {};
    const notes = b.notes;
    if (typeof o.method === 'string') fields.method = o.method.slice(0, VALUE_MAX);
    if (typeof o.mac === 'string') fields.mac = o.mac.slice(0, VALUE_MAX);
    if (info) scalars(info, fields, notes);
    return [notes.length ? { kind: 'dhip', fields, notes } : { kind: 'dhip', fields }];
  } catch (e) {
    return [parseFailure('dhip', input, e)];
  }
}
