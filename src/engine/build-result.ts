// Turns a finished scan (the observation store) into the ScanResult every report renders:
// attribution per host, policy verdict, vulnerabilities, services and summary counts.
import { randomUUID } from 'node:crypto';
import type { Observation } from '../core/observation.js';
import { recordFields, type DeviceRecord, type ScanResult, type Service } from '../core/result.js';
import { TOOL_VERSION } from '../core/version.js';
import { fingerprintInfo } from '../core/fingerprint-info.js';
import { attributeHost } from '../fingerprint/attribute.js';
import { evaluateRisk, type PolicyOptions } from '../policy/evaluate.js';
import { loadPolicies } from '../policy/load.js';
import { policyDataStatus, policyDataVersion } from '../policy/data-status.js';
import { evaluateVulns } from '../vulns/evaluate.js';
import { builtinKev } from '../vulns/kev.js';
import { summarise } from '../core/summary.js';
import { buildRecorder, isChannelObservation, linkSeen } from './recorders.js';

/** What the scan records about itself (the result's scan block, its id optional) plus how to build the rest. */
export interface BuildOptions extends Omit<ScanResult['scan'], 'id'> {
  scanId?: string;
  hostsScanned: number;
  hostsAlive: number;
  redact?: boolean;
  policy?: PolicyOptions;
  /** Keep raw observations in the result (default true). */
  keepObservations?: boolean;
  /** Extra vulnerability evaluation (e.g. a newer KEV catalogue), replaces the default. */
  vulns?: typeof evaluateVulns;
  /** catalogVersion of the KEV catalogue `vulns` uses; default: the built-in subset's. */
  kevCatalogVersion?: string;
}


function first(obs: readonly Observation[], kind: string, field: string): string | null {
  for (const o of obs) {
    if (o.kind !== kind) continue;
    const v = o.fields[field];
    if (typeof v === 'string' && v) return v;
  }
  return null;
}

/** Open ports with the protocol and product each answered with. */
function servicesOf(obs: readonly Observation[]): Service[] {
  const host = obs.find((o) => o.kind === 'host');
  const open = (host?.fields.openPorts as number[] | undefined) ?? [];
  return open.map((port) => {
    const at = obs.filter((o) => o.port === port);
    const kinds = new Set(at.map((o) => o.kind));
    const protocol = kinds.has('rtsp') ? 'rtsp' : kinds.has('tls') ? 'https' : kinds.has('http') ? 'http' : kinds.has('onvif') ? 'onvif' : 'tcp';
    const product =
      (at.find((o) => o.kind === 'http' && o.fields.server)?.fields.server as string | undefined) ??
      (at.find((o) => o.kind === 'rtsp' && o.fields.server)?.fields.server as string | undefined) ??
      null;
    return { port, protocol, product };
  });
}

function hostnamesOf(obs: readonly Observation[]): string[] {
  const names = new Set<string>();
  for (const o of obs) {
    if (o.kind === 'mdns' && typeof o.fields.hostname === 'string') names.add(o.fields.hostname);
    if (o.kind === 'upnp' && typeof o.fields.friendlyName === 'string') names.add(o.fields.friendlyName);
  }
  return [...names].slice(0, 8);
}

function idsOf(obs: readonly Observation[], mac: string | null, serial: string | null): string[] {
  const ids: string[] = [];
  const endpoint = first(obs, 'wsd', 'endpoint');
  if (endpoint) ids.push(`onvif:${endpoint}`);
  if (serial) ids.push(`serial:${serial}`);
  if (mac) ids.push(`mac:${mac}`);
  return ids;
}

/** "Check by hand" made concrete: the device's web page by its address when it serves one. */
function checksFor(ip: string, checks: string[], services: readonly Service[]): string[] {
  const web = services.find((s) => s.protocol === 'http' || s.protocol === 'https');
  if (!web) return checks;
  const url = `${web.protocol}://${ip.includes(':') ? `[${ip}]` : ip}${(web.protocol === 'http' && web.port === 80) || (web.protocol === 'https' && web.port === 443) ? '' : `:${web.port}`}/`;
  return checks.map((c) => (c.startsWith("the device's own web page") ? c.replace("the device's own web page", `the device's own web page at ${url}`) : c));
}

