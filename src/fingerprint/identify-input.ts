// Turns one captured sample ({protocol, payload}) into parsed evidence for `camaudit identify`.
// TCP protocols go through the TCP parsers (raw wire text first, then their decoded-form adapter).
// The UDP parsers (wsd, ssdp, upnp-xml, dns, sadp, dhip, xiongmai) had not landed when this was
// written, so minimal private adapters below read the raw or decoded forms; each is bounded and
// never throws. Replace them with src/parsers/* once those exist.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { fromDecodedTcp } from '../parsers/decoded-tcp.js';
import * as http from '../parsers/http.js';
import * as rtsp from '../parsers/rtsp.js';
import * as tls from '../parsers/tls.js';
import * as onvif from '../parsers/onvif.js';
import * as isapi from '../parsers/isapi.js';
import * as dahuaCgi from '../parsers/dahua-cgi.js';
import { fromDecoded } from '../parsers/decoded.js';

export const PAYLOAD_MAX = 1024 * 1024;
const ITEMS_MAX = 200;

type Parser = (input: string) => ParsedEvidence[];

function safe(p: Parser, text: string): ParsedEvidence[] {
  try {
    return p(text);
  } catch {
    return [];
  }
}

/** Payload as text: strings as-is, objects as JSON; cut at PAYLOAD_MAX. */
export function payloadText(payload: unknown): string {
  const t = typeof payload === 'string' ? payload : JSON.stringify(payload ?? '') ?? '';
  return t.length > PAYLOAD_MAX ? t.slice(0, PAYLOAD_MAX) : t;
}

