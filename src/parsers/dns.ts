// DNS / mDNS (DNS-SD) response parser: wire bytes → one `mdns` evidence per service instance (instance,
// service, target, port, txt, addresses, hostname), one per bare service type, one for host-only address
// records. Written by hand rather than through dns-packet so every bound is ours: input capped, records
// and TXT strings counted, compression pointers must point backwards (no loops) with a hop limit.
// The record list → evidence step (`assemble`) is shared with the decoded-form adapters in decoded.ts.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';
import { ipv6Text } from './frame.js';

/** Largest packet read (mDNS allows 9000 bytes; a UDP datagram at most 65507). */
export const DNS_INPUT_MAX = 64 * 1024;
/** Records read over all sections; the rest are left unread with a note. */
export const DNS_RECORDS_MAX = 256;
const QUESTIONS_MAX = 64;
const POINTER_HOPS_MAX = 32;
const NAME_BYTES_MAX = 255;
const TXT_STRINGS_MAX = 64;
const EVIDENCE_MAX = 64;
const ADDRESSES_MAX = 16;

export const TYPE_A = 1;
export const TYPE_PTR = 12;
export const TYPE_TXT = 16;
export const TYPE_AAAA = 28;
export const TYPE_SRV = 33;

/** One resource record in the form the assembler reads (wire and decoded forms both produce it). */
export interface DnsRecord {
  /** Owner name as labels (an instance label may contain dots and spaces). */
  name: string[];
  type: 'A' | 'AAAA' | 'PTR' | 'SRV' | 'TXT' | 'OTHER';
  ptr?: string[];
  srv?: { port: number; target: string[] };
  txt?: string[];
  address?: string;
}

interface Cursor {
  buf: Buffer;
  notes: string[];
}

function note(notes: string[], text: string): void {
  if (!notes.includes(text) && notes.length < 20) notes.push(text);
}

/** Reads a (possibly compressed) name at `off`; null when malformed. `next` is the offset after it. */
function readName(c: Cursor, start: number): { labels: string[]; next: number } | null {
  const { buf } = c;
  const labels: string[] = [];
  let off = start;
  let next = -1;
  let bytes = 0;
  // A pointer must go strictly backwards from the label it replaces, so a chain always ends.
  let limit = start;
  for (let hops = 0; ; ) {
    if (off >= buf.length) return null;
    const len = buf[off];
    if (len === 0) return { labels, next: next < 0 ? off + 1 : next };
    if ((len & 0xc0) === 0xc0) {
      if (off + 1 >= buf.length) return null;
      const target = ((len & 0x3f) << 8) | buf[off + 1];
      if (next < 0) next = off + 2;
      if (++hops > POINTER_HOPS_MAX || target >= limit) {
        note(c.notes, 'dns compression pointer loop or forward pointer refused');
        return null;
      }
      limit = target;
      off = target;
      continue;
    }
    if (len & 0xc0) return null; // 0x40/0x80: extended label types, not used by mDNS
    if (off + 1 + len > buf.length) return null;
    bytes += len + 1;
    if (bytes > NAME_BYTES_MAX) return null;
    labels.push(buf.toString('utf8', off + 1, off + 1 + len));
    off += 1 + len;
  }
}

function txtStrings(c: Cursor, start: number, end: number): string[] {
  const out: string[] = [];
  let off = start;
  while (off < end) {
    const len = c.buf[off];
    if (off + 1 + len > end) {
      note(c.notes, 'dns TXT string longer than its record');
      break;
    }
    if (out.length >= TXT_STRINGS_MAX) {
      note(c.notes, `dns TXT cut at ${TXT_STRINGS_MAX} strings`);
      break;
    }
    if (len) out.push(c.buf.toString('utf8', off + 1, off + 1 + len));
    off += 1 + len;
  }
  return out;
}

