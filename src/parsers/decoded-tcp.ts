// Adapters for corpus samples stored in a tool's decoded form rather than raw wire bytes:
// curl -v dumps, ngrep renderings, header-value-only samples, Python dict / xmltodict JSON reprs,
// logger-marked dumps. `camaudit identify` uses parse() for raw payloads and this for the rest.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import * as http from './http.js';
import * as rtsp from './rtsp.js';
import * as tls from './tls.js';
import * as onvif from './onvif.js';
import * as isapi from './isapi.js';
import * as dahuaCgi from './dahua-cgi.js';

const INPUT_MAX = 1024 * 1024;

/** ngrep: `T a:p -> b:p [AP]` then payload lines indented two spaces, wrapped, CR/LF shown as '.'. */
function fromNgrep(text: string): string | null {
  const lines = text.split('\n');
  if (!/^[TU] \S+ -> \S+/.test(lines[0] ?? '')) return null;
  const joined = lines
    .slice(1)
    .map((l) => l.replace(/^ {2}/, ''))
    .join('');
  // '..' stands for CRLF; a trailing run of dots is where the capture was cut.
  return joined.replace(/\.{4,}$/, '\r\n\r\n').replace(/\.\./g, '\r\n');
}

/** curl -v: response lines start with '< ', request lines with '> ', info lines with '* '. */
function fromCurl(text: string): string | null {
  const lines = text.split(/\r?\n/);
  if (!lines.some((l) => l.startsWith('< '))) return null;
  return lines
    .filter((l) => l.startsWith('< ') || l === '<')
    .map((l) => l.slice(2))
    .join('\r\n');
}

/** `'key': 'value'` / `"key": "value"` / zeep's `'Key': value` pairs of a dict repr. */
function dictPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /['"]([@\w.:-]{1,64})['"]\s*:\s*(?:'([^']{0,1024})'|"([^"]{0,1024})"|([^,'"{}[\]\n]{0,1024}))/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 500) {
    const key = m[1];
    if (key in out) continue;
    out[key] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  }
  return out;
}

/** Header lines (`name: value`) then a blank line then a body, without a status line. */
function fromHeaderDump(text: string): ParsedEvidence[] {
  const msg = http.splitMessage(text, /^HTTP\//i);
  if (!msg.headers.length) return [];
  const f: Fields = { ...http.headerFields(msg.headers) };
  f.headerShape = msg.headers
    .map(([k]) => k)
    .filter((k) => k.toLowerCase() !== 'date')
    .join('|');
  const ct = http.header(msg.headers, 'content-type');
  if (ct !== undefined) f.contentType = ct;
  if (msg.body.length) Object.assign(f, { body: msg.body.subarray(0, 16384).toString('utf8'), bodyBytes: msg.body.length }, http.bodyFields(msg.body));
  const out: ParsedEvidence[] = [{ kind: 'http', fields: f, notes: ['decoded form: header dump without status line'] }];
  if (msg.body.length) out.push(...onvif.parse(msg.body), ...isapi.parse(msg.body));
  return out;
}

function httpSample(text: string): ParsedEvidence[] {
  const t = text.replace(/^\ufeff/, '');
  const ng = fromNgrep(t);
  if (ng !== null) return http.parseHttpResponse(ng);
  const curl = fromCurl(t);
  if (curl !== null) return http.parseHttpResponse(curl);
  if (/^HTTP\/\d/i.test(t)) return http.parseHttpResponse(t);
  const marker = /^(<<<|>>>)[^\n]*\n/.exec(t);
  if (marker) return fromHeaderDump(t.slice(marker[0].length));
  // A WWW-Authenticate value alone.
  if (/^(Basic|Digest|NTLM|Negotiate|Bearer)\s+\w+=/i.test(t)) {
    const c = http.authChallenge(t);
    const f: Fields = { wwwAuthenticate: [t], 'auth.scheme': c.scheme };
    if (c.realm !== undefined) f['auth.realm'] = c.realm;
    return [{ kind: 'http', fields: f, notes: ['decoded form: WWW-Authenticate value only'] }];
  }
  if (/^[A-Za-z][\w-]*:\s/.test(t) && /\n\r?\n/.test(t)) return fromHeaderDump(t);
  // A body alone: key=value CGI output, SOAP/XML, HTML or JSON.
  const cgi = dahuaCgi.parse(t);
  if (cgi.length) return cgi;
  const xmlish = [...onvif.parse(t), ...isapi.parse(t)];
  const body = Buffer.from(t, 'utf8');
  const f: Fields = { body: t.slice(0, 16384), bodyBytes: body.length, bom: false, ...http.bodyFields(body) };
  return [{ kind: 'http', fields: f, notes: ['decoded form: body only, no status line or headers'] }, ...xmlish];
}

function rtspSample(text: string): ParsedEvidence[] {
  const ng = fromNgrep(text);
  if (ng !== null) return rtsp.parse(ng);
  const curl = fromCurl(text);
  if (curl !== null) return rtsp.parse(curl);
  const direct = rtsp.parse(text);
  if (direct.length) return direct;
  const line = text.trim();
  // A Server header value alone.
  if (line && !line.includes('\n') && line.length <= 512) return [{ kind: 'rtsp', fields: { server: line }, notes: ['decoded form: Server value only'] }];
  return [];
}

function onvifSample(text: string): ParsedEvidence[] {
  const xml = onvif.parse(text);
  if (xml.length) return xml;
  // python-onvif / zeep printout: `True: {'Model': X, 'SerialNumber': Y, …}`.
  const d = dictPairs(text);
  const map: Array<[string, string]> = [
    ['Manufacturer', 'manufacturer'],
    ['Model', 'model'],
    ['FirmwareVersion', 'firmwareVersion'],
    ['SerialNumber', 'serialNumber'],
    ['HardwareId', 'hardwareId'],
  ];
  const f: Fields = { method: 'GetDeviceInformation' };
  for (const [k, field] of map) if (d[k] !== undefined) f[field] = d[k];
  if (Object.keys(f).length === 1) return [];
  return [{ kind: 'onvif', fields: f, notes: ['decoded form: client library printout'] }];
}

function isapiSample(text: string): ParsedEvidence[] {
  const xml = isapi.parse(text);
  if (xml.length) return xml;
  const ev = isapi.isapiFromMap(dictPairs(text));
  return ev.map((e) => ({ ...e, notes: ['decoded form: xmltodict / dict representation'] }));
}

export function fromDecodedTcp(protocol: string, payload: unknown): ParsedEvidence[] {
  try {
    let text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : JSON.stringify(payload ?? '');
    if (text.length > INPUT_MAX) text = text.slice(0, INPUT_MAX);
    switch (protocol) {
      case 'http':
        return httpSample(text);
      case 'rtsp':
        return rtspSample(text);
      case 'tls':
        return tls.parse(text);
      case 'onvif':
      case 'onvif-devinfo':
        return onvifSample(text);
      case 'isapi':
        return isapiSample(text);
      default:
        return [];
    }
  } catch {
    return [];
  }
}
