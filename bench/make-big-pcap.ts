// Makes the ≥ 1 GB capture for bench/pcap.sh from the recorded lab capture (fixtures/pcap/lab.pcap.gz): the lab's
// frames written again and again, each copy 15 s after the last, with the scanner's ephemeral ports moved per copy
// so every copy's TCP connections are new ones (a reader cannot answer copy 2 from its memory of copy 1). Written
// in the lab file's own format (classic pcap, µs, little-endian). Not committed (bench/out/ is ignored).
//   node --import tsx bench/make-big-pcap.ts OUT.pcap [MIN_BYTES]
import { createWriteStream, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const out = process.argv[2];
const minBytes = Number(process.argv[3] ?? 1024 ** 3);
if (!out) {
  process.stderr.write('usage: make-big-pcap.ts OUT.pcap [MIN_BYTES]\n');
  process.exit(2);
}
const lab = gunzipSync(readFileSync(path.join(ROOT, 'fixtures/pcap/lab.pcap.gz')));
const header = lab.subarray(0, 24);
const SCANNER = (198 << 24) | (18 << 16) | 2; // 198.18.0.2, the lab's scanner
const records: Buffer[] = [];
for (let o = 24; o + 16 <= lab.length; ) {
  const incl = lab.readUInt32LE(o + 8);
  records.push(lab.subarray(o, o + 16 + incl));
  o += 16 + incl;
}
const first = records[0]!.readUInt32LE(0);
const span = records[records.length - 1]!.readUInt32LE(0) - first + 15;

/** Moves an ephemeral port of the scanner by copy k (the server side's well-known port stays). */
function shift(port: number, k: number): number {
  return port >= 32768 ? 32768 + ((port - 32768 + k * 2003) % 28231) : port;
}

const ws = createWriteStream(out, { highWaterMark: 4 * 1024 * 1024 });
ws.write(header);
let written = 24;
let copy = 0;
async function main(): Promise<void> {
  while (written < minBytes) {
    for (const r of records) {
      const b = Buffer.from(r);
      b.writeUInt32LE(b.readUInt32LE(0) + copy * span, 0);
      // Ethernet, IPv4 (no options assumed beyond IHL), TCP/UDP ports.
      if (b.length >= 16 + 34 && b.readUInt16BE(16 + 12) === 0x0800) {
        const ip = 16 + 14;
        const ihl = (b[ip]! & 0x0f) * 4;
        const proto = b[ip + 9];
        const src = b.readUInt32BE(ip + 12) | 0;
        const dst = b.readUInt32BE(ip + 16) | 0;
        const t = ip + ihl;
        if ((proto === 6 || proto === 17) && b.length >= t + 4 && (b.readUInt16BE(ip + 6) & 0x1fff) === 0) {
          if (src === SCANNER) b.writeUInt16BE(shift(b.readUInt16BE(t), copy), t);
          if (dst === SCANNER) b.writeUInt16BE(shift(b.readUInt16BE(t + 2), copy), t + 2);
        }
      }
      if (!ws.write(b)) await new Promise<void>((r) => ws.once('drain', () => r()));
      written += b.length;
    }
    copy++;
  }
  await new Promise<void>((r) => ws.end(() => r()));
  process.stdout.write(`${out}: ${written} bytes, ${copy} copies of ${records.length} frames (${copy * records.length} frames)\n`);
}
await main();
