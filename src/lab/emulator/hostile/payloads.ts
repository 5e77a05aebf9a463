// Pure builders of hostile payloads (synthetic: no real device sent these). Sizes are bounded by parameters with
// hard ceilings; UDP payloads never exceed one datagram (MAX_DATAGRAM).
export const MAX_DATAGRAM = 65_000;

const clamp = (v: unknown, min: number, max: number, dflt: number): number => {
  const n = Number(v);
  return Number.isFinite(n) ? Math.min(max, Math.max(min, Math.floor(n))) : dflt;
};
export { clamp };

/** Billion-laughs document: `levels` entities each 10× the last, referenced from `rootTag`. */
export function xmlBomb(rootTag = 'root', levels = 9): string {
  const lv = clamp(levels, 1, 12, 9);
  let dtd = '<!ENTITY e0 "lol">';
  for (let i = 1; i <= lv; i++) dtd += `<!ENTITY e${i} "${`&e${i - 1};`.repeat(10)}">`;
  return `<?xml version="1.0"?><!DOCTYPE ${rootTag} [${dtd}]><${rootTag}>&e${lv};</${rootTag}>`;
}

/** `depth` nested elements inside `prefix` … `suffix` (unclosed when `close` is false). */
export function deepXml(prefix: string, depth: number, suffix: string, close = true): string {
  const d = clamp(depth, 1, 1_000_000, 100_000);
  return prefix + '<a>'.repeat(d) + (close ? '</a>'.repeat(d) : '') + suffix;
}

/** Largest depth whose document still fits one datagram. */
export function datagramDepth(prefix: string, suffix: string, close: boolean): number {
  const per = close ? 7 : 3;
  return Math.max(1, Math.floor((MAX_DATAGRAM - prefix.length - suffix.length) / per));
}

/** Malformed DNS responses (mDNS port 5353): a compression loop, counts larger than the packet, or both. */
export function malformedDns(shape: string, id = 0): Buffer {
  const hdr = Buffer.alloc(12);
  hdr.writeUInt16BE(id & 0xffff, 0);
  hdr.writeUInt16BE(0x8400, 2); // response, authoritative
  if (shape === 'counts') {
    // 65535 answers claimed, one partial record present.
    hdr.writeUInt16BE(0xffff, 6);
    hdr.writeUInt16BE(0xffff, 8);
    hdr.writeUInt16BE(0xffff, 10);
    return Buffer.concat([hdr, Buffer.from([5, 0x5f, 0x68, 0x69, 0x6b, 0x76, 0, 0, 12, 0, 1, 0, 0, 0, 120, 0xff, 0xff, 1, 2])]);
  }
  hdr.writeUInt16BE(2, 6);
  // Answer 1: name = pointer to itself (offset 12). Answer 2: two names pointing at each other.
  const self = Buffer.from([0xc0, 12]);
  const rr = (name: Buffer, rdata: Buffer): Buffer => {
    const f = Buffer.alloc(10);
    f.writeUInt16BE(12, 0); // PTR
    f.writeUInt16BE(1, 2);
    f.writeUInt32BE(120, 4);
    f.writeUInt16BE(rdata.length, 8);
    return Buffer.concat([name, f, rdata]);
  };
  const first = rr(self, Buffer.from([0xc0, 12])); // rdata also points at the looping name
  const second = 12 + first.length;
  const loopPair = rr(Buffer.from([0xc0, second + 12]), Buffer.from([0xc0, second])); // rdata → name → rdata …
  return Buffer.concat([hdr, first, loopPair]);
}

/** DHIP datagram whose header lengths lie: 'huge' (0xffffffff), 'zero', 'mismatch' (two lengths differ), 'short'. */
export function lyingDhip(json: string, lie: string): Buffer {
  const body = Buffer.from(json);
  const h = Buffer.alloc(32);
  h.writeUInt32LE(0x20, 0);
  h.write('DHIP', 4, 'latin1');
  const len = lie === 'zero' ? 0 : lie === 'short' ? Math.max(0, body.length >> 1) : 0xffffffff;
  h.writeUInt32LE(len >>> 0, 16);
  h.writeUInt32LE(lie === 'mismatch' ? 7 : len >>> 0, 24);
  return Buffer.concat([h, body]);
}

/** Xiongmai 34569 reply (message id 1531) whose data length lies. */
export function lyingXiongmai(json: string, lie: string): Buffer {
  const body = Buffer.from(json);
  const h = Buffer.alloc(20);
  h[0] = 0xff;
  h.writeUInt16LE(1531, 14);
  h.writeUInt32LE((lie === 'zero' ? 0 : lie === 'short' ? body.length >> 1 : 0xffffffff) >>> 0, 16);
  return Buffer.concat([h, body]);
}

/** SADP ProbeMatch whose named fields are filled to fill one datagram (a "megabyte" field cut to what UDP carries). */
export function hugeSadp(uuid: string, ip: string, fields: string[]): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>${uuid}</Uuid><Types>inquiry</Types><IPv4Address>${ip}</IPv4Address>`;
  const tail = '</ProbeMatch>';
  const names = fields.length ? fields : ['DeviceDescription'];
  const room = MAX_DATAGRAM - head.length - tail.length - names.reduce((n, f) => n + 2 * f.length + 5, 0);
  const each = Math.max(0, Math.floor(room / names.length));
  return head + names.map((f) => `<${f}>${'M'.repeat(each)}</${f}>`).join('') + tail;
}

/** Bytes that are not valid UTF-8 plus NUL bytes, to splice into any text reply. */
export const INVALID_UTF8 = Buffer.from([0x00, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc, 0xff, 0xfe, 0x00]);
