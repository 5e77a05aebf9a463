// Ubiquiti Discovery Service reply (UDP 10001), as nmap's scripts/ubiquiti-discovery.nse reads it: byte 0 is the
// protocol version (1, or 2 with command 6/9/11 in byte 1; v1 has 0 there), bytes 2–3 the big-endian length of
// what follows, then TLVs (type u8, length u16 BE, value). Known types: 0x01 MAC, 0x02 MAC+IPv4, 0x03 firmware
// string, 0x0b hostname, 0x0c product (short model, e.g. "UVC G4 Pro"), 0x0d ESSID, 0x14/0x15 model (v1/v2),
// 0x16 version. A stated length that does not match the datagram, or a TLV longer than what is left, means it
// is not this protocol → [] (nmap rejects the same way).
import type { Fields, ParsedEvidence } from '../core/observation.js';

export const UBIQUITI_DISCOVERY_PORT = 10001;
const INPUT_MAX = 4096;
const VALUE_MAX = 256;
const TLVS_MAX = 64;

/** Printable text of a TLV value (control characters dropped, cut). */
function text(b: Buffer): string {
  // eslint-disable-next-line no-control-regex
  return b.toString('utf8').replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, VALUE_MAX);
}

const macOf = (b: Buffer): string => [...b.subarray(0, 6)].map((x) => x.toString(16).padStart(2, '0')).join(':');

export function parse(input: Buffer | string): ParsedEvidence[] {
  const buf = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  if (buf.length < 4 || buf.length > INPUT_MAX) return [];
  const version = buf[0];
  const command = buf[1];
  if (version === 1) {
    if (command !== 0) return [];
  } else if (version === 2) {
    if (command !== 6 && command !== 9 && command !== 11) return [];
  } else {
    return [];
  }
  if (buf.readUInt16BE(2) !== buf.length - 4) return [];

  const fields: Fields = { protocol: `v${version}` };
  const macs = new Set<string>();
  const ips = new Set<string>();
  let pos = 4;
  let count = 0;
  while (pos + 3 <= buf.length && count < TLVS_MAX) {
    const type = buf[pos]!;
    const len = buf.readUInt16BE(pos + 1);
    pos += 3;
    if (len > buf.length - pos) return [];
    const value = buf.subarray(pos, pos + len);
    pos += len;
    count++;
    if ((type === 0x01 || type === 0x02) && len >= 6) {
      macs.add(macOf(value));
      if (type === 0x02 && len >= 10) ips.add([...value.subarray(6, 10)].join('.'));
    } else if (type === 0x03) fields.firmware = text(value);
    else if (type === 0x0b) fields.hostname = text(value);
    else if (type === 0x0c) fields.product = text(value);
    else if (type === 0x0d) fields.essid = text(value);
    else if (type === 0x14 || type === 0x15) fields.model = text(value);
    else if (type === 0x16) fields.version = text(value);
  }
  if (macs.size) {
    fields.macs = [...macs];
    fields.mac = [...macs][0]!;
  }
  if (ips.size) fields.ips = [...ips];
  // A header that parses but carries none of the identity TLVs is not evidence of anything.
  if (!fields.firmware && !fields.product && !fields.model && !fields.mac) return [];
  const notes = count >= TLVS_MAX ? [`ubiquiti reply: only the first ${TLVS_MAX} TLVs read`] : undefined;
  return [notes ? { kind: 'ubiquiti', fields, notes } : { kind: 'ubiquiti', fields }];
}
