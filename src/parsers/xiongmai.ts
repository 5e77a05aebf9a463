// Xiongmai / XMEye discovery (UDP 34569, message 1530 → reply 1531) and DVRIP JSON bodies (SystemInfo).
// Wire form: 20-byte header (0xFF, version, reserved(2), session(4 LE), sequence(4 LE), total/cur(2),
// message id (2 LE), data length (4 LE)) then JSON, often NUL/newline-terminated. The data length is checked
// against the datagram. A header-less JSON body is accepted too (corpus captures drop the header).
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';
import { parseJson } from '../core/failure.js';

export const XM_HEADER_SIZE = 20;
export const XM_SEARCH_REQUEST = 1530;
export const XM_SEARCH_REPLY = 1531;
const BODY_MAX = 65_507;
const VALUE_MAX = 1024;
const FIELDS_MAX = 256;

/** The 20-byte header for message `id` with a body of `len` bytes. */
export function xmHeader(id: number, len: number): Buffer {
  const h = Buffer.alloc(XM_HEADER_SIZE);
  h[0] = 0xff;
  h.writeUInt16LE(id, 14);
  h.writeUInt32LE(len, 16);
  return h;
}

/** "0x6D0BA8C0" (little-endian uint32) → "192.168.11.109"; undefined when not that shape. */
export function xmHexIp(v: string): string | undefined {
  const m = /^0x([0-9a-f]{8})$/i.exec(v.trim());
  if (!m) return undefined;
  const n = parseInt(m[1], 16);
  return [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255].join('.');
}

function scalars(obj: Record<string, unknown>, into: Fields, notes: string[]): void {
  for (const [k, v] of Object.entries(obj)) {
    if (Object.keys(into).length >= FIELDS_MAX) {
      notes.push(`xiongmai fields cut at ${FIELDS_MAX}`);
      return;
    }
    if (typeof v === 'string') into[k] = v.length > VALUE_MAX ? v.slice(0, VALUE_MAX) : v;
    else if (typeof v === 'number' && Number.isFinite(v)) into[k] = v;
    else if (typeof v === 'boolean') into[k] = v;
  }
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    let json: string;
    const fields: Fields = {};
    const notes: string[] = [];
    if (buf.length >= 1 && buf[0] === 0xff) {
      if (buf.length < XM_HEADER_SIZE) return [];
      const len = buf.readUInt32LE(16);
      // Lying length: more than the datagram carries.
      if (len > buf.length - XM_HEADER_SIZE || len > BODY_MAX) return [];
      fields.messageId = buf.readUInt16LE(14);
      json = buf.toString('utf8', XM_HEADER_SIZE, XM_HEADER_SIZE + len);
    } else {
      if (buf.length > BODY_MAX) return [];
      json = buf.toString('utf8');
    }
    json = json.replace(/[\0\s]+$/, '').trimStart();
    if (!json.startsWith('{')) return [];
    // Not JSON: not this protocol (an outcome, not an error).
    const parsed = parseJson(json);
    if (!parsed.ok) return [];
    const j: unknown = parsed.value;
    if (!j || typeof j !== 'object' || Array.isArray(j)) return [];
    const o = j as Record<string, unknown>;
    const net = o['NetWork.NetCommon'];
    const sys = o.SystemInfo;
    if (net && typeof net === 'object' && !Array.isArray(net)) {
      scalars(net as Record<string, unknown>, fields, notes);
      if (typeof fields.HostIP === 'string') {
        const dotted = xmHexIp(fields.HostIP);
        if (dotted) {
          fields['HostIP.raw'] = fields.HostIP;
          fields.HostIP = dotted;
        }
      }
    } else if (sys && typeof sys === 'object' && !Array.isArray(sys)) scalars(sys as Record<string, unknown>, fields, notes);
    else if ('SoftWareVersion' in o || 'DeviceModel' in o || 'HardWare' in o) scalars(o, fields, notes);
    else return [];
    return [notes.length ? { kind: 'xiongmai', fields, notes } : { kind: 'xiongmai', fields }];
  } catch (e) {
    return [parseFailure('xiongmai', input, e)];
  }
}
