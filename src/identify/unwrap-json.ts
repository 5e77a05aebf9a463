// JSON that a tool wrote around a device's reply, turned back into the messages it holds (unwrap.ts reads them):
// - a HAR log (browser devtools "Save all as HAR", proxies): each response's status, its headers as name/value
//   pairs and its text content become one HTTP message;
// - a scanner's or client's header map: zgrab2 / Censys `"headers": {"server": ["…"], "www_authenticate": […]}`,
//   a client's `"headers": {"Server": "…"}`: header lines, under the status code stored beside them when there is one;
// - a header map printed on its own: Python's `r.headers` (`{'Server': 'App-webs/', …}`, also inside
//   `CaseInsensitiveDict(…)`), Node's `res.headers` (`{ server: 'App-webs/' }`), Go's `map[Server:[App-webs/]]`;
// - a scanner's summary of a web server: httpx's `webserver`/`title`, Shodan's `http: {server, title, html}`;
// - a raw banner kept in a string (Shodan's `data`, masscan's and Censys' `banner`): a string value that opens with a
//   status line or an SSH identification line is that message.
// The walk is bounded (depth, nodes, messages); what it finds is added to the JSON document itself, which is still read.
import { parseJson } from '../core/failure.js';
import { parseJsonish } from '../parsers/lenient.js';
import { HTTP_HEADER_NAMES, titlePage } from './forms.js';

const DEPTH_MAX = 16;
const NODES_MAX = 20_000;
const MESSAGES_MAX = 32;
const HEADERS_MAX = 200;
const VALUE_MAX = 8192;
const BODY_MAX = 64 * 1024;

export interface JsonMessage {
  text: string;
  hint: 'http' | 'rtsp' | 'any';
  note: string;
}

/** A header name as JSON keys write it (`www_authenticate`, `WWW-Authenticate`): the wire form, or null. */
function headerName(key: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_-]{0,63}$/.test(key)) return null;
  return key.replace(/_/g, '-');
}

/** A header value as JSON holds it: a string or a list of strings (one line each). */
function headerValues(v: unknown): string[] {
  const one = (x: unknown): string | null => (typeof x === 'string' ? x.slice(0, VALUE_MAX).replace(/[\r\n]+/g, ' ') : typeof x === 'number' ? String(x) : null);
  if (Array.isArray(v)) return v.slice(0, 16).map(one).filter((x): x is string => x !== null);
  const s = one(v);
  return s === null ? [] : [s];
}

/** Header maps are recognised by the headers that identify a device's server, not by any object with string values. */
const TELLING = /^(?:server|www-authenticate|set-cookie|x-powered-by)$/i;

function statusOf(o: Record<string, unknown>): number | null {
  for (const k of ['status_code', 'statusCode', 'status', 'code']) {
    const v = o[k];
    const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{3}$/.test(v.trim()) ? Number(v) : NaN;
    if (Number.isInteger(n) && n >= 100 && n <= 599) return n;
  }
  const line = typeof o.status_line === 'string' ? /^\s*(\d{3})\b/.exec(o.status_line) : null;
  return line ? Number(line[1]) : null;
}

function reasonOf(o: Record<string, unknown>): string {
  const r = o.statusText ?? o.reason ?? o.status_text;
  return typeof r === 'string' ? r.slice(0, 80).replace(/[\r\n]/g, ' ') : '';
}

/**
 * An object that is itself a header map (most of its keys are HTTP header names, one of them a telling one): its
 * header lines, or null. Any object with a `server` key is not one: the names must be headers.
 */
function ownHeaderLines(o: Record<string, unknown>): string[] | null {
  const keys = Object.keys(o).slice(0, HEADERS_MAX);
  const known = keys.filter((k) => HTTP_HEADER_NAMES.has(k.toLowerCase().replace(/_/g, '-'))).length;
  if (keys.length < 2 || known * 3 < keys.length * 2) return null;
  return headerLines(o);
}

/** A scanner's summary of a web server (httpx `webserver`/`title`; Shodan `http: {server, title, html}`) as a message. */
function summaryText(o: Record<string, unknown>): string | null {
  const server = typeof o.webserver === 'string' ? o.webserver : typeof o.server === 'string' && (typeof o.title === 'string' || typeof o.html === 'string') ? o.server : null;
  if (server === null) return null;
  const title = typeof o.title === 'string' ? o.title.slice(0, 1024) : '';
  const html = typeof o.html === 'string' ? o.html.slice(0, BODY_MAX) : '';
  const lines = [`Server: ${server.slice(0, VALUE_MAX).replace(/[\r\n]+/g, ' ')}`];
  const body = html || (title ? titlePage(title) : '');
  return lines.join('\r\n') + (body ? `\r\n\r\n${body}` : '');
}

