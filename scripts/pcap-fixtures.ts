// Derived capture fixtures, made from the recorded lab captures (fixtures/pcap/make-lab-captures.sh runs this):
//   tag IN.pcap OUT.pcap.gz VLAN [INNER]  insert an 802.1Q tag (VLAN), or an 802.1ad outer tag VLAN plus an 802.1Q
//                                          inner tag INNER (QinQ), after the MAC addresses of every Ethernet frame
//   swap IN.pcap OUT.pcap.gz               the same capture written in the other byte order (big-endian headers)
//   hostile IN.pcap IN.pcapng OUTDIR       the damaged files the reader must refuse with one line (see HOSTILE)
// The tags are inserted because this machine's kernel cannot put them on a wire (no 802.1Q support), and the
// big-endian copy because no capture tool here writes one; every other byte is the recorded frame's.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync, gunzipSync } from 'node:zlib';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function load(file: string): Buffer {
  const b = readFileSync(file);
  return b[0] === 0x1f && b[1] === 0x8b ? gunzipSync(b) : b;
}

function save(file: string, data: Buffer): void {
  writeFileSync(file, file.endsWith('.gz') ? gzipSync(data, { level: 9 }) : data);
}

interface ClassicRecord {
  header: Buffer;
  data: Buffer;
}

/** A little-endian classic pcap: its header and records (this machine's tcpdump writes little-endian). */
function classic(b: Buffer): { header: Buffer; records: ClassicRecord[] } {
  if (b.readUInt32LE(0) !== 0xa1b2c3d4 && b.readUInt32LE(0) !== 0xa1b23c4d) throw new Error('not a little-endian classic pcap');
  const records: ClassicRecord[] = [];
  let o = 24;
  while (o + 16 <= b.length) {
    const incl = b.readUInt32LE(o + 8);
    records.push({ header: b.subarray(o, o + 16), data: b.subarray(o + 16, o + 16 + incl) });
    o += 16 + incl;
  }
  return { header: b.subarray(0, 24), records };
}

function tag(input: string, output: string, vlan: number, inner?: number): void {
  const { header, records } = classic(load(input));
  if (header.readUInt32LE(20) !== 1) throw new Error('not an Ethernet capture');
  const parts: Buffer[] = [header];
  for (const r of records) {
    const tags = inner === undefined ? [[0x8100, vlan]] : [[0x88a8, vlan], [0x8100, inner]];
    const tagBytes = Buffer.alloc(4 * tags.length);
    tags.forEach(([tpid, id], i) => {
      tagBytes.writeUInt16BE(tpid!, 4 * i);
      tagBytes.writeUInt16BE(id! & 0x0fff, 4 * i + 2);
    });
    const data = Buffer.concat([r.data.subarray(0, 12), tagBytes, r.data.subarray(12)]);
    const h = Buffer.from(r.header);
    h.writeUInt32LE(data.length, 8);
    h.writeUInt32LE(h.readUInt32LE(12) + tagBytes.length, 12);
    parts.push(h, data);
  }
  save(output, Buffer.concat(parts));
}

function swap(input: string, output: string): void {
  const { header, records } = classic(load(input));
  const h = Buffer.alloc(24);
  h.writeUInt32BE(header.readUInt32LE(0), 0);
  h.writeUInt16BE(header.readUInt16LE(4), 4);
  h.writeUInt16BE(header.readUInt16LE(6), 6);
  for (const o of [8, 12, 16, 20]) h.writeUInt32BE(header.readUInt32LE(o), o);
  const parts: Buffer[] = [h];
  for (const r of records) {
    const rh = Buffer.alloc(16);
    for (const o of [0, 4, 8, 12]) rh.writeUInt32BE(r.header.readUInt32LE(o), o);
    parts.push(rh, r.data);
  }
  save(output, Buffer.concat(parts));
}

/** Offsets of the blocks of a little-endian pcapng. */
function blocks(b: Buffer): Array<{ offset: number; type: number; length: number }> {
  const out: Array<{ offset: number; type: number; length: number }> = [];
  let o = 0;
  while (o + 12 <= b.length) {
    const type = b.readUInt32LE(o);
    const length = b.readUInt32LE(o + 4);
    out.push({ offset: o, type, length });
    o += length;
  }
  return out;
}

