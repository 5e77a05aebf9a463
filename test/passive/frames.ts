// Builders for synthetic frames and capture files (tests only). Everything here is made up to exercise the reader
// and the session on shapes the lab captures do not contain; names of tests that use them say "synthetic".
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { CaptureReader, type CaptureFrame, type CaptureSummary, frameIso } from '../../src/parsers/pcap.js';
import { fixtureDir, fixturePath } from '../helpers/fixtures.js';

/** The committed captures (fixtures/pcap). */
export const PCAP_DIR = fixtureDir('pcap');

/** Absolute path of a committed capture (throws when it is missing). */
export const pcapPath = (name: string): string => fixturePath('pcap', name);

/** A committed capture fixture, gunzipped. */
export function fixture(name: string): Buffer {
  const b = readFileSync(pcapPath(name));
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
}

export interface FrameCopy {
  number: number;
  interfaceId: number;
  linkType: number;
  time: string;
  caplen: number;
  origLen: number;
  data: Buffer;
}

/** Reads a whole capture, fed in pieces of `chunk` bytes (or the given sizes in turn). */
export function readCapture(buf: Buffer, chunk: number | number[] = buf.length || 1): { frames: FrameCopy[]; summary: CaptureSummary } {
  const frames: FrameCopy[] = [];
  const r = new CaptureReader((f: CaptureFrame) => frames.push({ number: f.number, interfaceId: f.interfaceId, linkType: f.linkType, time: frameIso(f), caplen: f.caplen, origLen: f.origLen, data: Buffer.from(f.data) }));
  const sizes = Array.isArray(chunk) ? chunk : [chunk];
  let o = 0;
  for (let i = 0; o < buf.length; i++) {
    const n = Math.max(1, sizes[i % sizes.length]!);
    r.push(buf.subarray(o, o + n));
    o += n;
  }
  return { frames, summary: r.end() };
}

const mac = (s: string): Buffer => Buffer.from(s.replace(/:/g, ''), 'hex');
const ip4 = (s: string): Buffer => Buffer.from(s.split('.').map(Number));

export function ethernet(src: string, dst: string, type: number, payload: Buffer, vlans: number[] = []): Buffer {
  const tags = vlans.map((v, i) => {
    const t = Buffer.alloc(4);
    t.writeUInt16BE(i === 0 && vlans.length > 1 ? 0x88a8 : 0x8100, 0);
    t.writeUInt16BE(v, 2);
    return t;
  });
  const et = Buffer.alloc(2);
  et.writeUInt16BE(type, 0);
  // With tags the TPIDs sit where the EtherType would; the real type follows the last tag.
  return Buffer.concat([mac(dst), mac(src), ...tags.map((t) => t), et, payload]);
}

function checksumless(h: Buffer): Buffer {
  return h; // checksums are not verified by the reader (as tshark by default)
}

export function ipv4(src: string, dst: string, proto: number, payload: Buffer, o: { id?: number; fragOffset?: number; more?: boolean } = {}): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0x45;
  h.writeUInt16BE(20 + payload.length, 2);
  h.writeUInt16BE(o.id ?? 1, 4);
  h.writeUInt16BE(((o.fragOffset ?? 0) / 8) | (o.more ? 0x2000 : 0), 6);
  h[8] = 64;
  h[9] = proto;
  ip4(src).copy(h, 12);
  ip4(dst).copy(h, 16);
  return Buffer.concat([checksumless(h), payload]);
}

export function udp(sport: number, dport: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h.writeUInt16BE(8 + payload.length, 4);
  return Buffer.concat([h, payload]);
}

export const ACK = 0x10;
export const PSH = 0x08;

export function tcp(sport: number, dport: number, seq: number, flags: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const h = Buffer.alloc(20);
  h.writeUInt16BE(sport, 0);
  h.writeUInt16BE(dport, 2);
  h.writeUInt32BE(seq >>> 0, 4);
  h[12] = 5 << 4;
  h[13] = flags;
  h.writeUInt16BE(65535, 14);
  return Buffer.concat([h, payload]);
}

