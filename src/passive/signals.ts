// Which bytes of a capture are evidence, and of whom. Every signal is read by the same parser the active scan uses
// (src/parsers), and belongs to the host that SENT it: a discovery reply to its sender, an HTTP/RTSP/ONVIF response
// to the server, a certificate to the server that presented it, a DNS query or TLS server name to the client that
// asked, a DHCP request to the client. Requests (ours or anyone's: M-SEARCH, DHDiscover.search, SADP inquiries)
// name no one and are dropped. Cloud names are kept only when a fingerprint rule reads them (`dns.query`,
// `tls.sni`): a passive read must not turn an office's DNS traffic into a browsing log.
import type { ParsedEvidence } from '../core/observation.js';
import { parse as sadp } from '../parsers/sadp.js';
import { parse as dhip } from '../parsers/dhip.js';
import { parse as xiongmai } from '../parsers/xiongmai.js';
import { parse as dvrip } from '../parsers/dvrip.js';
import { parse as ssdp } from '../parsers/ssdp.js';
import { parse as mdns } from '../parsers/dns.js';
import { parse as wsd } from '../parsers/wsd.js';
import { parse as ubiquiti } from '../parsers/ubiquiti.js';
import { parse as upnp } from '../parsers/upnp-xml.js';
import { parse as onvif } from '../parsers/onvif.js';
import { parse as isapi } from '../parsers/isapi.js';
import { parse as dahuaCgi } from '../parsers/dahua-cgi.js';
import { parseHttpResponse } from '../parsers/http.js';
import { parse as rtsp } from '../parsers/rtsp.js';
import { fromCertificate } from '../parsers/tls.js';
import { readTlsStart } from '../parsers/tls-handshake.js';
import { dnsQuestions } from '../parsers/dns-query.js';
import { loadFingerprintDb, type CompiledRule } from '../fingerprint/db.js';
import { matchValue } from '../fingerprint/match.js';
import { describeFailure } from '../core/failure.js';

/** A UDP discovery protocol a passive read understands: its well-known port and the reply parser. */
interface UdpSignal {
  port: number;
  name: string;
  parse(b: Buffer): ParsedEvidence[];
}

/** Replies only: each parser already refuses requests, or the filter drops what a request parses to. */
const UDP_SIGNALS: UdpSignal[] = [
  { port: 37020, name: 'sadp', parse: (b) => sadp(b) },
  // DHDiscover.search is the request; a reply carries client.notifyDevInfo and deviceInfo.
  { port: 37810, name: 'dhip', parse: (b) => dhip(b).filter((e) => e.fields.method !== 'DHDiscover.search') },
  { port: 34569, name: 'xiongmai', parse: (b) => xiongmai(b) },
  { port: 5050, name: 'dvrip', parse: (b) => dvrip(b) },
  // NOTIFY and M-SEARCH replies; an M-SEARCH is a question.
  { port: 1900, name: 'ssdp', parse: (b) => ssdp(b).filter((e) => !/^M-SEARCH/i.test(String(e.fields.status ?? ''))) },
  // mDNS responses (announcements and answers); the parser refuses queries.
  { port: 5353, name: 'mdns', parse: (b) => mdns(b) },
  { port: 3702, name: 'wsd', parse: (b) => wsd(b) },
  { port: 10001, name: 'ubiquiti', parse: (b) => ubiquiti(b) },
];

const BY_PORT = new Map(UDP_SIGNALS.map((s) => [s.port, s]));

/** The discovery protocol of a datagram, by either port (replies come from it or go to it). */
export function udpSignal(srcPort: number, dstPort: number): UdpSignal | undefined {
  return BY_PORT.get(srcPort) ?? BY_PORT.get(dstPort);
}

/** Rules that read names a device looks up (`dns.query`) or asks a TLS server for (`tls.sni`). */
export class NameFilter {
  private readonly rules: CompiledRule[];
  constructor(rules?: CompiledRule[]) {
    this.rules = (rules ?? loadFingerprintDb().rules).filter((r) => r.fields.some((f) => f === 'dns.query' || f === 'tls.sni') && r.weight > 0);
  }
  /** True when a fingerprint rule reads this name. */
  wanted(name: string): boolean {
    return this.rules.some((r) => matchValue(r, name) !== null);
  }
}

