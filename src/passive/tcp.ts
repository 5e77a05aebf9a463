// Bounded TCP reassembly for a passive read: only the first STREAM_MAX bytes of each direction of each connection
// are kept (enough for an HTTP/RTSP response head and body start, an ONVIF reply, a TLS ServerHello + certificate),
// and only for directions whose first bytes look like something a parser reads (an HTTP/RTSP response or request,
// a TLS handshake). Segments are placed by sequence number: retransmissions overlap harmlessly, a few out-of-order
// segments wait for the gap to fill. A connection is handed to `onFlow` once: when it closes (FIN/RST), when both
// directions are done, when memory is needed (oldest first), or at the end. Its key is then remembered so the rest
// of a long stream (video) costs one lookup per packet. Memory: at most FLOWS_MAX open connections and
// BUFFERED_MAX bytes buffered in all; at most DONE_MAX finished keys remembered.
import { TCP_FIN, TCP_RST } from '../parsers/frame.js';

export const STREAM_MAX = 16 * 1024;
const OUT_OF_ORDER_MAX = 8;
const FLOWS_MAX = 20_000;
const BUFFERED_MAX = 32 * 1024 * 1024;
const DONE_MAX = 200_000;

/** One direction of a connection, as far as it was kept. */
export interface Direction {
  /** Sender address and port (text), the host the bytes belong to. */
  host: string;
  port: number;
  /** Sequence number of the first payload byte seen. */
  base: number;
  /** Contiguous bytes from the start, in order. */
  parts: Buffer[];
  have: number;
  /** Segments after a gap: [offset, bytes]. */
  waiting: Array<[number, Buffer]>;
  /** Not read: the first bytes were not a known start, or the connection started before the capture. */
  ignored: boolean;
  /** The first segment seen, when it did not look like a start: kept until the next segment says whether an earlier
   * one (the real start, arriving late) comes, or the connection began before the capture. */
  held: [number, Buffer] | null;
  full: boolean;
  started: boolean;
  /** Frame number and time of the first payload byte (evidence reference). */
  frame: number;
  time: string;
}

/**
 * A connection's key, the same for both directions: a 53-bit hash of the two IPv4 endpoints (numbers, no text per
 * packet; two connections collide with odds of about 2^-53 per pair, and a collision only makes one of them unread),
 * or "addr:port-addr:port" text for IPv6.
 */
export type FlowKey = number | string;

export interface Flow {
  key: FlowKey;
  /** The endpoint with the lower (address, port) and the other one. */
  a: Direction;
  b: Direction;
  closed: boolean;
}

/** One segment, as the caller decoded it; `payload()` makes the bytes only when they are kept. */
export interface SegmentInfo {
  /** The connection, the same for both directions (see FlowKey). */
  key: FlowKey;
  /** Sent by the lower endpoint (flow.a). */
  fromA: boolean;
  seq: number;
  flags: number;
  payloadLength: number;
  payload(): Buffer;
  frame: number;
  time(): string;
  /** Sender and receiver as text, asked for once when a connection is first kept. */
  endpoints(): { aHost: string; aPort: number; bHost: string; bPort: number };
}

/** True for the first bytes of a direction worth keeping. */
export function knownStart(b: Buffer): boolean {
  if (b.length < 3) return false;
  const c = b[0]!;
  if (c === 0x16 && b[1] === 3) return true; // TLS handshake record
  // HTTP/ or RTSP/ response, or a request: an upper-case method then a space (GET, POST, DESCRIBE, OPTIONS …).
  if (c >= 0x41 && c <= 0x5a) {
    const head = b.subarray(0, 16).toString('latin1');
    return /^(?:HTTP|RTSP)\/\d/.test(head) || /^[A-Z][A-Z_-]{1,15} \S/.test(head);
  }
  return false;
}

const seqDiff = (a: number, b: number): number => ((a - b) | 0);

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The FlowKey of an IPv4 connection from its lower endpoint (a, ap) and the other (b, bp). */
export function flowKey4(a: number, ap: number, b: number, bp: number): number {
  const ports = ((ap << 16) | bp) >>> 0;
  const h1 = mix(a ^ mix(b ^ mix(ports)));
  const h2 = mix(b ^ Math.imul(a, 0x9e3779b1) ^ mix(ports ^ 0x5bd1e995));
  return h1 * 2097152 + (h2 >>> 11);
}

function newDirection(host: string, port: number): Direction {
  return { host, port, base: 0, parts: [], have: 0, waiting: [], ignored: false, held: null, full: false, started: false, frame: 0, time: '' };
}

/** The kept bytes of a direction, joined. */
export function directionBytes(d: Direction): Buffer {
  return d.parts.length === 1 ? d.parts[0]! : Buffer.concat(d.parts, d.have);
}

export class TcpTracker {
  private readonly flows = new Map<FlowKey, Flow>();
  private readonly done = new Map<FlowKey, true>();
  private buffered = 0;
  /** Connections evicted before they closed (memory bound), for the read's notes. */
  evicted = 0;

  constructor(private readonly onFlow: (f: Flow) => void) {}

