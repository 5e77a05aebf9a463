// The entry every neighbour-table parser returns, and the filters they share.
import { ipv4ToInt } from '../ipv4.js';

export interface NeighbourEntry {
  ip: string;
  /** Lower-case "aa:bb:cc:dd:ee:ff"; "" when the entry is unresolved (incomplete/failed). */
  mac: string;
  /**
   * Lower-case state: Linux/Windows NUD states (reachable, stale, delay, probe, incomplete, failed,
   * permanent, noarp, unreachable), Windows arp -a types (dynamic, static, invalid), or macOS/BSD
   * (dynamic, permanent, incomplete).
   */
  state: string;
  /** Which command or file it came from: proc-net-arp, ip-neigh, arp-a, get-netneighbor, arp-an. */
  source: string;
  /** Interface name or address the entry was learned on, when the table says. */
  iface?: string;
}

/** Bytes of command output a parser looks at; a neighbour table beyond this is cut, not parsed whole. */
export const MAX_TABLE_BYTES = 4 * 1024 * 1024;
/** Longer lines are skipped unread: no real table row is this long, and it bounds regex work. */
export const MAX_LINE_CHARS = 1024;
/** Entries kept per table (a /16 fully populated is 65 536). */
export const MAX_ENTRIES = 65_536;

/** Text of the input, cut to MAX_TABLE_BYTES; a UTF-8 BOM (PowerShell redirection) is dropped. */
export function inputText(input: Buffer | string): string {
  let s = typeof input === 'string' ? input : input.subarray(0, MAX_TABLE_BYTES).toString('utf8');
  if (s.length > MAX_TABLE_BYTES) s = s.slice(0, MAX_TABLE_BYTES);
  return s.replace(/^\uFEFF/, '');
}

/**
 * True for entries that are not a device: multicast (224/4) and limited-broadcast addresses, and
 * broadcast or multicast MACs (Windows lists the subnet broadcast as static ff-ff-ff-ff-ff-ff).
 */
export function isNotADevice(ip: string, mac: string): boolean {
  const n = ipv4ToInt(ip);
  if (n === null) return true;
  if (n >>> 28 === 14 || n === 0xffffffff || n === 0) return true;
  if (mac === 'ff:ff:ff:ff:ff:ff') return true;
  // Group bit of the first octet set: a multicast MAC (01:00:5e:…), never a unicast host.
  if (mac && (parseInt(mac.slice(0, 2), 16) & 1) === 1) return true;
  return false;
}
