// Builds SYNTHETIC scan results for report/policy tests. Nothing here is a real device response.
import type { DeviceRecord, ScanResult } from '../../src/core/result.js';

export const PAYLOADS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '=HYPERLINK("http://x","y")'] as const;

export function device(over: Partial<DeviceRecord> = {}): DeviceRecord {
  return {
    ip: '198.18.0.10',
    mac: null,
    hostnames: [],
    manufacturer: null,
    manufacturerName: null,
    brand: null,
    model: null,
    firmware: null,
    serial: null,
    deviceType: 'camera',
    deviceTypeConfidence: 'probable',
    deviceTypeRationale: 'answers RTSP (synthetic)',
    confidence: null,
    rationale: 'synthetic test device',
    conflicts: [],
    risk: { level: 'unknown', reason: 'answers RTSP (synthetic); no maker evidence', checks: ['the label on the device (maker, model, serial number)'], policies: [] },
    vulnerabilities: [],
    services: [],
    evidence: [],
    notes: [],
    ids: [],
    ...over,
  };
}

const NDAA_HIT = {
  id: 'us-ndaa-889',
  title: 'John S. McCain National Defense Authorization Act for Fiscal Year 2019, Section 889 (Pub. L. 115-232)',
  condition: 'For the purpose of public safety, security of Government facilities, physical security surveillance of critical infrastructure, and other national security purposes, video surveillance and telecommunications equipment produced by Hytera Communications Corporation, Hangzhou Hikvision Digital Technology Company, or Dahua Technology Company (or any subsidiary or affiliate of such entities);',
  basis: 'made by Hikvision directly; attribution confirmed',
  effect: 'binding',
};

export function hikvision(over: Partial<DeviceRecord> = {}): DeviceRecord {
  return device({
    ip: '198.18.0.11',
    mac: '54:c4:15:00:00:01',
    manufacturer: 'hikvision',
    manufacturerName: 'Hikvision',
    model: 'DS-2CD2042WD-I',
    firmware: 'V5.4.0 build 160530',
    serial: 'DS-2CD2042WD-I20160530AAWR000000001',
    confidence: 'confirmed',
    rationale: 'SADP reply (synthetic)',
    risk: { level: 'high', reason: 'made by Hikvision (confirmed); covered by us-ndaa-889', policies: [NDAA_HIT] },
    vulnerabilities: [{ cve: 'CVE-2021-36260', name: 'Hikvision Improper Input Validation', verdict: 'possibly affected', reason: 'model family in range; build date older than fix', kevDateAdded: '2022-01-10' }],
    services: [{ port: 80, protocol: 'http', product: 'App-webs/' }],
    evidence: [{ module: 'sadp', field: 'sadp.DeviceDescription', value: 'DS-2CD2042WD-I', rule: 'sadp-hikvision', concludes: 'manufacturer=hikvision' }],
    ids: ['serial:DS-2CD2042WD-I20160530AAWR000000001', 'mac:54:c4:15:00:00:01'],
    ...over,
  });
}

export function dahuaViaLorex(over: Partial<DeviceRecord> = {}): DeviceRecord {
  return device({
    ip: '198.18.0.12',
    mac: '38:af:29:00:00:02',
    manufacturer: 'dahua',
    manufacturerName: 'Dahua',
    brand: 'Lorex',
    model: 'NR9320N',
    firmware: '2.800.0000000.13.R',
    deviceType: 'nvr',
    confidence: 'probable',
    rationale: 'labelled Lorex, made by Dahua (synthetic)',
    risk: { level: 'high', reason: 'made by Dahua (probable); covered by us-ndaa-889', policies: [{ ...NDAA_HIT, basis: 'via brand Lorex → Dahua (former-subsidiary, certainty confirmed); attribution probable, not confirmed' }] },
    ids: ['onvif:urn:uuid:00000000-0000-4000-8000-000000000002', 'mac:38:af:29:00:00:02'],
    ...over,
  });
}

export function axisLike(over: Partial<DeviceRecord> = {}): DeviceRecord {
  return device({ ip: '198.18.0.13', mac: '00:40:8c:00:00:03', manufacturer: 'axis', manufacturerName: 'Axis', model: 'P1375', firmware: '10.12.1', confidence: 'confirmed', risk: { level: 'none', reason: 'made by Axis (confirmed); no selected policy covers it', policies: [] }, ids: ['mac:00:40:8c:00:00:03'], ...over });
}

/** A device carrying script/HTML/formula payloads in every name field. */
export function hostile(over: Partial<DeviceRecord> = {}): DeviceRecord {
  const [s, img, f] = PAYLOADS;
  return device({
    ip: '198.18.0.66',
    mac: '00:11:22:33:44:66',
    hostnames: [s, img, f],
    manufacturer: s,
    manufacturerName: img,
    brand: f,
    model: img,
    firmware: s,
    serial: f,
    deviceType: 'camera',
    confidence: 'possible',
    rationale: `${s} ${img} ${f}`,
    conflicts: [img],
    deviceTypeRationale: `${s} ${img}`,
    risk: { level: 'unknown', reason: `${img} ${f}`, checks: [s], policies: [{ id: 'user-policy', title: s, condition: img, basis: f, effect: 'binding' }] },
    vulnerabilities: [{ cve: 'CVE-2017-7921', name: s, verdict: 'possibly affected', reason: img }],
    services: [{ port: 80, protocol: 'http', product: img }],
    evidence: [{ module: 'http', field: 'http.title', value: `${s}${img}${f}\u001b[31m`, rule: null }],
    notes: [`http: ${s}`],
    ids: ['mac:00:11:22:33:44:66'],
    ...over,
  });
}

export function result(devices: DeviceRecord[], over: { id?: string; startedAt?: string; finishedAt?: string; complete?: boolean; targets?: string[] } = {}): ScanResult {
  const byManufacturer: Record<string, number> = {};
  for (const d of devices) {
    const k = d.manufacturerName ?? d.manufacturer ?? 'unknown';
    byManufacturer[k] = (byManufacturer[k] ?? 0) + 1;
  }
  return {
    schemaVersion: '3',
    tool: { name: 'camaudit', version: '0.1.0' },
    fingerprints: { version: '2026.11.28-1', sha256: 'a'.repeat(64), ouiDataVersion: '2.1.9' },
    scan: {
      id: over.id ?? 'synthetic-scan-1',
      startedAt: over.startedAt ?? '2026-11-28T10:00:00.000Z',
      finishedAt: over.finishedAt ?? '2026-11-28T10:05:00.000Z',
      targets: over.targets ?? ['198.18.0.0/24'],
      excluded: [],
      interfaces: ['veth-test 198.18.0.1 198.18.0.0/24'],
      modules: ['sweep', 'sadp', 'dhip'],
      options: { ports: [80, 554] },
      complete: over.complete ?? true,
      stats: { packetsSent: 10 },
    },
    summary: {
      hostsScanned: 256,
      hostsAlive: devices.length,
      devices: devices.length,
      cameras: devices.filter((d) => ['camera', 'nvr', 'dvr'].includes(String(d.deviceType))).length,
      high: devices.filter((d) => d.risk.level === 'high').length,
      elevated: devices.filter((d) => d.risk.level === 'elevated').length,
      unknown: devices.filter((d) => d.risk.level === 'unknown').length,
      byManufacturer,
      vulnerable: devices.filter((d) => d.vulnerabilities.length > 0).length,
    },
    devices,
  };
}

export function sampleResult(): ScanResult {
  return result([hikvision(), dahuaViaLorex(), axisLike(), device({ ip: '198.18.0.14' }), hostile()]);
}
