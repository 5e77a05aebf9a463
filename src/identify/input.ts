// Turns one captured sample ({protocol, payload}) into parsed evidence for `camaudit identify`.
// 1. The label becomes a route (protocols.ts): a known protocol, a synonym, a Recog file name, or "sniff".
// 2. Wrappers come off (unwrap.ts): logger prefixes, curl -v, http.client debug, ngrep, nmap fingerprints.
// 3. Each piece is read by its route's reader: the wire parser, then the fragment forms (forms.ts), then the
//    decoded-form adapters. A piece its route cannot read is sniffed (every form tried, what parses kept).
// 4. Every document in it (a body, a JSON/XML/key=value payload) is read for vendor API shapes and
//    identity keys (parsers/doc.ts).
// Every value is capped on the way out (capEvidence), so a 1 MiB sample cannot come back as a 1 MiB field.
// A reader that throws leaves a `parse` note (which reader, which input, why); nothing is dropped silently.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { failureNote } from '../core/failure.js';
import * as tls from '../parsers/tls.js';
import * as dahuaCgi from '../parsers/dahua-cgi.js';
import * as doc from '../parsers/doc.js';
import * as ubiquiti from '../parsers/ubiquiti.js';
import * as homekit from '../parsers/homekit.js';
import { fromDecodedTcp } from '../parsers/decoded-tcp.js';
import { fromDecoded } from '../parsers/decoded.js';
import { dhcpOptions, ftpBanner, sipMessage, snmpSystem, sshBanner, telnetBanner } from '../parsers/banner.js';
import { found, parseFailure } from '../parsers/failure.js';
import { httpForms, rtspForms, wwwAuthenticateValue } from './forms.js';
import { routeOf, type Route } from './protocols.js';
import { parse as nmapServices, looksLikeNmapServices } from '../parsers/nmap-service.js';
import { asJsonText, guarded, sniff } from './sniff.js';
import { unwrap, type Segment } from './unwrap.js';

export { PROTOCOLS, FIELD_ROUTES, KNOWN_LABELS, routeOf } from './protocols.js';

export const PAYLOAD_MAX = 1024 * 1024;
const ITEMS_MAX = 200;

/** Payload as text: strings as-is, objects as JSON; cut at PAYLOAD_MAX. */
export function payloadText(payload: unknown): string {
  let t: string;
  try {
    t = typeof payload === 'string' ? payload : (JSON.stringify(payload ?? '') ?? '');
  } catch (e) {
    // A value JSON cannot write (a BigInt, a cycle): read its string form instead, and say so in the text.
    t = `[${failureNote('unserialisable payload', e)}]`;
  }
  return t.length > PAYLOAD_MAX ? t.slice(0, PAYLOAD_MAX) : t;
}

/** Longest single value kept from a sample; longer ones are cut, with a note. */
export const VALUE_MAX = 4096;

/** Text bytes (UTF-8) one sample's evidence may hold; past it, values and lists are cut much shorter. */
export const OUTPUT_CHARS_MAX = 160 * 1024;
const TIGHT_VALUE_MAX = 256;
const TIGHT_ITEMS_MAX = 16;

function capValue(v: unknown, cut: { n: number }, max: { value: number; items: number }): unknown {
  if (typeof v === 'string') {
    if (v.length <= max.value) return v;
    cut.n++;
    return v.slice(0, max.value);
  }
  if (Array.isArray(v)) {
    if (v.length > max.items) cut.n++;
    return v.slice(0, max.items).map((x) => capValue(x, cut, max));
  }
  return v;
}

const textSize = (fields: ParsedEvidence['fields']): number =>
  Object.entries(fields).reduce((n, [k, v]) => n + Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : Array.isArray(v) ? v.reduce((m: number, x) => m + Buffer.byteLength(String(x)), 0) : 8), 0);

/**
 * Bounds every field value and list, whichever parser produced it; and the whole: once the evidence holds
 * OUTPUT_CHARS_MAX characters, what follows is kept with much shorter values (a sample of many pieces, e.g. an
 * nmap fingerprint with dozens of replies, cannot come back as megabytes).
 */