  segment(s: SegmentInfo): void {
    // A bare ACK or SYN carries nothing to read; a connection is kept from its first payload byte (the first data
    // segment's sequence number is the start: SYN + 1 when the capture saw the handshake).
    if (s.payloadLength === 0 && !(s.flags & (TCP_FIN | TCP_RST))) return;
    if (this.done.has(s.key)) return;
    let flow = this.flows.get(s.key);
    if (!flow) {
      if (s.payloadLength === 0) return;
      if (this.flows.size >= FLOWS_MAX) this.evictOldest();
      const e = s.endpoints();
      flow = { key: s.key, a: newDirection(e.aHost, e.aPort), b: newDirection(e.bHost, e.bPort), closed: false };
      this.flows.set(s.key, flow);
    }
    const dir = s.fromA ? flow.a : flow.b;
    if (s.payloadLength && !dir.ignored && !dir.full) this.data(dir, s);
    if (s.flags & (TCP_FIN | TCP_RST)) {
      this.finish(flow);
      return;
    }
    const settled = (d: Direction): boolean => d.ignored || d.full;
    if (settled(flow.a) && settled(flow.b)) this.finish(flow);
    else if (this.buffered > BUFFERED_MAX) this.evictOldest();
  }

  private data(dir: Direction, s: SegmentInfo): void {
    let bytes = s.payload();
    if (!dir.started) {
      const held = dir.held;
      if (knownStart(bytes) && (!held || seqDiff(s.seq, held[0]) < 0)) {
        // The start (possibly arriving after a later segment, which then waits for the gap to fill).
        dir.base = s.seq;
        dir.started = true;
        if (held) {
          dir.held = null;
          this.buffered -= held[1].length;
          const off = seqDiff(held[0], dir.base);
          if (off < STREAM_MAX && dir.waiting.length < OUT_OF_ORDER_MAX) {
            dir.waiting.push([off, held[1]]);
            this.buffered += held[1].length;
          }
        }
      } else if (!held) {
        const copy = Buffer.from(bytes.subarray(0, STREAM_MAX));
        dir.held = [s.seq, copy];
        this.buffered += copy.length;
        return;
      } else {
        // Two segments and neither starts anything: the connection began before the capture (a stream in progress).
        this.buffered -= held[1].length;
        dir.held = null;
        dir.ignored = true;
        return;
      }
    }
    let off = seqDiff(s.seq, dir.base);
    if (off < 0) {
      // A retransmission reaching back before the start (or a wrapped window): keep only the new part.
      if (-off >= bytes.length) return;
      bytes = bytes.subarray(-off);
      off = 0;
    }
    if (off > dir.have) {
      if (off < STREAM_MAX && dir.waiting.length < OUT_OF_ORDER_MAX) {
        const copy = Buffer.from(bytes.subarray(0, STREAM_MAX - off));
        dir.waiting.push([off, copy]);
        this.buffered += copy.length;
      }
      return;
    }
    this.append(dir, bytes, off, s);
    // Drain segments that now join.
    for (let again = true; again; ) {
      again = false;
      for (let i = 0; i < dir.waiting.length; i++) {
        const [woff, wbytes] = dir.waiting[i]!;
        if (woff <= dir.have) {
          dir.waiting.splice(i, 1);
          this.buffered -= wbytes.length;
          this.append(dir, wbytes, woff, s);
          again = true;
          break;
        }
      }
    }
  }

  private append(dir: Direction, bytes: Buffer, off: number, s: SegmentInfo): void {
    const skip = dir.have - off; // bytes already held (retransmission overlap)
    if (skip >= bytes.length) return;
    const room = STREAM_MAX - dir.have;
    const take = bytes.subarray(skip, skip + room);
    if (!take.length) return;
    if (dir.have === 0) {
      if (!knownStart(take)) {
        dir.ignored = true;
        return;
      }
      dir.frame = s.frame;
      dir.time = s.time();
    }
    const copy = Buffer.from(take);
    dir.parts.push(copy);
    dir.have += copy.length;
    this.buffered += copy.length;
    if (dir.have >= STREAM_MAX) dir.full = true;
  }

  private release(flow: Flow): void {
    for (const d of [flow.a, flow.b]) {
      this.buffered -= d.have + (d.held ? d.held[1].length : 0);
      for (const [, w] of d.waiting) this.buffered -= w.length;
    }
  }

  private finish(flow: Flow): void {
    this.flows.delete(flow.key);
    this.release(flow);
    flow.closed = true;
    if (this.done.size >= DONE_MAX) {
      const first = this.done.keys().next();
      if (!first.done) this.done.delete(first.value);
    }
    this.done.set(flow.key, true);
    if (flow.a.have || flow.b.have) this.onFlow(flow);
  }

  private evictOldest(): void {
    const first = this.flows.values().next();
    if (first.done) return;
    this.evicted++;
    this.finish(first.value);
  }

  /** Hands every connection still open to `onFlow` (end of the capture). */
  flush(): void {
    for (const f of [...this.flows.values()]) this.finish(f);
  }

  get open(): number {
    return this.flows.size;
  }
}
