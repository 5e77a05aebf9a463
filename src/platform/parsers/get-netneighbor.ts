// Windows PowerShell `Get-NetNeighbor`, either its default table
//   ifIndex IPAddress        LinkLayerAddress      State       PolicyStore
//   ------- ---------        ----------------      -----       -----------
//   12      192.168.0.1      00-11-22-33-44-55     Reachable   ActiveStore
// or the JSON that readNeighbours asks for (`… | ConvertTo-Json`), where State may be the enum name or
// its number (MSFT_NetNeighbor.State: 0 Unreachable, 1 Incomplete, 2 Probe, 3 Delay, 4 Stale,
// 5 Reachable, 6 Permanent). The column names and state words are not localized.
import { normaliseMac } from '../mac.js';
import { inputText, isNotADevice, MAX_ENTRIES, MAX_LINE_CHARS, type NeighbourEntry } from './neighbour.js';
import { isIpv4 } from '../ipv4.js';
import { parseJson } from '../../core/failure.js';

const STATE_BY_NUMBER = ['unreachable', 'incomplete', 'probe', 'delay', 'stale', 'reachable', 'permanent'];
const UNRESOLVED = new Set(['unreachable', 'incomplete']);

function entry(ip: string, rawMac: string, rawState: unknown, iface?: string): NeighbourEntry | null {
  if (!isIpv4(ip)) return null;
  const state =
    typeof rawState === 'number' ? (STATE_BY_NUMBER[rawState] ?? String(rawState)) : String(rawState ?? 'unknown').trim().toLowerCase().slice(0, 32);
  const mac = UNRESOLVED.has(state) ? '' : (normaliseMac(rawMac) ?? '');
  if (isNotADevice(ip, mac)) return null;
  return { ip, mac, state, source: 'get-netneighbor', ...(iface ? { iface } : {}) };
}

/** Flat `{…}` objects, for output cut mid-array (as ip-neigh-json reads it): every whole entry before the cut. */
const OBJECT = /\{[^{}]{0,1024}\}/g;

function fromJson(text: string): NeighbourEntry[] {
  const whole = parseJson(text);
  const items = whole.ok
    ? Array.isArray(whole.value) ? whole.value : [whole.value]
    : [...text.matchAll(OBJECT)].map((m) => parseJson(m[0])).flatMap((o) => (o.ok ? [o.value] : []));
  const out: NeighbourEntry[] = [];
  for (const item of items) {
    if (out.length >= MAX_ENTRIES) break;
    if (!item || typeof item !== 'object') continue;
    const r = item as Record<string, unknown>;
    const iface = typeof r.InterfaceAlias === 'string' ? r.InterfaceAlias : r.ifIndex !== undefined ? String(r.ifIndex) : undefined;
    const e = entry(String(r.IPAddress ?? ''), String(r.LinkLayerAddress ?? ''), r.State, iface);
    if (e) out.push(e);
  }
  return out;
}

function parseTable(text: string): NeighbourEntry[] {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.length <= MAX_LINE_CHARS && /\bIPAddress\b/.test(l) && /\bLinkLayerAddress\b/.test(l) && /\bState\b/.test(l));
  if (headerAt < 0) return [];
  const cols = lines[headerAt].trim().split(/\s+/);
  const ipCol = cols.indexOf('IPAddress');
  const macCol = cols.indexOf('LinkLayerAddress');
  const stateCol = cols.indexOf('State');
  const ifCol = cols.indexOf('ifIndex') >= 0 ? cols.indexOf('ifIndex') : cols.indexOf('InterfaceAlias');
  const out: NeighbourEntry[] = [];
  for (const line of lines.slice(headerAt + 1)) {
    if (out.length >= MAX_ENTRIES) break;
    if (line.length > MAX_LINE_CHARS) continue;
    const f = line.trim().split(/\s+/);
    if (f.length < cols.length - 1 || /^-+$/.test(f[0] ?? '')) continue;
    // An empty LinkLayerAddress (unreachable entries) shifts the columns left by one.
    const shifted = f.length === cols.length - 1 && macCol < stateCol;
    const mac = shifted ? '' : (f[macCol] ?? '');
    const state = shifted ? f[stateCol - 1] : f[stateCol];
    const e = entry(f[ipCol] ?? '', mac, state, ifCol >= 0 && ifCol < macCol ? f[ifCol] : undefined);
    if (e) out.push(e);
  }
  return out;
}

export function parseGetNetNeighbor(input: Buffer | string): NeighbourEntry[] {
  // String work on bounded input; JSON through parseJson (an outcome, no throw).
  const text = inputText(input).trim();
  if (text.startsWith('[') || text.startsWith('{')) return fromJson(text);
  return parseTable(text);
}
