// Client outputs that carry a device's reply in their own shape, turned back into message lines before unwrap.ts
// reads them (round 8):
// - Android's logcat, as RTSP/HTTP client libraries on Android log each message (ExoPlayer / androidx media3
//   RtspClient with setDebugLoggingEnabled, pedroSG94's RTSP-Server, rtsp-client-android): `adb logcat -v threadtime`
//   gives every line its own prefix (`09:02:19.508 10058 10149 D RtspClient: RTSP/1.0 401 Unauthorized`), Android
//   Studio prefixes a message's first line only and indents the rest (`2019-07-24 19:16:10.126
//   5865-6000/com.example V/Receiver: RTSP/1.0 401 …` then `    CSeq: 2`; since 2022 `… 30060-30620 Client
//   com.example I  RTSP/1.0 200 OK` with the rest aligned under the message column), `-v brief` gives `D/Tag(123): `.
//   The prefixes come off, and the indent of a message's following lines.

import { LINES_MAX } from './unwrap-limits.js';

/** A header line with a value (`Name: value`), as the client outputs below print each header. */
const HEADER_WITH_VALUE = /^[A-Za-z][\w-]{0,63}: ?\S/;

const LEVEL = '[VDIWEFA]';
const TAG = String.raw`[\w.$/-]{1,80}`;
/** The logcat prefixes, whole (timestamp, ids, level, tag), each anchored at a line's start. */
const LOGCAT_PREFIX = new RegExp(
  '^(?:' +
    [
      // adb logcat -v threadtime (date optional, as some copies drop it): 09-30 10:00:00.123  1234  1300 D RtspClient: …
      String.raw`(?:\d\d-\d\d\s+)?\d\d:\d\d:\d\d\.\d{3}\s+\d{1,7}\s+\d{1,7}\s+${LEVEL}\s+${TAG}\s*:[ \t]?`,
      // Android Studio before 2022: 2019-07-24 19:16:10.126 5865-6000/com.example.app V/Receiver: …
      String.raw`\d{4}-\d\d-\d\d\s+\d\d:\d\d:\d\d\.\d{3}\s+\d{1,7}-\d{1,7}\/[\w.:?-]{1,120}\s+${LEVEL}\/${TAG}\s*:[ \t]?`,
      // Android Studio since 2022: 2023-11-13 18:23:10.512 30060-30620 Client  com.example.app  I  …
      String.raw`\d{4}-\d\d-\d\d\s+\d\d:\d\d:\d\d\.\d{3}\s+\d{1,7}-\d{1,7}\s+${TAG}\s+[\w.:?-]{1,120}\s+${LEVEL}\s{1,4}`,
      // adb logcat -v brief / -v tag: D/RtspClient(12345): …, D/RtspClient: …
      String.raw`${LEVEL}\/${TAG}\s*(?:\(\s*\d{1,7}\s*\))?:[ \t]?`,
      // copies without the ids or the level: 03-02 19:30:25.834 I okhttp.OkHttpClient: …, 09-29 12:59:45.939 OkHttp  (21743): …
      String.raw`(?:\d\d-\d\d\s+)?\d\d:\d\d:\d\d\.\d{3}\s+${LEVEL}\s+${TAG}\s*:[ \t]?`,
      String.raw`(?:\d\d-\d\d\s+)?\d\d:\d\d:\d\d\.\d{3}\s+${TAG}\s*\(\s*\d{1,7}\s*\):[ \t]?`,
    ].join('|') +
    ')',
);
// A status or request line, or OkHttp's reply and request lines (`<-- 401 Unauthorized http://…`, `--> GET http://…`).
const MESSAGE_START = /^(?:(?:RTSP|HTTP)\/\d\.\d\s+\d{3}\b|[A-Z][A-Z_-]{1,20} \S+ (?:RTSP|HTTP)\/\d\.\d\s*$|<-- \d{3} |--> [A-Z][A-Z_-]{1,20} \S)/;

