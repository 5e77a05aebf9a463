// The result's summary block, computed one way for a scan (engine/build-result.ts) and a merge (report/merge.ts):
// device, camera and risk counts, devices per maker, vulnerable devices and the estate counts (seen / behind recorders).
import type { DeviceRecord, ScanResult } from './result.js';
import { countByMaker } from './maker-count.js';
import { estateCounts } from './estate.js';

const CAMERA_TYPES = new Set(['camera', 'nvr', 'dvr']);

export function summarise(devices: readonly DeviceRecord[], hostsScanned: number, hostsAlive: number): ScanResult['summary'] {
  const level = (l: string): number => devices.filter((d) => d.risk.level === l).length;
  return {
    hostsScanned,
    hostsAlive,
    devices: devices.length,
    cameras: devices.filter((d) => CAMERA_TYPES.has(String(d.deviceType))).length,
    high: level('high'),
    elevated: level('elevated'),
    unknown: level('unknown'),
    byManufacturer: Object.fromEntries(countByMaker(devices)),
    vulnerable: devices.filter((d) => d.vulnerabilities.some((v) => v.verdict === 'affected' || v.verdict === 'possibly affected')).length,
    estate: estateCounts(devices),
  };
}