export function arp(senderMac: string, senderIp: string, targetIp: string, op = 1): Buffer {
  const b = Buffer.alloc(28);
  b.writeUInt16BE(1, 0);
  b.writeUInt16BE(0x0800, 2);
  b[4] = 6;
  b[5] = 4;
  b.writeUInt16BE(op, 6);
  mac(senderMac).copy(b, 8);
  ip4(senderIp).copy(b, 14);
  ip4(targetIp).copy(b, 24);
  return b;
}

/** A classic little-endian µs pcap of Ethernet frames, one per second from 2026-01-01T00:00:00Z. */
export function pcapOf(frames: Buffer[], linkType = 1): Buffer {
  const h = Buffer.alloc(24);
  h.writeUInt32LE(0xa1b2c3d4, 0);
  h.writeUInt16LE(2, 4);
  h.writeUInt16LE(4, 6);
  h.writeUInt32LE(262144, 16);
  h.writeUInt32LE(linkType, 20);
  const parts: Buffer[] = [h];
  frames.forEach((f, i) => {
    const r = Buffer.alloc(16);
    r.writeUInt32LE(1767225600 + i, 0);
    r.writeUInt32LE(250000, 4);
    r.writeUInt32LE(f.length, 8);
    r.writeUInt32LE(f.length, 12);
    parts.push(r, f);
  });
  return Buffer.concat(parts);
}

/** One pcapng block in the given byte order: type, body (padded to 4), total length at both ends. */
export function block(type: number, body: Buffer, le = true): Buffer {
  const pad = (4 - (body.length % 4)) % 4;
  const len = 12 + body.length + pad;
  const b = Buffer.alloc(len);
  const w = (v: number, o: number) => (le ? b.writeUInt32LE(v >>> 0, o) : b.writeUInt32BE(v >>> 0, o));
  w(type, 0);
  w(len, 4);
  body.copy(b, 8);
  w(len, len - 4);
  return b;
}

export function u16(v: number, le = true): Buffer {
  const b = Buffer.alloc(2);
  if (le) b.writeUInt16LE(v, 0);
  else b.writeUInt16BE(v, 0);
  return b;
}

export function u32(v: number, le = true): Buffer {
  const b = Buffer.alloc(4);
  if (le) b.writeUInt32LE(v >>> 0, 0);
  else b.writeUInt32BE(v >>> 0, 0);
  return b;
}

/** pcapng option: code, value (padded); `end` is opt_endofopt. */
export function option(code: number, value: Buffer, le = true): Buffer {
  const pad = (4 - (value.length % 4)) % 4;
  return Buffer.concat([u16(code, le), u16(value.length, le), value, Buffer.alloc(pad)]);
}
export const endOfOptions = (le = true): Buffer => Buffer.concat([u16(0, le), u16(0, le)]);

export function shb(le = true): Buffer {
  return block(0x0a0d0d0a, Buffer.concat([u32(0x1a2b3c4d, le), u16(1, le), u16(0, le), Buffer.alloc(8, 0xff)]), le);
}

export function idb(linkType: number, le = true, opts: Buffer[] = []): Buffer {
  return block(1, Buffer.concat([u16(linkType, le), u16(0, le), u32(0, le), ...(opts.length ? [...opts, endOfOptions(le)] : [])]), le);
}

/** Enhanced Packet Block; `units` is the time stamp in the interface's units (split into high and low words). */
export function epb(iface: number, units: bigint, data: Buffer, le = true, origLen = data.length): Buffer {
  const hi = Number(units >> 32n);
  const lo = Number(units & 0xffffffffn);
  const pad = (4 - (data.length % 4)) % 4;
  return block(6, Buffer.concat([u32(iface, le), u32(hi, le), u32(lo, le), u32(data.length, le), u32(origLen, le), data, Buffer.alloc(pad)]), le);
}

export function spb(data: Buffer, le = true): Buffer {
  return block(3, Buffer.concat([u32(data.length, le), data]), le);
}

/** The obsolete Packet Block (type 2): interface (16 bits), drops (16 bits), time, lengths, data. */
export function pb(iface: number, units: bigint, data: Buffer, le = true): Buffer {
  return block(2, Buffer.concat([u16(iface, le), u16(0, le), u32(Number(units >> 32n), le), u32(Number(units & 0xffffffffn), le), u32(data.length, le), u32(data.length, le), data]), le);
}
