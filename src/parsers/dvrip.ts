// Dahua DVRIP "version 1" discovery reply (UDP 5050), per ../shared/reference/protocols.md §6.3: a 32-byte
// DVRIP header (byte 0 = 0xb3 for the reply, u32 LE at 4 = bytes of extended data after the header), then
// fixed offsets as OpenIPC/python-dvr `SearchDahua` reads them: 16-byte name @0x28 (UniversalScanner calls the
// same bytes `deviceType`, so both fields carry it), IPv4/mask/gateway/DNS (network byte order) @0x38,
// TCP port (u16 LE) @0x62, MAC text @0x78..0x89, model text from 0x89 to the end.
// The header's length is checked against the datagram: a length longer than what arrived is a lie → [].
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';

export const DVRIP_PORT = 5050;
export const DVRIP_HEADER_SIZE = 32;
export const DVRIP_REPLY = 0xb3;
export const DVRIP_SEARCH = 0xa3;
/** Shortest reply read: python-dvr needs the MAC text (ends at 0x89). */
export const DVRIP_REPLY_MIN = 0x89;
const INPUT_MAX = 64 * 1024;
const MODEL_MAX = 256;

/** The 32-byte search request (DahuaConsole / UniversalScanner form). */
export function dvripSearchPacket(): Buffer {
  const b = Buffer.alloc(DVRIP_HEADER_SIZE);
  b.writeUInt32BE(0xa3010001, 0);
  b.writeUInt32BE(0x02000000, 16);
  return b;
}

/** NUL-padded text field → string (stops at the first NUL; control characters dropped). */
function text(b: Buffer, start: number, end: number): string {
  const slice = b.subarray(start, Math.min(end, b.length));
  const nul = slice.indexOf(0);
  // eslint-disable-next-line no-control-regex
  return (nul >= 0 ? slice.subarray(0, nul) : slice).toString('utf8').replace(/[\x00-\x1f\x7f]/g, '').trim();
}

const ipv4 = (b: Buffer, off: number): string => [...b.subarray(off, off + 4)].join('.');

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    let buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
    const notes: string[] = [];
    if (buf.length > INPUT_MAX) {
      buf = buf.subarray(0, INPUT_MAX);
      notes.push(`dvrip reply truncated at ${INPUT_MAX} bytes`);
    }
    if (buf.length < DVRIP_REPLY_MIN || buf[0] !== DVRIP_REPLY) return [];
    const ext = buf.readUInt32LE(4);
    if (ext > 0) {
      // The header says how much follows it: more than arrived is a lie, less means trailing bytes to ignore.
      if (DVRIP_HEADER_SIZE + ext > buf.length) return [];
      if (DVRIP_HEADER_SIZE + ext < DVRIP_REPLY_MIN) return [];
      if (DVRIP_HEADER_SIZE + ext < buf.length) notes.push(`dvrip ${buf.length - DVRIP_HEADER_SIZE - ext} bytes after the stated length ignored`);
      buf = buf.subarray(0, DVRIP_HEADER_SIZE + ext);
    }
    const fields: Fields = {};
    const name = text(buf, 0x28, 0x38);
    if (name) {
      fields.deviceType = name;
      fields.name = name;
    }
    fields.ip = ipv4(buf, 0x38);
    fields.mask = ipv4(buf, 0x3c);
    fields.gateway = ipv4(buf, 0x40);
    fields.port = buf.readUInt16LE(0x62);
    const mac = text(buf, 0x78, 0x89).toLowerCase();
    if (mac) fields.mac = mac.replace(/-/g, ':');
    let model = text(buf, 0x89, buf.length);
    if (model.length > MODEL_MAX) {
      model = model.slice(0, MODEL_MAX);
      notes.push(`dvrip model cut at ${MODEL_MAX} characters`);
    }
    if (model) fields.model = model;
    return [notes.length ? { kind: 'dvrip', fields, notes } : { kind: 'dvrip', fields }];
  } catch (e) {
    return [parseFailure('dvrip', input, e)];
  }
}
