// Adapters for corpus payloads kept in a tool's decoded form rather than as wire bytes: a JS-comment dump
// of node-onvif discovery results, `wsdiscover` text output, a bare scope string, a JSON dump of SSDP
// headers, '# '-commented JSON. Each form is mapped onto the wire parsers' kinds and field names.
// Raw payloads go through the wire parser first. mDNS: `dig` text output (google-mdns-1), node-dns-sd /
// multicast-dns JSON of the packet (hikvision-mdns-2), Wireshark's text decode (tivo-mdns-1) and `avahi-browse -r`
// output (human-readable or `-p`) become the DnsRecord list the wire parser (dns.ts) produces, then go through the same assembler.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parse as wsd, scopeFields } from './wsd.js';
import { parse as ssdp } from './ssdp.js';
import { parse as upnp } from './upnp-xml.js';
import { parse as sadp } from './sadp.js';
import { parse as dhip } from './dhip.js';
import { parse as xiongmai } from './xiongmai.js';
import { parse as dnsWire, assemble, DNS_RECORDS_MAX, type DnsRecord } from './dns.js';
import { parse as dvrip } from './dvrip.js';
import { parseJson } from '../core/failure.js';
import { parseFailure } from './failure.js';

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
  const parsed = parseJson(uncomment(text).trim());
  if (!parsed.ok) return [];
  const j: unknown = parsed.value;
  if (!j || typeof j !== 'object' || Array.isArray(j)) return [];
  // Rebuild the reply as wire text from the header dump ('_' keys are the tool's own, not headers).
  const lines = Object.entries(j as Record<string, unknown>)
    .filter(([k, v]) => !k.startsWith('_') && (typeof v === 'string' || typeof v === 'number'))
    .map(([k, v]) => `${k}: ${String(v)}`);
  const ev = ssdp('HTTP/1.1 200 OK\r\n' + lines.join('\r\n') + '\r\n\r\n');
  return ev.map((e) => ({ ...e, notes: [...(e.notes ?? []), 'mapped from a decoded form (status line assumed)'] }));
}

// ---- mDNS decoded forms ----

const MDNS_TEXT_MAX = 256 * 1024;
const JSON_DEPTH_MAX = 8;
const MDNS_VALUE_MAX = 1024;

const RR_TYPES = new Set(['A', 'AAAA', 'PTR', 'SRV', 'TXT']);
const rrType = (t: unknown): DnsRecord['type'] => {
  const u = String(t).toUpperCase();
  return RR_TYPES.has(u) ? (u as DnsRecord['type']) : 'OTHER';
};
const cap = (s: string): string => (s.length > MDNS_VALUE_MAX ? s.slice(0, MDNS_VALUE_MAX) : s);

/** Dotted name → labels (no escapes: JSON and Wireshark forms print labels as they are). */
const plainLabels = (name: string): string[] => cap(name).replace(/\.$/, '').split('.').filter(Boolean);

/** Zone-file name → labels: `\DDD` is a decimal byte, `\X` a literal X, unescaped dots separate. */
export function zoneLabels(name: string): string[] {
  const labels: string[] = [];
  let bytes: number[] = [];
  const s = cap(name);
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '\\' && /^\d{3}$/.test(s.slice(i + 1, i + 4))) {
      bytes.push(Number(s.slice(i + 1, i + 4)) & 0xff);
      i += 3;
    } else if (ch === '\\' && i + 1 < s.length) {
      bytes.push(...Buffer.from(s[++i], 'utf8'));
    } else if (ch === '.') {
      if (bytes.length) labels.push(Buffer.from(bytes).toString('utf8'));
      bytes = [];
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  if (bytes.length) labels.push(Buffer.from(bytes).toString('utf8'));
  return labels;
}

/** `"a=b" "c=d"` → ['a=b', 'c=d'] (zone-file character strings). */
function quotedStrings(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    if (out.length >= 64) break;
    out.push(zoneLabels(m[1].replace(/\./g, '\\.')).join('.'));
  }
  return out;
}

/** `dig` output: `<name> <ttl> [IN] <TYPE> <rdata>` lines in its sections. */
function digRecords(text: string): DnsRecord[] {
  const out: DnsRecord[] = [];
  for (const line of text.split('\n')) {
    if (out.length >= DNS_RECORDS_MAX) break;
    const m = /^([^;\s]\S*)\s+(\d+)\s+(?:IN\s+)?([A-Z][A-Z0-9]*)\s+(.*)$/.exec(line.trim());
    if (!m) continue;
    const [, name, , type, rdata] = m;
    const rec: DnsRecord = { name: zoneLabels(name), type: rrType(type) };
    if (rec.type === 'PTR') rec.ptr = zoneLabels(rdata.trim());
    else if (rec.type === 'SRV') {
      const s = /^(\d+)\s+(\d+)\s+(\d+)\s+(\S+)/.exec(rdata.trim());
      if (!s) continue;
      rec.srv = { port: Number(s[3]) & 0xffff, target: zoneLabels(s[4]) };
    } else if (rec.type === 'TXT') rec.txt = quotedStrings(rdata);
    else if (rec.type === 'A' || rec.type === 'AAAA') rec.address = cap(rdata.trim());
    out.push(rec);
  }
  return out;
}

