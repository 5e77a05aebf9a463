// Interfaces the scan may send on, from os.networkInterfaces() (the same call on Linux, Windows, macOS).
import os from 'node:os';
import type { NetInterface } from '../core/module.js';
import { UsageError } from '../core/errors.js';
import { networkCidr, ipv4ToInt } from './ipv4.js';
import { normaliseMac } from './mac.js';

type RawInterfaces = NodeJS.Dict<os.NetworkInterfaceInfo[]>;

function isV4(info: os.NetworkInterfaceInfo): boolean {
  // Node 18.0–18.3 reported family as the number 4; Node 20 reports 'IPv4'. Accept both.
  return info.family === 'IPv4' || (info.family as unknown) === 4;
}

function toNetInterface(name: string, info: os.NetworkInterfaceInfo): NetInterface | null {
  const cidr = networkCidr(info.address, info.netmask);
  if (!cidr) return null;
  const mac = normaliseMac(info.mac ?? '');
  return { name, address: info.address, netmask: info.netmask, cidr, ...(mac ? { mac } : {}) };
}

/** Every IPv4 interface, including loopback when `includeInternal` (for an explicit --interface lo). */
export function allIpv4Interfaces(includeInternal: boolean, raw: RawInterfaces = os.networkInterfaces()): NetInterface[] {
  const out: NetInterface[] = [];
  for (const [name, infos] of Object.entries(raw)) {
    for (const info of infos ?? []) {
      if (!isV4(info) || (info.internal && !includeInternal)) continue;
      const ni = toNetInterface(name, info);
      if (ni) out.push(ni);
    }
  }
  return out;
}

/** IPv4, non-internal interfaces with their network CIDR ("198.18.0.0/24"). */
export function listInterfaces(raw?: RawInterfaces): NetInterface[] {
  return allIpv4Interfaces(false, raw);
}

function isLinkLocal(ni: NetInterface): boolean {
  const n = ipv4ToInt(ni.address);
  return n !== null && n >>> 16 === ((169 << 8) | 254);
}

/**
 * Interfaces a scan sends on.
 * - `spec` (an interface NAME or one of its IPv4 ADDRESSES) picks exactly that one; loopback may be
 *   named explicitly. An unknown name or address is a UsageError naming the ones that exist.
 * - Without `spec`: every non-loopback IPv4 interface whose subnet meets the scope
 *   (`scopeIntersects(cidr)`); with no scope test, every one except link-local 169.254/16
 *   (an unconfigured adapter, 65 536 addresses nobody means to scan).
 */
export function selectInterfaces(spec?: string, scopeIntersects?: (cidr: string) => boolean, raw?: RawInterfaces): NetInterface[] {
  if (spec !== undefined && spec.trim() !== '') {
    const want = spec.trim();
    const all = allIpv4Interfaces(true, raw);
    const hit = all.filter((i) => i.name === want || i.address === want);
    if (hit.length) return hit;
    const known = all.map((i) => `${i.name} (${i.address})`).join(', ') || 'none';
    throw new UsageError(`unknown interface "${want.slice(0, 80)}": IPv4 interfaces here are ${known}`, 'CAMAUDIT_ERR_INTERFACE');
  }
  const ifs = listInterfaces(raw);
  // Every cidr here is a valid network (toNetInterface): the scope test is plain arithmetic on it.
  if (scopeIntersects) return ifs.filter((i) => scopeIntersects(i.cidr));
  return ifs.filter((i) => !isLinkLocal(i));
}

