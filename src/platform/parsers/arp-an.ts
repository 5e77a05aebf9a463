// macOS / BSD `arp -an` (also Linux net-tools `arp -an`):
//   ? (192.168.1.1) at 0:11:22:33:44:55 on en0 ifscope [ethernet]
//   ? (192.168.1.7) at (incomplete) on en0 ifscope [ethernet]
//   ? (192.168.1.9) at a:b:c:d:e:f on en0 ifscope permanent [ethernet]
//   ? (10.0.0.1) at 00:11:22:33:44:55 on em0 expires in 1178 seconds [ethernet]   (FreeBSD)
//   ? (10.0.0.2) at 00:11:22:33:44:55 [ether] PERM on eth0                         (Linux net-tools)
//   ? (10.0.0.3) at <incomplete> on eth0                                           (Linux net-tools)
// macOS prints octets without leading zeros; normaliseMac pads them.
import { normaliseMac } from '../mac.js';
import { inputText, isNotADevice, MAX_ENTRIES, MAX_LINE_CHARS, type NeighbourEntry } from './neighbour.js';
import { isIpv4 } from '../ipv4.js';

const LINE = /^\S*\s*\((\d{1,3}(?:\.\d{1,3}){3})\)\s+at\s+(\S+)(.*)$/;

export function parseArpAn(input: Buffer | string): NeighbourEntry[] {
  const out: NeighbourEntry[] = [];
  // String work on bounded input only: nothing here throws on hostile text (test/platform hostile cases). A bug
  // that did would reach readNeighbourTable, which records it as the source's reason, not as an empty table.
  for (const line of inputText(input).split(/\r?\n/)) {
    if (out.length >= MAX_ENTRIES) break;
    if (line.length > MAX_LINE_CHARS) continue;
    const m = LINE.exec(line.trim());
    if (!m || !isIpv4(m[1])) continue;
    const rest = m[3];
    const unresolved = /^[(<]incomplete[)>]$/i.test(m[2]);
    const mac = unresolved ? '' : normaliseMac(m[2]);
    // A MAC we cannot read (e.g. redacted "88:1f:a1:xx:xx:xx") is skipped, never guessed.
    if (mac === null) continue;
    let state: string;
    if (!mac) state = 'incomplete';
    else if (/\b(permanent|PERM)\b/.test(rest)) state = 'permanent';
    else if (/\bstatic\b/i.test(rest)) state = 'static';
    else state = 'dynamic';
    if (isNotADevice(m[1], mac)) continue;
    const on = /\bon\s+(\S+)/.exec(rest);
    out.push({ ip: m[1], mac, state, source: 'arp-an', ...(on ? { iface: on[1] } : {}) });
  }
  return out;
}
