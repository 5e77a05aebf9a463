// Client logs that print a device's RTSP/HTTP messages in their own shape, turned back into message lines before
// unwrap.ts reads them as a transcript:
// - a message logged as a Python list of its lines (`Received data ['RTSP/1.0 200 OK', 'CSeq: 4', …] from 10.0.0.5`,
//   the Home Assistant axis library; `['v=0', 'o=- …', …]` for an SDP);
// - LIVE555's client notes (openRTSP, VLC, webrtc-streamer): `Sending request: DESCRIBE … RTSP/1.0`, `Received a
//   complete DESCRIBE response:`, `Received 890 new bytes of response data.`;
// - each message in square brackets (`[RTSP/1.0 200 OK` … `]`, deepch's RTSPtoWeb / RTSPtoWebRTC debug log);
// - FFmpeg's trace log, each header line it read quoted as `line='…'` between byte-by-byte notes;
// - a message start after a log's direction marker or label (mediamtx's `[s->c] RTSP/1.0 …`, Scrypted's older
//   `response headers RTSP/1.0 …`), and docker compose's `service   | ` prefix.
// Also finds an SDP printed inside a log (ffmpeg's `[rtsp @ 0x…] SDP:` dump, a list turned back into lines) when no
// reply around it was logged.

import { LINES_MAX } from './unwrap-limits.js';

const LIST_ITEM = String.raw`(?:'(?:[^'\\\n]|\\.){0,4000}'|"(?:[^"\\\n]|\\.){0,4000}")`;
const MESSAGE_LIST = new RegExp(String.raw`\[\s*(${LIST_ITEM}(?:\s*,\s*${LIST_ITEM}){0,400})\s*,?\s*\]`);
const FIRST_ITEM = /^['"](?:(?:RTSP|HTTP)\/\d(?:\.\d)?\s+\d{3}\b|v=0['"])/;

function pyUnescape(s: string): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|[\s\S])/g, (_, e: string) =>
    e.length === 3 ? String.fromCharCode(parseInt(e.slice(1), 16)) : e === 'r' ? '\r' : e === 'n' ? '\n' : e === 't' ? '\t' : e,
  );
}

/** A line carrying a message as a Python list of its lines: the list's items, one per line, in its place. */
export function pythonListMessages(text: string): { text: string; changed: boolean } {
  let changed = false;
  const lines = text.split('\n', LINES_MAX).map((line) => {
    const m = MESSAGE_LIST.exec(line);
    if (!m || !FIRST_ITEM.test(m[1]!)) return line;
    const items = [...m[1]!.matchAll(new RegExp(LIST_ITEM, 'g'))].map((i) => pyUnescape(i[0].slice(1, -1)).replace(/\r?\n$/, ''));
    changed = true;
    return items.join('\n');
  });
  return changed ? { text: lines.join('\n'), changed } : { text, changed };
}

const LIVE555_REQUEST = /^Sending request:\s+(?=[A-Z][A-Z_-]{1,20} \S+ RTSP\/\d)/;
const LIVE555_NOTE =
  /^(?:Received \d+ new bytes of (?:response )?data\.|Received a complete \w+ response:|Have received \d+ total bytes of an? \w+ RTSP response; awaiting \d+ bytes more\.|Resending\.\.\.|Opening connection to \S+, port \d+\.\.\.|\.\.\.remote connection opened)\s*$/;

