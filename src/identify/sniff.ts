// Reading a payload whose label says nothing useful (an unknown `protocol`, "banner", or a known one whose
// reader found nothing): every form is tried, most specific first, and everything that parses is kept.
// Each reader is guarded: one that throws leaves a `parse` note instead of losing the others' evidence.
import type { ParsedEvidence } from '../core/observation.js';
import * as rtsp from '../parsers/rtsp.js';
import * as tls from '../parsers/tls.js';
import * as onvif from '../parsers/onvif.js';
import * as isapi from '../parsers/isapi.js';
import * as dahuaCgi from '../parsers/dahua-cgi.js';
import { parse as wsd } from '../parsers/wsd.js';
import { parse as sadp } from '../parsers/sadp.js';
import { parse as upnp } from '../parsers/upnp-xml.js';
import { fromDecoded } from '../parsers/decoded.js';
import { ftpBanner, sipMessage, snmpSystem, dhcpOptions, sshBanner, telnetBanner } from '../parsers/banner.js';
import { parseFailure, found } from '../parsers/failure.js';
import { parseJsonish } from '../parsers/lenient.js';
import { parse as homekit } from '../parsers/homekit.js';
import { parse as nmapServices, looksLikeNmapServices } from '../parsers/nmap-service.js';
import { bareValue, bodyOnly, httpForms, looksLikeHeaderLines, wwwAuthenticateValue } from './forms.js';

type Reader = (text: string) => ParsedEvidence[];

/** Runs one reader; an exception becomes a `parse` note naming the reader and the input. */
export function guarded(name: string, read: Reader, text: string): ParsedEvidence[] {
  try {
    return read(text);
  } catch (e) {
    return [parseFailure(name, text, e)];
  }
}

/** JSON (or a cut-off / Python-printed form of it) as plain JSON text, for the readers that need JSON. */
export function asJsonText(text: string): string | null {
  const j = parseJsonish(text);
  return j ? JSON.stringify(j.value) : null;
}

function xmlForms(t: string): ParsedEvidence[] {
  const out: ParsedEvidence[] = [];
  for (const [name, read] of [
    ['ws-discovery', wsd],
    ['sadp', sadp],
    ['upnp-xml', upnp],
    ['onvif', onvif.parse],
    ['isapi', isapi.parse],
  ] as const) {
    out.push(...guarded(name, read, t));
  }
  // An HTML page (or any markup the device parsers do not claim) is a web page body.
  if (!found(out).length || /<html[\s>]|<title[\s>]/i.test(t.slice(0, 4096))) out.push(...bodyOnly(t));
  return out;
}

function jsonForms(t: string): ParsedEvidence[] {
  const json = asJsonText(t);
  if (json === null) return [];
  const out: ParsedEvidence[] = [];
  for (const p of ['dhip', 'xiongmai', 'mdns'] as const) out.push(...guarded(p, (x) => fromDecoded(p, x), json));
  out.push(...guarded('homekit', homekit, t));
  // A JSON header dump of an SSDP reply (only when it carries SSDP's own headers).
  if (/"(?:USN|ST|NT|LOCATION)"\s*:/i.test(json)) out.push(...guarded('ssdp', (x) => fromDecoded('ssdp', x), json));
  // JSON is also what a web API answered: keep it as a body (rules read http.body markers).
  out.push(...bodyOnly(t));
  return out;
}

/** Every form, specific first; everything that parses is kept. */
export function sniff(text: string): ParsedEvidence[] {
  const t = text.replace(/^\ufeff/, '').trim();
  if (!t) return [];
  // Status lines name their protocol.
  if (/^HTTP\/\d/i.test(t)) return guarded('http', httpForms, t);
  if (/^RTSP\/\d/i.test(t) || /^v=0\r?\n/.test(t)) return guarded('rtsp', rtsp.parse, t);
  if (/^SIP\/2\.0\s/.test(t) || /^[A-Z]+ sips?:\S+ SIP\/2\.0/.test(t)) return guarded('sip', (x) => sipMessage(x), t);
  if (/^SSH-\d/.test(t)) return guarded('ssh', (x) => sshBanner(x), t);
  // Certificates and distinguished names.
  if (/-----BEGIN CERTIFICATE-----|^\s*Certificate:\s*$|^(?:subject|issuer)\s*[=:]|^[\s|]*ssl-cert:/im.test(t)) {
    const c = guarded('tls', tls.parse, t);
    if (found(c).length) return c;
  }
  // nmap's port table or XML output with its version column (`554/tcp open rtsp Dahua IP camera rtspd`).
  if (looksLikeNmapServices(t)) {
    const ev = guarded('nmap', nmapServices, t);
    if (found(ev).length) return ev;
  }
  const out: ParsedEvidence[] = [];
  if (t.startsWith('<')) out.push(...xmlForms(t));
  else if (/[{[]/.test(t.slice(0, 201))) out.push(...jsonForms(t));
  if (found(out).length) return out;
  // Banners of other services, then the text forms of discovery tools.
  for (const [name, read] of [
    ['ftp', (x: string) => ftpBanner(x)],
    ['snmp', (x: string) => snmpSystem(x)],
    ['dhcp', (x: string) => dhcpOptions(x)],
    ['telnet', (x: string) => telnetBanner(x)],
  ] as const) {
    const ev = guarded(name, read, t);
    if (found(ev).length) return [...out, ...ev];
    out.push(...ev);
  }
  for (const p of ['ws-discovery', 'mdns'] as const) {
    const ev = guarded(p, (x) => fromDecoded(p, x), t);
    if (found(ev).length) return [...out, ...ev];
  }
  const dn = guarded('tls', tls.parse, t);
  if (found(dn).length) return [...out, ...dn];
  const auth = wwwAuthenticateValue(t);
  if (auth.length) return [...out, ...auth];
  if (looksLikeHeaderLines(t)) return [...out, ...guarded('http', httpForms, t)];
  // Key=value lines: the key=value parser's fields and the body itself, as bodyOnly reads them.
  const cgi = guarded('dahua-cgi', dahuaCgi.parse, t);
  if (found(cgi).length) return [...out, ...guarded('http', bodyOnly, t)];
  // A hex dump of Dahua's DVRIP 5050 reply.
  if (/^[0-9a-f\s]{274,}$/i.test(t)) {
    const ev = guarded('dvrip', (x) => fromDecoded('dvrip', x), t);
    if (found(ev).length) return [...out, ...ev];
  }
  const bare = bareValue(t);
  if (bare !== null && bare.length >= 3 && /[A-Za-z]/.test(bare)) {
    // A lone value with no label: kept as a banner, and read as the Server header of HTTP and RTSP
    // (a product token names its product whichever protocol carried it).
    const notes = ['decoded form: a bare value with no protocol label, read as a Server header'];
    return [...out, { kind: 'banner', fields: { text: bare } }, { kind: 'http', fields: { server: bare }, notes }, { kind: 'rtsp', fields: { server: bare }, notes }];
  }
  return out;
}
