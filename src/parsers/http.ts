// Raw HTTP response bytes → `http` evidence. Device web servers break every rule (bare LF, no status
// line, obs-fold, control bytes, `Name : value`), so this is a tolerant hand parser, bounded in size.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';

/** Longest input looked at; anything past it is not read (the probe keeps 256 KiB of body). */
export const HTTP_INPUT_MAX = 1024 * 1024;
/** Header block longer than this is cut. */
export const HEADER_BLOCK_MAX = 64 * 1024;
const MAX_HEADERS = 200;
const MAX_VALUE = 8192;
const BODY_TEXT_MAX = 16 * 1024;
const MAX_LIST = 50;

export interface HeaderBlock {
  /** First line when it is a status/request line, else null (HTTP/0.9 or a bare header list). */
  startLine: string | null;
  headers: Array<[string, string]>;
  /** Body bytes after the blank line (empty when there is none). */
  body: Buffer;
  /** True when a blank line ended the header block. */
  complete: boolean;
  notes: string[];
}

function findHeaderEnd(buf: Buffer): { end: number; sepLen: number } | null {
  const limit = Math.min(buf.length, HEADER_BLOCK_MAX + 4);
  for (let i = 0; i < limit; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return { end: i, sepLen: 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { end: i, sepLen: 3 };
  }
  return null;
}

/**
 * Splits a message into start line, headers (original order and case, duplicates kept) and body.
 * `startPattern` says what a start line looks like; without a match the block is read as headers only.
 */
export function splitMessage(input: Buffer | string, startPattern: RegExp): HeaderBlock {
  const notes: string[] = [];
  let buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
  if (buf.length > HTTP_INPUT_MAX) {
    notes.push(`input truncated at ${HTTP_INPUT_MAX} bytes`);
    buf = buf.subarray(0, HTTP_INPUT_MAX);
  }
  const end = findHeaderEnd(buf);
  let headText: string;
  let body: Buffer;
  if (end) {
    headText = buf.subarray(0, end.end).toString('latin1');
    body = buf.subarray(end.end + 1 + end.sepLen - 1);
  } else if (buf.length > HEADER_BLOCK_MAX) {
    notes.push(`header block truncated at ${HEADER_BLOCK_MAX} bytes`);
    headText = buf.subarray(0, HEADER_BLOCK_MAX).toString('latin1');
    body = Buffer.alloc(0);
  } else {
    headText = buf.toString('latin1');
    body = Buffer.alloc(0);
  }
  // Header bytes are read as latin1 (lossless), then re-decoded as UTF-8 where valid.
  const lines = headText.split(/\r?\n/);
  let startLine: string | null = null;
  if (lines.length && startPattern.test(lines[0])) startLine = utf8(lines.shift() as string).trimEnd();
  const headers: Array<[string, string]> = [];
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (!line) continue;
    if ((line[0] === ' ' || line[0] === '\t') && headers.length) {
      // obs-fold: a continuation of the previous header's value.
      const last = headers[headers.length - 1];
      last[1] = (last[1] + ' ' + utf8(line.trim())).slice(0, MAX_VALUE);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = utf8(line.slice(0, colon)).trim();
    if (!name || name.length > 256 || /\s/.test(name)) continue;
    if (headers.length >= MAX_HEADERS) {
      notes.push(`headers cut at ${MAX_HEADERS}`);
      break;
    }
    headers.push([name, utf8(line.slice(colon + 1)).trim().slice(0, MAX_VALUE)]);
  }
  return { startLine, headers, body, complete: !!end, notes };
}

function utf8(latin1: string): string {
  return Buffer.from(latin1, 'latin1').toString('utf8');
}

export function header(headers: Array<[string, string]>, name: string): string | undefined {
  const n = name.toLowerCase();
  return headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

export function headersAll(headers: Array<[string, string]>, name: string): string[] {
  const n = name.toLowerCase();
  return headers.filter(([k]) => k.toLowerCase() === n).map(([, v]) => v);
}

/** Scheme and realm of a WWW-Authenticate value (`Digest realm="x", nonce=…`). */
export function authChallenge(value: string): { scheme: string; realm?: string } {
  const scheme = (/^\s*([A-Za-z][\w-]*)/.exec(value)?.[1] ?? '').trim();
  const realm = /realm\s*=\s*(?:"([^"]*)"|([^,\s]*))/i.exec(value);
  const out: { scheme: string; realm?: string } = { scheme };
  if (realm) out.realm = realm[1] ?? realm[2] ?? '';
  return out;
}

/** Header-derived fields common to HTTP and RTSP. */
/** The header names in the order sent, Date left out ("CSeq|Session|Transport|x-Dynamic-Rate"): servers differ in it. */
export function headerShape(headers: Array<[string, string]>): string {
  return headers
    .map(([k]) => k)
    .filter((k) => k.toLowerCase() !== 'date')
    .join('|');
}

export function headerFields(headers: Array<[string, string]>): Fields {
  const f: Fields = {};
  const server = header(headers, 'server');
  if (server !== undefined) f.server = server;
  const auth = headersAll(headers, 'www-authenticate');
  if (auth.length) {
    f.wwwAuthenticate = auth.slice(0, MAX_LIST);
    const c = authChallenge(auth[0]);
    if (c.scheme) f['auth.scheme'] = c.scheme;
    if (c.realm !== undefined) f['auth.realm'] = c.realm;
  }
  f.headerNames = headers.map(([k]) => k);
  return f;
}

/** Undoes `Transfer-Encoding: chunked`; stops quietly at the first malformed chunk. */
export function dechunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let pos = 0;
  for (let n = 0; n < 100_000 && pos < body.length; n++) {
    const eol = body.indexOf('\n', pos);
    if (eol < 0) break;
    const size = parseInt(body.subarray(pos, eol).toString('latin1').split(';')[0].trim(), 16);
    if (!Number.isFinite(size) || size < 0) break;
    if (size === 0) break;
    const start = eol + 1;
    parts.push(body.subarray(start, Math.min(start + size, body.length)));
    pos = start + size;
    if (body[pos] === 0x0d) pos++;
    if (body[pos] === 0x0a) pos++;
  }
  return Buffer.concat(parts);
}

