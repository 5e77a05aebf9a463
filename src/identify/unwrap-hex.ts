// Packet bytes as people paste them, turned back into the message they carry (unwrap.ts reads it):
// - hex dumps with an offset column: xxd (`00000000: 4854 5450 …  HTTP…`), hexdump -C (`00000000  48 54 … |HTTP…|`),
//   tcpdump -X/-XX (`\t0x0000:  4500 0134 …  E..4`), Wireshark's hex pane (`0000   45 00 01 34 …   E..4`);
// - tcpdump -A: the packet as text, headers as garbage before the message and each CR printed as a `.`.
// The bytes are decoded (a line holds as many bytes as the next offset says; the last line stops at the ASCII
// column), and the message is taken from where it starts: a status or request line, an SSH identification, an XML
// document. The dump itself stays a piece of its own, for the readers of binary replies (SADP, DHIP …).

import { LINES_MAX } from './unwrap-limits.js';

const BYTES_MAX = 256 * 1024;

interface DumpLine {
  offset: number;
  /** The text after the offset column. */
  rest: string;
}

const OFFSET_LINE = /^\s*(?:0x)?([0-9a-fA-F]{4,8}):?(?=\s)(.*)$/;

/** Hex byte tokens of one line's rest: up to `max` bytes, stopping at the ASCII column (a `|`, or a gap of 3+ spaces). */
function lineBytes(rest: string, max: number, last: boolean): number[] | null {
  const out: number[] = [];
  const s = rest.split('|')[0]!;
  const re = /(\s+)([0-9a-fA-F]{2}|[0-9a-fA-F]{4})(?=\s|$)/y;
  let m: RegExpExecArray | null;
  let first = true;
  while (out.length < max && (m = re.exec(s))) {
    // Past the first token, a gap of three spaces or more is the ASCII column (the short last line's padding).
    if (!first && last && m[1]!.length > 2) break;
    first = false;
    for (let i = 0; i < m[2]!.length; i += 2) out.push(parseInt(m[2]!.slice(i, i + 2), 16));
  }
  return out.length ? out.slice(0, max) : null;
}

/** The bytes of a hex dump with an offset column, or null when the text is not one (offsets must run on). */
export function hexDumpBytes(text: string): Buffer | null {
  const lines: DumpLine[] = [];
  for (const raw of text.split('\n', LINES_MAX)) {
    const m = OFFSET_LINE.exec(raw.replace(/\r$/, ''));
    if (!m) continue;
    lines.push({ offset: parseInt(m[1]!, 16), rest: m[2]! });
  }
  if (lines.length < 2 || lines[0]!.offset !== 0) return null;
  const bytes: number[] = [];
  for (const [i, l] of lines.entries()) {
    const next = lines[i + 1];
    if (next && next.offset <= l.offset) break; // a second dump (another packet) starts: the first is enough
    const want = next ? next.offset - l.offset : 16;
    if (want > 32 || l.offset !== bytes.length) return bytes.length ? Buffer.from(bytes) : null;
    const b = lineBytes(l.rest, want, !next);
    if (!b || (next && b.length !== want)) return bytes.length ? Buffer.from(bytes) : null;
    bytes.push(...b);
    if (bytes.length >= BYTES_MAX) break;
  }
  return bytes.length >= 8 ? Buffer.from(bytes) : null;
}

// JSON inside binary replies (DHIP, DVRIP) is left to those protocols' own readers of the dump.
const MESSAGE_START = /(?:HTTP|RTSP|SIP)\/\d\.\d \d{3}\b|(?:GET|POST|OPTIONS|DESCRIBE|M-SEARCH|NOTIFY|INVITE|REGISTER) \S+ (?:HTTP|RTSP|SIP)\/\d\.\d|SSH-\d\.\d{1,2}-|<\?xml/;

/** The message a packet's bytes carry (from its start on), as text, or null when none is there. */
export function messageIn(bytes: Buffer): string | null {
  const text = bytes.toString('latin1');
  const m = MESSAGE_START.exec(text);
  return m ? text.slice(m.index) : framedJson(bytes);
}

/**
 * The JSON object of a binary-framed message: a vendor header of a few bytes, at least one of them a control byte,
 * then `{"key":` — Dahua's DHIP (32-byte header, magic "DHIP" at 4), Xiongmai's Sofia (20-byte header from 0xff).
 * Taken from its brace to the last closing brace, as UTF-8; null when the bytes hold no such frame.
 */
function framedJson(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 96).toString('latin1');
  const m = /\{\s*"[\w.]{1,40}"\s*:/.exec(head);
  if (!m || m.index < 4 || !/[\x00-\x08\x0e-\x1f\x7f-\xff]/.test(head.slice(0, m.index))) return null;
  const body = bytes.subarray(m.index).toString('utf8');
  const end = body.lastIndexOf('}');
  return end > 0 ? body.slice(0, end + 1) : null;
}

const TCPDUMP_HEAD = /^\d\d:\d\d:\d\d(?:\.\d{1,9})? (?:IP6?|ARP|\w+) \S+ > \S+:/m;

/** tcpdump -A: the message after the packet's header bytes, each line's CR (printed as `.`) taken off. */
export function tcpdumpAscii(text: string): string | null {
  if (!TCPDUMP_HEAD.test(text)) return null;
  const m = MESSAGE_START.exec(text);
  if (!m) return null;
  const lines = text.slice(m.index).split('\n', LINES_MAX);
  const out: string[] = [];
  for (const l of lines) {
    if (TCPDUMP_HEAD.test(l)) break; // the next packet
    out.push(l.endsWith('.') ? l.slice(0, -1) : l);
  }
  return out.join('\r\n');
}

/** A hex stream (Wireshark's "Copy as Hex Stream", a `payload_hex` value): its bytes, or null when the text is not one. */
export function hexStreamBytes(text: string): Buffer | null {
  const t = text.replace(/\s+/g, '');
  if (t.length < 16 || t.length > 2 * BYTES_MAX || t.length % 2 || !/^[0-9a-fA-F]+$/.test(t)) return null;
  return Buffer.from(t, 'hex');
}
