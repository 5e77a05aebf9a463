// MACs embedded in identifiers a device gives out: a Dahua-style realm `Login to 4C11BF123456`, a host
// name `IPC-C056E3A1B2C3`, a serial that is the MAC, the node field of a version-1 UUID (`uuid:…-1…-…-
// c056e3a1b2c3`). They go to the OUI look-up as supporting evidence, marked as derived. Only globally
// administered unicast MACs are taken, and the caller keeps only those whose OUI belongs to a known maker,
// so a random 12-hex string that happens to look like a MAC does not count.
import type { Observation } from '../core/observation.js';

export interface DerivedMac {
  mac: string;
  /** `<kind>.<field>` the MAC was read from. */
  from: string;
}

type Extract = (v: string) => string[];

const HEX12 = /(?:^|[^0-9A-Fa-f])([0-9A-Fa-f]{12})(?![0-9A-Fa-f])/g;
const COLON_MAC = /\b([0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5})\b/g;

/** A 12-hex run, or a colon/dash MAC, anywhere in the value (host names, CNs). Decimal-only runs are not MACs. */
const anyMac: Extract = (v) => [...[...v.matchAll(HEX12)].map((m) => m[1]!).filter((h) => /[A-Fa-f]/.test(h)), ...[...v.matchAll(COLON_MAC)].map((m) => m[1]!)];
/** `Login to <12 hex>`, or a realm that is the 12-hex MAC itself (`c056e3f5d007` on a Hikvision RTSP 401): the device named by its MAC. */
const realmMac: Extract = (v) => {
  const m = /^(?:Login to )?([0-9A-Fa-f]{12})$/.exec(v.trim());
  return m && /[A-Fa-f]/.test(m[1]!) ? [m[1]!] : [];
};
/** The whole value is a MAC. */
const wholeMac: Extract = (v) => (/^(?:[0-9A-Fa-f]{2}[:-]?){5}[0-9A-Fa-f]{2}$/.test(v.trim()) && /[A-Fa-f]/.test(v) ? [v.trim()] : []);
/** The node field of a version-1 (time-based) UUID is the MAC of the machine that made it (RFC 4122 §4.1.6). */
const uuidNode: Extract = (v) => {
  const m = /\b[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-([0-9a-f]{12})\b/i.exec(v);
  return m ? [m[1]!] : [];
};

const SOURCES: Record<string, Array<[string, Extract]>> = {
  http: [['auth.realm', realmMac]],
  rtsp: [['auth.realm', realmMac]],
  doc: [
    ['realm', realmMac],
    ['serial', wholeMac],
    ['deviceName', anyMac],
  ],
  onvif: [['serialNumber', wholeMac]],
  dhcp: [['hostname', anyMac]],
  mdns: [
    ['hostname', anyMac],
    ['instance', anyMac],
  ],
  xiongmai: [['HostName', anyMac]],
  tls: [['subject.CN', anyMac]],
  upnp: [['udn', uuidNode]],
  ssdp: [['usn', uuidNode]],
  wsd: [['endpoint', uuidNode]],
};

function unicastGlobal(hex: string): boolean {
  const first = parseInt(hex.slice(0, 2), 16);
  return (first & 0x01) === 0 && (first & 0x02) === 0 && !/^0{12}$|^f{12}$/i.test(hex);
}

/** MACs embedded in an observation's identifiers (normalised `aa:bb:cc:dd:ee:ff`), with the field they came from. */
export function derivedMacs(o: Observation): DerivedMac[] {
  const out: DerivedMac[] = [];
  for (const [field, extract] of SOURCES[o.kind] ?? []) {
    const v = o.fields[field];
    for (const s of Array.isArray(v) ? v.slice(0, 16) : [v]) {
      if (typeof s !== 'string' || s.length > 512) continue;
      for (const raw of extract(s).slice(0, 4)) {
        const hex = raw.replace(/[^0-9A-Fa-f]/g, '').toLowerCase();
        if (hex.length !== 12 || !unicastGlobal(hex)) continue;
        const mac = hex.match(/../g)!.join(':');
        if (!out.some((d) => d.mac === mac)) out.push({ mac, from: `${o.kind}.${field}` });
      }
    }
  }
  return out;
}