// --- HTML scraping with indexOf loops (no backtracking regexes over the whole body) ---

function tagsNamed(html: string, tag: string, max: number): string[] {
  const out: string[] = [];
  const lower = html.toLowerCase();
  let pos = 0;
  while (out.length < max) {
    const i = lower.indexOf('<' + tag, pos);
    if (i < 0) break;
    const after = lower[i + tag.length + 1];
    const close = lower.indexOf('>', i);
    if (close < 0) break;
    if (after === undefined || /[\s/>]/.test(after)) out.push(html.slice(i, Math.min(close + 1, i + 4096)));
    pos = close + 1;
  }
  return out;
}

function attr(tagText: string, name: string): string | undefined {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]{0,2048})"|'([^']{0,2048})'|([^\\s>]{1,2048}))`, 'i').exec(tagText);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

function titleOf(html: string): string | undefined {
  const lower = html.toLowerCase();
  const open = lower.indexOf('<title');
  if (open < 0) return undefined;
  const gt = lower.indexOf('>', open);
  if (gt < 0) return undefined;
  const close = lower.indexOf('</title', gt);
  const text = html.slice(gt + 1, close < 0 ? Math.min(html.length, gt + 1 + 1024) : close);
  return text.replace(/\s+/g, ' ').trim().slice(0, 1024);
}

/** Fields read from an HTML (or any text) body. */
export function bodyFields(bodyBuf: Buffer): Fields {
  const f: Fields = {};
  const html = bodyBuf.subarray(0, 256 * 1024).toString('utf8');
  const title = titleOf(html);
  if (title !== undefined) f.title = title;
  const metas = tagsNamed(html, 'meta', 100);
  for (const m of metas) {
    if ((attr(m, 'name') ?? '').toLowerCase() === 'generator') {
      const c = attr(m, 'content');
      if (c !== undefined) f.generator = c;
      break;
    }
  }
  const scripts = tagsNamed(html, 'script', 200)
    .map((t) => attr(t, 'src'))
    .filter((s): s is string => !!s)
    .slice(0, MAX_LIST);
  if (scripts.length) f.scripts = scripts;
  const links = tagsNamed(html, 'link', 200);
  const sheets = links
    .filter((t) => /stylesheet/i.test(attr(t, 'rel') ?? ''))
    .map((t) => attr(t, 'href'))
    .filter((s): s is string => !!s)
    .slice(0, MAX_LIST);
  if (sheets.length) f.stylesheets = sheets;
  const icon = links.find((t) => /(^|\s)(shortcut\s+)?icon(\s|$)/i.test(attr(t, 'rel') ?? ''));
  const iconHref = icon ? attr(icon, 'href') : undefined;
  if (iconHref) f.iconHref = iconHref;
  return f;
}

const STATUS_LINE = /^HTTP\/\d+(\.\d+)?\s+\d{3}/i;

