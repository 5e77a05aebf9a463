// Which devices in two results are the same physical device: shared stable id (ONVIF endpoint,
// serial, MAC from DeviceRecord.ids, plus mac: from the mac field), else the same IP.
import type { DeviceRecord } from '../core/result.js';

export function stableIds(d: DeviceRecord): string[] {
  const ids = new Set(d.ids ?? []);
  if (d.mac) ids.add(`mac:${d.mac.toLowerCase()}`);
  if (d.serial && !/[*x]{3,}/i.test(d.serial)) ids.add(`serial:${d.serial}`);
  return [...ids].map((x) => x.replace(/^mac:(.*)$/i, (_, m: string) => `mac:${m.toLowerCase()}`));
}