/** LIVE555's client output: the request lines without `Sending request:`, its own notes dropped. */
export function live555ClientLog(text: string): { text: string; changed: boolean } {
  if (!/^Sending request:\s+[A-Z][A-Z_-]{1,20} \S+ RTSP\//m.test(text)) return { text, changed: false };
  const out = text
    .split('\n', LINES_MAX)
    .filter((l) => !LIVE555_NOTE.test(l.trim()))
    .map((l) => l.replace(LIVE555_REQUEST, ''));
  return { text: out.join('\n'), changed: true };
}

const BRACKETED_START = /^\[(?=(?:RTSP|HTTP)\/\d(?:\.\d)?\s+\d{3}\b|[A-Z][A-Z_-]{1,20} \S+ RTSP\/\d)/;

/** Messages each opened with `[` and closed by a line `]` (two or more such openings): the brackets dropped. */
export function bracketedMessages(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n', LINES_MAX);
  if (lines.filter((l) => BRACKETED_START.test(l)).length < 2) return { text, changed: false };
  const out = lines.filter((l) => l.trim() !== ']').map((l) => l.replace(BRACKETED_START, ''));
  return { text: out.join('\n'), changed: true };
}

// A paste rendered as HTML lines: a blog or forum post that opens (or closes) each line of a scan or a reply with
// `<br/>` (`<br/>34567/tcp open dhanalakshmi?`), its `<`, `>`, `&` and quotes written as entities. Not a page of the
// device itself: a text that holds page structure (`<html`, `<body`, `<div` …) or starts with a status line is left
// as it is.
const HTML_BREAK_LEAD = /^(?:[ \t]*<br[ \t]*\/?>)+/i;
const HTML_BREAK_TAIL = /(?:<br[ \t]*\/?>[ \t]*)+\r?$/i;
const HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' };

/** Lines opened or closed by `<br/>` (three or more): the tags dropped, the five basic entities decoded. */
export function htmlLineBreaks(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n', LINES_MAX);
  // The closing tags are looked for in a line's last 256 characters only: an unanchored search over a whole long
  // line of `<br>` runs would be quadratic.
  const tail = (l: string): string => l.slice(-256);
  if (lines.filter((l) => HTML_BREAK_LEAD.test(l) || HTML_BREAK_TAIL.test(tail(l))).length < 3) return { text, changed: false };
  if (/<(?:html|head|body|div|table|script|p)\b/i.test(text) || /^\s*(?:HTTP|RTSP)\/\d/.test(text)) return { text, changed: false };
  const out = lines.map((l) => l.replace(HTML_BREAK_LEAD, ''))
    .map((l) => l.slice(0, -256) + tail(l).replace(HTML_BREAK_TAIL, ''))
    .map((l) => l.replace(/&(lt|gt|quot|#39|amp);/g, (_, e: string) => HTML_ENTITIES[e]!));
  return { text: out.join('\n'), changed: true };
}

// A reply whose header lines were joined by single spaces: a log pasted outside a code block (GitHub renders its line
// breaks as spaces) or a client that logs a message on one line (`[client:rtsp] RTSP/1.0 401 Unauthorized CSeq: 1
// WWW-Authenticate: Digest realm="…"`, html5_rtsp_player). Split only before well-known header names, so a value
// that holds `Word: ` stays whole; a line whose status line stands alone is left as it is.
const JOINED_HEADERS = String.raw`(?:CSeq|Cseq|Server|WWW-Authenticate|Www-Authenticate|Public|Content-(?:Base|Type|Length)|Date|Session|Transport|Cache-Control|RTP-Info|Rtp-Info|Range|Connection|Expires|Location|Set-Cookie|X-Frame-Options|x-Accept-Dynamic-Rate|X-Accept-Dynamic-Rate)`;
const JOINED_REPLY = new RegExp(String.raw`^(?:\[[\w:.-]{1,40}\]\s+)?((?:RTSP|HTTP)\/\d\.\d \d{3}(?: [A-Za-z][A-Za-z -]{0,40}?)?) (${JOINED_HEADERS}: \S[^\n]{0,8000})$`);
const JOINED_SPLIT = new RegExp(String.raw` (?=${JOINED_HEADERS}: \S)`);

/** Replies logged on one line, headers joined by spaces: each turned back into its lines (a blank line after). */
export function joinedHeaderReplies(text: string): { text: string; changed: boolean } {
  let changed = false;
  const out = text.split('\n', LINES_MAX).map((line) => {
    const m = JOINED_REPLY.exec(line.trimEnd());
    if (!m) return line;
    changed = true;
    return [m[1]!, ...m[2]!.split(JOINED_SPLIT)].join('\n') + '\n';
  });
  return changed ? { text: out.join('\n'), changed } : { text, changed: false };
}

// FFmpeg's RTSP/HTTP demuxers at trace level (`-loglevel trace`, libavformat/rtsp.c ff_rtsp_read_reply and http.c) log
// every header line they read as `line='…'`, an empty `line=''` ending the headers, and each byte before it as
// `ret=1 c=52 [R]`; ijkplayer (an FFmpeg fork) logs the same under its own logcat prefix.
const FFMPEG_LINE = /^(?:[^\n]{0,240}?[\s\]:])?line='(.{0,8000})'[ \t\r]*$/;
const FFMPEG_BYTE_NOISE = /(?:^|[\s\]:])ret=-?\d+ c=[0-9a-fA-F]{2}(?: \[|$)|^\s*Last message repeated \d+ times?\s*$|^\s*\]\s*$/;

/**
 * An FFmpeg (or ijkplayer) trace log: each `line='…'` turned back into the header line it quotes (`line=''` into the
 * blank line ending a reply), the byte-by-byte read notes dropped; other lines (the `Sending:` requests, an `SDP:`
 * dump) kept. Only when two or more such lines are present and one quotes a status line.
 */
export function ffmpegLineTrace(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n', LINES_MAX);
  const quoted = lines.map((l) => FFMPEG_LINE.exec(l)?.[1]);
  const found = quoted.filter((q): q is string => q !== undefined);
  if (found.length < 2 || !found.some((q) => /^(?:RTSP|HTTP)\/\d(?:\.\d)?\s+\d{3}\b/.test(q))) return { text, changed: false };
  const out: string[] = [];
  lines.forEach((l, i) => {
    const q = quoted[i];
    if (q !== undefined) out.push(q);
    else if (!FFMPEG_BYTE_NOISE.test(l)) out.push(l);
  });
  return { text: out.join('\n'), changed: true };
}

// A request or status line a log writes after its own words on the same line: a direction marker (mediamtx / gortsplib
// debug logs: `2024/04/28 06:49:18 DEB [path cam] [RTSP source] [s->c] RTSP/1.0 401 Unauthorized`, `[c->s] DESCRIBE …`,
// the line sometimes in Markdown bold; rtsp-simple-server/MediaMTX up to v0.21 wrote the marker without brackets:
// `2023/03/31 17:35:34 DEB [path proxied] [rtsp source] s->c RTSP/1.0 200 OK`, bluenviron/mediamtx #1631) or Scrypted's older labels (`response headers RTSP/1.0 200 OK`,
// `request headers DESCRIBE …`, `response body v=0`).
const MESSAGE_START_AHEAD = String.raw`(?=(?:RTSP|HTTP)\/\d\.\d \d{3}\b|[A-Z][A-Z_-]{1,20} \S+ (?:RTSP|HTTP)\/\d\.\d\b)`;
const MARKED_START = new RegExp(String.raw`^[^\n]{0,240}?(?:\[(?:s->c|c->s)\]|(?<=[ \t\]])(?:s->c|c->s)|\b(?:response|request) headers)[ \t]+${MESSAGE_START_AHEAD}`);
const MARKED_BODY = /^[^\n]{0,240}?\bresponse body[ \t]+(?=v=0\s*$)/;

/** Lines that open a message after a log's marker or label: the message start kept, what came before it dropped. */
export function markedMessageStarts(text: string): { text: string; changed: boolean } {
  let changed = false;
  const out = text.split('\n', LINES_MAX).map((line) => {
    const start = MARKED_START.exec(line);
    if (start) {
      changed = true;
      return line.slice(start[0].length).replace(/\*\*\s*$/, '');
    }
    const body = MARKED_BODY.exec(line);
    if (body) {
      changed = true;
      return '\n' + line.slice(body[0].length);
    }
    return line;
  });
  return changed ? { text: out.join('\n'), changed } : { text, changed: false };
}

// docker compose's per-service prefix (`scrypted             | `): the service name padded with spaces, a bar.
const COMPOSE_PREFIX = /^([\w.-]{1,64}) *\|(?: |$)/;

/** Lines carrying docker compose's prefix (one service name on at least two thirds of the non-empty lines): prefix dropped. */
export function composePrefixes(text: string): { text: string; changed: boolean } {
  const lines = text.split('\n', LINES_MAX);
  // Each line's prefix match, once: counted over the non-empty lines, then cut where it names the service.
  const prefixes = lines.map((l) => COMPOSE_PREFIX.exec(l));
  const names = prefixes.filter((_, i) => lines[i]!.trim()).map((m) => m?.[1]);
  const first = names.find((n) => n !== undefined);
  if (!first || names.length < 2 || names.filter((n) => n === first).length * 3 < names.length * 2) return { text, changed: false };
  return { text: lines.map((l, i) => (prefixes[i]?.[1] === first ? l.slice(prefixes[i]![0].length) : l)).join('\n'), changed: true };
}

/** An SDP inside a log: from a `v=0` line followed by `o=`/`s=` lines, through the `x=` lines after it. */
export function embeddedSdp(text: string): string | null {
  const lines = text.split('\n', LINES_MAX).map((l) => l.replace(/\r$/, ''));
  const start = lines.findIndex((l, i) => l.trim() === 'v=0' && /^[os]=/.test(lines[i + 1]?.trim() ?? ''));
  if (start < 0) return null;
  const sdp: string[] = [];
  for (const l of lines.slice(start)) {
    const t = l.trim();
    if (!t) continue;
    if (!/^[a-z]=/.test(t)) break;
    sdp.push(t);
  }
  return sdp.length >= 3 ? sdp.join('\r\n') + '\r\n' : null;
}

const QUOTED_MESSAGE = /'((?:RTSP|HTTP)\/\d\.\d \d{3}\b[^']{0,16000}|v=0(?:\r?\n|\\r\\n)[^']{0,16000})'/g;

/**
 * Messages a log quotes as one string, several lines inside the quotes (ZoneMinder's `[Processing DESCRIBE response
 * header 'RTSP/1.0 200 OK…']` and `[Processing SDP 'v=0…']`; a JavaScript client's `decoding chunk 'RTSP/1.0 200
 * OK\r\nServer: …\r\n'` with the line ends written as text): the quoted messages, one after another.
 */
export function quotedMessages(text: string): { text: string; changed: boolean } {
  const found = [...text.matchAll(QUOTED_MESSAGE)].map((m) => m[1]!).filter((m) => /(?:\n|\\r\\n)(?:[A-Za-z][\w-]{0,63}:|[a-z]=)/.test(m)); // a header or SDP line inside
  if (!found.length) return { text, changed: false };
  const messages = found.slice(0, 16).map((m) => m.replace(/\\r\\n/g, '\r\n').replace(/\\n/g, '\n'));
  // A status line opens a reply; an SDP on its own follows the reply it belongs to as its body.
  const out: string[] = [];
  for (const m of messages) {
    if (/^v=0/.test(m) && out.length && !/\r?\n\r?\n/.test(out[out.length - 1]!)) out[out.length - 1] = out[out.length - 1]!.replace(/\s*$/, '') + '\r\n\r\n' + m;
    else out.push(m);
  }
  return { text: out.join('\n\n'), changed: true };
}

const ESCAPED_MESSAGE_LINE = /^((?:RTSP|HTTP)\/\d\.\d \d{3}\b[^\r\n]*?\\r\\n[^\r\n]*)$/gm;

/**
 * A message logged on one line with its line ends written as text (`RTSP/1.0 200 OK\r\nCSeq: 2\r\n…`: a client's
 * debug print of the reply string with the quotes left off): each such line, opened by a status line and holding at
 * least two escaped line ends, gets real ones (`\r\n`, and a lone `\n`, become line breaks). Other lines stay as they are.
 */
export function escapedLineEnds(text: string): { text: string; changed: boolean } {
  let changed = false;
  const out = text.replace(ESCAPED_MESSAGE_LINE, (line: string) => {
    if ((line.match(/\\r\\n/g) ?? []).length < 2) return line;
    changed = true;
    return line.replace(/\\r\\n/g, '\r\n').replace(/\\n/g, '\n');
  });
  return { text: out, changed };
}

/**
 * ffprobe/ffmpeg's summary of an RTSP input (`Input #0, rtsp, from '…':` then `Metadata:` with `title : …` and
 * `comment : …`, as Frigate's camera-support form asks for it): FFmpeg's RTSP demuxer puts the SDP's session name
 * (s=) in `title` and its session information (i=) in `comment` (libavformat/rtsp.c, sdp_parse_line), so they are
 * turned back into those SDP lines. `url` is the input's URL: FFmpeg prints an input's summary (av_dump_format) only
 * after it opened it, so the device answered that URL's DESCRIBE with success (rtsp.requestUri). Null when the text
 * holds no RTSP input summary with either metadata line or a URL.
 */
export function ffprobeRtspSdp(text: string): { sdp: string; url: string | null } | null {
  const input = /^Input #\d+, rtsp, from '(rtsps?:\/\/[^'\s]{1,1024}|[^'\n]*)':[ \t]*\r?\n((?:[ \t]+[^\n]*\r?\n?){1,40})/m.exec(text);
  if (!input) return null;
  const url = /^rtsps?:\/\//i.test(input[1]!) ? input[1]! : null;
  const block = input[2]!;
  const meta = /^([ \t]+)Metadata:[ \t]*\r?\n((?:\1[ \t]+[^\n]*\r?\n?){1,20})/m.exec(block);
  const value = (key: string): string | undefined => (meta ? new RegExp(`^[ \\t]+${key}[ \\t]*: (.*)$`, 'm').exec(meta[2]!)?.[1]?.trimEnd() : undefined);
  const title = value('title');
  const comment = value('comment');
  if (title === undefined && comment === undefined && url === null) return null;
  return { sdp: ['v=0', ...(title !== undefined ? [`s=${title}`] : []), ...(comment !== undefined ? [`i=${comment}`] : []), ''].join('\r\n'), url };
}

const OPENSSH_REMOTE = /^debug1: Remote protocol version (\d\.\d{1,2}), remote software version (\S{1,200})(?:\s|$)/m;
const PUTTY_REMOTE = /^(?:.{0,40}\s)?(?:Remote|Server) version: (SSH-\d\.\d{1,2}-\S.{0,200})$/m;
const SSH_CLIENT_NOISE = /^(?:debug\d: |OpenSSH_|Authenticated to |Transferred: |Bytes per second|Connection to \S+ closed|We claim version: |Looking up host |Connecting to |Connected to |Using SSH protocol version |Host key |Initialised |Selected host key )/;
// paramiko's transport log (netmiko, scrapli, webssh …): `Remote version/idstring: SSH-2.0-X` at DEBUG, and at INFO
// `Connected (version 2.0, client X)` (X is the server's software version, `-` when it sent none), after any logger prefix.
const PARAMIKO_IDSTRING = /^.{0,80}?Remote version\/idstring: (SSH-\d\.\d{1,2}-\S{0,200})\s*$/m;
const PARAMIKO_CONNECTED = /^.{0,80}?\bConnected \(version (\d\.\d{1,2}), client (\S{1,200})\)\s*$/m;
// ssh-audit (jtesta/ssh-audit) prints the server's identification as `(gen) banner: SSH-2.0-X`; all its other lines are
// its own findings (`(gen)`, `(kex)`, `(key)` … `(rec)`, `# …` headings), never server text.
// (identify's logger-prefix step may already have cut the `(gen) ` tag.)
const SSH_AUDIT_BANNER = /^(?:\(gen\) )?banner: (SSH-\d\.\d{1,2}-\S.{0,200})$/m;
const PARAMIKO_NOISE = /^(?:(?:DEBUG|INFO|WARNING|ERROR):paramiko\.|\[[DIWE] \d{6} [\d:]{8} transport:\d{1,5}\] )/;
// mscdex/ssh2 and ssh2-streams (Node: ssh2-sftp-client, node-ssh …) with `debug` on: `Remote ident: 'SSH-2.0-X'` (the server's
// line through util.inspect, so single-quoted), after any prefix (`DEBUG: `, `SFTP Debug: `, a logger's). Every other line
// of that log is the client's own (`Local ident`, `Outbound:`, `Inbound:`, `Handshake:`, `(remote) KEX …` lists).
const SSH2JS_IDENT = /^.{0,80}?\bRemote ident: '(SSH-\d\.\d{1,2}-(?:[^'\\\n]|\\.){0,200})'\s*$/m;
const SSH2JS_NOISE = /(?:^|\s)(?:DEBUG|Debug):|^(?:Local ident|Remote ident|Outbound|Inbound|Handshake|Client|Socket connected|Custom crypto)\b/;