/** Go's fmt of an http.Header: `map[Content-Type:[text/html] Server:[App-webs/]]`, as header lines, or null. */
export function goHeaderMap(text: string): string | null {
  const m = /(?:^|\s)map\[((?:[A-Z][\w-]{0,63}:\[[^\]\n]{0,2000}\]\s?){1,200})\]/.exec(text.slice(0, BODY_MAX));
  if (!m) return null;
  const lines = [...m[1]!.matchAll(/([A-Z][\w-]{0,63}):\[([^\]\n]{0,2000})\]/g)].map((x) => `${x[1]}: ${x[2]}`);
  return lines.some((l) => TELLING.test(l.slice(0, l.indexOf(':')))) ? lines.join('\r\n') : null;
}

/** HAR `headers: [{name, value}, …]`, or a map `{Server: "…"}` / `{server: ["…"]}`: header lines, or null. */
function headerLines(h: unknown): string[] | null {
  const lines: string[] = [];
  if (Array.isArray(h)) {
    for (const x of h.slice(0, HEADERS_MAX)) {
      if (!x || typeof x !== 'object') return null;
      const { name, value } = x as { name?: unknown; value?: unknown };
      const n = typeof name === 'string' ? headerName(name) : null;
      if (!n || typeof value !== 'string') return null;
      lines.push(`${n}: ${value.slice(0, VALUE_MAX).replace(/[\r\n]+/g, ' ')}`);
    }
  } else if (h && typeof h === 'object') {
    for (const [k, v] of Object.entries(h as Record<string, unknown>).slice(0, HEADERS_MAX)) {
      const n = headerName(k);
      if (!n) continue;
      for (const value of headerValues(v)) lines.push(`${n}: ${value}`);
    }
  } else return null;
  return lines.some((l) => TELLING.test(l.slice(0, l.indexOf(':')))) ? lines : null;
}

/** A HAR response's text content, when it is text (not base64) and not too long. */
function harContent(o: Record<string, unknown>): string {
  const c = o.content;
  if (!c || typeof c !== 'object') return '';
  const { text, encoding } = c as { text?: unknown; encoding?: unknown };
  return typeof text === 'string' && encoding !== 'base64' ? text.slice(0, BODY_MAX) : '';
}

const BANNER = /^\s*(?:(?:HTTP|RTSP)\/\d(?:\.\d)?\s+\d{3}\b|SSH-\d\.\d{1,2}-\S)/;

