// Adapters for corpus payloads kept in a tool's decoded form rather than as wire bytes: a JS-comment dump
// of node-onvif discovery results, `wsdiscover` text output, a bare scope string, a JSON dump of SSDP
// headers, '# '-commented JSON. Each form is mapped onto the wire parsers' kinds and field names.
// Raw payloads go through the wire parser first. mDNS decoded forms are not mapped yet (no dns parser).
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parse as wsd, scopeFields } from './wsd.js';
import { parse as ssdp } from './ssdp.js';
import { parse as upnp } from './upnp-xml.js';
import { parse as sadp } from './sadp.js';
import { parse as dhip } from './dhip.js';
import { parse as xiongmai } from './xiongmai.js';

const INPUT_MAX = 1024 * 1024;

/** Strips line comment markers (`//`, `#`, ` *`) so a commented dump reads as its content. */
function uncomment(text: string): string {
  return text.replace(/^[ \t]*(?:\/\/|#|\*(?!\/))[ \t]?/gm, '');
}

function wsdDecoded(text: string): ParsedEvidence[] {
  const raw = wsd(text);
  if (raw.length) return raw;
  const body = uncomment(text);
  const scopes = [...new Set([...body.matchAll(/onvif:\/\/www\.onvif\.org\/[^\s"',\]]+/gi)].map((m) => m[0]))].slice(0, 64);
  const urn = /\b(?:urn:)?uuid:[0-9a-f-]{8,64}/i.exec(body)?.[0];
  const xaddrs = [...body.matchAll(/https?:\/\/[^\s"',\]]+/g)].map((m) => m[0]).filter((u) => !/onvif\.org\/ver10|schemas\./.test(u)).slice(0, 16);
  const types = [...new Set([...body.matchAll(/\b(?:dn:NetworkVideoTransmitter|tds:Device|tdn:NetworkVideoTransmitter)\b/g)].map((m) => m[0]))];
  const address = /^\s*address:\s*(\S+)/m.exec(body)?.[1];
  if (!scopes.length && !urn && !xaddrs.length) return [];
  const fields: Fields = { ...(urn ? { endpoint: urn.startsWith('urn:') ? urn : `urn:${urn}` } : {}), types, ...scopeFields(scopes), xaddrs: xaddrs.length ? xaddrs : address ? [`http://${address}/onvif/device_service`] : [] };
  return [{ kind: 'wsd', fields, notes: ['mapped from a decoded form'] }];
}

function ssdpDecoded(text: string): ParsedEvidence[] {
  const raw = ssdp(text);
  if (raw.length) return raw;
  let j: unknown;
  try {
    j = JSON.parse(uncomment(text).trim());
  } catch {
    return [];
  }
  if (!j || typeof j !== 'object' || Array.isArray(j)) return [];
  // Rebuild the reply as wire text from the header dump ('_' keys are the tool's own, not headers).
  const lines = Object.entries(j as Record<string, unknown>)
    .filter(([k, v]) => !k.startsWith('_') && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `${k}: ${String(v)}`);
  const ev = ssdp('HTTP/1.1 200 OK\r\n' + lines.join('\r\n') + '\r\n\r\n');
  return ev.map((e) => ({ ...e, notes: [...(e.notes ?? []), 'mapped from a decoded form (status line assumed)'] }));
}

/** Evidence from a corpus payload in its decoded form; [] when the form is not recognised. Never throws. */
export function fromDecoded(protocol: string, payload: unknown): ParsedEvidence[] {
  try {
    let text = typeof payload === 'string' ? payload : JSON.stringify(payload ?? '');
    if (text.length > INPUT_MAX) text = text.slice(0, INPUT_MAX);
    switch (protocol) {
      case 'ws-discovery':
        return wsdDecoded(text);
      case 'ssdp':
        return ssdpDecoded(text);
      case 'upnp-xml':
        return upnp(text);
      case 'sadp':
        return sadp(text);
      case 'dhip':
        return dhip(uncomment(text));
      case 'xiongmai':
        return xiongmai(uncomment(text));
      default:
        return [];
    }
  } catch {
    return [];
  }
}