/** Wireshark text: `<name>: type SRV, class IN, cache flush, priority 0, weight 0, port 443, target x.local`. */
function wiresharkRecords(text: string): DnsRecord[] {
  const out: DnsRecord[] = [];
  for (const line of text.split('\n')) {
    if (out.length >= DNS_RECORDS_MAX) break;
    const m = /^\s*(.+?): type (\w+), class \w+(?:, cache flush)?(?:, (.*))?$/.exec(line);
    if (!m) continue;
    const [, name, type, rest = ''] = m;
    const rec: DnsRecord = { name: plainLabels(name), type: rrType(type) };
    if (rec.type === 'SRV') {
      const port = /\bport (\d+)/.exec(rest)?.[1];
      const target = /\btarget (\S+)/.exec(rest)?.[1];
      if (port === undefined || !target) continue;
      rec.srv = { port: Number(port) & 0xffff, target: plainLabels(target) };
    } else if (rec.type === 'PTR') rec.ptr = plainLabels(rest.replace(/^domain name /, '').trim());
    else if (rec.type === 'A' || rec.type === 'AAAA') rec.address = cap(/\baddr (\S+)/.exec(rest)?.[1] ?? '');
    else if (rec.type === 'TXT') rec.txt = [];
    if ((rec.type === 'A' || rec.type === 'AAAA') && !rec.address) continue;
    out.push(rec);
  }
  return out;
}

const AVAHI_LINE = /^([+=])\s+(\S+)\s+(IPv4|IPv6)\s+(.+?)\s+(_[\w-]{1,63}\._(?:tcp|udp))\s+(\S+)\s*$/;
const AVAHI_PARSABLE = /^([+=]);([^;]*);(IPv4|IPv6);([^;]*);(_[\w-]{1,63}\._(?:tcp|udp));([^;]*)(?:;([^;]*);([^;]*);(\d{1,5});(.*))?$/;
/** avahi's `\DDD` escapes (decimal byte values) in names, as `avahi-browse -p` prints them. */
const avahiUnescape = (s: string): string => s.replace(/\\(\d{3})/g, (_, d: string) => String.fromCharCode(Number(d) & 0xff));
/** The quoted strings of `txt = ["a=b" "c=d"]`. */
const avahiTxt = (s: string): string[] => [...s.matchAll(/"((?:[^"\\]|\\.){0,255})"/g)].slice(0, 64).map((m) => cap(m[1]!));

/**
 * `avahi-browse -r` output (human-readable, or `-p` parsable): each service's instance and type, and, once
 * resolved (`=`), its host name, address, port and TXT strings, as the records an mDNS reply would carry.
 */
function avahiRecords(text: string): DnsRecord[] {
  const out: DnsRecord[] = [];
  let current: { name: string[]; host?: string[] } | null = null;
  const service = (instance: string, type: string, domain: string): { name: string[] } => {
    const t = [...type.split('.'), ...plainLabels(domain || 'local')];
    const name = [cap(instance.trim()), ...t];
    if (!out.some((r) => r.type === 'PTR' && r.ptr?.join('.') === name.join('.'))) out.push({ name: t, type: 'PTR', ptr: name });
    return { name };
  };
  for (const line of text.split('\n', 20_000)) {
    if (out.length >= DNS_RECORDS_MAX) break;
    const p = AVAHI_PARSABLE.exec(line.trim());
    if (p) {
      const svc = service(avahiUnescape(p[4]!), p[5]!, p[6]!);
      current = null;
      if (p[1] === '=' && p[7] !== undefined) {
        const host = plainLabels(avahiUnescape(p[7]!));
        if (host.length) out.push({ name: svc.name, type: 'SRV', srv: { port: Number(p[9]) & 0xffff, target: host } });
        if (host.length && p[8]) out.push({ name: host, type: /:/.test(p[8]) ? 'AAAA' : 'A', address: cap(p[8]) });
        out.push({ name: svc.name, type: 'TXT', txt: avahiTxt(p[10] ?? '') });
      }
      continue;
    }
    const h = AVAHI_LINE.exec(line.trimEnd());
    if (h) {
      const svc = service(h[4]!, h[5]!, h[6]!);
      current = h[1] === '=' ? svc : null;
      continue;
    }
    const kv = /^\s+(hostname|address|port|txt)\s*=\s*\[(.*)\]\s*$/.exec(line);
    if (!kv || !current) continue;
    const [, key, value = ''] = kv;
    if (key === 'txt') out.push({ name: current.name, type: 'TXT', txt: avahiTxt(value) });
    else if (key === 'hostname') current.host = plainLabels(value);
    else if (key === 'port' && current.host?.length && /^\d{1,5}$/.test(value)) out.push({ name: current.name, type: 'SRV', srv: { port: Number(value) & 0xffff, target: current.host } });
    else if (key === 'address' && current.host?.length && value) out.push({ name: current.host, type: /:/.test(value) ? 'AAAA' : 'A', address: cap(value) });
  }
  return out;
}