/**
 * Android logcat lines: each line's prefix dropped; a line with no prefix that follows a prefixed one is the same
 * message's next line when indented (Android Studio's form) and loses its indent; a line at the margin ends it. Only
 * when a prefixed line opens a message (a status or request line) and a second line carries a prefix or is indented
 * under it, so other logs are left to the generic prefix step.
 */
export function androidLogcat(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n', LINES_MAX);
  // Each line's prefix match, once (only its first 400 characters are looked at).
  const prefixes = lines.map((l) => LOGCAT_PREFIX.exec(l.slice(0, 400)));
  const contents = lines.map((l, i) => (prefixes[i] ? l.slice(prefixes[i]![0].length) : null));
  const opens = contents.findIndex((c) => c !== null && MESSAGE_START.test(c));
  if (opens < 0) return { text, changed: false };
  // One prefixed line is enough when the message's next line is indented under it (Android Studio's form).
  if (contents.filter((c) => c !== null).length < 2 && !/^[ \t]+\S/.test(lines[opens + 1] ?? '')) return { text, changed: false };
  let inMessage = false;
  const out = lines.map((l, i) => {
    const c = contents[i];
    if (c !== null && c !== undefined) {
      inMessage = true;
      return c;
    }
    if (!l.trim()) return l.trim(); // a message's blank line (headers / body) stays one
    if (!/^[ \t]/.test(l)) inMessage = false; // text of another kind, not indented under a message
    return inMessage ? l.trimStart() : l;
  });
  return { text: out.join('\n'), changed: true };
}

// PowerShell's Invoke-WebRequest (also `curl`/`iwr`, its aliases in Windows PowerShell) prints its response object as a
// property list: `StatusCode        : 200`, `Content           : …`, `RawContent        : HTTP/1.1 200 OK` with the
// reply's header lines aligned under the value column, `Headers           : {[Server, nginx], [Date, …]…}`. Long
// values are cut with `...` (Windows PowerShell) or `…` (PowerShell 7), and PowerShell 7 shows header values as
// `System.String[]`. The whole list may carry a lead of its own on every line (`PS> `, `# `, an indent).
const PS_PROPERTIES = 'StatusCode|StatusDescription|Content|RawContent|Forms|Headers|Images|InputFields|Links|ParsedHtml|RawContentLength|RelationLink|BaseResponse|Encoding';
const PS_PROPERTY = new RegExp(String.raw`^(.{0,12}?)(${PS_PROPERTIES})( *): ?(.*)$`);
const PS_HEADER_PAIR = /\[([A-Za-z][\w-]{0,63}), ([^\][\n]{0,2000})\]/g;
const CUT = /(?:\.\.\.|…)\s*$/;

/** The property blocks of one Invoke-WebRequest listing (name → its value lines), from its StatusCode line on. */
function psProperties(lines: string[], start: number): Map<string, string[]> {
  const first = PS_PROPERTY.exec(lines[start]!)!;
  const lead = first[1]!;
  const col = lead.length + first[2]!.length + first[3]!.length + 2;
  const props = new Map<string, string[]>();
  let cur: string[] | null = null;
  for (const raw of lines.slice(start)) {
    const line = raw.replace(/\r$/, '');
    const p = PS_PROPERTY.exec(line);
    if (p && p[1] === lead) {
      cur = [p[4]!];
      if (!props.has(p[2]!)) props.set(p[2]!, cur);
      continue;
    }
    // A continuation: the lead, then nothing but spaces up to the value column (an empty line inside a value is that).
    if (cur && line.startsWith(lead.trimEnd()) && !line.slice(lead.trimEnd().length, col).trim()) {
      cur.push(line.slice(col));
      continue;
    }
    break;
  }
  return props;
}

/**
 * An Invoke-WebRequest response object as PowerShell lists it: the reply from RawContent (its header lines, and its
 * body when shown), the header pairs the Headers list adds (values PowerShell 7 hides as System.String[] left out), and
 * the Content's text as the body when RawContent shows none. A line PowerShell cut with `...` is dropped when it is a
 * header (half a value is not the value). Null when the text holds no such listing.
 */
