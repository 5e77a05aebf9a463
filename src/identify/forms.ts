// Readers for the fragments people publish of a device's HTTP/RTSP reply: a header line on its own
// (`WWW-Authenticate: Digest realm="…"`, `Server: uc-httpd 1.0.0`), several header lines with no status line,
// a bare header value (`App-webs/`, `DNVRS-Webs`), a WWW-Authenticate value alone, a body with no status
// line (HTML login page, XML, JSON, CGI key=value). Each takes text with its wrappers already removed
// (unwrap.ts) and returns evidence in the wire parsers' kinds and fields, with a note saying which form.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import * as http from '../parsers/http.js';
import * as rtsp from '../parsers/rtsp.js';
import * as onvif from '../parsers/onvif.js';
import * as isapi from '../parsers/isapi.js';
import * as dahuaCgi from '../parsers/dahua-cgi.js';

const BODY_TEXT_MAX = 16 * 1024;
const BARE_MAX = 256;

/** Header names seen on device web servers; a `Name: value` line with one of these is a header line. */
export const HTTP_HEADER_NAMES = new Set(
  [
    'server', 'www-authenticate', 'content-type', 'content-length', 'set-cookie', 'location', 'x-powered-by', 'date', 'connection',
    'cache-control', 'etag', 'last-modified', 'pragma', 'expires', 'x-frame-options', 'x-xss-protection', 'x-content-type-options',
    'transfer-encoding', 'accept-ranges', 'keep-alive', 'p3p', 'strict-transport-security', 'content-security-policy', 'vary',
    'access-control-allow-origin', 'access-control-allow-methods', 'access-control-allow-headers', 'content-encoding', 'allow',
    'referrer-policy', 'x-ua-compatible', 'content-language', 'mime-version', 'proxy-authenticate', 'upgrade', 'via', 'age',
    'x-download-options', 'x-permitted-cross-domain-policies', 'x-aspnet-version', 'x-generator', 'content-disposition', 'public',
    'cseq', 'session', 'content-base', 'rtp-info', 'retry-after', 'x-server', 'x-webkit-csp', 'x-content-security-policy',
  ],
);

const AUTH_VALUE = /^(?:Basic|Digest|NTLM|Negotiate|Bearer)\s+[\w-]+\s*=/i;
const HEADER_LINE = /^([A-Za-z][\w-]{0,63})[ \t]?:[ \t]?(.*)$/;
/** A line that opens a body (markup or JSON), not a header or a folded header value. */
const BODY_START = /^[<{\[]/;

/**
 * Header lines followed at once by a body whose blank line was lost in the paste (`WWW-Authenticate: …` then
 * `<!DOCTYPE html>` on the next line, as a blog copies a 401 out of Wireshark): the blank line put back. Text whose
 * headers already end in a blank line, or that has no such body line, is returned as it is.
 */
export function restoreBodyBreak(text: string): string {
  const lines = text.split('\n', 64);
  let offset = 0;
  for (const [i, raw] of lines.entries()) {
    const l = raw.replace(/\r$/, '');
    if (!l.trim()) return text;
    if (i > 0 && BODY_START.test(l)) return `${text.slice(0, offset)}\r\n${text.slice(offset)}`;
    if (!HEADER_LINE.exec(l) && !(i > 0 && (l[0] === ' ' || l[0] === '\t'))) return text;
    offset += raw.length + 1;
  }
  return text;
}

/** True when the text opens with header lines (at least one an HTTP/RTSP header name), not a document. */
export function looksLikeHeaderLines(text: string): boolean {
  const lines = text.split(/\r?\n/, 64);
  let headers = 0;
  let known = 0;
  for (const [i, l] of lines.entries()) {
    if (!l.trim()) break;
    const m = HEADER_LINE.exec(l);
    if (!m) {
      if (headers && BODY_START.test(l)) break; // a body pasted right under the headers, the blank line lost
      if ((l[0] === ' ' || l[0] === '\t') && headers) continue; // obs-fold
      // A last line cut off mid-name (a truncated paste) does not make the rest something else.
      if (i === lines.length - 1 && headers && /^[A-Za-z][\w-]*$/.test(l.trim())) break;
      return false;
    }
    headers++;
    if (HTTP_HEADER_NAMES.has(m[1]!.toLowerCase())) known++;
  }
  return headers > 0 && known > 0 && known * 3 >= headers;
}

/** A page holding only a title, for a title a tool reports without the page (WhatWeb, masscan, scanner summaries). */
export function titlePage(title: string): string {
  return `<html><head><title>${title.replace(/[<>]/g, '')}</title></head></html>`;
}

/**
 * The anti-hijacking prefix a web API puts before its JSON (`while(1);` then the JSON in a block comment, as Huawei's
 * home gateways answer /api/system/deviceinfo; `for(;;);`; `)]}'`): a body, never a Server value.
 */
const JSON_GUARD = /^(?:while\s*\(\s*1\s*\)\s*;|for\s*\(\s*;\s*;\s*\)\s*;|\)\]\}')/;