/** The records of a DNS response; null when the bytes are not a DNS response. */
export function readRecords(input: Buffer, notes: string[]): DnsRecord[] | null {
  let buf = input;
  if (buf.length > DNS_INPUT_MAX) {
    buf = buf.subarray(0, DNS_INPUT_MAX);
    note(notes, `dns packet truncated at ${DNS_INPUT_MAX} bytes`);
  }
  if (buf.length < 12) return null;
  const flags = buf.readUInt16BE(2);
  // Only responses (QR set) with opcode QUERY are device evidence; queries (ours echoed, others') are not.
  if (!(flags & 0x8000) || ((flags >> 11) & 0xf) !== 0) return null;
  const qd = buf.readUInt16BE(4);
  const total = buf.readUInt16BE(6) + buf.readUInt16BE(8) + buf.readUInt16BE(10);
  if (qd > QUESTIONS_MAX) return null;
  const c: Cursor = { buf, notes };
  let off = 12;
  for (let i = 0; i < qd; i++) {
    const n = readName(c, off);
    if (!n || n.next + 4 > buf.length) return null;
    off = n.next + 4;
  }
  const records: DnsRecord[] = [];
  for (let i = 0; i < total; i++) {
    if (records.length >= DNS_RECORDS_MAX) {
      note(notes, `dns records cut at ${DNS_RECORDS_MAX}`);
      break;
    }
    const n = readName(c, off);
    if (!n || n.next + 10 > buf.length) {
      note(notes, `dns header claims ${total} records, packet holds ${records.length}`);
      break;
    }
    const type = buf.readUInt16BE(n.next);
    const rdlen = buf.readUInt16BE(n.next + 8);
    const rd = n.next + 10;
    if (rd + rdlen > buf.length) {
      note(notes, `dns header claims ${total} records, packet holds ${records.length}`);
      break;
    }
    off = rd + rdlen;
    const rec: DnsRecord = { name: n.labels, type: 'OTHER' };
    if (type === TYPE_A && rdlen === 4) {
      rec.type = 'A';
      rec.address = [...buf.subarray(rd, rd + 4)].join('.');
    } else if (type === TYPE_AAAA && rdlen === 16) {
      rec.type = 'AAAA';
      rec.address = ipv6Text(buf.subarray(rd, rd + 16));
    } else if (type === TYPE_PTR) {
      const p = readName(c, rd);
      if (p && p.next <= rd + rdlen) {
        rec.type = 'PTR';
        rec.ptr = p.labels;
      }
    } else if (type === TYPE_SRV && rdlen >= 7) {
      const t = readName(c, rd + 6);
      if (t && t.next <= rd + rdlen) {
        rec.type = 'SRV';
        rec.srv = { port: buf.readUInt16BE(rd + 4), target: t.labels };
      }
    } else if (type === TYPE_TXT) {
      rec.type = 'TXT';
      rec.txt = txtStrings(c, rd, rd + rdlen);
    }
    records.push(rec);
  }
  return records;
}

const keyOf = (labels: string[]): string => labels.join('.').toLowerCase();
const dotted = (labels: string[]): string => labels.join('.');

/** Splits `<instance>.<_svc>.<_tcp|_udp>.<domain>`; `instance` is '' for a bare service type name. */
export function serviceName(labels: string[]): { instance: string; service: string } | null {
  for (let i = labels.length - 1; i >= 1; i--) {
    if (!/^_(tcp|udp)$/i.test(labels[i]) || !labels[i - 1].startsWith('_')) continue;
    const service = `${labels[i - 1]}.${labels[i]}`;
    const prefix = labels.slice(0, i - 1);
    if (prefix.length && prefix[prefix.length - 1].toLowerCase() === '_sub') return null; // subtype browse name
    // DNS-SD's own enumeration name is not a service.
    if (service.toLowerCase() === '_dns-sd._udp') return null;
    return { instance: prefix.join('.'), service };
  }
  return null;
}

interface Instance {
  instance: string;
  service: string;
  target?: string[];
  port?: number;
  txt?: string[];
}