export function powershellWebResponse(text: string): string | null {
  const lines = text.split('\n', LINES_MAX);
  // The listing opens with StatusCode; a paste may start at RawContent's status line.
  const start = lines.findIndex((l) => /^.{0,12}?(?:StatusCode *: ?\d{3}\b|RawContent *: ?(?:HTTP|RTSP)\/\d(?:\.\d)? \d{3}\b)/.test(l) && PS_PROPERTY.test(l.replace(/\r$/, '')));
  if (start < 0) return null;
  const props = psProperties(lines, start);
  const status = /^\d{3}/.exec(props.get('StatusCode')?.[0]?.trim() ?? '')?.[0] ?? / (\d{3})\b/.exec(props.get('RawContent')?.[0] ?? '')?.[1];
  if (!status || (!props.has('RawContent') && !props.has('Headers'))) return null;
  const raw = (props.get('RawContent') ?? []).map((l) => l.trimEnd());
  const statusLine = /^(?:HTTP|RTSP)\/\d(?:\.\d)? \d{3}\b/.test(raw[0] ?? '') ? raw[0]!.replace(CUT, '') : `HTTP/1.1 ${status} ${props.get('StatusDescription')?.[0]?.trim() ?? ''}`.trimEnd();
  const blank = raw.findIndex((l, i) => i > 0 && !l.trim());
  const headLines = (blank < 0 ? raw.slice(1) : raw.slice(1, blank)).filter((l) => !(CUT.test(l) && /^[A-Za-z][\w-]{0,63}:/.test(l)));
  const headers = headLines.filter((l) => HEADER_WITH_VALUE.test(l));
  const have = new Set(headers.map((h) => h.slice(0, h.indexOf(':')).toLowerCase()));
  // The Headers list wraps at the console width, mid-word too: its lines are joined as they are.
  for (const m of (props.get('Headers') ?? []).join('').matchAll(PS_HEADER_PAIR)) {
    const [, name, value] = m;
    if (have.has(name!.toLowerCase()) || /^System\.String\[\]$/.test(value!.trim()) || CUT.test(value!)) continue;
    have.add(name!.toLowerCase());
    headers.push(`${name}: ${value!.trim()}`);
  }
  let body = blank < 0 ? '' : raw.slice(blank + 1).join('\n').replace(CUT, '');
  if (!body.trim()) {
    const content = (props.get('Content') ?? []).join('\n').replace(CUT, '').trim();
    if (/^</.test(content)) body = content;
  }
  return [statusLine, ...headers].join('\r\n') + '\r\n\r\n' + body;
}

// GStreamer's RTSP message dump (gst_rtsp_message_dump: rtspsrc with debug=true, GStreamer RTSP clients' logs):
//   RTSP response message 0x7ffd…        RTSP request message 0x…
//    status line:                          request line:
//      code:   '401'                         method: 'DESCRIBE'
//      reason: 'Unauthorized'                uri:    'rtsp://…'
//      version: '1.0'                        version: '1.0'
//    headers:
//      key: 'WWW-Authenticate', value: 'Digest realm="…", nonce="…"'
//    body: length 412
//   00000000 (0x7f…): 76 3d 30 0d 0a 6f 3d 2d 20 …  v=0..o=- …   (gst_util_dump_mem: offset, address, hex, chars)
const GST_START = /^RTSP (request|response) message (?:0x)?[0-9a-fA-F]{1,16}\s*$/;
const GST_FIELD = /^\s{1,8}(code|reason|version|method|uri):\s+'(.{0,8000})'\s*$/;
const GST_HEADER = /^\s{1,8}key: '([^'\n]{1,64})', value: '(.{0,8000})'\s*$/;
/** Messages kept from one dump (a transcript reads 16 replies of it). */
const GST_MESSAGES_MAX = 64;
const GST_BODY_LINE = /^[0-9a-fA-F]{8} \((?:0x)?[0-9a-fA-F]{1,16}\): ((?:[0-9a-fA-F]{2} ){1,16})/;

