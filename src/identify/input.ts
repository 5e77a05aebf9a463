// Turns one captured sample ({protocol, payload}) into parsed evidence for `camaudit identify`.
// TCP protocols go through the TCP parsers (raw wire text first, then their decoded-form adapter).
// UDP protocols, mDNS included, go through src/parsers/decoded.ts (raw wire form or a tool's decoded
// form). Every value is capped on the way
// out (capEvidence), so a 1 MiB sample cannot come back as a 1 MiB field.
import type { ParsedEvidence } from '../core/observation.js';
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

/** Longest single value kept from a sample; longer ones are cut, with a note. */
export const VALUE_MAX = 4096;

function capValue(v: unknown, cut: { n: number }): unknown {
  if (typeof v === 'string') {
    if (v.length <= VALUE_MAX) return v;
    cut.n++;
    return v.slice(0, VALUE_MAX);
  }
  if (Array.isArray(v)) {
    if (v.length > ITEMS_MAX) cut.n++;
    return v.slice(0, ITEMS_MAX).map((x) => capValue(x, cut));
  }
  return v;
}

/** Bounds every field value and list, whichever parser produced it. */
export function capEvidence(evidence: ParsedEvidence[]): ParsedEvidence[] {
  return evidence.slice(0, ITEMS_MAX).map((e) => {
    const cut = { n: 0 };
    const fields = Object.fromEntries(Object.entries(e.fields).slice(0, ITEMS_MAX).map(([k, v]) => [k, capValue(v, cut)])) as ParsedEvidence['fields'];
    const notes = (e.notes ?? []).slice(0, 20).map((n) => (n.length > 300 ? n.slice(0, 300) : n));
    if (cut.n) notes.push(`${cut.n} value(s) cut at ${VALUE_MAX} characters / ${ITEMS_MAX} items`);
    return { ...e, fields, ...(notes.length ? { notes } : {}) };
  });
}

/** Evidence from one sample. Unknown protocol → []; the caller reports it. */
export function evidenceFromSample(protocol: string, payload: unknown): ParsedEvidence[] {
  return capEvidence(uncappedEvidence(protocol, payload));
}

function uncappedEvidence(protocol: string, payload: unknown): ParsedEvidence[] {
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
      return fromDecoded('mdns', text);
    case 'sadp':
      return fromDecoded('sadp', text);
    case 'dhip':
      return fromDecoded('dhip', text);
    case 'xiongmai':
      return fromDecoded('xiongmai', text);
    case 'dvrip': {
      // "DVRIP" names both Dahua's 5050 search (a hex dump here) and Xiongmai's Sofia protocol (JSON).
      const dahua = fromDecoded('dvrip', text);
      return dahua.length ? dahua : fromDecoded('xiongmai', text);
    }
    default:
      return [];
  }
}