/** TXT rdata in JSON: an object {key: value}, a list of strings, or Buffer JSON ({type:'Buffer', data}). */
function jsonTxt(v: unknown): string[] {
  const one = (x: unknown): string | undefined => {
    if (typeof x === 'string') return cap(x);
    if (x && typeof x === 'object' && (x as { type?: unknown }).type === 'Buffer' && Array.isArray((x as { data?: unknown }).data))
      return cap(Buffer.from(((x as { data: unknown[] }).data.slice(0, 255) as number[]).map((n) => Number(n) & 0xff)).toString('utf8'));
    return undefined;
  };
  if (Array.isArray(v)) return v.slice(0, 64).map(one).filter((x): x is string => x !== undefined);
  if (v && typeof v === 'object')
    return Object.entries(v as Record<string, unknown>)
      .slice(0, 64)
      .map(([k, x]) => (x === true || x === null || x === undefined ? cap(k) : `${cap(k)}=${one(x) ?? cap(String(x))}`));
  if (typeof v === 'string') return [cap(v)];
  return [];
}

function jsonRecord(o: Record<string, unknown>): DnsRecord | null {
  if (typeof o.name !== 'string') return null;
  const rec: DnsRecord = { name: plainLabels(o.name), type: rrType(o.type) };
  const data = 'rdata' in o ? o.rdata : o.data;
  if (rec.type === 'PTR' && typeof data === 'string') rec.ptr = plainLabels(data);
  else if (rec.type === 'SRV' && data && typeof data === 'object') {
    const d = data as Record<string, unknown>;
    if (typeof d.target !== 'string' || !Number.isInteger(d.port)) return null;
    rec.srv = { port: Number(d.port) & 0xffff, target: plainLabels(d.target) };
  } else if (rec.type === 'TXT') rec.txt = jsonTxt(data);
  else if ((rec.type === 'A' || rec.type === 'AAAA') && typeof data === 'string') rec.address = cap(data);
  else if (rec.type !== 'OTHER') return null;
  return rec;
}

/** Every record under `answers` / `authorities` / `additionals` arrays anywhere in the JSON (depth-capped). */
function jsonRecords(j: unknown): DnsRecord[] {
  const out: DnsRecord[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > JSON_DEPTH_MAX || out.length >= DNS_RECORDS_MAX || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v.slice(0, DNS_RECORDS_MAX)) walk(x, depth + 1);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (/^(answers|authorities|additionals)$/.test(k) && Array.isArray(x)) {
        for (const r of x.slice(0, DNS_RECORDS_MAX)) {
          if (out.length >= DNS_RECORDS_MAX) break;
          const rec = r && typeof r === 'object' && !Array.isArray(r) ? jsonRecord(r as Record<string, unknown>) : null;
          if (rec) out.push(rec);
        }
      } else walk(x, depth + 1);
    }
  };
  walk(j, 0);
  return out;
}

/** Evidence from a decoded mDNS payload; [] when the form is not recognised. Never throws. */
function mdnsDecoded(input: string): ParsedEvidence[] {
  try {
    const notes: string[] = [];
    let text = input;
    if (text.length > MDNS_TEXT_MAX) {
      text = text.slice(0, MDNS_TEXT_MAX);
      notes.push(`decoded mdns cut at ${MDNS_TEXT_MAX} characters`);
    }
    const trimmed = text.trim();
    let records: DnsRecord[] = [];
    let form = '';
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      const parsed = parseJson(trimmed);
      records = parsed.ok ? jsonRecords(parsed.value) : [];
      form = 'JSON of the DNS packet';
    }
    if (!records.length && /;; (?:ANSWER|ADDITIONAL) SECTION:/.test(text)) {
      records = digRecords(text);
      form = 'dig output';
    }
    if (!records.length && /: type \w+, class /.test(text)) {
      records = wiresharkRecords(text);
      form = 'Wireshark text decode';
    }
    if (!records.length && /^[+=][\s;]/m.test(text)) {
      records = avahiRecords(text);
      form = 'avahi-browse output';
    }
    if (!records.length) return [];
    notes.push(`mapped from a decoded form (${form})`);
    return assemble(records, notes);
  } catch (e) {
    return [parseFailure('decoded/mdns', input, e)];
  }
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
      case 'mdns':
        return Buffer.isBuffer(payload) ? dnsWire(payload) : mdnsDecoded(text);
      case 'dvrip':
        return Buffer.isBuffer(payload) ? dvrip(payload) : dvrip(Buffer.from(text.replace(/\s+/g, ''), 'hex'));
      default:
        return [];
    }
  } catch (e) {
    return [parseFailure(`decoded/${protocol}`, payload, e)];
  }
}
