// Linux `ip -j neigh show` (iproute2 JSON):
//   [{"dst":"198.18.0.2","dev":"veth0","lladdr":"02:…","state":["REACHABLE"]},
//    {"dst":"198.18.0.9","dev":"veth0","state":["FAILED"]}, {"dst":"fe80::1",…}]
// IPv6 entries are skipped (the scan is IPv4). Several states may be listed ("STALE","ROUTER" is a flag
// elsewhere); the first NUD state wins.
import { normaliseMac } from '../mac.js';
import { inputText, isNotADevice, MAX_ENTRIES, type NeighbourEntry } from './neighbour.js';
import { isIpv4 } from '../ipv4.js';
import { parseJson } from '../../core/failure.js';

const NUD = new Set(['reachable', 'stale', 'delay', 'probe', 'incomplete', 'failed', 'permanent', 'noarp', 'none']);

/**
 * Entries are flat objects (the state array holds no braces), so each `{…}` is parsed on its own:
 * a table cut at MAX_TABLE_BYTES still yields every whole entry before the cut.
 */
const OBJECT = /\{[^{}]{0,1024}\}/g;

export function parseIpNeighJson(input: Buffer | string): NeighbourEntry[] {
  const text = inputText(input);
  if (!text.trimStart().startsWith('[')) return [];
  const out: NeighbourEntry[] = [];
  for (const m of text.matchAll(OBJECT)) {
    if (out.length >= MAX_ENTRIES) break;
    // An object that is not JSON (the one cut at the size cap) is skipped; the entries around it are kept.
    const v = parseJson(m[0]);
    if (!v.ok || !v.value || typeof v.value !== 'object' || Array.isArray(v.value)) continue;
    const rec = v.value as Record<string, unknown>;
    const ip = typeof rec.dst === 'string' ? rec.dst : '';
    if (!isIpv4(ip)) continue;
    const states = Array.isArray(rec.state) ? rec.state.filter((s): s is string => typeof s === 'string').map((s) => s.toLowerCase()) : [];
    const state = states.find((s) => NUD.has(s)) ?? (states[0]?.slice(0, 32) ?? 'unknown');
    const mac = typeof rec.lladdr === 'string' && state !== 'incomplete' && state !== 'failed' ? (normaliseMac(rec.lladdr) ?? '') : '';
    if (isNotADevice(ip, mac)) continue;
    out.push({ ip, mac, state, source: 'ip-neigh', ...(typeof rec.dev === 'string' ? { iface: rec.dev.slice(0, 64) } : {}) });
  }
  return out;
}
