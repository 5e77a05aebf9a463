// Streaming reader of capture files: classic pcap (magic a1b2c3d4 µs / a1b23c4d ns, either byte order) and pcapng
// (Section Header, Interface Description with its link type, snap length, if_tsresol and if_tsoffset, Enhanced,
// Simple and obsolete Packet blocks; several interfaces and sections, either byte order; any other block is
// skipped by its length). Bytes go in by `push(chunk)` in whatever pieces they arrive (a file stream, tcpdump's
// stdout); each frame comes out through the callback as it completes, so a multi-gigabyte file is never held whole:
// at most one record or block (≤ BLOCK_MAX) is carried between chunks. Formats: IETF draft-ietf-opsawg-pcap and
// draft-ietf-opsawg-pcapng (the pcap-ng specification); written here rather than taken from npm (docs/decisions.md).
// A structural fault (wrong magic, a length that lies, a file that ends inside a record) throws a UsageError
// (CAMAUDIT_ERR_INPUT) with one line naming the byte offset and frame: the CLI prints it and exits 2.
import { UsageError } from '../core/errors.js';

/** Link types read by the frame decoder (src/parsers/frame.ts); others are counted and skipped. */
export const LINKTYPE = { NULL: 0, ETHERNET: 1, RAW: 101, LOOP: 108, LINUX_SLL: 113, IPV4: 228, IPV6: 229, LINUX_SLL2: 276 } as const;

/** Largest packet a capture may hold (Wireshark's and tcpdump's limit: 262144 bytes). */
export const PACKET_MAX = 262_144;
/** Largest pcapng block read into memory (a packet block holds ≤ PACKET_MAX plus options). Other blocks are skipped unread. */
export const BLOCK_MAX = 1024 * 1024;

const PCAP_HEADER = 24;
const PCAP_RECORD_HEADER = 16;
const SHB = 0x0a0d0d0a;
const BOM = 0x1a2b3c4d;
const BT_IDB = 1;
const BT_PB = 2;
const BT_SPB = 3;
const BT_EPB = 6;
/** Most interfaces one pcapng section may declare (each is a few numbers; a hostile file cannot grow this list). */
const INTERFACES_MAX = 4096;

/** How an interface counts time: `units` per second (10^n or 2^n), plus a fixed offset in seconds. */
export interface Clock {
  /** 10^6 for µs, 10^9 for ns, 2^n for binary resolutions. */
  unitsPerSecond: number;
  /** Classic pcap stores seconds and a fraction apart; pcapng one 64-bit count of units. */
  split: boolean;
  offsetSeconds: number;
}

export interface CaptureInterface {
  linkType: number;
  snaplen: number;
  clock: Clock;
  name?: string;
}

/**
 * One packet: its bytes are `buf[offset .. offset + caplen)`, valid only during the callback (copy what you keep);
 * `data` is that range as a Buffer view, made only when asked for.
 */
export interface CaptureFrame {
  buf: Buffer;
  offset: number;
  /** 1-based, over the whole file, in file order (Wireshark's frame number). */
  number: number;
  interfaceId: number;
  linkType: number;
  /** Time stamp as stored: classic pcap (seconds, fraction); pcapng (high, low) 32-bit halves of a unit count. */
  tsHigh: number;
  tsLow: number;
  clock: Clock;
  caplen: number;
  origLen: number;
  readonly data: Buffer;
}

/** The reader's one reusable frame: no allocation per packet. */
class Frame implements CaptureFrame {
  buf: Buffer = Buffer.alloc(0);
  offset = 0;
  number = 0;
  interfaceId = 0;
  linkType = 0;
  tsHigh = 0;
  tsLow = 0;
  clock: Clock = { unitsPerSecond: 1e6, split: true, offsetSeconds: 0 };
  caplen = 0;
  origLen = 0;
  get data(): Buffer {
    return this.buf.subarray(this.offset, this.offset + this.caplen);
  }
}

export interface CaptureSummary {
  format: 'pcap' | 'pcapng';
  interfaces: CaptureInterface[];
  frames: number;
  /** Frames whose stored length is shorter than their original length (snap length). */
  cutFrames: number;
  /** pcapng blocks skipped (unknown or unused types), by type. */
  skippedBlocks: Record<string, number>;
  bytes: number;
}