/** DNS query names a rule reads, as `dns` evidence of the client that asked. */
export function dnsQueryEvidence(payload: Buffer, names: NameFilter): ParsedEvidence[] {
  const out: ParsedEvidence[] = [];
  for (const q of dnsQuestions(payload)) {
    const name = q.name.replace(/\.$/, '');
    if (names.wanted(name)) out.push({ kind: 'dns', fields: { query: name, qtype: q.type } });
  }
  return out;
}

export const REQUEST_LINE = /^([A-Z][A-Z_-]{1,15}) (\S{1,2048}) (?:HTTP|RTSP)\/\d\.\d/;

/** Method and path of the first request line of a client's bytes. */
export function requestLine(b: Buffer): { method: string; path: string } | null {
  const head = b.subarray(0, 2200).toString('latin1');
  const m = REQUEST_LINE.exec(head);
  return m ? { method: m[1]!, path: m[2]! } : null;
}

/** True when the client's request carried credentials (an Authorization header in its first request). */
export function requestHadCredentials(b: Buffer): boolean {
  const head = b.subarray(0, 8192).toString('latin1');
  const end = head.search(/\r?\n\r?\n/);
  return /\r?\nAuthorization\s*:/i.test(end >= 0 ? head.slice(0, end) : head);
}

/**
 * Evidence in one direction of a TCP connection, belonging to that direction's sender (a server's response or
 * certificate, a client's TLS server name). `request` is the other direction's first request line, when kept.
 */
export function tcpEvidence(bytes: Buffer, request: { method: string; path: string } | null, names: NameFilter): ParsedEvidence[] {
  const head = bytes.subarray(0, 8).toString('latin1');
  if (/^HTTP\/\d/.test(head)) return httpEvidence(bytes, request);
  if (/^RTSP\/\d/.test(head)) {
    const ev = rtsp(bytes);
    if (request) for (const e of ev) e.fields.method = request.method;
    return ev;
  }
  if (bytes[0] === 0x16) {
    const t = readTlsStart(bytes);
    const out: ParsedEvidence[] = [];
    if (t.clientHello && t.sni && names.wanted(t.sni)) out.push({ kind: 'tls', fields: { sni: t.sni } });
    if (t.serverHello) {
      const leaf = t.certificates[0];
      if (leaf) {
        const notes = [...t.notes];
        try {
          const ev = fromCertificate(leaf);
          for (const e of ev) {
            if (t.version) e.fields.version = t.version;
            if (notes.length) e.notes = [...(e.notes ?? []), ...notes];
          }
          out.push(...ev);
        } catch (err) {
          out.push({ kind: 'probe', fields: { probe: 'pcap-tls', outcome: 'error' }, notes: [`certificate in the TLS handshake not read: ${describeFailure(err)}`] });
        }
      } else if (t.version === 'TLSv1.3') {
        out.push({ kind: 'probe', fields: { probe: 'pcap-tls', outcome: 'encrypted' }, notes: ['TLS 1.3: the certificate is encrypted, not visible in a capture'] });
      }
    }
    return out;
  }
  return [];
}

function httpEvidence(bytes: Buffer, request: { method: string; path: string } | null): ParsedEvidence[] {
  const out = parseHttpResponse(bytes);
  const http = out[0];
  if (!http) return out;
  const cut = bytes.length >= 16 * 1024;
  if (request) http.fields.path = request.path;
  http.fields.scheme = 'http';
  if (cut) http.notes = [...(http.notes ?? []), 'only the first 16 KiB of the response were kept (passive reassembly cap)'];
  const body = typeof http.fields.body === 'string' ? http.fields.body : '';
  const status = typeof http.fields.status === 'number' ? http.fields.status : 0;
  if (!body) return out;
  const start = body.slice(0, 2048);
  // A UPnP device description (what an SSDP LOCATION serves), an ONVIF SOAP reply, ISAPI XML or Dahua CGI text.
  // (Some makers name their own namespace, e.g. urn:Belkin:device-1-0: a <root> holding a <device> is the shape.)
  if (/<root[\s>]/.test(start) && /<deviceType>/.test(body)) out.push(...upnp(body));
  else if (/Envelope/.test(start)) {
    for (const e of onvif(body)) {
      e.fields.status = status;
      if (typeof http.fields.server === 'string') e.fields.server = http.fields.server;
      out.push(e);
    }
  } else if (/<(?:DeviceInfo|userCheck|ResponseStatus)\b/.test(start) || (request && /^\/ISAPI\//i.test(request.path))) out.push(...isapi(body));
  else if (status === 200 && request && /\/cgi-bin\/(?:magicBox|configManager)\.cgi/i.test(request.path)) out.push(...dahuaCgi(body));
  return out;
}