/**
 * GStreamer's RTSP message dumps turned back into the messages (request line or status line, headers, the body's bytes
 * from its hex dump), one after another; the log's other lines dropped. Unchanged when the text holds no dump.
 */
export function gstreamerRtspDump(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n', LINES_MAX).map((l) => l.replace(/\r$/, ''));
  if (!lines.some((l) => GST_START.test(l))) return { text, changed: false };
  const messages: string[] = [];
  let cur: { kind: string; fields: Record<string, string>; headers: string[]; body: number[] } | null = null;
  const flush = (): void => {
    if (!cur) return;
    const f = cur.fields;
    const start = cur.kind === 'response' ? (/^\d{3}$/.test(f.code ?? '') ? `RTSP/${f.version ?? '1.0'} ${f.code} ${f.reason ?? ''}`.trimEnd() : null) : f.method && f.uri ? `${f.method} ${f.uri} RTSP/${f.version ?? '1.0'}` : null;
    if (start) messages.push([start, ...cur.headers].join('\r\n') + '\r\n\r\n' + Buffer.from(cur.body).toString('latin1'));
    cur = null;
  };
  for (const l of lines) {
    const s = GST_START.exec(l);
    if (s) {
      flush();
      if (messages.length >= GST_MESSAGES_MAX) break;
      cur = { kind: s[1]!, fields: {}, headers: [], body: [] };
      continue;
    }
    if (!cur) continue;
    const h = GST_HEADER.exec(l);
    if (h) {
      cur.headers.push(`${h[1]}: ${h[2]}`);
      continue;
    }
    const f = GST_FIELD.exec(l);
    if (f) {
      cur.fields[f[1]!] ??= f[2]!;
      continue;
    }
    const b = GST_BODY_LINE.exec(l);
    if (b && cur.body.length < 64 * 1024) for (const x of b[1]!.trim().split(' ')) cur.body.push(parseInt(x, 16));
  }
  flush();
  return messages.length ? { text: messages.join('\n'), changed: true } : { text, changed: false };
}

// A reply copied out of a console whose line ends were lost: each header line padded with spaces to the console's
// width, all on one line after the status line (`HTTP/1.1 200 OK        Host: x        Date: …`, a Windows console
// copy pasted in an issue). Split before each `Name: ` that follows a run of two or more spaces.
const PADDED_STATUS = /^[ \t]*(?:HTTP|RTSP)\/\d\.\d \d{3}\b/;
const HEADER_AT = /[A-Za-z][\w-]{0,63}: /y;

/** A line cut before each `Name: ` that follows two or more spaces (each run of spaces looked at once). */
function splitPadded(line: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const run of line.matchAll(/ {2,}/g)) {
    const end = run.index + run[0].length;
    HEADER_AT.lastIndex = end;
    if (!HEADER_AT.test(line)) continue;
    parts.push(line.slice(from, run.index));
    from = end;
  }
  parts.push(line.slice(from));
  return parts;
}

/** Status lines followed on the same line by space-padded header lines: each header on a line of its own. */
export function paddedHeaderReplies(text: string): { text: string; changed: boolean } {
  let changed = false;
  const out = text.split('\n', LINES_MAX).map((line) => {
    if (!PADDED_STATUS.test(line) || !line.includes('  ')) return line;
    const parts = splitPadded(line.trim());
    if (parts.length < 3) return line; // a status line and one header: too little to tell padding from a value's spaces
    changed = true;
    return parts.map((p) => p.trimEnd()).join('\n');
  });
  return changed ? { text: out.join('\n'), changed } : { text, changed: false };
}

