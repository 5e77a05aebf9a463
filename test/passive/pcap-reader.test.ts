// The capture reader (src/parsers/pcap.ts) on the recorded lab captures (fixtures/pcap, made by
// fixtures/pcap/make-lab-captures.sh) and on synthetic pcapng files for the block kinds the recordings lack.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LINKTYPE } from '../../src/parsers/pcap.js';
import { UsageError } from '../../src/core/errors.js';
import { block, epb, fixture, idb, option, pb, readCapture, shb, spb, u32 } from './frames.js';

const digest = (frames: { time: string; data: Buffer }[]): string => {
  const h = createHash('sha256');
  for (const f of frames) h.update(f.time).update(f.data);
  return h.digest('hex');
};

describe('classic pcap (recorded)', () => {
  const lab = readCapture(fixture('lab.pcap.gz'));

  it('reads every frame of the µs Ethernet capture, numbered from 1, in file order', () => {
    expect(lab.summary.format).toBe('pcap');
    expect(lab.summary.interfaces.map((i) => i.linkType)).toEqual([LINKTYPE.ETHERNET]);
    expect(lab.frames.length).toBeGreaterThan(4000);
    expect(lab.frames.length).toBe(lab.summary.frames);
    expect(lab.frames.map((f) => f.number)).toEqual(lab.frames.map((_, i) => i + 1));
    expect(lab.summary.cutFrames).toBe(0);
    // Microsecond clock: six significant fraction digits, the rest zero.
    expect(lab.frames[0]!.time).toMatch(/^2026-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}000Z$/);
  });

  it('the big-endian copy reads as the same frames and times', () => {
    const be = readCapture(fixture('lab-be.pcap.gz'));
    expect(be.frames.length).toBe(lab.frames.length);
    expect(digest(be.frames)).toBe(digest(lab.frames));
  });

  it('any split of the bytes into pieces gives the same frames (1 byte, odd sizes, 64 KiB)', () => {
    const buf = fixture('lab.pcap.gz');
    const whole = digest(lab.frames);
    for (const chunk of [1, 7, [3, 1, 4, 1, 5, 9, 2, 6], 65536]) {
      const r = readCapture(buf, chunk);
      expect(digest(r.frames), `chunk ${JSON.stringify(chunk)}`).toBe(whole);
    }
  });

  it('nanosecond pcap (magic a1b23c4d) keeps nine fraction digits', () => {
    const ns = readCapture(fixture('lab-ns.pcap.gz'));
    expect(ns.summary.interfaces[0]!.clock.unitsPerSecond).toBe(1e9);
    expect(ns.frames.length).toBeGreaterThan(4000);
    expect(ns.frames.some((f) => !/000Z$/.test(f.time))).toBe(true);
  });

  it('Linux cooked captures carry their link types (SLL 113, SLL2 276)', () => {
    expect(readCapture(fixture('lab-sll.pcap.gz')).summary.interfaces[0]!.linkType).toBe(LINKTYPE.LINUX_SLL);
    expect(readCapture(fixture('lab-sll2.pcap.gz')).summary.interfaces[0]!.linkType).toBe(LINKTYPE.LINUX_SLL2);
  });

  it('a snap-length capture counts its cut frames (stored shorter than on the wire)', () => {
    const s = readCapture(fixture('lab-snap128.pcap.gz'));
    expect(s.summary.cutFrames).toBeGreaterThan(100);
    expect(s.frames.every((f) => f.caplen <= 128)).toBe(true);
    expect(s.frames.some((f) => f.origLen > f.caplen)).toBe(true);
  });
});