/** Seconds and nanoseconds since 1970 of a frame's time stamp (exact for every resolution up to ns). */
export function frameTime(f: Pick<CaptureFrame, 'tsHigh' | 'tsLow' | 'clock'>): { sec: number; nsec: number } {
  const c = f.clock;
  let sec: number;
  let nsec: number;
  if (!c.split && f.tsHigh < 0x200000) {
    // The unit count fits a double exactly (below 2^53): no BigInt on the common µs path.
    const units = f.tsHigh * 4294967296 + f.tsLow;
    sec = Math.floor(units / c.unitsPerSecond);
    nsec = Math.round(((units - sec * c.unitsPerSecond) * 1e9) / c.unitsPerSecond);
  } else if (c.split) {
    sec = f.tsHigh;
    nsec = c.unitsPerSecond === 1e9 ? f.tsLow : Math.round((f.tsLow * 1e9) / c.unitsPerSecond);
  } else {
    const units = (BigInt(f.tsHigh) << 32n) | BigInt(f.tsLow);
    const per = BigInt(c.unitsPerSecond);
    sec = Number(units / per);
    nsec = Number(((units % per) * 1_000_000_000n) / per);
  }
  sec += c.offsetSeconds;
  if (nsec >= 1e9) {
    sec += Math.floor(nsec / 1e9);
    nsec %= 1e9;
  }
  return { sec, nsec };
}

/** ISO-8601 with the capture's own precision kept (up to nanoseconds): 2026-12-07T02:39:47.322335123Z. */
export function frameIso(f: Pick<CaptureFrame, 'tsHigh' | 'tsLow' | 'clock'>): string {
  const { sec, nsec } = frameTime(f);
  const d = new Date(sec * 1000);
  if (Number.isNaN(d.getTime())) return new Date(0).toISOString();
  const frac = String(nsec).padStart(9, '0');
  return `${d.toISOString().slice(0, 19)}.${frac}Z`;
}

/** Milliseconds since 1970 (what Date and observation times use). */
export function frameMs(f: Pick<CaptureFrame, 'tsHigh' | 'tsLow' | 'clock'>): number {
  const { sec, nsec } = frameTime(f);
  return sec * 1000 + Math.floor(nsec / 1e6);
}

const hex = (n: number): string => '0x' + (n >>> 0).toString(16).padStart(8, '0');

export interface CaptureReaderOptions {
  /** Name used in error messages (the file). */
  name?: string;
  /** Total size when known (a file): a length that runs past it is refused at once. */
  size?: number;
}

type State = 'start' | 'pcap' | 'pcapng';

/**
 * Push-based reader. `push(chunk)` for every piece of the capture, `end()` once at the end (throws when the capture
 * stops inside a header, record or block). Frames come out of `onFrame` synchronously, in file order.
 */
export class CaptureReader {
  private state: State = 'start';
  private le = true;
  private carry: Buffer | null = null;
  /** Bytes of a skipped pcapng block still to pass over. */
  private skip = 0;
  private skipFrom = 0;
  private skipType = 0;
  /** File offset of the next unread unit. */
  private offset = 0;
  private frameNo = 0;
  private cut = 0;
  private readonly skipped: Record<string, number> = {};
  private interfaces: CaptureInterface[] = [];
  private readonly allInterfaces: CaptureInterface[] = [];
  private readonly frame = new Frame();
  private readonly name: string;

  constructor(
    private readonly onFrame: (f: CaptureFrame) => void,
    private readonly opts: CaptureReaderOptions = {},
  ) {
    this.name = opts.name ?? 'capture';
  }

  summary(): CaptureSummary {
    return {
      format: this.state === 'pcapng' ? 'pcapng' : 'pcap',
      interfaces: this.allInterfaces.map((i) => ({ ...i, clock: { ...i.clock } })),
      frames: this.frameNo,
      cutFrames: this.cut,
      skippedBlocks: { ...this.skipped },
      bytes: this.offset + (this.carry?.length ?? 0),
    };
  }

  private fail(what: string, at = this.offset): never {
    throw new UsageError(`${this.name}: ${what} (at byte ${at}${this.frameNo ? `, after frame ${this.frameNo}` : ''})`, 'CAMAUDIT_ERR_INPUT');
  }

  private u32(b: Buffer, o: number): number {
    return this.le ? b.readUInt32LE(o) : b.readUInt32BE(o);
  }

  private u16(b: Buffer, o: number): number {
    return this.le ? b.readUInt16LE(o) : b.readUInt16BE(o);
  }