export function buildDevice(ip: string, allObs: readonly Observation[], o: Pick<BuildOptions, 'redact' | 'policy' | 'vulns'>, droppedObservations = 0): DeviceRecord {
  // What a recorder lists about the cameras on its channels is about those cameras, not about the recorder.
  const obs = allObs.filter((x) => !isChannelObservation(x));
  const channelObs = allObs.filter(isChannelObservation);
  const attr = attributeHost(obs, { redact: o.redact });
  const risk = evaluateRisk(attr, o.policy);
  const services = servicesOf(obs);
  if (risk.checks) risk.checks = checksFor(ip, risk.checks, services);
  const vulnerabilities = (o.vulns ?? evaluateVulns)(attr, obs);
  const mac = first(obs, 'neigh', 'mac') ?? null;
  const notes = [...new Set(obs.flatMap((x) => (x.notes ?? []).map((n) => `${x.module}: ${n}`)))].slice(0, 50);
  if (droppedObservations) notes.push(`${droppedObservations} further observations dropped (per-host cap)`);
  const credentials: Record<string, string> = {};
  for (const c of obs.filter((x) => x.kind === 'credential')) credentials[String(c.fields.protocol)] = String(c.fields.outcome);
  const device: DeviceRecord = {
    ip,
    mac,
    hostnames: hostnamesOf(obs),
    ...recordFields(attr),
    risk,
    vulnerabilities,
    services,
    evidence: attr.evidence,
    notes,
    ids: idsOf(obs, mac, o.redact ? null : attr.serial),
  };
  if (attr.claims?.length) device.claims = attr.claims;
  if (Object.keys(credentials).length) device.credentials = credentials;
  const recorder = buildRecorder(device, obs, channelObs, o);
  if (recorder) device.recorder = recorder;
  return device;
}

function ipKey(ip: string): number {
  return ip.split('.').reduce((n, x) => n * 256 + Number(x), 0);
}

export function buildResult(byHost: Map<string, Observation[]>, o: BuildOptions, dropped: (ip: string) => number = () => 0): ScanResult {
  // The scanning machine answers its own sweep: it is not a device of the audited network (issue 17). Its
  // observations stay in the result (they are evidence of what was sent); the scan's notes say it was left out.
  const own = new Set(o.interfaces.map((i) => i.split(' ')[1]).filter(Boolean));
  const ownSeen = [...byHost.entries()].filter(([ip, obs]) => own.has(ip) && obs.length > 0).map(([ip]) => ip);
  const devices = [...byHost.entries()]
    .filter(([ip, obs]) => obs.length > 0 && !own.has(ip))
    .sort(([a], [b]) => ipKey(a) - ipKey(b))
    .map(([ip, obs]) => buildDevice(ip, obs, o, dropped(ip)));
  const notes = [...(o.notes ?? []), ...ownSeen.map((ip) => `${ip} is the machine that ran the scan: it answered, and is not listed as a device`)];
  linkSeen(devices);
  // The built-in subset every device was evaluated against (a broken subset is a packaging bug: it throws).
  const kevCatalogVersion = o.kevCatalogVersion ?? builtinKev().catalogVersion;
  const fp = { ...fingerprintInfo(), kevCatalogVersion };
  const result: ScanResult = {
    schemaVersion: '3',
    tool: { name: 'camaudit', version: TOOL_VERSION },
    fingerprints: fp,
    // The policies every device was judged against (cached by loadPolicies), and how current they are.
    policyData: policyDataStatus(loadPolicies(o.policy ?? {}), o.startedAt, policyDataVersion(o.policy?.fingerprintsDir)),
    scan: {
      id: o.scanId ?? randomUUID(),
      startedAt: o.startedAt,
      finishedAt: o.finishedAt,
      targets: o.targets,
      excluded: o.excluded,
      interfaces: o.interfaces,
      modules: o.modules,
      options: o.options,
      complete: o.complete,
      stats: o.stats,
      ...(notes.length ? { notes } : {}),
    },
    summary: summarise(devices, o.hostsScanned, o.hostsAlive),
    devices,
  };
  if (o.keepObservations !== false) result.observations = [...byHost.values()].flat();
  return result;
}
