// A recorder's channels and the cameras behind it, for the result (issue 19). The capacity comes from what the
// recorder says or its model number (src/fingerprint/channels.ts); the cameras from the channel lists the
// credentialed modules read (`channel` observations). Each camera is attributed, rated and checked for known
// exploited vulnerabilities from what its recorder says about it, like any device; camaudit never contacts it.
import type { Observation } from '../core/observation.js';
import { recordFields, type BehindDevice, type DeviceRecord, type RecorderInfo } from '../core/result.js';
import { recorderStatement } from '../core/estate.js';
import { attributeHost } from '../fingerprint/attribute.js';
import { channelCapacity } from '../fingerprint/channels.js';
import { evaluateRisk, type PolicyOptions } from '../policy/evaluate.js';
import { evaluateVulns } from '../vulns/evaluate.js';

const RECORDER_TYPES = new Set(['nvr', 'dvr']);

/** The observations that describe cameras on the recorder's channels, kept apart from the recorder's own. */
export function isChannelObservation(o: Observation): boolean {
  return o.kind === 'channel';
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Channel observations grouped per channel (analogue inputs and IP channels apart), in channel order. */
function channelsOf(obs: readonly Observation[]): Observation[][] {
  const groups = new Map<string, Observation[]>();
  for (const o of obs) {
    const n = num(o.fields.channel);
    if (n === null) continue;
    const key = `${o.fields.analogue === true ? 'a' : 'd'}${n}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true })).map(([, v]) => v);
}

/** The first value of a field over one channel's observations. */
function field(obs: readonly Observation[], name: string): unknown {
  for (const o of obs) if (o.fields[name] !== undefined && o.fields[name] !== null && o.fields[name] !== '') return o.fields[name];
  return undefined;
}

/**
 * Whether a listed channel holds a camera: every IP channel a recorder lists does (online or not); an analogue
 * input only with a video signal (an input without one is an empty socket, and one that does not say is unknown).
 */
function holdsCamera(obs: readonly Observation[]): boolean {
  if (field(obs, 'analogue') !== true) return true;
  return field(obs, 'online') === true;
}

/** The recorder's own identity, to name a camera that has no serial or MAC of its own: "<recorder id>#d3". */
function recorderKey(recorder: DeviceRecord): string {
  return recorder.ids[0] ?? `ip:${recorder.ip}`;
}

export function buildBehind(recorder: DeviceRecord, obs: readonly Observation[], o: { redact?: boolean; policy?: PolicyOptions; vulns?: typeof evaluateVulns }): BehindDevice {
  const analogue = field(obs, 'analogue') === true;
  const channel = num(field(obs, 'channel'))!;
  const attr = attributeHost(obs, { redact: o.redact });
  if (analogue && !attr.manufacturer) attr.rationale = `an analogue camera on input ${channel}: a DVR cannot tell who made it (check the camera's label)`;
  const risk = evaluateRisk(attr, o.policy);
  // camaudit never reached this camera, and the user may not reach it either: its recorder is where to look.
  if (risk.checks) risk.checks = risk.checks.map((c) => (c.startsWith("the device's own web page") ? `the recorder's own camera list (${analogue ? 'analogue input' : 'channel'} ${channel} on the recorder at ${recorder.ip})` : c));
  const vulnerabilities = (o.vulns ?? evaluateVulns)(attr, obs);
  const mac = str(field(obs, 'mac'));
  const ids: string[] = [];
  if (attr.serial && !o.redact) ids.push(`serial:${attr.serial}`);
  if (mac) ids.push(`mac:${mac}`);
  ids.push(`behind:${recorderKey(recorder)}#${analogue ? 'a' : 'd'}${channel}`);
  const online = field(obs, 'online');
  const notes = [...new Set(obs.flatMap((x) => (x.notes ?? []).map((n) => `${x.module}: ${n}`)))].slice(0, 20);
  const detect = str(field(obs, 'detectResult'));
  if (detect && detect !== 'online' && detect !== 'connect') notes.push(`recorder reports channel state: ${detect}`);
  return {
    channel,
    analogue,
    channelName: str(field(obs, 'name')),
    address: str(field(obs, 'address')),
    port: num(field(obs, 'port')),
    protocol: str(field(obs, 'proxyProtocol')) ?? str(field(obs, 'ProtocolType')),
    online: typeof online === 'boolean' ? online : null,
    via: str(field(obs, 'via')) ?? obs[0]!.module,
    mac,
    ...recordFields(attr),
    risk,
    vulnerabilities,
    evidence: attr.evidence,
    notes,
    ids,
  };
}

/** How the channel list was (or was not) read, from the credential outcomes and list reads the scan recorded. */
function channelListState(obs: readonly Observation[], listed: number): string {
  const lists = obs.filter((o) => o.kind === 'channel-list' && o.fields.what !== 'capacity');
  const read = lists.filter((o) => o.fields.outcome === 'read' && o.fields.what === 'cameras');
  const refused = lists.find((o) => String(o.fields.outcome).startsWith('not permitted'));
  if (read.length) return `read with the credentials given (${listed} camera${listed === 1 ? '' : 's'} listed)${refused ? `; ${String(refused.fields.path)} ${String(refused.fields.outcome)}` : ''}`;
  if (refused) return `not read: ${String(refused.fields.outcome)}`;
  const creds = obs.filter((o) => o.kind === 'credential' && (o.fields.protocol === 'isapi' || o.fields.protocol === 'dahuacgi'));
  if (creds.some((c) => c.fields.outcome === 'credentials rejected')) return 'not read: the credentials given were rejected (not retried)';
  const failed = creds.find((c) => String(c.fields.outcome).startsWith('error'));
  if (failed) return `not read: ${String(failed.fields.outcome)}`;
  if (lists.length) return `not read: ${lists.map((l) => `${String(l.fields.path)} ${String(l.fields.outcome)}`).join('; ')}`;
  if (creds.length) return 'not read: the recorder did not answer a channel list';
  // ONVIF names video sources, not the cameras on them: a credential it took reads no channel list.
  const onvif = obs.some((o) => o.kind === 'credential' && o.fields.protocol === 'onvif' && o.fields.outcome === 'accepted');
  if (onvif) return 'not read: the credentials were taken over ONVIF only, which does not list the cameras behind a recorder';
  // No credential was tried on it: none was given for it, or nothing it showed names an interface camaudit reads.
  return "not read: needs the recorder's credentials (none were tried on it)";
}

/**
 * The recorder block of a device, or undefined for a device that is no recorder. A device is a recorder when its
 * type is NVR or DVR, or when it listed cameras on its channels.
 */
export function buildRecorder(recorder: DeviceRecord, ownObs: readonly Observation[], channelObs: readonly Observation[], o: { redact?: boolean; policy?: PolicyOptions; vulns?: typeof evaluateVulns }): RecorderInfo | undefined {
  if (!RECORDER_TYPES.has(String(recorder.deviceType)) && !channelObs.length) return undefined;
  const capacity = channelCapacity(ownObs, { manufacturer: recorder.manufacturer, model: recorder.model });
  const behind = channelsOf(channelObs)
    .filter(holdsCamera)
    .map((c) => buildBehind(recorder, c, o));
  const channels = capacity?.total ?? null;
  const enumerated = behind.length;
  const notEnumerated = channels === null ? null : Math.max(0, channels - enumerated);
  const info: RecorderInfo = {
    channels,
    analogueChannels: capacity?.analogue ?? null,
    ipChannels: capacity?.ip ?? null,
    capacityBasis: capacity?.basis ?? null,
    capacityWhy: capacity?.why ?? 'no channel count in what the recorder said, and no model numbering that states one',
    capacityEvidence: capacity?.evidence ?? [],
    capacityConflicts: capacity?.conflicts ?? [],
    channelList: channelListState(ownObs, enumerated),
    enumerated,
    notEnumerated,
    statement: '',
    behind,
  };
  if (channels !== null && enumerated > channels) info.capacityConflicts.push(`the recorder lists ${enumerated} cameras on ${channels} channels`);
  info.statement = recorderStatement(info);
  return info;
}

/** Marks each camera behind a recorder that is also a device seen on the network (a shared serial or MAC). */
export function linkSeen(devices: readonly DeviceRecord[]): void {
  const seen = new Map<string, string>();
  for (const d of devices) {
    for (const id of d.ids) if (id.startsWith('serial:') || id.startsWith('mac:')) seen.set(id.toLowerCase(), d.ip);
    if (d.mac) seen.set(`mac:${d.mac.toLowerCase()}`, d.ip);
  }
  for (const d of devices) {
    for (const b of d.recorder?.behind ?? []) {
      const hit = b.ids.map((id) => seen.get(id.toLowerCase())).find((ip) => ip && ip !== d.ip);
      if (hit) b.seenAs = hit;
    }
  }
}