  /** Refuses a length that runs past the end of a file of known size. */
  private checkFits(len: number, what: string): void {
    if (this.opts.size !== undefined && this.offset + len > this.opts.size) {
      this.fail(`${what} claims ${len} bytes but the file ends ${this.opts.size - this.offset} bytes later (truncated or corrupt)`);
    }
  }

  /**
   * Bytes the unit at `b[o..o+avail)` needs: its whole length when its header is there (after checking it), else
   * how many bytes its header needs. A pcapng block of a type that is not read returns -1 (skip it, do not buffer).
   */
  private need(b: Buffer, o: number, avail: number): number {
    if (this.state === 'start') {
      if (avail < 4) return 4;
      const magic = b.readUInt32BE(o);
      if (magic === SHB) {
        if (avail < 12) return 12;
        return this.shbLength(b, o);
      }
      if (magic === 0xa1b2c3d4 || magic === 0xa1b23c4d || magic === 0xd4c3b2a1 || magic === 0x4d3cb2a1) return PCAP_HEADER;
      if (magic === 0xa1b2cd34 || magic === 0x34cdb2a1) this.fail('modified (Kuznetzov) pcap is not supported: convert it with editcap -F pcap');
      if ((magic >>> 16) === 0x1f8b) this.fail('gzip data where a capture should start (compressed twice?)');
      this.fail(`not a pcap or pcapng capture (starts with ${hex(magic)}; a capture starts with a1b2c3d4, a1b23c4d or 0a0d0d0a)`);
    }
    if (this.state === 'pcap') {
      if (avail < PCAP_RECORD_HEADER) return PCAP_RECORD_HEADER;
      const incl = this.u32(b, o + 8);
      if (incl > PACKET_MAX) this.fail(`record ${this.frameNo + 1} claims ${incl} captured bytes, more than the ${PACKET_MAX} a capture may hold (corrupt)`);
      this.checkFits(PCAP_RECORD_HEADER + incl, `record ${this.frameNo + 1}`);
      return PCAP_RECORD_HEADER + incl;
    }
    // pcapng
    if (avail < 8) return avail < 4 ? 4 : 8;
    const type = this.u32(b, o);
    if (type === SHB) {
      if (avail < 12) return 12;
      return this.shbLength(b, o);
    }
    const len = this.u32(b, o + 4);
    if (len < 12 || len % 4 !== 0) this.fail(`block of type ${hex(type)} has length ${len} (a block is a multiple of 4, at least 12)`);
    this.checkFits(len, `block of type ${hex(type)}`);
    if (type === BT_IDB || type === BT_EPB || type === BT_SPB || type === BT_PB) {
      if (len > BLOCK_MAX) this.fail(`block of type ${hex(type)} claims ${len} bytes, more than ${BLOCK_MAX} (corrupt)`);
      return len;
    }
    return -1;
  }

  private shbLength(b: Buffer, o: number): number {
    const bom = b.readUInt32LE(o + 8);
    if (bom === BOM) this.le = true;
    else if (bom === 0x4d3c2b1a) this.le = false;
    else this.fail(`pcapng section header with byte-order magic ${hex(bom)} (corrupt)`);
    const len = this.u32(b, o + 4);
    if (len < 28 || len % 4 !== 0) this.fail(`pcapng section header has length ${len} (corrupt)`);
    if (len > BLOCK_MAX) this.fail(`pcapng section header claims ${len} bytes, more than ${BLOCK_MAX} (corrupt)`);
    this.checkFits(len, 'pcapng section header');
    return len;
  }

