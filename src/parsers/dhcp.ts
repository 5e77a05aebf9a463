// DHCP / BOOTP (RFC 2131, options RFC 2132) → what a client says about itself: host name (option 12), vendor class
// (60), parameter request list (55, the order is the fingerprint Satori and Fingerbank use), message type (53), its
// hardware address (chaddr) and the addresses of the exchange (ciaddr, yiaddr, requested address 50) so a passive
// reader can tie a MAC to the address it was given. Bounded: a 1500-byte message at most is read, 128 options.
import type { Fields, ParsedEvidence } from '../core/observation.js';

export const DHCP_SERVER_PORT = 67;
export const DHCP_CLIENT_PORT = 68;
const MAGIC = 0x63825363;
const INPUT_MAX = 4096;
const OPTIONS_MAX = 128;
const VALUE_MAX = 255;

export const DHCP_MESSAGE_TYPES = ['', 'DISCOVER', 'OFFER', 'REQUEST', 'DECLINE', 'ACK', 'NAK', 'RELEASE', 'INFORM'] as const;

export interface DhcpMessage {
  /** 1 BOOTREQUEST (client), 2 BOOTREPLY (server). */
  op: number;
  /** Client hardware address, lower-case aa:bb:…, when it is a 6-byte Ethernet address. */
  chaddr: string | null;
  ciaddr: string;
  yiaddr: string;
  messageType: string | null;
  hostname?: string;
  vendorClass?: string;
  paramList?: string;
  requestedIp?: string;
  notes: string[];
}

const ip = (b: Buffer, o: number): string => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;

/** Printable text of an option value (control bytes dropped, cut at 255). */
function text(b: Buffer): string {
  // eslint-disable-next-line no-control-regex
  return b.subarray(0, VALUE_MAX).toString('utf8').replace(/[\x00-\x1f\x7f]/g, '').trim();
}

/** The message, or null when the bytes are not a DHCP message (no magic cookie, too short). Never throws. */
export function readDhcp(input: Buffer): DhcpMessage | null {
  const b = input.length > INPUT_MAX ? input.subarray(0, INPUT_MAX) : input;
  if (b.length < 240 || b.readUInt32BE(236) !== MAGIC) return null;
  const op = b[0]!;
  if (op !== 1 && op !== 2) return null;
  const htype = b[1]!;
  const hlen = b[2]!;
  const chaddr = htype === 1 && hlen === 6 ? [...b.subarray(28, 34)].map((x) => x.toString(16).padStart(2, '0')).join(':') : null;
  const m: DhcpMessage = { op, chaddr, ciaddr: ip(b, 12), yiaddr: ip(b, 16), messageType: null, notes: [] };
  let o = 240;
  for (let n = 0; o < b.length; n++) {
    if (n >= OPTIONS_MAX) {
      m.notes.push(`dhcp options cut at ${OPTIONS_MAX}`);
      break;
    }
    const code = b[o]!;
    if (code === 0) {
      o++;
      continue;
    }
    if (code === 255) break;
    if (o + 1 >= b.length) {
      m.notes.push('dhcp option runs past the message');
      break;
    }
    const len = b[o + 1]!;
    const v = b.subarray(o + 2, o + 2 + len);
    if (v.length < len) {
      m.notes.push('dhcp option runs past the message');
      break;
    }
    if (code === 53 && len >= 1) m.messageType = DHCP_MESSAGE_TYPES[v[0]!] ?? String(v[0]);
    else if (code === 12 && len >= 1) m.hostname = text(v);
    else if (code === 60 && len >= 1) m.vendorClass = text(v);
    else if (code === 55 && len >= 1) m.paramList = [...v].join(',');
    else if (code === 50 && len === 4) m.requestedIp = ip(v, 0);
    o += 2 + len;
  }
  return m;
}

/** Evidence about the client that sent a DHCP request (kind `dhcp`); [] for server replies and non-DHCP bytes. */
export function parse(input: Buffer | string): ParsedEvidence[] {
  const b = typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const m = readDhcp(b);
  if (!m || m.op !== 1) return [];
  const fields: Fields = {};
  if (m.messageType) fields.messageType = m.messageType;
  if (m.hostname) fields.hostname = m.hostname;
  if (m.vendorClass) fields.vendorClass = m.vendorClass;
  if (m.paramList) fields.paramList = m.paramList;
  if (m.chaddr) fields.clientMac = m.chaddr;
  if (m.requestedIp) fields.requestedIp = m.requestedIp;
  return [m.notes.length ? { kind: 'dhcp', fields, notes: m.notes } : { kind: 'dhcp', fields }];
}
