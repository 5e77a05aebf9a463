// One estate view from several scan results (sites, VLANs): devices deduplicated by stable id
// (MAC, serial, ONVIF endpoint), each keeping the scans it came from in `sources`. Devices without
// any stable id are never merged across scans (the same private IP at two sites is two devices).
import { createHash } from 'node:crypto';
import type { DeviceRecord, PolicyDataInfo, ScanResult } from '../core/result.js';
import { uniqueStableIds } from './identity.js';
import { countByMaker } from '../core/maker-count.js';
import { estateCounts, refreshRecorder } from '../core/estate.js';
import { behindIds } from './identity.js';

const CAMERA_TYPES = new Set(['camera', 'nvr', 'dvr']);

/** The policy data of the merged scan whose policy data was checked least recently (stale if any input was). */
function oldestPolicyData(results: ScanResult[]): PolicyDataInfo | undefined {
  const all = results.map((r) => r.policyData).filter((p): p is PolicyDataInfo => Boolean(p));
  const oldest = all.sort((a, b) => a.lastChecked.localeCompare(b.lastChecked) || Number(b.stale) - Number(a.stale))[0];
  return oldest ? { ...oldest } : undefined;
}

export function mergeResults(results: ScanResult[]): ScanResult {
  if (!results.length) throw new Error('nothing to merge');
  // Newest scan first, so a device's record is its most recent sighting.
  const ordered = [...results].sort((a, b) => b.scan.finishedAt.localeCompare(a.scan.finishedAt));
  const devices: DeviceRecord[] = [];
  const byId = new Map<string, DeviceRecord>();
  for (const r of ordered) {
    const idsOf = uniqueStableIds(r.devices);
    for (const d of r.devices) {
      const ids = idsOf.get(d) ?? [];
      const existing = ids.map((id) => byId.get(id)).find(Boolean);
      if (existing) {
        const src = new Set([...(existing.sources ?? []), ...(d.sources ?? [r.scan.id])]);
        existing.sources = [...src];
        existing.ids = [...new Set([...existing.ids, ...d.ids])];
        for (const id of ids) if (!byId.has(id)) byId.set(id, existing);
        continue;
      }
      const copy: DeviceRecord = { ...structuredClone(d), sources: d.sources?.length ? [...d.sources] : [r.scan.id] };
      devices.push(copy);
      for (const id of ids) byId.set(id, copy);
    }
  }
  // A camera behind recorders is kept once, under the recorder of its newest sighting: a camera that moved between
  // recorders (same serial or MAC) is not two cameras. Devices are newest first, so the first sighting wins.
  // Two channels of one recorder that share an id (a multi-sensor camera, a serial the recorder filled in) stay.
  const placed = new Map<string, DeviceRecord>();
  for (const d of devices) {
    if (!d.recorder) continue;
    const before = d.recorder.behind.length;
    d.recorder.behind = d.recorder.behind.filter((b) => {
      const ids = behindIds(b);
      if (ids.some((id) => placed.has(id) && placed.get(id) !== d)) return false;
      for (const id of ids) if (!placed.has(id)) placed.set(id, d);
      return true;
    });
    if (d.recorder.behind.length !== before) refreshRecorder(d.recorder);
  }
  // fromEntries of a Map: a maker named "__proto__" becomes an own key instead of touching the prototype.
  const byManufacturer: Record<string, number> = Object.fromEntries(countByMaker(devices));
  const uniq = (xs: string[]) => [...new Set(xs)];
  const ids = ordered.map((r) => r.scan.id);
  const newest = ordered[0];
  const started = [...results].map((r) => r.scan.startedAt).sort()[0];
  const policyData = oldestPolicyData(results);
  return {
    schemaVersion: '3',
    tool: newest.tool,
    fingerprints: newest.fingerprints,
    // The least recently checked policy data among the merged scans: the estate view is only as current as that.
    ...(policyData ? { policyData } : {}),
    scan: {
      id: `merged-${createHash('sha256').update(ids.slice().sort().join('\n')).digest('hex').slice(0, 16)}`,
      startedAt: started,
      finishedAt: newest.scan.finishedAt,
      targets: uniq(results.flatMap((r) => r.scan.targets)),
      excluded: uniq(results.flatMap((r) => r.scan.excluded)),
      interfaces: uniq(results.flatMap((r) => r.scan.interfaces)),
      modules: uniq(results.flatMap((r) => r.scan.modules)),
      options: { mergedFrom: ids, fingerprintVersions: uniq(results.map((r) => r.fingerprints.version)) },
      complete: results.every((r) => r.scan.complete),
      stats: {},
    },
    summary: {
      hostsScanned: results.reduce((n, r) => n + r.summary.hostsScanned, 0),
      hostsAlive: results.reduce((n, r) => n + r.summary.hostsAlive, 0),
      devices: devices.length,
      cameras: devices.filter((d) => CAMERA_TYPES.has(String(d.deviceType))).length,
      high: devices.filter((d) => d.risk.level === 'high').length,
      elevated: devices.filter((d) => d.risk.level === 'elevated').length,
      unknown: devices.filter((d) => d.risk.level === 'unknown').length,
      byManufacturer,
      vulnerable: devices.filter((d) => d.vulnerabilities.some((v) => v.verdict === 'affected' || v.verdict === 'possibly affected')).length,
      estate: estateCounts(devices),
    },
    devices,
  };
}