  /** Reads one complete unit at b[o..o+len). */
  private unit(b: Buffer, o: number, len: number): void {
    if (this.state === 'start') {
      if (b.readUInt32BE(o) === SHB) {
        this.state = 'pcapng';
        this.section(b, o, len);
        return;
      }
      const magic = b.readUInt32LE(o);
      this.le = magic === 0xa1b2c3d4 || magic === 0xa1b23c4d;
      const m = this.le ? magic : b.readUInt32BE(o);
      const major = this.u16(b, o + 4);
      if (major !== 2) this.fail(`pcap version ${major}.${this.u16(b, o + 6)} is not supported (2.4 is)`);
      const snaplen = this.u32(b, o + 16);
      // The link type is the low 16 bits; the high bits may carry an FCS length (draft-ietf-opsawg-pcap §4).
      const linkType = this.u32(b, o + 20) & 0xffff;
      const iface: CaptureInterface = { linkType, snaplen, clock: { unitsPerSecond: m === 0xa1b23c4d ? 1e9 : 1e6, split: true, offsetSeconds: 0 } };
      this.interfaces = [iface];
      this.allInterfaces.push(iface);
      this.state = 'pcap';
      return;
    }
    if (this.state === 'pcap') {
      const f = this.frame;
      const iface = this.interfaces[0]!;
      f.number = ++this.frameNo;
      f.interfaceId = 0;
      f.linkType = iface.linkType;
      f.clock = iface.clock;
      f.tsHigh = this.u32(b, o);
      f.tsLow = this.u32(b, o + 4);
      f.caplen = len - PCAP_RECORD_HEADER;
      f.origLen = this.u32(b, o + 12);
      if (f.origLen > f.caplen) this.cut++;
      f.buf = b;
      f.offset = o + PCAP_RECORD_HEADER;
      this.onFrame(f);
      return;
    }
    const type = this.u32(b, o);
    if (type === SHB) {
      this.section(b, o, len);
      return;
    }
    const trailer = this.u32(b, o + len - 4);
    if (trailer !== len) this.fail(`block of type ${hex(type)}: trailing length ${trailer} differs from leading length ${len} (corrupt)`);
    const body = o + 8;
    const bodyEnd = o + len - 4;
    if (type === BT_IDB) {
      if (bodyEnd - body < 8) this.fail('interface description block too short (corrupt)');
      if (this.interfaces.length >= INTERFACES_MAX) this.fail(`more than ${INTERFACES_MAX} interfaces in one section`);
      const iface: CaptureInterface = { linkType: this.u16(b, body), snaplen: this.u32(b, body + 4), clock: { unitsPerSecond: 1e6, split: false, offsetSeconds: 0 } };
      this.interfaceOptions(b, body + 8, bodyEnd, iface);
      this.interfaces.push(iface);
      if (this.allInterfaces.length < INTERFACES_MAX) this.allInterfaces.push(iface);
      return;
    }
    if (type === BT_EPB || type === BT_PB) {
      if (bodyEnd - body < 20) this.fail(`packet block too short (corrupt)`);
      const id = type === BT_EPB ? this.u32(b, body) : this.u16(b, body);
      const caplen = this.u32(b, body + 12);
      if (caplen > bodyEnd - body - 20) this.fail(`packet block claims ${caplen} captured bytes but holds ${bodyEnd - body - 20} (corrupt)`);
      this.emit(id, this.u32(b, body + 4), this.u32(b, body + 8), caplen, this.u32(b, body + 16), b, body + 20);
      return;
    }
    if (type === BT_SPB) {
      if (bodyEnd - body < 4) this.fail('simple packet block too short (corrupt)');
      const orig = this.u32(b, body);
      const iface0 = this.interfaces[0];
      const room = bodyEnd - body - 4;
      const snap = iface0 && iface0.snaplen > 0 ? iface0.snaplen : Infinity;
      const caplen = Math.min(orig, snap, room);
      // A simple packet block has no time stamp (pcapng §4.4): time 0 of interface 0's clock.
      this.emit(0, 0, 0, caplen, orig, b, body + 4);
    }
  }

  private emit(id: number, hi: number, lo: number, caplen: number, origLen: number, buf: Buffer, offset: number): void {
    const iface = this.interfaces[id];
    if (!iface) this.fail(`packet of interface ${id}, but this section declares ${this.interfaces.length} interface(s) (corrupt)`);
    const f = this.frame;
    f.number = ++this.frameNo;
    f.interfaceId = id;
    f.linkType = iface.linkType;
    f.clock = iface.clock;
    f.tsHigh = hi;
    f.tsLow = lo;
    f.caplen = caplen;
    f.origLen = origLen;
    if (origLen > caplen) this.cut++;
    f.buf = buf;
    f.offset = offset;
    this.onFrame(f);
  }

  private section(b: Buffer, o: number, len: number): void {
    const trailer = this.u32(b, o + len - 4);
    if (trailer !== len) this.fail(`pcapng section header: trailing length ${trailer} differs from leading length ${len} (corrupt)`);
    const major = this.u16(b, o + 12);
    if (major !== 1) this.fail(`pcapng version ${major}.${this.u16(b, o + 14)} is not supported (1.x is)`);
    // A new section starts its own interface list (pcapng §4.1).
    this.interfaces = [];
  }

