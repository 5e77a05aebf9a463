// Which addresses the kernel failed to resolve on the local segment (Linux /proc/net/arp: an entry whose flags lack
// ATF_COM 0x2 is INCOMPLETE or FAILED, i.e. nothing answered ARP). The sweep asks this after a liveness attempt
// times out: when many empty addresses fail at once the kernel's local "host unreachable" errors are rate-limited
// (ICMP burst of 50), so most connects just time out; the neighbour table still says the address is empty.
import { readFile } from 'node:fs/promises';
import { errorCode, failureNote } from '../core/failure.js';

const ATF_COM = 0x2;
const CACHE_MS = 250;
const MAX_BYTES = 4 * 1024 * 1024;

/** Addresses with an unresolved neighbour entry, from /proc/net/arp text. */
export function unresolvedFromProcArp(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.slice(0, MAX_BYTES).split('\n').slice(1)) {
    const [ip, , flags] = line.trim().split(/\s+/);
    if (!ip || !flags) continue;
    const f = Number.parseInt(flags, 16);
    if (Number.isFinite(f) && (f & ATF_COM) === 0) out.add(ip);
  }
  return out;
}

/**
 * A cached reader: `isUnresolved(ip)` re-reads the table at most every 250 ms; false where there is no table
 * (ENOENT: not Linux). A table that exists but cannot be read answers false and is noted once through `onFailure`.
 */
export function neighbourUnresolvedReader(file = '/proc/net/arp', onFailure?: (note: string) => void): (ip: string) => Promise<boolean> {
  let at = 0;
  let current: Promise<Set<string>> | null = null;
  return async (ip: string) => {
    if (!current || Date.now() - at > CACHE_MS) {
      at = Date.now();
      current = readFile(file, 'utf8').then(unresolvedFromProcArp, (err: unknown) => {
        if (errorCode(err) !== 'ENOENT') onFailure?.(failureNote(`${file} not read, the sweep's ARP liveness hint is off`, err));
        return new Set<string>();
      });
    }
    return (await current).has(ip);
  };
}