/** A single-line value with no markup, no `=` pairs and no JSON: what a header's value looks like alone. */
export function bareValue(text: string): string | null {
  const v = text.trim();
  if (!v || v.length > BARE_MAX || /[\r\n]/.test(v) || /^[<{[(#]/.test(v) || /^[\w.-]+=/.test(v) || JSON_GUARD.test(v)) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x08\x0e-\x1f\x7f]/.test(v)) return null;
  return v;
}

/** `Basic realm="x"` / `Digest realm="Login to …", nonce=…` on its own. */
export function wwwAuthenticateValue(text: string): ParsedEvidence[] {
  const v = text.trim();
  if (!AUTH_VALUE.test(v) || v.length > 8192) return [];
  const c = http.authChallenge(v);
  const f: Fields = { wwwAuthenticate: [v.replace(/\s*\r?\n\s*/g, ' ')], 'auth.scheme': c.scheme };
  if (c.realm !== undefined) f['auth.realm'] = c.realm;
  return [{ kind: 'http', fields: f, notes: ['decoded form: WWW-Authenticate value only'] }];
}

/** Header lines (`Name: value`), with or without a blank line and a body after them, and no status line. */
export function headerDump(kind: 'http' | 'rtsp', text: string): ParsedEvidence[] {
  const restored = restoreBodyBreak(text);
  const msg = http.splitMessage(restored, kind === 'http' ? /^HTTP\//i : /^RTSP\//i);
  if (!msg.headers.length) return [];
  const f: Fields = { ...http.headerFields(msg.headers) };
  f.headers = msg.headers.slice(0, 200).map(([k, v]) => `${k}: ${v}`);
  f.headerShape = msg.headers
    .map(([k]) => k)
    .filter((k) => k.toLowerCase() !== 'date')
    .join('|');
  const ct = http.header(msg.headers, 'content-type');
  if (ct !== undefined) f.contentType = ct;
  const loc = http.header(msg.headers, 'location');
  if (loc !== undefined) f.location = loc;
  const cookies = http.headersAll(msg.headers, 'set-cookie').map((c) => c.split('=')[0]!.trim()).filter(Boolean).slice(0, 50);
  if (cookies.length) f.cookies = cookies;
  if (kind === 'rtsp') {
    const pub = http.header(msg.headers, 'public');
    if (pub !== undefined) f.public = pub.split(',').map((s) => s.trim()).filter(Boolean).slice(0, 64);
  }
  let body = msg.body;
  if (/chunked/i.test(http.header(msg.headers, 'transfer-encoding') ?? '')) body = http.dechunk(body);
  const out: ParsedEvidence[] = [];
  if (body.length && kind === 'http') Object.assign(f, { body: body.subarray(0, BODY_TEXT_MAX).toString('utf8'), bodyBytes: body.length }, http.bodyFields(body));
  if (body.length && kind === 'rtsp') {
    const sdp = rtsp.parse('RTSP/1.0 200 OK\r\n\r\n' + body.subarray(0, 64 * 1024).toString('utf8'));
    for (const [k, v] of Object.entries(sdp[0]?.fields ?? {})) if (k.startsWith('sdp.')) f[k] = v;
  }
  const forms = [msg.headers.length === 1 ? 'decoded form: one header line, no status line' : 'decoded form: header lines without a status line'];
  if (restored !== text) forms.push('decoded form: the blank line between the headers and the body put back');
  out.push({ kind, fields: f, notes: [...forms, ...msg.notes] });
  if (body.length && kind === 'http') out.push(...bodyDocuments(body.toString('utf8')));
  return out;
}

/** What a body says as a document: ONVIF SOAP, ISAPI XML, Dahua CGI key=value. */
function bodyDocuments(body: string): ParsedEvidence[] {
  return [...onvif.parse(body), ...isapi.parse(body), ...dahuaCgi.parse(body)];
}

/**
 * A body with no status line or headers: HTML login page, XML, JSON, CGI key=value, plain text. CGI key=value lines
 * are read by the key=value parser and, as a full response's body is, by the body rules too (SUNAPI's deviceinfo,
 * AVTECH's Machine.cgi capability and VIVOTEK's getparam replies are key=value bodies).
 */
export function bodyOnly(text: string): ParsedEvidence[] {
  const t = text.replace(/^\ufeff/, '');
  const cgi = dahuaCgi.parse(t);
  if (cgi.length) return [...cgi, bodyEvidence(text, t)];
  return [bodyEvidence(text, t), ...onvif.parse(t), ...isapi.parse(t)];
}

function bodyEvidence(text: string, t: string): ParsedEvidence {
  const buf = Buffer.from(t, 'utf8');
  const f: Fields = { body: t.slice(0, BODY_TEXT_MAX), bodyBytes: buf.length, bom: text.startsWith('\ufeff'), ...http.bodyFields(buf) };
  return { kind: 'http', fields: f, notes: ['decoded form: body only, no status line or headers'] };
}

/**
 * Every HTTP form, most specific first: a full response; a WWW-Authenticate value alone; header lines
 * without a status line; a bare header value (read as the Server header, which is what such values are in
 * published captures); a body alone.
 */
export function httpForms(text: string): ParsedEvidence[] {
  const t = text.replace(/^\ufeff/, '').replace(/^\s+/, '');
  if (!t) return [];
  if (/^HTTP\/\d/i.test(t)) {
    const ev = http.parseHttpResponse(t);
    const body = ev[0]?.fields.body;
    return typeof body === 'string' && body ? [...ev, ...bodyDocuments(body)] : ev;
  }
  const auth = wwwAuthenticateValue(t);
  if (auth.length) return auth;
  if (looksLikeHeaderLines(t)) return headerDump('http', t);
  const bare = bareValue(t);
  if (bare !== null) return [{ kind: 'http', fields: { server: bare }, notes: ['decoded form: a bare header value, read as the Server header'] }];
  return bodyOnly(text);
}

/** Every RTSP form: a full reply, SDP alone (with or without v=0 first), header lines, a bare Server value. */
export function rtspForms(text: string): ParsedEvidence[] {
  const t = text.replace(/^\ufeff/, '').replace(/^\s+/, '');
  if (!t) return [];
  const direct = rtsp.parse(t);
  if (direct.length) return direct;
  // SDP whose v= line was cut off: mostly `x=` lines.
  const lines = t.split(/\r?\n/, 2000).filter((l) => l.trim());
  if (lines.length >= 2 && lines.filter((l) => /^[a-z]=/.test(l)).length * 2 > lines.length) return rtsp.parse('v=0\r\n' + t).map((e) => ({ ...e, notes: ['SDP body only, first line missing'] }));
  const auth = wwwAuthenticateValue(t);
  if (auth.length) return auth.map((e) => ({ ...e, kind: 'rtsp' }));
  if (looksLikeHeaderLines(t)) return headerDump('rtsp', t);
  const bare = bareValue(t);
  if (bare !== null) return [{ kind: 'rtsp', fields: { server: bare }, notes: ['decoded form: Server value only'] }];
  return [];
}