/** Record list → evidence. Never throws on any record list; bounded output. */
export function assemble(records: DnsRecord[], notes: string[]): ParsedEvidence[] {
  const instances = new Map<string, Instance>();
  const types = new Map<string, string>();
  const addresses = new Map<string, { name: string[]; list: string[] }>();
  const touch = (labels: string[]): Instance | undefined => {
    const s = serviceName(labels);
    if (!s) return undefined;
    if (!s.instance) {
      if (!types.has(s.service.toLowerCase())) types.set(s.service.toLowerCase(), s.service);
      return undefined;
    }
    const key = keyOf(labels);
    let inst = instances.get(key);
    if (!inst) {
      if (instances.size >= EVIDENCE_MAX) return undefined;
      inst = { instance: s.instance, service: s.service };
      instances.set(key, inst);
    }
    return inst;
  };
  for (const r of records) {
    if (r.type === 'PTR' && r.ptr) {
      touch(r.name);
      touch(r.ptr);
    } else if (r.type === 'SRV' && r.srv) {
      const inst = touch(r.name);
      if (inst && inst.port === undefined) {
        inst.port = r.srv.port;
        inst.target = r.srv.target;
      }
    } else if (r.type === 'TXT' && r.txt) {
      const inst = touch(r.name);
      if (inst && !inst.txt) inst.txt = r.txt;
    } else if ((r.type === 'A' || r.type === 'AAAA') && r.address) {
      const k = keyOf(r.name);
      const entry = addresses.get(k) ?? { name: r.name, list: [] };
      if (!entry.list.includes(r.address) && entry.list.length < ADDRESSES_MAX) entry.list.push(r.address);
      if (addresses.size < EVIDENCE_MAX) addresses.set(k, entry);
    } else {
      touch(r.name);
    }
  }
  const out: ParsedEvidence[] = [];
  const usedHosts = new Set<string>();
  const withNotes = (fields: Fields): ParsedEvidence => (notes.length ? { kind: 'mdns', fields, notes: [...notes] } : { kind: 'mdns', fields });
  const servicesWithInstances = new Set<string>();
  for (const inst of instances.values()) {
    const fields: Fields = { instance: inst.instance, service: inst.service };
    servicesWithInstances.add(inst.service.toLowerCase());
    if (inst.target) {
      fields.target = dotted(inst.target);
      fields.hostname = dotted(inst.target);
      const a = addresses.get(keyOf(inst.target));
      if (a) {
        fields.addresses = [...a.list];
        usedHosts.add(keyOf(inst.target));
      }
    }
    if (inst.port !== undefined) fields.port = inst.port;
    if (inst.txt) {
      fields.txt = [...inst.txt];
      for (const t of inst.txt) {
        const eq = t.indexOf('=');
        const key = 'txt.' + (eq < 0 ? t : t.slice(0, eq)).toLowerCase();
        if (!(key in fields)) fields[key] = eq < 0 ? '' : t.slice(eq + 1);
      }
    }
    out.push(withNotes(fields));
  }
  for (const [k, service] of types) {
    if (out.length >= EVIDENCE_MAX) break;
    if (!servicesWithInstances.has(k)) out.push(withNotes({ service }));
  }
  for (const [k, a] of addresses) {
    if (out.length >= EVIDENCE_MAX) break;
    if (!usedHosts.has(k)) out.push(withNotes({ hostname: dotted(a.name), addresses: [...a.list] }));
  }
  if (instances.size >= EVIDENCE_MAX || out.length >= EVIDENCE_MAX) {
    const cut = `dns evidence cut at ${EVIDENCE_MAX} items`;
    for (const e of out) e.notes = [...(e.notes ?? []), cut];
  }
  return out.slice(0, EVIDENCE_MAX);
}

/** Strings are read as raw bytes (latin1) when every character fits a byte, else as UTF-8. */
function toBuffer(input: Buffer | string): Buffer {
  if (typeof input !== 'string') return input;
  const s = input.length > DNS_INPUT_MAX * 2 ? input.slice(0, DNS_INPUT_MAX * 2) : input;
  // eslint-disable-next-line no-control-regex
  return Buffer.from(s, /^[\x00-\xff]*$/.test(s) ? 'latin1' : 'utf8');
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const notes: string[] = [];
    const records = readRecords(toBuffer(input), notes);
    if (!records) return [];
    return assemble(records, notes);
  } catch (e) {
    return [parseFailure('dns', input, e)];
  }
}
