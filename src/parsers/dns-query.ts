// The names a DNS query asks for (RFC 1035 §4.1.2): what a passive reader keeps as evidence of the device that
// asked (a camera resolving its maker's cloud). Queries only (QR clear, opcode QUERY); bounded: 8 questions, names of
// at most 255 bytes, compression pointers must point backwards. Never throws.
const QUESTIONS_MAX = 8;
const NAME_MAX = 255;

function readName(b: Buffer, start: number): { name: string; next: number } | null {
  const labels: string[] = [];
  let o = start;
  let next = -1;
  let bytes = 0;
  let limit = start;
  for (let hops = 0; hops < 16; ) {
    if (o >= b.length) return null;
    const len = b[o]!;
    if (len === 0) return { name: labels.join('.'), next: next < 0 ? o + 1 : next };
    if ((len & 0xc0) === 0xc0) {
      if (o + 1 >= b.length) return null;
      const target = ((len & 0x3f) << 8) | b[o + 1]!;
      if (next < 0) next = o + 2;
      if (target >= limit) return null;
      limit = target;
      o = target;
      hops++;
      continue;
    }
    if (len & 0xc0) return null;
    if (o + 1 + len > b.length) return null;
    bytes += len + 1;
    if (bytes > NAME_MAX) return null;
    labels.push(b.toString('latin1', o + 1, o + 1 + len));
    o += 1 + len;
  }
  return null;
}

export interface DnsQuestion {
  name: string;
  type: number;
}

/** The questions of a DNS query message; [] for responses, other opcodes and malformed bytes. */
export function dnsQuestions(b: Buffer): DnsQuestion[] {
  if (b.length < 12) return [];
  const flags = b.readUInt16BE(2);
  if (flags & 0x8000 || ((flags >> 11) & 0xf) !== 0) return [];
  const qd = Math.min(b.readUInt16BE(4), QUESTIONS_MAX);
  const out: DnsQuestion[] = [];
  let o = 12;
  for (let i = 0; i < qd; i++) {
    const n = readName(b, o);
    if (!n || n.next + 4 > b.length) break;
    // eslint-disable-next-line no-control-regex
    const name = n.name.toLowerCase().replace(/[\x00-\x20\x7f-\xff]/g, '');
    if (name) out.push({ name, type: b.readUInt16BE(n.next) });
    o = n.next + 4;
  }
  return out;
}
