// mDNS / DNS-SD queries (UDP 5353, 224.0.0.251). Sent from an ephemeral port, so responders treat them as
// legacy unicast queries (RFC 6762 §6.7) and answer straight to our socket; the QU bit asks for a unicast
// reply as well. One packet carries the DNS-SD enumeration question plus the service types below.
export const MDNS_PORT = 5353;
export const MDNS_GROUP = '224.0.0.251';
const TYPE_PTR = 12;
const CLASS_IN_QU = 0x8001;
/** Questions per packet: a 9000-byte mDNS packet holds far more, but replies grow with every question. */
export const MDNS_QUESTIONS_MAX = 16;

/**
 * Service types asked for by name (a device that does not answer the enumeration still answers these):
 * DNS-SD enumeration (nmap, protocols.md §6.6), web/RTSP, Axis (protocols.md §6.5), Hikvision `_CGI._tcp`
 * (corpus hikvision-mdns-2), Google Cast (corpus google-mdns-1), HomeKit, device-info. No `_onvif._tcp`:
 * no source shows cameras announcing it.
 */
export const MDNS_SERVICE_TYPES = [
  '_services._dns-sd._udp.local',
  '_http._tcp.local',
  '_rtsp._tcp.local',
  '_axis-video._tcp.local',
  '_CGI._tcp.local',
  '_googlecast._tcp.local',
  '_hap._tcp.local',
  '_device-info._tcp.local',
];

function encodeName(name: string): Buffer {
  const parts: Buffer[] = [];
  for (const label of name.split('.').filter(Boolean)) {
    const b = Buffer.from(label, 'utf8').subarray(0, 63);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

/** One query packet: a PTR question (class IN, QU bit) per name, id 0 as mDNS uses. */
export function mdnsQuery(names: readonly string[]): Buffer {
  const list = names.slice(0, MDNS_QUESTIONS_MAX);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(list.length, 4);
  const questions = list.map((n) => {
    const tail = Buffer.alloc(4);
    tail.writeUInt16BE(TYPE_PTR, 0);
    tail.writeUInt16BE(CLASS_IN_QU, 2);
    return Buffer.concat([encodeName(n), tail]);
  });
  return Buffer.concat([header, ...questions]);
}