// OkHttp's HttpLoggingInterceptor (Android apps, Retrofit; after any logcat prefix, which androidLogcat takes off):
// `--> GET http://host/path` opens a request and `--> END GET` closes it; `<-- 401 Unauthorized http://host/path (12ms)`
// opens the reply (HTTP/2 replies have no reason phrase), its header lines follow, then with Level.BODY a blank line
// and the body, and `<-- END HTTP (0-byte body)` closes it.
const OKHTTP_REQUEST = /^--> ([A-Z][A-Z_-]{1,20}) (https?:\/\/\S{1,2000}|\/\S{0,2000})(?: (?:HTTP\/[\d.]{1,3}|h2))?\s*$/;
const OKHTTP_REPLY = /^<-- (\d{3})(?: ([^\n]{0,80}?))? (https?:\/\/\S{1,2000}|\/\S{0,2000}) \(\d{1,9}ms[^)\n]{0,80}\)\s*$/;
const OKHTTP_END = /^(?:<--|-->) END\b/;

const pathOf = (url: string): string => url.replace(/^https?:\/\/[^/\s]*/, '') || '/';

/** OkHttp's logging turned back into request and status lines (its END lines dropped); unchanged when it holds none. */
export function okhttpLog(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n', LINES_MAX);
  if (!lines.some((l) => OKHTTP_REPLY.test(l.replace(/\r$/, '')))) return { text, changed: false };
  const out = lines.flatMap((raw) => {
    const l = raw.replace(/\r$/, '');
    const reply = OKHTTP_REPLY.exec(l);
    if (reply) return ['', `HTTP/1.1 ${reply[1]} ${reply[2] ?? ''}`.trimEnd()];
    const request = OKHTTP_REQUEST.exec(l);
    if (request) return ['', `${request[1]} ${pathOf(request[2]!)} HTTP/1.1`];
    return OKHTTP_END.test(l) ? [] : [raw];
  });
  return { text: out.join('\n'), changed: true };
}

// .NET's HttpResponseMessage.ToString() (C# clients' logs and exception messages, the debugger's tooltip):
// `StatusCode: 401, ReasonPhrase: 'Unauthorized', Version: 1.1, Content: System.Net.Http.StreamContent, Headers:` then
// `{`, the header lines indented, `}`; the tooltip and some logs put it all on one line with the headers joined by two
// spaces (`Headers:{  Server: Microsoft-IIS/8.0  WWW-Authenticate: Bearer}`); a comment may lead each line (`// `).
const DOTNET_RESPONSE = /StatusCode: (\d{3}), ReasonPhrase: '([^'\n]{0,80})', Version: (\d(?:\.\d)?)[^\n]{0,300}?Headers:[ \t]*/;
const DOTNET_LEAD = /^[ \t]*(?:\/\/|#)?[ \t]*/;

/** A .NET HttpResponseMessage as its ToString() prints it, as a reply (status line and headers), or null. */
export function dotnetResponse(text: string): string | null {
  const m = DOTNET_RESPONSE.exec(text.slice(0, 2 * 1024 * 1024));
  if (!m) return null;
  const after = text.slice(m.index + m[0].length, m.index + m[0].length + 64 * 1024);
  const headers: string[] = [];
  if (/^\{[^\n]/.test(after)) {
    // All on one line: `{  Name: value  Name: value}` up to the closing brace of the line.
    const line = after.slice(1).split('\n', 1)[0]!.replace(/\}+\s*$/, '');
    headers.push(...splitPadded(line.trim()).map((h) => h.trim()).filter((h) => HEADER_WITH_VALUE.test(h)));
  } else {
    const lines = after.split('\n', 400);
    const open = lines.findIndex((l) => l.replace(DOTNET_LEAD, '').trim() === '{');
    if (open < 0 || open > 2) return null;
    for (const l of lines.slice(open + 1)) {
      const t = l.replace(/\r$/, '').replace(DOTNET_LEAD, '').trim();
      if (t.startsWith('}')) break;
      if (HEADER_WITH_VALUE.test(t)) headers.push(t);
    }
  }
  if (!headers.length) return null;
  return [`HTTP/${m[3]!.includes('.') ? m[3] : `${m[3]}.0`} ${m[1]} ${m[2]}`.trimEnd(), ...headers].join('\r\n') + '\r\n\r\n';
}
