// Bounded IP reassembly for UDP datagrams larger than the link (a WS-Discovery ProbeMatch of 3 KiB arrives as three
// IPv4 fragments): pieces are kept by (source, destination, protocol, identification) until the datagram is whole.
// At most PENDING_MAX datagrams in progress and BYTES_MAX bytes held; the oldest is dropped (and counted) to make
// room, as is one that grows past 65,535 bytes. Overlapping pieces: the lower offset's bytes stand (RFC 5722 would
// drop such a datagram; for reading evidence the difference does not matter). TCP is not reassembled from fragments.
const PENDING_MAX = 256;
const BYTES_MAX = 8 * 1024 * 1024;
const DATAGRAM_MAX = 65_535;

interface Pending {
  parts: Array<[number, Buffer]>;
  /** Total length, known once the last piece (more-fragments clear) arrived; -1 before. */
  total: number;
  held: number;
}

export class Reassembler {
  private readonly pending = new Map<string, Pending>();
  private held = 0;
  /** Datagrams given up (memory bound, oversized). */
  dropped = 0;
  reassembled = 0;

  /** Adds one piece; returns the whole IP payload when this piece completes it, else null. */
  add(key: string, offset: number, more: boolean, data: Buffer): Buffer | null {
    let d = this.pending.get(key);
    if (!d) {
      while (this.pending.size >= PENDING_MAX || (this.held + data.length > BYTES_MAX && this.pending.size)) this.dropOldest();
      d = { parts: [], total: -1, held: 0 };
      this.pending.set(key, d);
    }
    if (offset + data.length > DATAGRAM_MAX) {
      this.discard(key, d);
      this.dropped++;
      return null;
    }
    const copy = Buffer.from(data);
    d.parts.push([offset, copy]);
    d.held += copy.length;
    this.held += copy.length;
    if (!more) d.total = offset + data.length;
    if (d.total < 0) return null;
    // Whole when the pieces, in order, cover 0..total without a gap.
    d.parts.sort((a, b) => a[0] - b[0]);
    let end = 0;
    for (const [o, b] of d.parts) {
      if (o > end) return null;
      end = Math.max(end, o + b.length);
    }
    if (end < d.total) return null;
    const out = Buffer.alloc(d.total);
    // Copied from the highest offset down, so where pieces overlap the lower offset's bytes stand.
    for (let i = d.parts.length - 1; i >= 0; i--) d.parts[i]![1].copy(out, d.parts[i]![0]);
    this.discard(key, d);
    this.reassembled++;
    return out;
  }

  private discard(key: string, d: Pending): void {
    this.held -= d.held;
    this.pending.delete(key);
  }

  private dropOldest(): void {
    const first = this.pending.entries().next();
    if (first.done) return;
    this.discard(first.value[0], first.value[1]);
    this.dropped++;
  }

  /** Datagrams still incomplete at the end of the capture. */
  get incomplete(): number {
    return this.pending.size;
  }
}
