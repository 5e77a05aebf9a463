// Minimal DNS-SD responder codec: read the questions of an mDNS query, answer with the profile's
// PTR/SRV/TXT/A records (no name compression; instance labels may contain spaces).
import type { Profile } from '../profile.js';

export const TYPE = { A: 1, PTR: 12, TXT: 16, SRV: 33, ANY: 255 } as const;

export interface Question {
  name: string;
  type: number;
  /** QU bit: the querier asks for a unicast reply. */
  unicast: boolean;
}

function readName(b: Buffer, start: number): { name: string; next: number } | null {
  const labels: string[] = [];
  let off = start;
  let next = -1;
  for (let hops = 0; hops < 64; hops++) {
    if (off >= b.length) return null;
    const len = b[off];
    if (len === 0) {
      if (next < 0) next = off + 1;
      return { name: labels.join('.').toLowerCase(), next };
    }
    if ((len & 0xc0) === 0xc0) {
      if (off + 1 >= b.length) return null;
      if (next < 0) next = off + 2;
      off = ((len & 0x3f) << 8) | b[off + 1];
      continue;
    }
    if (len > 63 || off + 1 + len > b.length) return null;
    labels.push(b.toString('utf8', off + 1, off + 1 + len));
    off += 1 + len;
  }
  return null;
}

/** Questions of a query; [] for responses or malformed packets. */
export function readQuestions(b: Buffer): Question[] {
  if (b.length < 12 || b[2] & 0x80) return [];
  const qd = Math.min(b.readUInt16BE(4), 32);
  const out: Question[] = [];
  let off = 12;
  for (let i = 0; i < qd; i++) {
    const n = readName(b, off);
    if (!n || n.next + 4 > b.length) return out;
    const cls = b.readUInt16BE(n.next + 2);
    out.push({ name: n.name, type: b.readUInt16BE(n.next), unicast: (cls & 0x8000) !== 0 });
    off = n.next + 4;
  }
  return out;
}

export function encodeName(labels: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const l of labels) {
    const b = Buffer.from(l, 'utf8').subarray(0, 63);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

const labelsOf = (dotted: string): string[] => dotted.split('.').filter(Boolean);

function rr(name: string[], type: number, data: Buffer, ttl: number, flush: boolean): Buffer {
  const h = Buffer.alloc(10);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(flush ? 0x8001 : 0x0001, 2);
  h.writeUInt32BE(ttl, 4);
  h.writeUInt16BE(data.length, 8);
  return Buffer.concat([encodeName(name), h, data]);
}

interface Rec {
  key: string;
  type: number;
  bytes: Buffer;
}

/** All records of a device, keyed by lower-case owner name. */
export function deviceRecords(spec: NonNullable<Profile['mdns']>, ip: string): Rec[] {
  const host = [spec.hostname, 'local'];
  const recs: Rec[] = [];
  const add = (name: string[], type: number, data: Buffer, flush: boolean): void => {
    recs.push({ key: name.join('.').toLowerCase(), type, bytes: rr(name, type, data, spec.ttl, flush) });
  };
  for (const s of spec.services) {
    const type = [...labelsOf(s.type), 'local'];
    const inst = [s.instance, ...type];
    add(['_services', '_dns-sd', '_udp', 'local'], TYPE.PTR, encodeName(type), false);
    add(type, TYPE.PTR, encodeName(inst), false);
    const srv = Buffer.alloc(6);
    srv.writeUInt16BE(s.port, 4);
    add(inst, TYPE.SRV, Buffer.concat([srv, encodeName(host)]), true);
    const txt = s.txt.length ? Buffer.concat(s.txt.map((t) => { const b = Buffer.from(t, 'utf8').subarray(0, 255); return Buffer.concat([Buffer.from([b.length]), b]); })) : Buffer.from([0]);
    add(inst, TYPE.TXT, txt, true);
  }
  add(host, TYPE.A, Buffer.from(ip.split('.').map(Number)), true);
  return recs;
}

/**
 * Answer + additional records for the questions, or null when nothing is ours. `id` is echoed (0 for
 * multicast); `echoQuestions` for legacy unicast queries (RFC 6762 §6.7).
 */
export function mdnsAnswer(spec: NonNullable<Profile['mdns']>, ip: string, query: Buffer, echoQuestions: boolean): Buffer | null {
  const qs = readQuestions(query);
  if (!qs.length) return null;
  const recs = deviceRecords(spec, ip);
  const answers: Rec[] = [];
  const additional: Rec[] = [];
  const has = (list: Rec[], r: Rec): boolean => list.includes(r);
  for (const q of qs) {
    for (const r of recs) {
      if (r.key !== q.name || (q.type !== TYPE.ANY && q.type !== r.type) || has(answers, r)) continue;
      answers.push(r);
    }
  }
  if (!answers.length) return null;
  // DNS-SD §12: PTR to an instance brings its SRV/TXT and the host's A as additional records.
  for (const a of [...answers]) {
    if (a.type !== TYPE.PTR) continue;
    for (const s of spec.services) {
      const inst = [s.instance, ...labelsOf(s.type), 'local'].join('.').toLowerCase();
      const typeKey = [...labelsOf(s.type), 'local'].join('.').toLowerCase();
      if (a.key !== typeKey) continue;
      for (const r of recs) if ((r.key === inst || r.type === TYPE.A) && !has(answers, r) && !has(additional, r)) additional.push(r);
    }
  }
  const hdr = Buffer.alloc(12);
  hdr.writeUInt16BE(echoQuestions ? query.readUInt16BE(0) : 0, 0);
  hdr.writeUInt16BE(0x8400, 2);
  const qBytes: Buffer[] = [];
  if (echoQuestions) {
    for (const q of qs) {
      const t = Buffer.alloc(4);
      t.writeUInt16BE(q.type, 0);
      t.writeUInt16BE(1, 2);
      qBytes.push(encodeName(labelsOf(q.name)), t);
    }
    hdr.writeUInt16BE(qs.length, 4);
  }
  hdr.writeUInt16BE(answers.length, 6);
  hdr.writeUInt16BE(additional.length, 10);
  return Buffer.concat([hdr, ...qBytes, ...answers.map((r) => r.bytes), ...additional.map((r) => r.bytes)]);
}