/** Every damaged file and what is wrong with it (the reader must stop each with one line, exit 2). */
export const HOSTILE: Record<string, string> = {
  'zero-length.pcap': 'an empty file (0 bytes)',
  'wrong-magic.pcap': 'a text file with a capture name (no pcap or pcapng magic)',
  'header-cut.pcap': 'the first 10 bytes of a pcap header',
  'truncated.pcap': 'the lab pcap cut in the middle of record 101',
  'truncated.pcapng': 'the lab pcapng cut in the middle of its 40th block',
  'corrupted.pcap': 'record 50 claims 4,294,967,280 captured bytes (a lying length)',
  'corrupted.pcapng': 'block 30: its trailing length differs from its leading length',
  'huge-block-length.pcapng': 'an Enhanced Packet Block claiming 2,147,483,632 bytes',
  'huge-unknown-block.pcapng': 'an unknown block type claiming 4,294,967,280 bytes in a 64 KiB file',
  'bad-interface.pcapng': 'a packet of interface 7 in a section that declares 2',
  'bad-gzip.pcap.gz': 'a gzip file whose compressed data is damaged',
};

function hostile(pcapFile: string, pcapngFile: string, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  const pcap = load(pcapFile);
  const ng = load(pcapngFile);
  const out = (name: string, data: Buffer): void => writeFileSync(path.join(outDir, name), data);
  out('zero-length.pcap', Buffer.alloc(0));
  out('wrong-magic.pcap', Buffer.from('{"protocol": "http", "payload": "HTTP/1.1 200 OK"}\n'));
  out('header-cut.pcap', pcap.subarray(0, 10));
  const { records } = classic(pcap);
  let o = 24;
  for (let i = 0; i < 100; i++) o += 16 + records[i]!.data.length;
  out('truncated.pcap', pcap.subarray(0, o + 16 + Math.floor(records[100]!.data.length / 2)));
  const bl = blocks(ng);
  const b40 = bl[39]!;
  out('truncated.pcapng', ng.subarray(0, b40.offset + Math.floor(b40.length / 2)));
  let o50 = 24;
  for (let i = 0; i < 49; i++) o50 += 16 + records[i]!.data.length;
  const c = Buffer.from(pcap.subarray(0, o50 + 16 + records[49]!.data.length + 4096));
  c.writeUInt32LE(0xfffffff0, o50 + 8);
  out('corrupted.pcap', c);
  const ngc = Buffer.from(ng.subarray(0, bl[40]!.offset));
  const b30 = bl[29]!;
  ngc.writeUInt32LE(b30.length + 4, b30.offset + b30.length - 4);
  out('corrupted.pcapng', ngc);
  const epb = bl.find((x, i) => x.type === 6 && i > 5)!;
  const huge = Buffer.from(ng.subarray(0, epb.offset + epb.length));
  huge.writeUInt32LE(0x7ffffff0, epb.offset + 4);
  out('huge-block-length.pcapng', huge);
  const head = ng.subarray(0, bl[3]!.offset);
  const unknown = Buffer.alloc(64 * 1024);
  unknown.writeUInt32LE(0x00000bad, 0);
  unknown.writeUInt32LE(0xfffffff0, 4);
  out('huge-unknown-block.pcapng', Buffer.concat([head, unknown]));
  const bad = Buffer.from(ng.subarray(0, epb.offset + epb.length));
  bad.writeUInt32LE(7, epb.offset + 8);
  out('bad-interface.pcapng', bad);
  const gz = gzipSync(pcap.subarray(0, 200_000), { level: 9 });
  const damaged = Buffer.from(gz);
  for (let i = 2000; i < 2400; i++) damaged[i] = damaged[i]! ^ 0x5a;
  out('bad-gzip.pcap.gz', damaged);
  writeFileSync(path.join(outDir, 'README.md'), ['# Damaged captures (made by scripts/pcap-fixtures.ts hostile from the lab captures)', '', 'Each must end `camaudit pcap` with exit 2 and one line on stderr (test/passive/hostile-files.test.ts).', '', ...Object.entries(HOSTILE).map(([f, why]) => `- \`${f}\`: ${why}`), ''].join('\n'));
}

const [cmd, ...args] = process.argv.slice(2);
const direct = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (!direct) {
  // imported (a test reading HOSTILE): nothing to run
} else if (cmd === 'tag') tag(args[0]!, args[1]!, Number(args[2]), args[3] !== undefined ? Number(args[3]) : undefined);
else if (cmd === 'swap') swap(args[0]!, args[1]!);
else if (cmd === 'hostile') hostile(args[0]!, args[1]!, args[2]!);
else {
  process.stderr.write('usage: pcap-fixtures.ts tag IN OUT VLAN [INNER] | swap IN OUT | hostile IN.pcap IN.pcapng OUTDIR\n');
  process.exitCode = 2;
}
