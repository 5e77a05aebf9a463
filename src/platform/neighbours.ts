// Reads the operating system's neighbour (ARP) table: IP → MAC of hosts this machine has talked to.
// Chosen by process.platform; every command has a timeout. Each source that fails says why (attempts); when
// none can be read, readNeighbours throws that list and the engine keeps it as a scan note.
import { readFile } from 'node:fs/promises';
import type { Logger } from 'pino';
import { runCommand } from './run-command.js';
import { failureNote } from '../core/failure.js';
import type { NeighbourEntry } from './parsers/neighbour.js';
import { MAX_TABLE_BYTES } from './parsers/neighbour.js';
import { parseProcNetArp } from './parsers/proc-net-arp.js';
import { parseIpNeighJson } from './parsers/ip-neigh-json.js';
import { parseArpA } from './parsers/arp-a-windows.js';
import { parseGetNetNeighbor } from './parsers/get-netneighbor.js';
import { parseArpAn } from './parsers/arp-an.js';

export interface Neighbour {
  ip: string;
  mac: string;
  state: string;
  source: string;
}

/** What each attempt gave, for `camaudit doctor` and debug logs. */
export interface NeighbourAttempt {
  source: string;
  ok: boolean;
  entries: number;
  reason?: string;
}

export interface NeighbourReading {
  neighbours: Neighbour[];
  attempts: NeighbourAttempt[];
}

// Asks PowerShell for JSON with the state as its name (an enum would serialise as a number).
const GET_NET_NEIGHBOR_SCRIPT =
  "Get-NetNeighbor -AddressFamily IPv4 -ErrorAction Stop | Select-Object IPAddress,LinkLayerAddress,@{n='State';e={[string]$_.State}},InterfaceAlias | ConvertTo-Json -Compress";

async function readProcNetArp(): Promise<{ entries: NeighbourEntry[] } | { reason: string }> {
  try {
    const buf = await readFile('/proc/net/arp');
    return { entries: parseProcNetArp(buf.subarray(0, MAX_TABLE_BYTES)) };
  } catch (err) {
    return { reason: failureNote('/proc/net/arp', err) };
  }
}

async function fromCommand(file: string, args: string[], parse: (s: string) => NeighbourEntry[]): Promise<{ entries: NeighbourEntry[] } | { reason: string }> {
  const r = await runCommand(file, args);
  if (!r.ok) return { reason: r.reason };
  return { entries: parse(r.stdout) };
}

type Source = { name: string; read: () => Promise<{ entries: NeighbourEntry[] } | { reason: string }> };

function sourcesFor(platform: NodeJS.Platform): { sources: Source[]; all: boolean } {
  switch (platform) {
    case 'linux':
      // Both: /proc/net/arp needs no binary; `ip -j neigh` gives the finer NUD state. Merged by IP.
      return {
        all: true,
        sources: [
          { name: 'proc-net-arp', read: readProcNetArp },
          { name: 'ip-neigh', read: () => fromCommand('ip', ['-4', '-j', 'neigh', 'show'], parseIpNeighJson) },
        ],
      };
    case 'win32':
      // First that works: Get-NetNeighbor (Windows 8+/Server 2012+), else arp -a (every Windows).
      return {
        all: false,
        sources: [
          { name: 'get-netneighbor', read: () => fromCommand('powershell.exe', ['-NoProfile', '-NonInteractive', '-Command', GET_NET_NEIGHBOR_SCRIPT], parseGetNetNeighbor) },
          { name: 'arp-a', read: () => fromCommand('arp', ['-a'], parseArpA) },
        ],
      };
    default:
      // macOS and the BSDs (and anything else with a BSD-style arp).
      return { all: false, sources: [{ name: 'arp-an', read: () => fromCommand('arp', ['-an'], parseArpAn) }] };
  }
}

/** Reads the table and says what each source gave (doctor shows this). */
export async function readNeighbourTable(platform: NodeJS.Platform = process.platform): Promise<NeighbourReading> {
  const { sources, all } = sourcesFor(platform);
  const attempts: NeighbourAttempt[] = [];
  const byIp = new Map<string, Neighbour>();
  for (const s of sources) {
    let r: { entries: NeighbourEntry[] } | { reason: string };
    try {
      r = await s.read();
    } catch (err) {
      r = { reason: failureNote(s.name, err) };
    }
    if ('reason' in r) {
      attempts.push({ source: s.name, ok: false, entries: 0, reason: r.reason });
      continue;
    }
    attempts.push({ source: s.name, ok: true, entries: r.entries.length });
    for (const e of r.entries) {
      const prev = byIp.get(e.ip);
      // A later source replaces an earlier one unless it lost the MAC the earlier one had.
      if (!prev || e.mac || !prev.mac) byIp.set(e.ip, { ip: e.ip, mac: e.mac, state: e.state, source: e.source });
    }
    if (!all) break;
  }
  return { neighbours: [...byIp.values()], attempts };
}

/**
 * IP → MAC of the hosts in this machine's neighbour table. Throws when no source could be read, with every
 * source's reason (the scan keeps it as a note: no MAC, no OUI evidence); a source that failed while another
 * answered is only logged.
 */
export async function readNeighbours(log?: Logger): Promise<Neighbour[]> {
  const { neighbours, attempts } = await readNeighbourTable();
  for (const a of attempts) if (!a.ok) log?.debug({ source: a.source, reason: a.reason }, 'neighbour table source not readable');
  if (attempts.length && attempts.every((a) => !a.ok)) throw new Error(attempts.map((a) => a.reason).join('; '));
  return neighbours;
}
