// The wrappers people put around a device's reply when they publish it, taken off before anything is
// parsed: logger prefixes (timestamps, levels, `DEBUG:urllib3…:`, `[debug]`, `(MainThread)`, `[module]`),
// `<<< RESPONSE <<<` markers, curl -v dumps (`< ` response lines, `> ` request lines, `* ` notes, which
// carry the TLS subject/issuer), Python http.client debug output (`reply: '…'`, `header: …`), ngrep
// renderings and nmap service fingerprints (`SF-Port80-TCP:V=…%r(GetRequest,…,"HTTP/1\.1\x20200…")`,
// whose escaped replies are unescaped and read one by one), JSON a tool wrote around replies (unwrap-json.ts), SSH
// client logs and browser developer-tools header copies (unwrap-logs.ts), multipart bodies (unwrap-multipart.ts). What
// is left is wire text, or the text as given.

import { looksLikeNmapServices } from '../parsers/nmap-service.js';
import { bracketedMessages, composePrefixes, devtoolsResponseHeaders, joinedHeaderReplies, embeddedSdp, ffmpegLineTrace, markedMessageStarts, ffprobeRtspSdp, escapedLineEnds, htmlLineBreaks, indentedReply, labelledReply, live555ClientLog, pythonListMessages, quotedMessages, sshClientLog } from './unwrap-logs.js';
import { scannerMessages } from './unwrap-scanners.js';
import { embeddedHeaderMaps, jsonMessages } from './unwrap-json.js';
import { hexDumpBytes, hexStreamBytes, messageIn, tcpdumpAscii } from './unwrap-hex.js';
import { androidLogcat, dotnetResponse, gstreamerRtspDump, okhttpLog, paddedHeaderReplies, powershellWebResponse } from './unwrap-clients.js';
import { multipartParts } from './unwrap-multipart.js';
import { LINES_MAX } from './unwrap-limits.js';

export interface Segment {
  /** The text to read. */
  text: string;
  /** What the wrapper says this text is, when it says (nmap probe reply, curl response, TLS lines). */
  hint?: 'http' | 'rtsp' | 'tls' | 'favicon' | 'any';
  /** The request that produced it, when the dump shows it. */
  request?: { method: string; path: string };
  /** The wrapper shows that request answered with success though the text carries no status line (ffprobe's input summary). */
  answered?: boolean;
  notes: string[];
}

// ---- logger prefixes ----