  private interfaceOptions(b: Buffer, start: number, end: number, iface: CaptureInterface): void {
    let o = start;
    for (let n = 0; n < 256 && o + 4 <= end; n++) {
      const code = this.u16(b, o);
      const len = this.u16(b, o + 2);
      const v = o + 4;
      if (code === 0) break;
      if (v + len > end) this.fail('interface option runs past its block (corrupt)');
      if (code === 2 && len > 0) iface.name = b.toString('utf8', v, Math.min(v + len, v + 128)).replace(/\0+$/, '');
      if (code === 9 && len >= 1) {
        const r = b[v]!;
        const exp = r & 0x7f;
        // MSB set: a power of two; clear: a power of ten (pcapng §4.2, if_tsresol). Beyond 2^53 units per second
        // a count no longer fits exactly; such a clock is refused rather than misread.
        const ups = r & 0x80 ? 2 ** exp : 10 ** exp;
        if (exp === 0 || ups > 2 ** 53 || (r & 0x80 ? exp > 53 : exp > 15)) this.fail(`interface time resolution ${r} is not supported`);
        iface.clock.unitsPerSecond = ups;
      }
      if (code === 14 && len >= 8) {
        const hi = this.u32(b, v + (this.le ? 4 : 0)) | 0;
        const lo = this.u32(b, v + (this.le ? 0 : 4));
        iface.clock.offsetSeconds = hi * 2 ** 32 + lo;
      }
      o = v + len + ((4 - (len % 4)) % 4);
    }
  }

  /** Feeds the next piece of the capture. Throws a UsageError (one line) on a structural fault. */
  push(chunk: Buffer): void {
    let off = 0;
    const len = chunk.length;
    while (off < len) {
      if (this.skip > 0) {
        const n = Math.min(this.skip, len - off);
        this.skip -= n;
        off += n;
        this.offset += n;
        continue;
      }
      if (this.carry) {
        // Complete the unit that straddles the previous chunk, copying only what it still needs.
        if (this.drainCarry()) continue;
        const want = this.need(this.carry, 0, this.carry.length);
        const take = Math.min(want - this.carry.length, len - off);
        this.carry = Buffer.concat([this.carry, chunk.subarray(off, off + take)]);
        off += take;
        this.drainCarry();
        continue;
      }
      const avail = len - off;
      const want = this.need(chunk, off, avail);
      if (want === -1) {
        this.startSkip(chunk, off);
        continue;
      }
      if (avail >= want) {
        this.unit(chunk, off, want);
        off += want;
        this.offset += want;
        continue;
      }
      this.carry = Buffer.from(chunk.subarray(off));
      off = len;
    }
  }

  /** Reads or skips what the carried bytes complete; true when the carry was used up (or turned into a skip). */
  private drainCarry(): boolean {
    while (this.carry) {
      const have = this.carry.length;
      const want = this.need(this.carry, 0, have);
      if (want === -1) {
        // A block that is not read: the carried bytes are its start.
        this.startSkip(this.carry, 0);
        const done = Math.min(have, this.skip);
        this.skip -= done;
        this.offset += done;
        this.carry = have > done ? this.carry.subarray(done) : null;
        if (!this.carry) return true;
        continue;
      }
      if (have < want) return false;
      const c = this.carry;
      this.carry = null;
      this.unit(c, 0, want);
      this.offset += want;
      if (c.length > want) this.carry = c.subarray(want);
    }
    return true;
  }

  private startSkip(b: Buffer, o: number): void {
    const type = this.u32(b, o);
    this.skip = this.u32(b, o + 4);
    this.skipFrom = this.offset;
    this.skipType = type;
    const key = hex(type);
    this.skipped[key] = (this.skipped[key] ?? 0) + 1;
  }

  /** The capture is complete: throws when it stopped inside a header, record or block. */
  end(): CaptureSummary {
    if (this.skip > 0) this.fail(`block of type ${hex(this.skipType)} at byte ${this.skipFrom} ends ${this.skip} bytes past the end of the file (truncated)`, this.skipFrom);
    if (this.carry && this.carry.length) {
      const have = this.carry.length;
      if (this.state === 'start') this.fail(have < 4 ? `only ${have} byte(s): not a capture` : `file ends inside the capture header (${have} bytes; truncated)`);
      this.fail(`file ends inside ${this.state === 'pcap' ? `record ${this.frameNo + 1}` : 'a block'} (${have} bytes of it present; truncated)`);
    }
    if (this.state === 'start') this.fail(this.offset === 0 ? 'empty file (0 bytes): not a capture' : 'no capture header');
    return this.summary();
  }
}