/** Messages found in a JSON text; [] when it is not JSON or holds none. Never throws. */
export function jsonMessages(text: string): JsonMessage[] {
  const t = text.trim();
  const out: JsonMessage[] = [];
  const go = goHeaderMap(t);
  if (go) out.push({ text: go, hint: 'http', note: "decoded form: Go's printed http.Header map" });
  // JSON, or the forms people print it in (a Python dict, a call around one, Node's util.inspect), cut off or whole.
  const parsed: { ok: boolean; value?: unknown } = /^[{[]/.test(t) ? parseJson(t) : { ok: false };
  const value = parsed.ok ? parsed.value : /^[\w.]{0,40}\(?\s*[{[]/.test(t) ? parseJsonish(t)?.value : undefined;
  if (value === undefined) return out;
  let nodes = 0;
  const walk = (v: unknown, depth: number): void => {
    if (out.length >= MESSAGES_MAX || ++nodes > NODES_MAX || depth > DEPTH_MAX) return;
    if (typeof v === 'string') {
      if (BANNER.test(v)) {
        const msg = v.slice(0, BODY_MAX).trimStart();
        out.push({ text: msg, hint: /^RTSP\//.test(msg) ? 'rtsp' : /^SSH-/.test(msg) ? 'any' : 'http', note: 'decoded form: a reply kept as a string in JSON (a scanner banner)' });
      }
      return;
    }
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, 1000)) walk(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const own = depth === 0 || !('headers' in o) ? ownHeaderLines(o) : null;
    if (own) {
      out.push({ text: own.join('\r\n'), hint: 'http', note: 'decoded form: a header map printed on its own (a client\'s response headers)' });
      return;
    }
    const summary = summaryText(o);
    if (summary) out.push({ text: summary, hint: 'http', note: "decoded form: a scanner's summary of a web server (server, title)" });
    const lines = 'headers' in o ? headerLines(o.headers) : null;
    if (lines) {
      const status = statusOf(o);
      const body = harContent(o);
      const rtsp = lines.some((l) => /^(?:cseq|public|rtp-info):/i.test(l));
      const head = status !== null ? [`${rtsp ? 'RTSP/1.0' : 'HTTP/1.1'} ${status} ${reasonOf(o)}`.trimEnd()] : [];
      out.push({
        text: [...head, ...lines].join('\r\n') + (body ? `\r\n\r\n${body}` : status !== null ? '\r\n\r\n' : ''),
        hint: rtsp ? 'rtsp' : 'http',
        note: Array.isArray(o.headers) ? 'decoded form: a HAR entry (status, name/value headers, content)' : 'decoded form: a header map in JSON (a scanner or client record)',
      });
    }
    for (const [k, x] of Object.entries(o)) if (k !== 'headers' || !lines) walk(x, depth + 1);
  };
  walk(value, 0);
  return out;
}

// A header map printed inside a longer text (round 8): a Python session (`>>> r.headers` then `{'Server': …}` or
// `CaseInsensitiveDict({…})`, IPython's `Out[5]:`), aiohttp's `<CIMultiDictProxy('Server': 'nginx', …)>` (after its
// `<ClientResponse(url) [401 Unauthorized]>` line, which gives the status), urllib3's `HTTPHeaderDict({…})`.
const MAP_LINE = /^(?:Out\[\d{1,5}\]:[ \t]*|#[ \t]{0,3})?(<CIMultiDict(?:Proxy)?\(|(?:CaseInsensitiveDict|HTTPHeaderDict|Headers)\(\{|\{['"])/;
// node-fetch's Headers through util.inspect: `Headers {` then `[Symbol(map)]: [Object: null prototype] {` and the names
// with their values as lists (`server: [ 'nginx' ]`), after whatever the log wrote before it on the line.
const NODE_FETCH_MAP = /\[Symbol\(map\)\]: \[Object: null prototype\] (\{)/;
const AIOHTTP_RESPONSE = /<ClientResponse\([^\n]{0,2000}?\) \[(\d{3})(?: ([^\]\n]{0,80}))?\]>\s*$/;
const CANDIDATES_MAX = 64;
/** A printed header map is a few KiB: each candidate is read from at most this much text. */
const MAP_TEXT_MAX = 16 * 1024;

/** Header maps printed inside a longer text, each as header lines (under the status aiohttp's line gives). */
export function embeddedHeaderMaps(text: string): JsonMessage[] {
  const lines = text.split('\n', 20_000);
  const out: JsonMessage[] = [];
  let offset = 0;
  let tried = 0;
  for (const [i, line] of lines.entries()) {
    const at = offset;
    offset += line.length + 1;
    const node = NODE_FETCH_MAP.exec(line.slice(0, 400));
    const m = node ?? MAP_LINE.exec(line);
    if (!m) continue;
    if (++tried > CANDIDATES_MAX || out.length >= MESSAGES_MAX) break;
    let candidate = text.slice(at + (node ? node.index + node[0].length - 1 : line.indexOf(m[1]!)), at + MAP_TEXT_MAX);
    if (m[1]!.startsWith('<')) {
      // aiohttp prints its pairs between `<CIMultiDictProxy(` and `)>`: the same pairs in braces.
      const end = candidate.indexOf(')>');
      candidate = `{${candidate.slice(m[1]!.length, end < 0 ? undefined : end)}}`;
    }
    // util.inspect past its depth writes `[Array]` / `[Object]` for a value: no value.
    if (node) candidate = candidate.replace(/\[(?:Array|Object)\]/g, 'null');
    // A commented listing (`#  'Server': …` over several lines): the comment marks taken off.
    if (line.startsWith('#')) candidate = candidate.replace(/^#[ \t]{0,3}/gm, '');
    // A map its type names as headers (aiohttp's, requests', urllib3's) needs only a telling header; a bare dict must
    // also be mostly header names (jsonMessages' own test).
    const typed = node !== null || m[1]!.startsWith('<') || /^\w/.test(m[1]!);
    const value = typed ? parseJsonish(candidate)?.value : undefined;
    const typedLines = value && typeof value === 'object' && !Array.isArray(value) ? headerLines(value) : null;
    const maps = typedLines
      ? [{ text: typedLines.join('\r\n'), hint: 'http' as const, note: '' }]
      : jsonMessages(candidate).filter((x) => x.note.startsWith('decoded form: a header map printed on its own'));
    if (!maps.length) continue;
    const status = AIOHTTP_RESPONSE.exec(lines[i - 1] ?? '');
    for (const x of maps.slice(0, 1)) {
      out.push(status ? { ...x, text: `HTTP/1.1 ${status[1]} ${status[2] ?? ''}`.trimEnd() + '\r\n' + x.text + '\r\n\r\n', note: 'decoded form: a header map printed in a session or log (aiohttp, requests, urllib3)' } : { ...x, note: 'decoded form: a header map printed in a session or log (aiohttp, requests, urllib3)' });
    }
  }
  return out;
}
