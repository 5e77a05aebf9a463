// Linux `ip -j neigh show` (iproute2 JSON):
//   [{"dst":"198.18.0.2","dev":"veth0","lladdr":"02:…","state":["REACHABLE"]},
//    {"dst":"198.18.0.9","dev":"veth0","state":["FAILED"]}, {"dst":"fe80::1",…}]
// IPv6 entries are skipped (the scan is IPv4). Several states may be listed ("STALE","ROUTER" is a flag
// elsewhere); the first NUD state wins.
import { normaliseMac } from '../mac.js';
import { inputText, isNotADevice, MAX_ENTRIES, type NeighbourEntry } from './neighbour.js';
import { isIpv4 } from '../ipv4.js';

const NUD = new Set(['reachable', 'stale', 'delay', 'probe', 'incomplete', 'failed', 'permanent', 'noarp', 'none']);

export function parseIpNeighJson(input: Buffer | string): NeighbourEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(inputText(input));
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: NeighbourEntry[] = [];
  for (const item of data) {
    if (out.length >= MAX_ENTRIES) break;
    if (!item || typeof item !== 'object') continue;
    const rec = item as Record<string, unknown>;
    const ip = typeof rec.dst === 'string' ? rec.dst : '';
    if (!isIpv4(ip)) continue;
    const states = Array.isArray(rec.state) ? rec.state.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()) : [];
    const state = states.find((s) => NUD.has(s)) ?? (states[0] ?? 'unknown');
    const mac = typeof rec.lladdr === 'string' && state !== 'incomplete' && state !== 'failed' ? (normaliseMac(rec.lladdr) ?? '') : '';
    if (isNotADevice(ip, mac)) continue;
    out.push({ ip, mac, state, source: 'ip-neigh', ...(typeof rec.dev === 'string' ? { iface: rec.dev } : {}) });
  }
  return out;
}