/**
 * The server identification an SSH client's log names: OpenSSH `ssh -v` (`debug1: Remote protocol version 2.0,
 * remote software version X`) and PuTTY's event log (`Remote version: SSH-2.0-X`, `Server version: …`), as the
 * identification line itself; the client's own version lines are dropped. The lines the server printed (a
 * pre-login banner, a prompt) are kept as a second text; paramiko's transport log (`Remote version/idstring: …`,
 * `Connected (version 2.0, client X)`) likewise, its own lines dropped; ssh-audit's `(gen) banner: SSH-2.0-X` (its other
 * lines are its findings, never server text); mscdex/ssh2's debug log (`Remote ident: 'SSH-2.0-X'`, its own lines
 * dropped). Null when the text is none of these logs.
 */
export function sshClientLog(text: string): { id: string; rest: string } | null {
  const o = OPENSSH_REMOTE.exec(text);
  const c = o ? null : PARAMIKO_CONNECTED.exec(text);
  const id = o ? `SSH-${o[1]}-${o[2]}` : PUTTY_REMOTE.exec(text)?.[1]?.trim() ?? PARAMIKO_IDSTRING.exec(text)?.[1] ?? (c ? `SSH-${c[1]}-${c[2]}` : undefined);
  if (!id) {
    const js = SSH2JS_IDENT.exec(text)?.[1];
    if (js) {
      const rest = text.split('\n', LINES_MAX).filter((l) => l.trim() && !SSH2JS_NOISE.test(l.trim())).join('\n');
      return { id: js.replace(/\\(.)/g, '$1'), rest };
    }
    const audit = SSH_AUDIT_BANNER.exec(text)?.[1]?.trim();
    return audit ? { id: audit, rest: '' } : null;
  }
  const rest = text
    .split('\n', LINES_MAX)
    .filter((l) => l.trim() && !SSH_CLIENT_NOISE.test(l.trim()) && !PARAMIKO_NOISE.test(l.trim()) && !/(?:Remote|Server) version: SSH-|version\/idstring: |\bConnected \(version /.test(l))
    .join('\n');
  return { id, rest };
}

// A Markdown heading mark may lead the section names (`## Response headers`, as a note pastes Chrome's copy).
const DEVTOOLS_HEADING = /^\s*(?:#{1,4}\s*)?Response Headers(?:\s*\(\d{1,6}\s*\w{0,3}\))?\s*:?\s*$/im;
const DEVTOOLS_END = /^\s*(?:#{1,4}\s*)?(?:Request Headers|Request Payload|Query String Parameters|Form Data)\b/i;
const DEVTOOLS_STATUS = /^\s*Status(?: Code)?:?\s+(\d{3})(?:\s+([^\r\n]{0,60}))?\s*$/im;

/**
 * A response's headers as a browser's developer tools copy them: the lines under `Response Headers` (up to
 * `Request Headers`), `Name: value` or the name (with or without its colon) and its value on two lines, under the
 * `Status Code` the General section states (on the same line or the next). Null when the text has no such heading.
 */
export function devtoolsResponseHeaders(text: string): string | null {
  const start = DEVTOOLS_HEADING.exec(text);
  if (!start) return null;
  const lines = text.slice(start.index + start[0].length).split('\n', LINES_MAX).map((l) => l.trim());
  const headers: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (DEVTOOLS_END.test(l)) break;
    if (!l) continue;
    if (/^[A-Za-z][\w-]{0,63}:$/.test(l) && lines[i + 1]) headers.push(`${l} ${lines[++i]!}`);
    else if (/^[A-Za-z][\w-]{0,63}:\s?\S/.test(l)) headers.push(l);
    // Chrome's newer copy: the name alone on one line (lower-case for HTTP/2), its value on the next.
    else if (/^[A-Za-z][\w-]{0,63}$/.test(l) && lines[i + 1] && !DEVTOOLS_END.test(lines[i + 1]!)) headers.push(`${l}: ${lines[++i]!}`);
  }
  if (!headers.length) return null;
  const status = DEVTOOLS_STATUS.exec(text.slice(0, start.index));
  return [...(status ? [`HTTP/1.1 ${status[1]} ${status[2] ?? ''}`.trimEnd()] : []), ...headers].join('\r\n') + (status ? '\r\n\r\n' : '');
}

const INDENTED_STATUS = /^([ \t]{1,8})((?:HTTP|RTSP)\/\d(?:\.\d)?\s+\d{3}\b)/m;

/**
 * A reply printed indented (wget -S / --server-response: two spaces before every header line): the indent taken off
 * the status line and the lines after it that carry the same indent. Null when no indented status line.
 */
export function indentedReply(text: string): string | null {
  const m = INDENTED_STATUS.exec(text);
  if (!m) return null;
  const indent = m[1]!;
  const out: string[] = [];
  for (const line of text.slice(m.index).split('\n', LINES_MAX)) {
    if (!line.startsWith(indent) || !line.trim()) break;
    out.push(line.slice(indent.length).replace(/\r$/, ''));
  }
  return out.length > 1 ? out.join('\r\n') + '\r\n\r\n' : null;
}

const LABELLED_STATUS = /^[^\n]{0,120}?\b(?:response|reply|answer|received)\s*:\s+((?:RTSP|HTTP)\/\d(?:\.\d)?\s+\d{3}\b[^\n]*)$/im;

/**
 * A status line a log writes after its own label on the same line (VLC's live555 module: `… live555 demux debug:
 * RTSP response: RTSP/1.0 401 Unauthorized`, the headers on the lines after it): the text from the status line on.
 */
export function labelledReply(text: string): string | null {
  const m = LABELLED_STATUS.exec(text);
  if (!m) return null;
  return text.slice(m.index + m[0].length - m[1]!.length);
}