describe('pcapng', () => {
  it('reads the recorded two-interface capture (dumpcap -i eth0 -i lo): two IDBs, EPBs of both', () => {
    const r = readCapture(fixture('lab.pcapng.gz'));
    expect(r.summary.format).toBe('pcapng');
    expect(r.summary.interfaces.length).toBe(2);
    expect(r.frames.length).toBeGreaterThan(4000);
    expect(new Set(r.frames.map((f) => f.interfaceId)).has(0)).toBe(true);
  });

  // Synthetic: a big-endian section with three interfaces of different link types and clocks, every packet block
  // kind, an unknown block and a name resolution block, then a little-endian section with its own interface.
  const frameA = Buffer.from('aaaaaaaaaaaa', 'utf8');
  const frameB = Buffer.from('bbbbbbbbbbbbbbbb', 'utf8');
  const synthetic = Buffer.concat([
    shb(false),
    idb(LINKTYPE.ETHERNET, false, [option(9, Buffer.from([9]), false)]), // ns
    idb(LINKTYPE.RAW, false, [option(9, Buffer.from([0x80 | 10]), false), option(14, Buffer.concat([u32(0, false), u32(100, false)]), false)]), // 2^-10 s, +100 s
    idb(LINKTYPE.LINUX_SLL2, false),
    epb(0, 1767225600123456789n, frameA, false),
    epb(1, 1767225600n * 1024n + 512n, frameB, false),
    block(0x00000bad, Buffer.alloc(100, 7), false),
    block(4, Buffer.alloc(16), false), // name resolution block: skipped
    spb(frameA, false),
    pb(2, 1767225601000000n, frameB, false),
    shb(true),
    idb(LINKTYPE.IPV4, true),
    epb(0, 1767225602000000n, frameA, true, 1500),
  ]);

  it('synthetic: both byte orders, several interfaces with their link types and if_tsresol/if_tsoffset, EPB/SPB/PB, unknown blocks skipped', () => {
    const r = readCapture(synthetic);
    expect(r.frames.map((f) => [f.interfaceId, f.linkType, f.caplen])).toEqual([
      [0, LINKTYPE.ETHERNET, 12],
      [1, LINKTYPE.RAW, 16],
      [0, LINKTYPE.ETHERNET, 12],
      [2, LINKTYPE.LINUX_SLL2, 16],
      [0, LINKTYPE.IPV4, 12],
    ]);
    expect(r.frames[0]!.time).toBe('2026-01-01T00:00:00.123456789Z');
    expect(r.frames[1]!.time).toBe('2026-01-01T00:01:40.500000000Z'); // 512/1024 s, plus the 100 s offset
    expect(r.frames[3]!.time).toBe('2026-01-01T00:00:01.000000000Z'); // the PB's µs clock (interface 2 has no tsresol)
    expect(r.frames[4]!.origLen).toBe(1500);
    expect(r.summary.skippedBlocks).toEqual({ '0x00000bad': 1, '0x00000004': 1 });
    expect(r.summary.cutFrames).toBe(1);
  });

  it('synthetic: the same bytes in any pieces give the same frames', () => {
    const whole = digest(readCapture(synthetic).frames);
    for (const chunk of [1, 2, 5, 13, 64]) expect(digest(readCapture(synthetic, chunk).frames)).toBe(whole);
  });
});

describe('damaged input: one-line UsageError naming the byte offset', () => {
  const cases: Array<[string, Buffer, RegExp]> = [
    ['empty', Buffer.alloc(0), /empty file \(0 bytes\)/],
    ['wrong magic', Buffer.from('GIF89a........................'), /not a pcap or pcapng capture \(starts with 0x47494638/],
    ['header cut', fixture('lab.pcap.gz').subarray(0, 10), /file ends inside the capture header/],
    ['record cut', fixture('lab.pcap.gz').subarray(0, 24 + 16 + 10), /file ends inside record 1/],
    ['lying record length', Buffer.concat([fixture('lab.pcap.gz').subarray(0, 24), Buffer.from([0, 0, 0, 0, 0, 0, 0, 0, 0xf0, 0xff, 0xff, 0xff, 0, 0, 0, 0])]), /record 1 claims 4294967280 captured bytes/],
    ['huge EPB', Buffer.concat([shb(), idb(1), u32(6), u32(0x7ffffff0)]), /claims 2147483632 bytes, more than 1048576/],
    ['pcapng trailer differs', (() => { const b = Buffer.concat([shb(), idb(1)]); b.writeUInt32LE(999, b.length - 4); return b; })(), /trailing length 999 differs/],
    ['packet of an undeclared interface', Buffer.concat([shb(), idb(1), epb(3, 0n, Buffer.alloc(4))]), /packet of interface 3, but this section declares 1/],
    ['unknown block past the end', Buffer.concat([shb(), u32(0xbad), u32(0xfffffff0), Buffer.alloc(64)]), /ends \d+ bytes past the end of the file/],
    ['pcapng version 2', (() => { const b = shb(); b.writeUInt16LE(2, 12); return b; })(), /pcapng version 2\.0 is not supported/],
    ['bad time resolution', Buffer.concat([shb(), idb(1, true, [option(9, Buffer.from([0x7f]))])]), /interface time resolution 127 is not supported/],
  ];
  for (const [name, buf, re] of cases) {
    it(name, () => {
      let err: unknown;
      try {
        readCapture(buf, 4096);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(UsageError);
      expect((err as UsageError).code).toBe('CAMAUDIT_ERR_INPUT');
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain('\n');
    });
  }
});