export function capEvidence(evidence: ParsedEvidence[]): ParsedEvidence[] {
  let total = 0;
  const out: ParsedEvidence[] = [];
  for (const e of evidence.slice(0, ITEMS_MAX)) {
    if (total > 2 * OUTPUT_CHARS_MAX) {
      const last = out[out.length - 1]!;
      last.notes = [...(last.notes ?? []), `${Math.min(evidence.length, ITEMS_MAX) - out.length} more piece(s) of evidence dropped: the sample's evidence passed ${2 * OUTPUT_CHARS_MAX} bytes`];
      break;
    }
    const cut = { n: 0 };
    const tight = total > OUTPUT_CHARS_MAX;
    const max = tight ? { value: TIGHT_VALUE_MAX, items: TIGHT_ITEMS_MAX } : { value: VALUE_MAX, items: ITEMS_MAX };
    const fields = Object.fromEntries(Object.entries(e.fields).slice(0, max.items).map(([k, v]) => [k, capValue(v, cut, max)])) as ParsedEvidence['fields'];
    total += textSize(fields);
    const notes = (e.notes ?? []).slice(0, 20).map((n) => (n.length > 300 ? n.slice(0, 300) : n));
    if (cut.n) notes.push(`${cut.n} value(s) cut at ${max.value} characters / ${max.items} items${tight ? ` (the sample's evidence passed ${OUTPUT_CHARS_MAX} bytes)` : ''}`);
    out.push({ ...e, fields, ...(notes.length ? { notes } : {}) });
  }
  return out;
}

/** Evidence from one sample. Never throws; an unknown protocol is sniffed. */
export function evidenceFromSample(protocol: string, payload: unknown): ParsedEvidence[] {
  return capEvidence(uncappedEvidence(protocol, payload));
}

const isMessage = (t: string): boolean => /^\s*(?:HTTP|RTSP|SIP)\/\d/i.test(t);

/** The body of a SIP message (after its first empty line), or '' when it has none. */
function sipBody(text: string): string {
  const m = /\r?\n[ \t]*\r?\n/.exec(text);
  return m ? text.slice(m.index + m[0].length).trim() : '';
}

/** A field route's parent protocol, for a payload that is a whole message rather than one value. */
const PARENT: Partial<Record<Route, Route>> = {
  'http.server': 'http',
  'http.title': 'http',
  'http.wwwauth': 'http',
  'rtsp.server': 'rtsp',
  'tls.subject': 'tls',
  'tls.issuer': 'tls',
  'ssh.banner': 'ssh',
  'ftp.banner': 'ftp',
  'telnet.banner': 'telnet',
  'snmp.sysDescr': 'snmp',
  'snmp.sysObjectID': 'snmp',
  'sip.server': 'sip',
  'sip.userAgent': 'sip',
  'mdns.txt': 'mdns',
  'dhcp.vendorClass': 'dhcp',
};

/** One bare value of one field (what a Recog example is). */
function fieldValue(route: Route, text: string): ParsedEvidence[] {
  const v = text.replace(/^\ufeff/, '').trim();
  if (!v) return [];
  const note = [`decoded form: a bare ${route} value`];
  switch (route) {
    case 'http.server':
      return [{ kind: 'http', fields: { server: v }, notes: note }];
    case 'http.title':
      return [{ kind: 'http', fields: { title: v.replace(/\s+/g, ' ') }, notes: note }];
    case 'http.wwwauth': {
      const auth = wwwAuthenticateValue(v);
      // Recog's examples always carry the scheme; a realm alone is read as one.
      return auth.length ? auth : [{ kind: 'http', fields: { 'auth.realm': v.replace(/^realm\s*=\s*/i, '').replace(/^"(.*)"$/, '$1') }, notes: note }];
    }
    case 'rtsp.server':
      return [{ kind: 'rtsp', fields: { server: v }, notes: note }];
    case 'tls.subject':
      return tls.fromDnString(v, 'subject');
    case 'tls.issuer':
      return tls.fromDnString(v, 'issuer');
    case 'ssh.banner':
      return sshBanner(v, true);
    case 'ftp.banner':
      return ftpBanner(v, true);
    case 'telnet.banner':
      return telnetBanner(text, true);
    case 'snmp.sysDescr':
      return snmpSystem(v, 'sysDescr');
    case 'snmp.sysObjectID':
      return snmpSystem(v, 'sysObjectID');
    case 'sip.server':
      return sipMessage(v, 'server');
    case 'sip.userAgent':
      return sipMessage(v, 'userAgent');
    case 'dhcp.vendorClass':
      return dhcpOptions(v, 'vendorClass');
    case 'mdns.txt': {
      const pairs = v.split(/\r?\n|(?<=\S)\s+(?=[\w.-]+=)/).map((s) => s.trim()).filter(Boolean).slice(0, 64);
      const f: Fields = { txt: pairs };
      for (const p of pairs) {
        const eq = p.indexOf('=');
        if (eq > 0) f[`txt.${p.slice(0, eq).toLowerCase()}`] = p.slice(eq + 1);
      }
      return [{ kind: 'mdns', fields: f, notes: note }];
    }
    default:
      return [];
  }
}

/** A favicon hash as published: MD5 (Recog favicons.xml) or Shodan's signed mmh3, or {md5, mmh3} JSON. */
function favicon(text: string): ParsedEvidence[] {
  const f: Fields = {};
  const md5 = /\b([0-9a-f]{32})\b/i.exec(text)?.[1];
  if (md5) f.md5 = md5.toLowerCase();
  const mmh3 = /(?:mmh3|favicon\.hash|hash)["']?\s*[:=]\s*["']?(-?\d{1,11})\b/i.exec(text)?.[1] ?? /^\s*(-?\d{1,11})\s*$/.exec(text)?.[1];
  if (mmh3) f.mmh3 = mmh3;
  return Object.keys(f).length ? [{ kind: 'favicon', fields: f, notes: ['decoded form: published favicon hash'] }] : [];
}

/** A JSON-bodied discovery reader, also given the payload's cut-off or Python-printed JSON repaired. */
function jsonRoute(p: 'dhip' | 'xiongmai' | 'ssdp' | 'mdns', text: string): ParsedEvidence[] {
  const direct = fromDecoded(p, text);
  if (direct.length) return direct;
  const json = asJsonText(text);
  return json ? fromDecoded(p, json).map((e) => ({ ...e, notes: [...(e.notes ?? []), 'read after repairing cut-off or Python-printed JSON'] })) : [];
}

/** The reader for one route. Messages labelled with an API name (isapi, rpc2 …) are read as HTTP first. */
function readRoute(route: Route, text: string): ParsedEvidence[] {
  if (PARENT[route]) return isMessage(text) || text.trim().includes('\n') ? readRoute(PARENT[route]!, text) : fieldValue(route, text);
  switch (route) {
    case 'http':
      return httpForms(text);
    case 'rtsp':
      return rtspForms(text);
    case 'tls':
      return tls.parse(text);
    case 'onvif':
    case 'onvif-devinfo':
      return isMessage(text) ? httpForms(text) : fromDecodedTcp('onvif-devinfo', text);
    case 'isapi':
      return isMessage(text) ? httpForms(text) : fromDecodedTcp('isapi', text);
    case 'dahua-cgi':
      return isMessage(text) ? httpForms(text) : dahuaCgi.parse(text);
    case 'rpc2':
    case 'lapi':
      return isMessage(text) ? httpForms(text) : doc.parse(text);
    case 'ws-discovery':
      return fromDecoded('ws-discovery', text);
    case 'ssdp':
      return jsonRoute('ssdp', text);
    case 'upnp-xml':
      return /^\s*(?:HTTP\/1\.\d\s+200|NOTIFY \* HTTP)/i.test(text) ? fromDecoded('ssdp', text) : fromDecoded('upnp-xml', text);
    case 'mdns':
      return jsonRoute('mdns', text);
    case 'sadp':
      return fromDecoded('sadp', text);
    case 'dhip':
      return jsonRoute('dhip', text);
    case 'xiongmai':
      return jsonRoute('xiongmai', text);
    case 'dvrip': {
      // "DVRIP" names both Dahua's 5050 search (a hex dump here) and Xiongmai's Sofia protocol (JSON).
      const dahua = /^[0-9a-f\s]+$/i.test(text.trim()) ? fromDecoded('dvrip', text) : [];
      return dahua.length ? dahua : jsonRoute('xiongmai', text);
    }
    case 'ubiquiti-discovery':
      // A binary reply: the text carries one byte per character (a decoded bytes literal or a raw read).
      return ubiquiti.parse(Buffer.from(text, 'latin1'));
    case 'homekit':
      return homekit.parse(text);
    case 'ftp': {
      const ev = ftpBanner(text);
      return ev.length ? ev : ftpBanner(text, true);
    }
    case 'telnet':
      return telnetBanner(text, true);
    case 'ssh':
      return sshBanner(text, true);
    case 'snmp':
      return snmpSystem(text, 'sysDescr');
    case 'sip':
      return sipMessage(text, 'server');
    case 'dhcp':
      return dhcpOptions(text, 'vendorClass');
    case 'favicon':
      return favicon(text);
    case 'banner':
    case 'sniff':
      return sniff(text);
    default:
      return [];
  }
}

/** The route a piece's own first line names (a status line), else the label's route. */
function routeForPiece(label: Route, text: string, hint: string | undefined): Route {
  const t = text.trimStart();
  if (/^HTTP\/\d/i.test(t)) return ['isapi', 'onvif', 'onvif-devinfo', 'dahua-cgi', 'rpc2', 'lapi', 'upnp-xml', 'ssdp'].includes(label) ? label : 'http';
  if (/^RTSP\/\d/i.test(t)) return 'rtsp';
  if (hint === 'tls') return 'tls';
  if (hint === 'favicon') return 'favicon';
  return label;
}

/**
 * Kinds a dedicated parser produces from a document. A piece one of them read is not read again as a generic
 * document: one self-report is one piece of evidence, not two rules' worth.
 */
const DEDICATED = new Set(['wsd', 'ssdp', 'upnp', 'sadp', 'dhip', 'xiongmai', 'onvif', 'isapi', 'dahuacgi', 'mdns', 'dvrip']);

function uncappedEvidence(protocol: string, payload: unknown): ParsedEvidence[] {
  const label = routeOf(typeof protocol === 'string' ? protocol : String(protocol));
  const text = payloadText(payload);
  const out: ParsedEvidence[] = [];
  const documents = new Set<string>();
  for (const piece of guardedUnwrap(text, out)) {
    const route = routeForPiece(label, piece.text, piece.hint);
    let ev = guarded(`identify/${route}`, (t) => readRoute(route, t), piece.text);
    const notes = [...piece.notes];
    if (!found(ev).length && route !== 'sniff' && route !== 'banner') {
      const sniffed = guarded('identify/sniff', sniff, piece.text);
      if (found(sniffed).length) notes.push(`not readable as ${protocol.slice(0, 40)}: read by trying every form`);
      ev = [...ev, ...sniffed];
    }
    // nmap's output (port table, -oX, -oG, script lines) under another protocol's label: read as nmap too.
    if (!ev.some((e) => e.kind === 'nmap') && looksLikeNmapServices(piece.text)) {
      // Its script lines' HTTP values only when the route read none of its own (no value counted twice).
      const httpRead = ev.some((e) => e.kind === 'http' && (e.fields.server !== undefined || e.fields.title !== undefined || e.fields['auth.realm'] !== undefined));
      const nm = guarded('identify/nmap', nmapServices, piece.text).filter((e) => e.kind !== 'http' || !httpRead);
      if (nm.length) ev = [...ev, ...nm];
    }
    const dedicated = ev.some((e) => DEDICATED.has(e.kind));
    for (const e of ev) {
      if (notes.length) e.notes = [...notes, ...(e.notes ?? [])];
      if (piece.request && e.kind === 'http' && e.fields.path === undefined) e.fields.path = piece.request.path;
      // The RTSP URI a transcript's request named, when the device answered it with success: the stream path it serves
      // (a status line says so, or the wrapper does: ffprobe summarises only inputs it opened).
      const success = piece.answered === true || (typeof e.fields.status === 'number' && e.fields.status >= 200 && e.fields.status < 300);
      if (piece.request && e.kind === 'rtsp' && e.fields.requestUri === undefined && success && /^rtsps?:\/\//i.test(piece.request.path)) {
        e.fields.requestUri = piece.request.path.slice(0, 1024);
      }
      if (!dedicated && e.kind === 'http' && typeof e.fields.body === 'string' && e.fields.body) documents.add(e.fields.body);
      // A SIP message's body (GB28181's MANSCDP XML: DeviceInfo, Catalog with Manufacturer and Model) is a document too.
      if (e.kind === 'sip' && e.fields.statusLine !== undefined) {
        const body = sipBody(piece.text);
        if (body) documents.add(body);
      }
    }
    out.push(...ev);
    // The piece itself is a document unless it is a message (its body was taken above), or a parser of its own read it.
    if (!dedicated && !isMessage(piece.text) && !ev.some((e) => e.kind === 'doc')) documents.add(piece.text);
  }
  for (const d of documents) out.push(...guarded('doc', doc.parse, d));
  return out;
}

function guardedUnwrap(text: string, out: ParsedEvidence[]): Segment[] {
  try {
    return unwrap(text);
  } catch (e) {
    // The unwrapper failed: its note is kept and the text is read as given.
    out.push(parseFailure('identify/unwrap', text, e));
    return [{ text, notes: [] }];
  }
}