/** Strip comment markers a sample was pasted with (`//`, `#`, a leading space). */
function uncomment(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^\s*(?:\/\/|#)\s?/, ''))
    .join('\n');
}

/** First JSON object in the text, parsed; null when there is none. */
function firstJson(text: string): Record<string, unknown> | null {
  const t = uncomment(text);
  const start = t.indexOf('{');
  if (start < 0) return null;
  try {
    const v = JSON.parse(t.slice(start, t.lastIndexOf('}') + 1)) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function scalarFields(obj: Record<string, unknown>, into: Fields, prefix = ''): void {
  let n = 0;
  for (const [k, v] of Object.entries(obj)) {
    if (n++ > ITEMS_MAX) break;
    if (v === null || v === undefined) continue;
    if (typeof v === 'object' && !Array.isArray(v)) {
      if (!prefix) scalarFields(v as Record<string, unknown>, into, `${k}.`);
      continue;
    }
    into[prefix + k] = Array.isArray(v) ? v.slice(0, ITEMS_MAX).map(String) : typeof v === 'number' || typeof v === 'boolean' ? String(v) : String(v);
  }
}

function xmlTags(text: string, names?: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /<(?:[\w-]+:)?([A-Za-z][\w.-]{0,60})(?:\s[^>]{0,2000})?>([^<]{0,2000})<\/(?:[\w-]+:)?\1>/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 2000) {
    const [, k, v] = m;
    if (names && !names.includes(k!)) continue;
    if (!(k! in out)) out[k!] = v!.trim();
  }
  return out;
}

function wsd(text: string): ParsedEvidence[] {
  const t = text.slice(0, 256 * 1024);
  const scopes = [...new Set(t.match(/onvif:\/\/www\.onvif\.org\/[^\s"'<>,\]]+(?:[ ][A-Z][a-z]+)?/g) ?? [])].slice(0, ITEMS_MAX).map((s) => s.trim());
  const namespaces = [...new Set([...t.matchAll(/xmlns(?::[\w-]+)?="([^"]{1,300})"/g)].map((m) => m[1]!))].slice(0, ITEMS_MAX);
  const types = [...new Set(t.match(/\b(?:dn|tds|wsdp|ns\d*):[A-Za-z]+\b/g) ?? [])].filter((x) => /Device|Transmitter/.test(x)).slice(0, 20);
  if (!scopes.length && !namespaces.some((n) => /onvif|discovery/.test(n))) return [];
  const f: Fields = { scopes, namespaces, types };
  const pick = (kind: string): string[] =>
    scopes.filter((s) => s.startsWith(`onvif://www.onvif.org/${kind}/`)).map((s) => decodeURIComponent(s.slice(`onvif://www.onvif.org/${kind}/`.length).replace(/%(?![0-9a-f]{2})/gi, '%25')));
  const name = pick('name')[0];
  const hardware = pick('hardware')[0];
  if (name !== undefined) f['scope.name'] = name;
  if (hardware !== undefined) f['scope.hardware'] = hardware;
  f['scope.location'] = pick('location');
  f['scope.type'] = pick('type');
  const mac = pick('MAC')[0] ?? pick('mac')[0];
  if (mac) f['scope.mac'] = mac;
  const ep = /(urn:uuid:[0-9a-f-]{36}|uuid:[0-9a-f-]{36})/i.exec(t);
  if (ep) f.endpoint = ep[1]!;
  return [{ kind: 'wsd', fields: f }];
}

function ssdp(text: string): ParsedEvidence[] {
  const f: Fields = {};
  const headers: Array<[string, string]> = [];
  const json = text.trimStart().startsWith('{') ? firstJson(text) : null;
  if (json) {
    for (const [k, v] of Object.entries(json)) if (!k.startsWith('_') && typeof v === 'string') headers.push([k, v]);
  } else {
    const lines = text.split(/\r?\n/).slice(0, 100);
    if (/^(?:HTTP\/1\.[01] \d{3}|NOTIFY \* HTTP|M-SEARCH \* HTTP)/i.test(lines[0]?.trim() ?? '')) f.status = lines.shift()!.trim();
    for (const l of lines) {
      const m = /^([A-Za-z0-9][\w.-]{0,60}):\s?(.{0,1000})$/.exec(l.trim());
      if (m) headers.push([m[1]!, m[2]!.trim()]);
    }
  }
  if (!headers.length) return [];
  f.headerNames = headers.map(([k]) => k);
  for (const [k, v] of headers) {
    const lk = k.toLowerCase();
    f[`h.${lk}`] = v;
    if (['server', 'usn', 'st', 'nt', 'location'].includes(lk)) f[lk] = v;
  }
  return [{ kind: 'ssdp', fields: f }];
}

function upnp(text: string): ParsedEvidence[] {
  const t = text.slice(0, 256 * 1024);
  const names = ['deviceType', 'friendlyName', 'manufacturer', 'manufacturerURL', 'modelName', 'modelNumber', 'modelDescription', 'serialNumber', 'UDN', 'presentationURL', 'firmwareVersion', 'macAddress'];
  const tags = xmlTags(t, names);
  if (!Object.keys(tags).length) return [];
  const f: Fields = {};
  for (const [k, v] of Object.entries(tags)) f[k === 'UDN' ? 'udn' : k] = v;
  f.subDevices = [...t.matchAll(/<deviceType>([^<]{1,200})<\/deviceType>/g)].slice(1, ITEMS_MAX).map((m) => m[1]!.trim());
  return [{ kind: 'upnp', fields: f }];
}

function mdns(text: string): ParsedEvidence[] {
  const out: ParsedEvidence[] = [];
  const seen = new Set<string>();
  const re = /([^\s"'\\;:,][^"\n\\;]{0,100}?)\.(_[A-Za-z0-9-]{1,40}\._(?:tcp|udp))\.local\b/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text.slice(0, 256 * 1024))) && out.length < 50) {
    const instance = m[1]!.trim();
    const key = `${instance}|${m[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: 'mdns', fields: { instance, service: m[2]! } });
  }
  // A bare PTR answer names only the service.
  for (const s of new Set(text.match(/\b_[A-Za-z0-9-]{1,40}\._(?:tcp|udp)\b/g) ?? [])) {
    if (out.length >= 50) break;
    if (![...seen].some((k) => k.endsWith(`|${s}`))) {
      seen.add(`|${s}`);
      out.push({ kind: 'mdns', fields: { service: s } });
    }
  }
  return out;
}

function sadp(text: string): ParsedEvidence[] {
  const i = text.indexOf('<ProbeMatch');
  if (i < 0) return [];
  const tags = xmlTags(text.slice(i, i + 64 * 1024));
  return Object.keys(tags).length ? [{ kind: 'sadp', fields: { ...tags } }] : [];
}

function dhip(text: string): ParsedEvidence[] {
  const j = firstJson(text);
  if (!j) return [];
  const params = j.params as Record<string, unknown> | undefined;
  const info = (params?.deviceInfo ?? null) as Record<string, unknown> | null;
  if (typeof j.method !== 'string' && !info) return [];
  const f: Fields = {};
  if (typeof j.method === 'string') f.method = j.method;
  if (typeof j.mac === 'string') f.mac = j.mac;
  if (info && typeof info === 'object') scalarFields(info, f);
  return [{ kind: 'dhip', fields: f }];
}

function xiongmai(text: string): ParsedEvidence[] {
  const j = firstJson(text);
  if (!j) return [];
  const f: Fields = {};
  const net = j['NetWork.NetCommon'];
  const sys = j.SystemInfo;
  if (net && typeof net === 'object') scalarFields(net as Record<string, unknown>, f);
  else if (sys && typeof sys === 'object') scalarFields(sys as Record<string, unknown>, f);
  else if ('SoftWareVersion' in j || 'HardWare' in j) scalarFields(j, f);
  else return [];
  return [{ kind: 'xiongmai', fields: f }];
}

/** Raw parser first; when it finds nothing, the decoded-form adapter. */
function tcp(protocol: string, parser: Parser, text: string, payload: unknown): ParsedEvidence[] {
  const raw = safe(parser, text);
  if (raw.length) return raw;
  try {
    return fromDecodedTcp(protocol, payload);
  } catch {
    return [];
  }
}

export const PROTOCOLS = ['http', 'rtsp', 'tls', 'onvif', 'onvif-devinfo', 'isapi', 'dahua-cgi', 'ws-discovery', 'ssdp', 'upnp-xml', 'mdns', 'sadp', 'dhip', 'xiongmai'] as const;

/** Evidence from one sample. Unknown protocol → []; the caller reports it. */
export function evidenceFromSample(protocol: string, payload: unknown): ParsedEvidence[] {
  const text = payloadText(payload);
  switch (protocol) {
    case 'http': {
      const ev = tcp('http', (t) => http.parse(t), text, payload);
      // A bare CGI body (key=value lines) is also read as Dahua CGI output.
      const cgi = safe((t) => dahuaCgi.parse(t), text);
      return [...ev, ...cgi];
    }
    case 'rtsp':
      return tcp('rtsp', (t) => rtsp.parse(t), text, payload);
    case 'tls':
      return tcp('tls', (t) => tls.parse(t), text, payload);
    case 'onvif':
    case 'onvif-devinfo':
      return tcp('onvif-devinfo', (t) => onvif.parse(t), text, payload);
    case 'isapi':
      return tcp('isapi', (t) => isapi.parse(t), text, payload);
    case 'dahua-cgi':
      return safe((t) => dahuaCgi.parse(t), text);
    case 'ws-discovery':
    case 'wsd':
      return fromDecoded('ws-discovery', text);
    case 'ssdp':
      return fromDecoded('ssdp', text);
    case 'upnp-xml':
    case 'upnp':
      return fromDecoded('upnp-xml', text);
    case 'mdns':
      return safe(mdns, text);
    case 'sadp':
      return fromDecoded('sadp', text);
    case 'dhip':
      return fromDecoded('dhip', text);
    case 'xiongmai':
    case 'dvrip':
      return fromDecoded('xiongmai', text);
    default:
      return [];
  }
}
