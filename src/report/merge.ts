// One estate view from several scan results (sites, VLANs): devices deduplicated by stable id
// (MAC, serial, ONVIF endpoint), each keeping the scans it came from in `sources`. Devices without
// any stable id are never merged across scans (the same private IP at two sites is two devices).
// A device seen both by a passive read (camaudit pcap) and by a scan is one device seen two ways: its evidence is
// combined (re-attributed from both results' observations when both kept them, else the evidence lists joined and
// the better-established attribution kept). Between two scans the newest sighting stands, as before.
import { createHash } from 'node:crypto';
import type { Observation } from '../core/observation.js';
import { recordFields, type Confidence, type DeviceRecord, type EvidenceRef, type PolicyDataInfo, type ScanResult } from '../core/result.js';
import { uniqueStableIds } from './identity.js';
import { summarise } from '../core/summary.js';
import { refreshRecorder } from '../core/estate.js';
import { behindIds } from './identity.js';
import { attributeHost } from '../fingerprint/attribute.js';
import { evaluateRisk } from '../policy/evaluate.js';
import { evaluateVulns } from '../vulns/evaluate.js';


/** The policy data of the merged scan whose policy data was checked least recently (stale if any input was). */
function oldestPolicyData(results: ScanResult[]): PolicyDataInfo | undefined {
  const all = results.map((r) => r.policyData).filter((p): p is PolicyDataInfo => Boolean(p));
  const oldest = all.sort((a, b) => a.lastChecked.localeCompare(b.lastChecked) || Number(b.stale) - Number(a.stale))[0];
  return oldest ? { ...oldest } : undefined;
}

const isPassive = (r: ScanResult): boolean => r.scan.source?.kind === 'passive';
const CONFIDENCE_RANK: Record<string, number> = { confirmed: 3, probable: 2, possible: 1 };
const rank = (c: Confidence | null): number => (c ? (CONFIDENCE_RANK[c] ?? 0) : 0);

/** One sighting of a device: the record and the result it came from. */
interface Sighting {
  result: ScanResult;
  device: DeviceRecord;
}

/** The observations a result kept for one of its devices (by address), or null when it kept none. */
function observationsOf(s: Sighting): Observation[] | null {
  if (!s.result.observations) return null;
  return s.result.observations.filter((o) => o.host === s.device.ip && s.device.ip !== '');
}

/** A device seen by a passive read and by a scan: one record from both (see the header). */
function combine(target: DeviceRecord, sightings: Sighting[]): void {
  const obs = sightings.map(observationsOf);
  const newest = sightings[0]!.result;
  const policyIds = (newest.scan.options as { policies?: unknown }).policies;
  if (obs.every((o) => o !== null)) {
    const all = obs.flat() as Observation[];
    const redact = sightings.some((s) => (s.result.scan.options as { redact?: unknown }).redact === true);
    const attr = attributeHost(all, { redact });
    Object.assign(target, {
      ...recordFields(attr),
      evidence: attr.evidence,
      risk: evaluateRisk(attr, Array.isArray(policyIds) ? { policyIds: policyIds.map(String) } : {}),
      vulnerabilities: evaluateVulns(attr, all),
    });
  } else {
    // No observations to re-read: keep the better-established attribution, join the evidence, fill the gaps.
    const best = [...sightings].sort((a, b) => rank(b.device.confidence) - rank(a.device.confidence))[0]!.device;
    // Its conflicts are replaced below by those of every sighting.
    Object.assign(target, structuredClone({ ...recordFields(best), risk: best.risk, vulnerabilities: best.vulnerabilities }));
    for (const k of ['brand', 'model', 'firmware', 'serial'] as const) {
      if (target[k] === null) target[k] = sightings.map((s) => s.device[k]).find((v) => v !== null) ?? null;
    }
    const seen = new Set<string>();
    const evidence: EvidenceRef[] = [];
    for (const e of sightings.flatMap((s) => s.device.evidence)) {
      const key = `${e.module}|${e.field}|${e.value}|${e.rule ?? ''}`;
      if (!seen.has(key)) {
        seen.add(key);
        evidence.push(structuredClone(e));
      }
    }
    target.evidence = evidence;
    target.conflicts = [...new Set(sightings.flatMap((s) => s.device.conflicts))];
  }
  target.mac = target.mac ?? sightings.map((s) => s.device.mac).find((m) => m) ?? null;
  target.hostnames = [...new Set(sightings.flatMap((s) => s.device.hostnames))].slice(0, 8);
  const ports = new Map<number, DeviceRecord['services'][number]>();
  for (const sv of sightings.flatMap((s) => s.device.services)) if (!ports.has(sv.port) || (!ports.get(sv.port)!.product && sv.product)) ports.set(sv.port, structuredClone(sv));
  target.services = [...ports.values()].sort((a, b) => a.port - b.port);
  target.notes = [...new Set([...sightings.flatMap((s) => s.device.notes), `evidence combined from a passive capture and a scan (${obs.every((o) => o !== null) ? 're-attributed from both' : 'evidence lists joined'})`])].slice(0, 60);
}

export function mergeResults(results: ScanResult[]): ScanResult {
  if (!results.length) throw new Error('nothing to merge');
  // Newest scan first, so a device's record is its most recent sighting.
  const ordered = [...results].sort((a, b) => b.scan.finishedAt.localeCompare(a.scan.finishedAt));
  const devices: DeviceRecord[] = [];
  const byId = new Map<string, DeviceRecord>();
  const sightings = new Map<DeviceRecord, Sighting[]>();
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
        sightings.get(existing)!.push({ result: r, device: d });
        continue;
      }
      const copy: DeviceRecord = { ...structuredClone(d), sources: d.sources?.length ? [...d.sources] : [r.scan.id] };
      devices.push(copy);
      sightings.set(copy, [{ result: r, device: d }]);
      for (const id of ids) byId.set(id, copy);
    }
  }
  for (const [target, seen] of sightings) {
    if (seen.some((s) => isPassive(s.result)) && seen.some((s) => !isPassive(s.result))) combine(target, seen);
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
    summary: summarise(devices, results.reduce((n, r) => n + r.summary.hostsScanned, 0), results.reduce((n, r) => n + r.summary.hostsAlive, 0)),
    devices,
  };
}
