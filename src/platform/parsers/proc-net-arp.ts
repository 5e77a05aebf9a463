// Linux /proc/net/arp:
//   IP address       HW type     Flags       HW address            Mask     Device
//   192.168.1.1      0x1         0x2         00:11:22:33:44:55     *        eth0
// Flags (include/uapi/linux/if_arp.h): ATF_COM 0x2 = completed, ATF_PERM 0x4 = permanent,
// 0x0 = incomplete (HW address 00:00:00:00:00:00).
import { normaliseMac } from '../mac.js';
import { inputText, isNotADevice, MAX_ENTRIES, MAX_LINE_CHARS, type NeighbourEntry } from './neighbour.js';
import { isIpv4 } from '../ipv4.js';

export function parseProcNetArp(input: Buffer | string): NeighbourEntry[] {
  const out: NeighbourEntry[] = [];
  // String work on bounded input only: nothing here throws on hostile text (test/platform hostile cases). A bug
  // that did would reach readNeighbourTable, which records it as the source's reason, not as an empty table.
  for (const line of inputText(input).split(/\r?\n/)) {
    if (out.length >= MAX_ENTRIES) break;
    if (line.length > MAX_LINE_CHARS) continue;
    const cols = line.trim().split(/\s+/);
    if (cols.length < 4 || !isIpv4(cols[0])) continue;
    const flags = Number.parseInt(cols[2], 16);
    if (!Number.isFinite(flags)) continue;
    const mac = normaliseMac(cols[3]) ?? '';
    let state: string;
    if (flags & 0x4) state = 'permanent';
    else if (flags & 0x2 && mac) state = 'reachable';
    else state = 'incomplete';
    const entryMac = state === 'incomplete' ? '' : mac;
    if (isNotADevice(cols[0], entryMac)) continue;
    out.push({ ip: cols[0], mac: entryMac, state, source: 'proc-net-arp', ...(cols[5] ? { iface: cols[5] } : {}) });
  }
  return out;
}
