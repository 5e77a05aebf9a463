// Which devices in two results are the same physical device: shared stable id (ONVIF endpoint,
// serial, MAC from DeviceRecord.ids, plus mac: from the mac field), else the same IP.
import type { BehindDevice, DeviceRecord } from '../core/result.js';

export function stableIds(d: DeviceRecord): string[] {
  const ids = new Set(d.ids ?? []);
  if (d.mac) ids.add(`mac:${d.mac.toLowerCase()}`);
  if (d.serial && !/[*x]{3,}/i.test(d.serial)) ids.add(`serial:${d.serial}`);
  return [...ids].map((x) => x.replace(/^mac:(.*)$/i, (_, m: string) => `mac:${m.toLowerCase()}`));
}

/**
 * Stable ids of every device of one result, leaving out any id two or more devices of that result share: a MAC
 * answered for many addresses (proxy ARP, a bridge, a lab veth) or a serial a lying device copied is no identity,
 * and using it would fold different devices into one.
 */
export function uniqueStableIds(devices: readonly DeviceRecord[]): Map<DeviceRecord, string[]> {
  const all = new Map(devices.map((d) => [d, stableIds(d)] as const));
  const count = new Map<string, number>();
  for (const ids of all.values()) for (const id of ids) count.set(id, (count.get(id) ?? 0) + 1);
  for (const [d, ids] of all) all.set(d, ids.filter((id) => count.get(id) === 1));
  return all;
}

/** A camera behind a recorder: its own ids (serial, MAC), unmasked; never its recorder-and-channel id. */
export function behindIds(b: BehindDevice): string[] {
  return (b.ids ?? [])
    .filter((id) => /^(?:serial|mac):/i.test(id) && !/[*x]{3,}/i.test(id))
    .map((x) => x.replace(/^mac:(.*)$/i, (_, m: string) => `mac:${m.toLowerCase()}`));
}