const PREFIX_PARTS = [
  /\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?\s*/, // ISO timestamp
  /\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d(?:\.\d{1,9})?\s+/, // Go's log package: 2022/09/20 19:05:02
  // homebridge: [4/13/2025, 3:42:40 PM] [Plugin] Device name [Model]: (the plugin and device labels optional; a
  // camera behind a recorder is named after it, `NVR [NVR model] Camera [Camera model]:`, as homebridge-unifi-protect does)
  /\[\d{1,2}\/\d{1,2}\/\d{4},\s\d{1,2}:\d\d:\d\d(?:\s?[AP]M)?\]\s*(?:\[[\w .-]{1,40}\]\s+)?(?:[^[\]\n:]{1,60}\[[^\]\n]{1,40}\](?:\s[^[\]\n:]{1,60}\[[^\]\n]{1,40}\])?:\s)?/,
  /\[\d{4}-\d\d-\d\d[^\]\n]{0,40}\]\s*/, // [timestamp]
  /(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\s+\d{1,2}\s\d\d:\d\d:\d\d\s+(?:[\w.-]+\s+)?(?:[\w./-]+(?:\[\d+\])?:\s)?/, // syslog
  /\d\d:\d\d:\d\d(?:[.,]\d{1,9})?\s+/, // time of day
  /\[\d{1,2}:\d\d:\d\d(?:[.,]\d{1,9})?\]\s*/, // [time]
  /(?:DEBUG|INFO|WARNING|WARN|ERROR|TRACE|CRITICAL):[\w.-]{1,80}:\s?/, // python logging: DEBUG:urllib3.connectionpool:
  /\[?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|VERBOSE|FINE|FINER|debug|info|trace|warn|warning|error|verbose)\]?(?:\s*[:|-])?\s+/, // level, [level]
  /\[[DIWEV]\]\s*/, // [D] one-letter level
  /(?:C->S|S->C):[ \t]*/, // RFC 2326's example direction markers, kept by some clients' traces
  /\((?:MainThread|Thread-\d+|[\w-]{1,30}Thread[\w-]{0,20}|SyncWorker_\d+|[a-z][\w.-]{0,30})\)\s+/, // (thread), (logger)
  /\[(?:[a-z_][\w-]*)(?:\.[\w-]+)+\]\s*/, // [module.path]
  /[\w.-]{1,60}\[\d{1,7}\]:\s/, // prog[pid]:
];
const PREFIX = new RegExp(`^(?:${PREFIX_PARTS.map((r) => `(?:${r.source})`).join('|')})+`);
const MESSAGE_START = /^\[?(?:[A-Z][A-Z_-]{1,20} \S+ (?:RTSP|HTTP)\/\d(?:\.\d)?\s*$|(?:RTSP|HTTP)\/\d(?:\.\d)?\s+\d{3}\b)/;
const LABEL_PREFIX = /^\[[A-Za-z][\w .-]{0,40}\]:(?:[ \t]+|$)/;

/** Drops a logger prefix from every line that has one, when most non-empty lines have one. */
export function stripLoggerPrefixes(text: string): { text: string; stripped: boolean } {
  const lines = text.split('\n', LINES_MAX);
  let prefixed = 0;
  let nonEmpty = 0;
  let opening = 0;
  const cut = lines.map((l) => {
    if (!l.trim()) return l;
    nonEmpty++;
    // A bracketed source label and a colon (`[Rebroadcast Plugin]: ` in Scrypted's RTSP logs): the whole prefix,
    // the space(s) after it too; a line that is only the label was an empty line of the logged message.
    const label = LABEL_PREFIX.exec(l.slice(0, 200));
    if (label) {
      prefixed++;
      return l.slice(label[0].length);
    }
    const m = PREFIX.exec(l.slice(0, 400));
    // A real header never starts with a timestamp or "[level]"; a lone level word ("Server") is not one.
    if (!m || m[0].length === l.length) return l;
    prefixed++;
    if (MESSAGE_START.test(l.slice(m[0].length))) opening++;
    return l.slice(m[0].length);
  });
  // A logged message's header lines carry no prefix of their own: a prefixed request or status line still counts.
  if (nonEmpty === 0 || (prefixed * 2 < nonEmpty && opening === 0)) return { text, stripped: false };
  return { text: cut.join('\n'), stripped: true };
}

// ---- markers, http.client debug output, urllib3 request lines ----

/** `<<< RESPONSE <<<` / `>>> REQUEST >>>` style markers (requests-toolbelt dumps, home-made loggers). */
function fromMarkers(text: string): Segment | null {
  const m = /^(?:<{2,}|-{2,}|={2,})\s*(?:RESPONSE|REPLY|RECEIVED|RECV)\b[^\n]*\n/im.exec(text);
  if (!m) return null;
  const after = text.slice(m.index + m[0].length);
  const end = /^(?:>{2,}|-{2,}|={2,})\s*(?:REQUEST|SENT|SEND)\b/im.exec(after);
  return { text: end ? after.slice(0, end.index) : after, hint: 'any', notes: ['decoded form: logger-marked response'] };
}

/** Python http.client with debuglevel 1: `reply: 'HTTP/1.1 401 …\r\n'` then `header: Name: value` lines. */
function fromHttpClientDebug(text: string): Segment | null {
  const reply = /^\s*reply:\s*(['"])(.*)\1\s*$/m.exec(text);
  if (!reply) return null;
  const status = reply[2]!.replace(/\\r|\\n/g, '').trim();
  const headers = [...text.matchAll(/^\s*header:\s*([^\r\n]+)$/gm)].map((m) => m[1]!.trim());
  const send = /^\s*send:\s*b?(['"])([A-Z]+) (\S+) HTTP/m.exec(text);
  return {
    text: [status, ...headers].join('\r\n') + '\r\n\r\n',
    hint: 'http',
    ...(send ? { request: { method: send[2]!, path: send[3]! } } : {}),
    notes: ['decoded form: Python http.client debug output'],
  };
}

// ---- curl -v ----

/** curl -v: `< ` response lines (headers), unprefixed body lines after them, `> ` request, `* ` TLS notes. */
function fromCurl(text: string): Segment[] | null {
  const lines = text.split(/\r?\n/, LINES_MAX);
  const isResp = (l: string): boolean => l.startsWith('< ') || l === '<';
  const hasNotes = lines.some((l) => l.startsWith('* ')) && (lines.some((l) => l.startsWith('> ')) || /^\*\s+(?:subject|issuer):/m.test(text));
  if (!lines.some((l) => /^< (?:HTTP|RTSP)\/\d/.test(l)) && !(lines.filter(isResp).length >= 2 && hasNotes) && !hasNotes) return null;
  const out: Segment[] = [];
  const reqLine = lines.find((l) => /^> [A-Z]+ \S+ (?:HTTP|RTSP)\//.test(l));
  const req = reqLine ? /^> ([A-Z]+) (\S+)/.exec(reqLine) : null;
  // Response blocks: a status line starts each (curl follows redirects and 100-continue).
  let cur: string[] | null = null;
  let body: string[] = [];
  const blocks: Array<{ head: string[]; body: string[] }> = [];
  for (const l of lines) {
    if (isResp(l)) {
      const content = l.slice(2);
      if (/^(?:HTTP|RTSP)\/\d/.test(content) || !cur) {
        if (cur) blocks.push({ head: cur, body });
        cur = [];
        body = [];
      }
      if (body.length) {
        // More headers after body lines: a new block without a status line (a trailer); keep going.
        body = [];
      }
      cur.push(content);
    } else if (cur && !/^[*>{}] /.test(l) && l !== '>' && l !== '*' && !/^\* /.test(l)) {
      body.push(l);
    }
  }
  if (cur) blocks.push({ head: cur, body });
  for (const b of blocks) {
    const bodyText = b.body.join('\n').replace(/\* Connection #\d+ to host .*$/m, '').trim();
    out.push({
      text: b.head.join('\r\n').replace(/\r\n$/, '') + '\r\n\r\n' + bodyText,
      hint: /^RTSP\//.test(b.head[0] ?? '') ? 'rtsp' : 'http',
      ...(req ? { request: { method: req[1]!, path: req[2]! } } : {}),
      notes: ['decoded form: curl -v dump'],
    });
  }
  // curl's TLS notes: `*  subject: C=CN; ST=…; O=HIKVISION; CN=…` and `*  issuer: …`.
  const subj = /^\*\s+subject:\s*(.+)$/m.exec(text)?.[1];
  const iss = /^\*\s+issuer:\s*(.+)$/m.exec(text)?.[1];
  if (subj || iss) {
    const tls = [subj ? `subject=${subj.trim()}` : '', iss ? `issuer=${iss.trim()}` : ''].filter(Boolean).join('\n');
    out.push({ text: tls, hint: 'tls', notes: ['decoded form: curl -v TLS notes'] });
  }
  return out.length ? out : null;
}

// ---- ngrep ----

/** ngrep: `T a:p -> b:p [AP]` then payload lines indented two spaces, wrapped, CR/LF shown as '.'. */
function fromNgrep(text: string): Segment | null {
  const lines = text.split('\n', LINES_MAX);
  const at = lines.findIndex((l) => /^[TU] \S+ -> \S+/.test(l));
  if (at < 0 || at > 3) return null;
  const joined = lines
    .slice(at + 1)
    .map((l) => l.replace(/^ {2}/, ''))
    .join('');
  // '..' stands for CRLF; a trailing run of dots is where the capture was cut.
  return { text: joined.replace(/\.{4,}$/, '\r\n\r\n').replace(/\.\./g, '\r\n'), hint: 'any', notes: ['decoded form: ngrep rendering'] };
}

// ---- nmap service fingerprints ----

/** The string literal of an nmap fingerprint (`\xHH`, `\r`, `\n`, `\t`, `\0`, `\\`, `\"`, `\.` …) → raw text. */
export function nmapUnescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) => {
    if (e.length === 3) return String.fromCharCode(parseInt(e.slice(1), 16));
    return e === 'r' ? '\r' : e === 'n' ? '\n' : e === 't' ? '\t' : e === '0' ? '\0' : e;
  });
}

const NMAP_PROBE_HINT: Record<string, Segment['hint']> = { RTSPRequest: 'rtsp', GetRequest: 'http', HTTPOptions: 'http', FourOhFourRequest: 'http' };

/** `SF-Port80-TCP:V=7.80%…%r(GetRequest,1A3,"…")%r(…)` (wrapped over `SF:` lines) → one segment per reply. */
function fromNmap(text: string): Segment[] | null {
  if (!/%r\([A-Za-z0-9]+,[0-9A-Fa-f]+,"/.test(text) && !/^SF-Port\d+-(?:TCP|UDP):V=/m.test(text)) return null;
  const lines = text.split(/\r?\n/, LINES_MAX);
  const sf = lines.filter((l) => /^\s*SF[-:]/.test(l));
  const joined = sf.length ? sf.map((l) => l.trim().replace(/^SF:/, '')).join('') : text.replace(/\r?\n/g, '');
  const port = /SF-Port(\d+)-(TCP|UDP)/.exec(joined);
  const out: Segment[] = [];
  const re = /%r\(([A-Za-z0-9]+),([0-9A-Fa-f]+),"/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(joined)) && out.length < 32) {
    let i = re.lastIndex;
    let lit = '';
    while (i < joined.length && joined[i] !== '"') {
      if (joined[i] === '\\' && i + 1 < joined.length) {
        lit += joined.slice(i, i + 2);
        i += 2;
      } else lit += joined[i++];
    }
    re.lastIndex = i;
    const reply = Buffer.from(nmapUnescape(lit), 'latin1').toString('utf8');
    if (!reply.trim()) continue;
    out.push({ text: reply, hint: NMAP_PROBE_HINT[m[1]!] ?? 'any', notes: [`decoded form: nmap service fingerprint, reply to ${m[1]}${port ? ` on ${port[2]!.toLowerCase()}/${port[1]}` : ''}`] });
  }
  return out.length ? out : null;
}

/** nmap's NSE rendering of the same replies: `| fingerprint-strings:` then `|   Probe, Probe:` and `|     line` blocks. */
function fromNmapStrings(text: string): Segment[] | null {
  if (!/^\|\s*fingerprint-strings:\s*$/m.test(text)) return null;
  const out: Segment[] = [];
  let probes: string | null = null;
  let lines: string[] = [];
  const flush = (): void => {
    if (probes !== null && lines.length) {
      const first = probes.split(/,\s*/)[0]!;
      // NSE drops empty lines, the one between a reply's headers and its body too: put it back before the
      // first line after the status line that is not a header.
      if (/^(?:HTTP|RTSP)\/\d/.test(lines[0]!)) {
        const body = lines.findIndex((l, i) => i > 0 && !/^[A-Za-z][\w-]{0,63}:/.test(l));
        if (body > 0) lines.splice(body, 0, '');
      }
      // NSE shows NUL as ^@ and drops CR/LF: lines are rejoined with CRLF.
      out.push({ text: lines.join('\r\n').replace(/\^@/g, '\0'), hint: NMAP_PROBE_HINT[first] ?? 'any', notes: [`decoded form: nmap fingerprint-strings, reply to ${probes.slice(0, 80)}`] });
    }
    lines = [];
  };
  for (const l of text.split(/\r?\n/, LINES_MAX)) {
    const head = /^\|\s{3}([\w-]+(?:,\s*[\w-]+)*):\s*$/.exec(l);
    if (head) {
      flush();
      probes = head[1]!;
      continue;
    }
    const body = /^\|_?\s{4,5}(.*)$/.exec(l);
    if (body && probes !== null) {
      lines.push(body[1]!);
      continue;
    }
    if (!/^\|/.test(l)) {
      flush();
      probes = null;
    }
  }
  flush();
  return out.length ? out.slice(0, 32) : null;
}

// ---- Wireshark packet details ("Copy as text", tshark -V) ----

const WS_PROTOCOL = /^([ \t]*)(Hypertext Transfer Protocol|Real Time Streaming Protocol|Session Initiation Protocol)\s*$/m;
/** SDP fields as Wireshark names them: `Session Name (s): Media Presentation` → `s=Media Presentation`. */
const WS_SDP_FIELD = /^\s*[A-Z][\w ,()/-]{0,80}? \(([vosiuepcbtrzkam])\): (.*)$/;
const indentOf = (l: string): number => /^[ \t]*/.exec(l)![0].replace(/\t/g, '    ').length;

/**
 * A message as Wireshark's packet-details pane prints it: the protocol's name, then its lines one level in, each
 * ending in a written `\r\n`, with the dissector's own notes (`[Expert Info …]`, `Status Code: 401`) a level
 * deeper; the SDP as `Name (x): value` fields. The message lines are kept, the notes dropped.
 */
function fromWireshark(text: string): Segment | null {
  const head = WS_PROTOCOL.exec(text);
  if (!head) return null;
  const proto = head[2]!;
  const lines = text.slice(head.index + head[0].length).split('\n', LINES_MAX);
  const top = indentOf(head[1]!);
  let base = -1;
  const out: string[] = [];
  const sdp: string[] = [];
  let inSdp = false;
  let sdpIndent = -1;
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) continue;
    const ind = indentOf(line);
    if (ind <= top) break; // the next protocol or packet
    if (base < 0) base = ind;
    const body = line.trim();
    if (/^Session Description Protocol\s*$/.test(body)) {
      inSdp = true;
      sdpIndent = ind;
      continue;
    }
    if (inSdp && ind > sdpIndent) {
      const f = WS_SDP_FIELD.exec(line);
      if (f) sdp.push(`${f[1]}=${f[2]!.trim()}`);
      continue;
    }
    inSdp = false;
    if (ind !== base) continue; // the dissector's notes
    if (!/\\r\\n$/.test(body)) continue; // a summary line (`[Response in frame: 12]`, `Line-based text data`)
    const msg = body.slice(0, -4).replace(/^(?:Response|Request): (?=(?:HTTP|RTSP|SIP)\/|[A-Z]+ \S+ (?:HTTP|RTSP|SIP)\/)/, '');
    out.push(msg);
  }
  if (!out.length || !/^(?:HTTP|RTSP|SIP)\/\d|^[A-Z]+ \S+ (?:HTTP|RTSP|SIP)\//.test(out[0]!)) return null;
  while (out.length && out[out.length - 1] === '') out.pop();
  const message = [...out, '', ...sdp].join('\r\n') + (sdp.length ? '\r\n' : '\r\n');
  const hint = proto.startsWith('Real') ? 'rtsp' : proto.startsWith('Hyper') ? 'http' : 'any';
  return { text: message, hint, notes: ["decoded form: Wireshark packet details (the message's own lines; the dissector's notes dropped)"] };
}

/** An SDP printed as Wireshark's field list alone (`Session Name (s): …`, `Media Attribute (a): …`): back to `x=value` lines. */
function fromWiresharkSdp(text: string): Segment | null {
  const lines = text.split('\n', LINES_MAX);
  const sdp: string[] = [];
  for (const l of lines) {
    const f = WS_SDP_FIELD.exec(l.replace(/\r$/, ''));
    if (f) sdp.push(`${f[1]}=${f[2]!.trim()}`);
  }
  if (sdp.length < 3 || !sdp.some((l) => l.startsWith('s=')) || !sdp.some((l) => l.startsWith('m=') || l.startsWith('a='))) return null;
  const v = sdp.findIndex((l) => l.startsWith('v='));
  const body = v > 0 ? sdp.slice(v) : v < 0 ? ['v=0', ...sdp] : sdp;
  return { text: body.join('\n') + '\n', hint: 'rtsp', notes: ["decoded form: an SDP as Wireshark's field list"] };
}

const REQUEST_LINE = /^([A-Z][A-Z_-]{1,20}) (\S+) (?:HTTP|RTSP|SIP)\/\d(?:\.\d)?\s*$/;
const STATUS_LINE = /^(?:HTTP|RTSP|SIP)\/\d(?:\.\d)?\s+\d{3}\b/;

/** A transcript of requests and replies (a sniffer's text, a client's trace): each reply, without the requests. */
function fromTranscript(text: string): Segment[] | null {
  const lines = text.split('\n', LINES_MAX);
  const requests = lines.filter((l) => REQUEST_LINE.test(l.trimEnd())).length;
  const statuses = lines.filter((l) => STATUS_LINE.test(l)).length;
  if (!statuses || (!requests && statuses < 2)) return null;
  const out: Segment[] = [];
  let cur: string[] | null = null;
  // The request a reply answers (the last request line before it), kept with the reply: its path is what the
  // device answered for (input.ts gives it to the reply's evidence).
  let lastRequest: { method: string; path: string } | null = null;
  let curRequest: { method: string; path: string } | null = null;
  const flush = (): void => {
    if (cur) out.push({ text: cur.join('\n'), hint: 'any', ...(curRequest ? { request: curRequest } : {}), notes: ['decoded form: reply taken from a request/reply transcript'] });
  };
  for (const l of lines) {
    if (STATUS_LINE.test(l)) {
      flush();
      cur = [l];
      curRequest = lastRequest;
      lastRequest = null;
    } else {
      const req = REQUEST_LINE.exec(l.trimEnd());
      if (req) {
        flush();
        cur = null;
        lastRequest = { method: req[1]!, path: req[2]! };
      } else if (cur) cur.push(l);
    }
  }
  flush();
  // A client's Digest Authorization repeats the realm the server challenged with: when no reply in the transcript
  // shows the challenge itself, the echoed realm stands for it.
  if (!out.some((s) => /^WWW-Authenticate:/im.test(s.text))) {
    const echo = echoedRealm(text);
    if (echo) out.push(echo);
  }
  return out.length ? out.slice(0, 16) : null;
}

/** The realm a client's Digest Authorization repeats, as the challenge it answers (a request line must be in the text). */
function echoedRealm(text: string): Segment | null {
  const echoed = /^Authorization:\s*Digest\s[^\n]*?\brealm="([^"\n]{1,256})"[^\n]*/im.exec(text);
  const proto = /^\[?[A-Z][A-Z_-]{1,20} \S+ (HTTP|RTSP|SIP)\//m.exec(text)?.[1];
  if (!echoed || !proto) return null;
  // The nonce it repeats is the server's too (its form differs by server, e.g. AXIS's 8 hex + 'Y' + hex).
  const nonce = /\bnonce="([^"\s]{1,128})"/.exec(echoed[0])?.[1];
  const challenge = `Digest realm="${echoed[1]}"${nonce === undefined ? '' : `, nonce="${nonce}"`}`;
  return { text: `WWW-Authenticate: ${challenge}`, hint: proto === 'RTSP' ? 'rtsp' : 'http', notes: ["decoded form: the realm (and nonce) the client's Authorization header repeats"] };
}

/**
 * Takes the wrappers off, outermost first. Returns the segments to read; a text with no wrapper comes back
 * as itself (one segment, no notes). A header map printed inside the text (a Python session, a log) is read
 * besides, whatever the wrappers around it.
 */
export function unwrap(input: string): Segment[] {
  const segments = unwrapOuter(input);
  // A JSON text that is itself a header map is jsonMessages' own (read in unwrapOuter).
  if (segments.some((s) => s.notes.some((n) => n.startsWith('decoded form: a header map')))) return segments;
  const maps = embeddedHeaderMaps(input.replace(/^\ufeff/, '')).map((m): Segment => ({ text: m.text, hint: m.hint, notes: [m.note] }));
  return maps.length ? [...segments, ...maps] : segments;
}

function unwrapOuter(input: string): Segment[] {
  let text = input.replace(/^\ufeff/, '');
  const notes: string[] = [];
  // JSON a tool wrote (a HAR log, a scanner's record): the messages inside it, and the document itself.
  const inJson = jsonMessages(text);
  if (inJson.length) return [{ text, notes: [] }, ...inJson.map((m) => ({ text: m.text, hint: m.hint, notes: [m.note] }))];
  // Packet bytes as pasted: a hex dump (the dump stays a piece for the binary replies' readers), tcpdump -A.
  const dumped = hexDumpBytes(text) ?? hexStreamBytes(text);
  const inDump = dumped ? messageIn(dumped) : null;
  if (inDump) return [{ text, notes: [] }, { text: inDump, hint: 'any', notes: ['decoded form: packet bytes in hex (xxd, hexdump -C, tcpdump -X, Wireshark hex dump or hex stream)'] }];
  const ascii = tcpdumpAscii(text);
  if (ascii) return [{ text: ascii, hint: 'any', notes: ['decoded form: tcpdump -A (the packet as text)'] }];
  const nmap = fromNmap(text) ?? fromNmapStrings(text);
  // The replies come out of the fingerprint; the port table and script lines around them (`554/tcp open rtsp
  // H264DVR rtspd 1.0`, `|_http-title: …`) are read too, from the whole text.
  if (nmap) return looksLikeNmapServices(text) ? [...nmap, { text, notes: ['decoded form: nmap output (port table and script lines)'] }] : nmap;
  const ws = fromWireshark(text);
  if (ws) {
    // A request's packet details (a client's Digest Authorization): the realm it repeats stands for the challenge.
    const echo = /^[A-Z][A-Z_-]{1,20} \S+ (?:HTTP|RTSP|SIP)\//.test(ws.text) ? echoedRealm(ws.text) : null;
    return echo ? [ws, echo] : [ws];
  }
  // Only when the text is not itself SDP or a message (then its own lines are read as they are).
  if (!/^(?:v=0|RTSP\/|HTTP\/)/m.test(text)) {
    const wsSdp = fromWiresharkSdp(text);
    if (wsSdp) return [wsSdp];
  }
  // CR/LF written out as text at the ends of lines (`CSeq: 1\r\n`, as Wireshark's "copy as text" and issue
  // threads show them): made real again.
  if (!/^\s*[{[]/.test(text) && (text.match(/\\r\\n[ \t]*(?:\r?\n|$)/g) ?? []).length >= 2) {
    text = text.replace(/\\r\\n[ \t]*\r?\n?/g, '\r\n');
    notes.push('decoded form: CR/LF written as text');
  }
  // The same in vendors' API manuals: `<CRLF>` (or `[CRLF]`) closing each line of a documented reply, two of them
  // after the last header (`Server: JVC VN-V686 Network Camera<CRLF>`).
  if ((text.match(/(?:<CRLF>|\[CRLF\])[ \t]*(?:\r?\n|$)/gi) ?? []).length >= 2) {
    text = text.replace(/(?:<CRLF>|\[CRLF\])[ \t]*(\r?\n)?/gi, '\r\n');
    notes.push('decoded form: CR/LF written as <CRLF> (a vendor manual)');
  }
  // The whole payload is one quoted string as a program printed it (Python repr, a JSON string): unquoted.
  const quoted = /^\s*([bu]?)(['"])([\s\S]*)\2\s*$/.exec(text);
  if (quoted && quoted[3]!.length > 2 && !quoted[3]!.includes(quoted[2]! === "'" ? "'" : '"') && /\\[rnt\\'"x]/.test(quoted[3]!)) {
    text = quoted[3]!.replace(/\\(x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) =>
      e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'r' ? '\r' : e === 'n' ? '\n' : e === 't' ? '\t' : e,
    );
    notes.push('decoded form: a quoted string literal');
  }
  const html = htmlLineBreaks(text);
  if (html.changed) {
    text = html.text;
    notes.push('decoded form: lines of an HTML-rendered paste (<br/> tags dropped, entities decoded)');
  }
  // Android's logcat before the generic prefixes (its time of day would be taken for one, its ids and tag left on).
  const logcat = androidLogcat(text);
  if (logcat.changed) {
    text = logcat.text;
    notes.push("decoded form: Android logcat (its prefixes dropped, a message's indented lines joined to it)");
  }
  const logged = stripLoggerPrefixes(text);
  if (logged.stripped) {
    text = logged.text;
    notes.push('decoded form: logger prefixes removed');
  }
  for (const [step, note] of [
    [composePrefixes, "decoded form: docker compose's service prefix removed"],
    [markedMessageStarts, "decoded form: message starts after a log's direction marker or label"],
    [pythonListMessages, 'decoded form: a message logged as a list of its lines'],
    [ffmpegLineTrace, "decoded form: FFmpeg trace log (its line='…' header lines)"],
    [live555ClientLog, "decoded form: LIVE555 client log (its notes dropped)"],
    [gstreamerRtspDump, "decoded form: GStreamer's RTSP message dump (gst_rtsp_message_dump)"],
    [okhttpLog, "decoded form: OkHttp's logging (--> request, <-- reply lines)"],
    [bracketedMessages, 'decoded form: messages logged in square brackets'],
    [quotedMessages, 'decoded form: messages a log quotes as strings'],
    [escapedLineEnds, 'decoded form: a message logged on one line, its line ends written as \\r\\n'],
    [joinedHeaderReplies, 'decoded form: replies logged on one line, headers joined by spaces'],
    [paddedHeaderReplies, "decoded form: a reply copied from a console, its header lines padded to the console's width on one line"],
  ] as const) {
    const r = step(text);
    if (r.changed) {
      text = r.text;
      notes.push(note);
    }
  }
  const withNotes = (segs: Segment[]): Segment[] => segs.map((s) => ({ ...s, notes: [...notes, ...s.notes] }));
  const ssh = sshClientLog(text);
  if (ssh) return withNotes([{ text: ssh.id, notes: ["decoded form: the server's SSH identification as an SSH client's log names it"] }, ...(ssh.rest ? [{ text: ssh.rest, notes: ['decoded form: what the SSH server printed, from a client log'] }] : [])]);
  const ps = powershellWebResponse(text);
  if (ps) return withNotes([{ text: ps, hint: 'http', notes: ["decoded form: PowerShell Invoke-WebRequest's response object (RawContent, Headers, Content)"] }]);
  const dotnet = dotnetResponse(text);
  if (dotnet) return withNotes([{ text: dotnet, hint: 'http', notes: ["decoded form: .NET HttpResponseMessage.ToString() (status, headers)"] }]);
  const devtools = devtoolsResponseHeaders(text);
  if (devtools) return withNotes([{ text: devtools, hint: 'http', notes: ["decoded form: response headers as a browser's developer tools copy them"] }]);
  const scanned = scannerMessages(text);
  if (scanned.length) return withNotes([{ text, notes: [] }, ...scanned.map((m) => ({ text: m.text, hint: m.hint, notes: [m.note] }))]);
  const probed = ffprobeRtspSdp(text);
  if (probed) {
    const opened = probed.url ? { request: { method: 'DESCRIBE', path: probed.url }, answered: true } : {};
    return withNotes([{ text: probed.sdp, hint: 'rtsp', ...opened, notes: ["decoded form: ffprobe's metadata of an RTSP input (title = s=, comment = i=; the input's URL is one it opened)"] }]);
  }
  const curl = fromCurl(text);
  if (curl) return withNotes(curl);
  const dbg = fromHttpClientDebug(text);
  if (dbg) return withNotes([dbg]);
  const ng = fromNgrep(text);
  if (ng) return withNotes([ng]);
  const marked = fromMarkers(text);
  if (marked) return withNotes([{ ...marked, text: marked.text }]);
  const transcript = fromTranscript(text);
  if (transcript) return withNotes(transcript);
  // An SDP printed inside a log with no reply line around it (ffmpeg's `SDP:` dump, a list turned into lines).
  const sdp = /^(?:v=0|RTSP\/|HTTP\/)/.test(text.trimStart()) ? null : embeddedSdp(text);
  if (sdp) {
    const echo = echoedRealm(text);
    return withNotes([{ text: sdp, hint: 'rtsp', notes: ['decoded form: an SDP inside a log'] }, ...(echo ? [echo] : [])]);
  }
  // A reply indented (wget -S) or after a log's own label on its line, when no line opens with a status line.
  if (!/^(?:HTTP|RTSP|SIP)\/\d/m.test(text)) {
    const indented = indentedReply(text);
    if (indented) return withNotes([{ text: indented, hint: 'any', notes: ['decoded form: an indented reply (wget -S)'] }]);
    const labelled = labelledReply(text);
    if (labelled) return withNotes([{ text: labelled, hint: 'any', notes: ["decoded form: a status line after a log's own label"] }]);
  }
  // A multipart body (a Hikvision alertStream, an event or MJPEG stream part): each part's body read on its own, and a
  // whole reply around them (status line and headers) as well.
  const parts = multipartParts(text);
  if (parts) {
    const whole = /^(?:HTTP|RTSP)\/\d/.test(text.trimStart()) ? [{ text, notes: [] }] : [];
    return withNotes([...whole, ...parts.map((part, k) => ({ text: part.body, notes: [`decoded form: part ${k + 1} of a multipart body${part.contentType ? ` (${part.contentType.slice(0, 60)})` : ''}`] }))]);
  }
  // A status line after some preamble (a log line, a command): read from the status line on.
  const status = /^(?:HTTP|RTSP|SIP)\/\d(?:\.\d)?\s+\d{3}\b/m.exec(text);
  if (status && status.index > 0) {
    const before = text.slice(0, status.index);
    // Only when what comes before is not itself a header block (then the text is something else).
    if (!/^[A-Za-z][\w-]*:\s/m.test(before) || before.split('\n').length > 20) {
      const urllib3 = /"([A-Z]+) (\S+) HTTP\/[\d.]+"\s+\d{3}/.exec(before);
      return withNotes([{ text: text.slice(status.index), hint: 'any', ...(urllib3 ? { request: { method: urllib3[1]!, path: urllib3[2]! } } : {}), notes: ['decoded form: text before the status line skipped'] }]);
    }
  }
  // A client's requests alone (the log of a client refused with 401, no reply printed, each request perhaps opened with
  // `[` as RTSPtoWeb logs them): its Digest Authorization repeats the realm the server challenged with.
  if (!/^\[?(?:HTTP|RTSP|SIP)\/\d/m.test(text)) {
    const echo = echoedRealm(text);
    if (echo) return [{ text, notes }, { ...echo, notes: [...notes, ...echo.notes] }];
  }
  return [{ text, notes }];
}