export interface HttpParseOptions {
  /** The probe knows it talked HTTP: accept an HTTP/0.9 reply (a body with no status line). */
  assumeHttp?: boolean;
  /** The reader stopped at its byte cap. */
  truncatedAt?: number;
}

/** Parses a raw HTTP response. Exposed with options for the probes; `parse` is the plain contract. */
export function parseHttpResponse(input: Buffer | string, o: HttpParseOptions = {}): ParsedEvidence[] {
  try {
    const buf = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    const head = buf.subarray(0, 16).toString('latin1');
    const isStatus = STATUS_LINE.test(head) || /^HTTP\/\d/i.test(head);
    if (!isStatus && buf.length < 5 && buf.length > 0 && 'HTTP/'.startsWith(head.toUpperCase())) {
      // A status line cut after a few bytes (a slow-drip server stopped at the deadline).
      return [{ kind: 'http', fields: { statusLine: head }, notes: ['status line cut'] }];
    }
    if (!isStatus) {
      // HTTP/0.9: no status line, the bytes are the body. Only accepted when it looks like markup (a tag,
      // `<!`, `<?`: not curl's `< HTTP/1.1` response lines) or the caller knows it spoke HTTP.
      const text = buf.subarray(0, 64).toString('utf8').replace(/^\ufeff/, '').trimStart();
      if (!o.assumeHttp && !/^<[A-Za-z!?]/.test(text)) return [];
      if (!buf.length) return [];
      return [{ kind: 'http', fields: { version: 'HTTP/0.9', statusLine: '', ...bodyOnly(buf, o) }, notes: ['no status line (HTTP/0.9 style reply)'] }];
    }
    const msg = splitMessage(buf, /^HTTP\//i);
    const fields: Fields = {};
    const line = msg.startLine ?? '';
    fields.statusLine = line;
    const m = /^(HTTP\/\d+(?:\.\d+)?)\s+(\d{3})/i.exec(line);
    if (m) {
      fields.version = m[1].toUpperCase();
      fields.status = Number(m[2]);
    }
    Object.assign(fields, headerFields(msg.headers));
    // Every header as the device sent it ("Name: value", original order and case, duplicates kept), bounded.
    const all = boundedHeaderLines(msg.headers);
    fields.headers = all.lines;
    if (all.cut) msg.notes.push(`headers field cut at ${HEADERS_FIELD_MAX} bytes`);
    fields.headerShape = headerShape(msg.headers);
    const location = header(msg.headers, 'location');
    if (location !== undefined) fields.location = location;
    const cookies = headersAll(msg.headers, 'set-cookie')
      .map((c) => c.split('=')[0].trim())
      .filter(Boolean)
      .slice(0, MAX_LIST);
    if (cookies.length) fields.cookies = cookies;
    const ct = header(msg.headers, 'content-type');
    if (ct !== undefined) fields.contentType = ct;
    const notes = [...msg.notes];
    let body = msg.body;
    if (/chunked/i.test(header(msg.headers, 'transfer-encoding') ?? '')) body = dechunk(body);
    Object.assign(fields, bodyOnly(body, o));
    const cl = Number(header(msg.headers, 'content-length'));
    if (Number.isFinite(cl) && cl > msg.body.length && msg.complete && !/chunked/i.test(header(msg.headers, 'transfer-encoding') ?? '')) {
      fields.bodyTruncated = true;
    }
    if (!msg.complete) notes.push('header block not terminated');
    return [{ kind: 'http', fields, ...(notes.length ? { notes } : {}) }];
  } catch (e) {
    return [parseFailure('http', input, e)];
  }
}

/** Longest `headers` field kept (all "Name: value" lines together); the raw excerpt keeps the bytes too. */
export const HEADERS_FIELD_MAX = 16 * 1024;

function boundedHeaderLines(headers: Array<[string, string]>): { lines: string[]; cut: boolean } {
  const lines: string[] = [];
  let size = 0;
  for (const [k, v] of headers) {
    const line = `${k}: ${v}`;
    if (size + line.length > HEADERS_FIELD_MAX) return { lines, cut: true };
    lines.push(line);
    size += line.length;
  }
  return { lines, cut: false };
}

function bodyOnly(body: Buffer, o: HttpParseOptions): Fields {
  const f: Fields = {};
  f.body = body.subarray(0, BODY_TEXT_MAX).toString('utf8');
  f.bodyBytes = body.length;
  f.bodyTruncated = o.truncatedAt !== undefined;
  f.bom = body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf;
  Object.assign(f, bodyFields(body));
  return f;
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  return parseHttpResponse(input);
}
