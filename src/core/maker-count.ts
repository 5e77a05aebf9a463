// Devices per maker, keyed by the name a report shows. A Map, so a maker called "__proto__" is counted like any
// other instead of touching an object's prototype.
import type { DeviceRecord } from './result.js';

export function countByMaker(devices: readonly DeviceRecord[]): Map<string, number> {
  const count = new Map<string, number>();
  for (const d of devices) {
    const k = d.manufacturerName ?? d.manufacturer ?? 'unknown';
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  return count;
}
