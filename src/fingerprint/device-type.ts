// Device type from the evidence, independent of the maker: is this video equipment (camera, NVR, DVR), something
// else, or not known? Two sources, each signal with its own weight, summed like the maker's:
//   - fingerprint rules that conclude a `deviceType` (model patterns, WS-Discovery types, camera-style RTSP paths …;
//     data under fingerprints/rules, strength `typeWeight`, else the rule's weight, else 60) and Recog fingerprints
//     whose `hw.device` maps to a type (strength 60);
//   - protocol structure that no single regex can state (this file): the device answered RTSP or an ONVIF
//     service, answered a video maker's search protocol, has a camera port pattern, or reports its channel count.
// A type conclusion has its own confidence (same thresholds as the maker's) and rationale; it never names a maker.
import type { Observation } from '../core/observation.js';
import type { Confidence, DeviceType, EvidenceRef } from '../core/result.js';

export type TypeFamily = 'camera' | 'nvr' | 'dvr' | 'other';
const VIDEO: ReadonlySet<string> = new Set(['camera', 'nvr', 'dvr']);

/** Least type strength of a rule that concludes a type and states no typeWeight (its maker weight counts when higher). */
export const DEFAULT_TYPE_WEIGHT = 60;
const CONFIRMED_SINGLE = 85;
const CONFIRMED_SUM = 110;
const PROBABLE_SUM = 55;

export interface TypeSignal {
  type: TypeFamily;
  weight: number;
  /** Rule id, or `signal.<name>` for the structural signals of this file. */
  id: string;
  /** Short human text: "answers RTSP with H264 video". */
  why: string;
  /** Evidence for a structural signal (rule hits carry theirs in the maker evidence already). */
  ref?: EvidenceRef;
}

export interface DeviceTypeConclusion {
  deviceType: DeviceType;
  confidence: Confidence | null;
  /** One line: "answers RTSP with H264 video; ports 554 and 8000 open". */
  rationale: string;
  conflicts: string[];
  /** Evidence of the structural signals (to add to the device's evidence). */
  evidence: EvidenceRef[];
}

function short(v: string, n = 40): string {
  // eslint-disable-next-line no-control-regex
  const one = v.replace(/[\x00-\x1f\x7f]+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** The strength a rule's deviceType conclusion carries. */
export function typeWeightOf(rule: { typeWeight?: number; weight: number }): number {
  return rule.typeWeight ?? Math.max(rule.weight, DEFAULT_TYPE_WEIGHT);
}

function str(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

function int(v: unknown): number | null {
  const s = str(v);
  if (s === null || !/^\s*\d{1,4}\s*$/.test(s)) return null;
  return Number(s);
}

// ---- structural signals -------------------------------------------------------------------------------------

const VIDEO_CODECS = /^a=rtpmap:\d+\s+(H264|H265|HEVC|JPEG|MP4V-ES|H263(?:-\d+)?|MJPEG)\//i;

/**
 * The device answered RTSP: an RTSP status line, a method list or an SDP. A Server value alone does not count: a scan
 * always has the status line, and a lone string (identify's decoded forms) could be anything.
 */
function rtspSignal(obs: readonly Observation[]): TypeSignal | null {
  const rtsp = obs.filter((o) => o.kind === 'rtsp');
  if (!rtsp.length) return null;
  let ref: EvidenceRef | null = null;
  let codec: string | null = null;
  let video = false;
  for (const o of rtsp) {
    const f = o.fields;
    const status = str(f.statusLine);
    const line = status && /^RTSP\/\d\.\d\s+\d{3}\b/.test(status) ? status : Array.isArray(f.public) && f.public.length ? `Public: ${f.public.join(', ')}` : null;
    if (!ref && line) ref = { module: o.module, field: line === status ? 'rtsp.statusLine' : 'rtsp.public', value: short(line, 120), rule: 'signal.rtsp' };
    const lines = Array.isArray(f['sdp.lines']) ? (f['sdp.lines'] as unknown[]).map(String) : [];
    if (lines.some((l) => /^m=video\b/.test(l))) video = true;
    for (const l of lines) {
      const m = VIDEO_CODECS.exec(l);
      if (m && !codec) codec = m[1]!.toUpperCase();
    }
    if (!ref && lines.length) ref = { module: o.module, field: 'rtsp.sdp.lines', value: short(lines.slice(0, 3).join(' | '), 120), rule: 'signal.rtsp' };
  }
  if (!ref) return null;
  const why = codec ? `answers RTSP with ${codec} video` : video ? 'answers RTSP with a video stream' : 'answers RTSP (a video streaming protocol)';
  ref.concludes = 'deviceType=camera (video equipment)';
  ref.weight = 60;
  return { type: 'camera', weight: 60, id: 'signal.rtsp', why, ref };
}

/**
 * The device answered an ONVIF device-service call (a known method, or ONVIF's own `ter:` fault such as
 * NotAuthorized), or its /onvif/device_service path answered a plain GET the way a SOAP stack does (400/405/500
 * with a SOAP or XML body; a 401 proves nothing, many devices answer every path so).
 */
function onvifSignal(obs: readonly Observation[]): TypeSignal | null {
  const mk = (o: Observation, field: string, value: string, why: string): TypeSignal => ({
    type: 'camera',
    weight: 60,
    id: 'signal.onvif',
    why,
    ref: { module: o.module, field, value: short(value, 80), rule: 'signal.onvif', concludes: 'deviceType=camera (video equipment)', weight: 60 },
  });
  for (const o of obs) {
    if (o.kind !== 'onvif') continue;
    const method = str(o.fields.method);
    const fault = str(o.fields.fault) ?? '';
    if (method && method !== 'unknown') return mk(o, 'onvif.method', method, `answers the ONVIF device service (${method})`);
    if (/\bter:/i.test(fault)) return mk(o, 'onvif.fault', fault, 'answers the ONVIF device service (ONVIF fault)');
  }
  for (const o of obs) {
    if (o.kind !== 'http' || !/^\/onvif\/device_service\b/i.test(str(o.fields.path) ?? '')) continue;
    const status = typeof o.fields.status === 'number' ? o.fields.status : 0;
    const soapish = /soap|xml/i.test(str(o.fields.contentType) ?? '') || /<(?:[\w-]+:)?Envelope\b/.test((str(o.fields.body) ?? '').slice(0, 4096));
    if ([400, 405, 500].includes(status) && soapish) return mk(o, 'http.status', `${status} on /onvif/device_service`, `its ONVIF device service path answers like a SOAP service (HTTP ${status})`);
  }
  return null;
}

/** Search protocols of video makers. SADP and DHIP are also answered by the same makers' access control and intercoms. */
const SEARCH_PROTOCOLS: { kind: string; weight: number; name: string; field: string }[] = [
  { kind: 'xiongmai', weight: 60, name: 'the Xiongmai (Sofia) search', field: 'SN' },
  { kind: 'sadp', weight: 45, name: 'the Hikvision SADP search', field: 'DeviceDescription' },
  { kind: 'dhip', weight: 45, name: 'the Dahua DHIP search', field: 'DeviceType' },
  { kind: 'dvrip', weight: 45, name: 'the Dahua DVRIP search', field: 'model' },
];

function searchSignal(obs: readonly Observation[]): TypeSignal | null {
  for (const p of SEARCH_PROTOCOLS) {
    const o = obs.find((x) => x.kind === p.kind);
    if (!o) continue;
    const value = str(o.fields[p.field]) ?? str(o.fields.method) ?? '(reply)';
    return {
      type: 'camera',
      weight: p.weight,
      id: `signal.search.${p.kind}`,
      why: `answers ${p.name}`,
      ref: { module: o.module, field: `${p.kind}.${p.field}`, value: short(value, 80), rule: `signal.search.${p.kind}`, concludes: 'deviceType=camera (video equipment)', weight: p.weight },
    };
  }
  return null;
}

const RTSP_PORTS = [554, 8554, 10554, 5554, 7447];
/** Control ports of the big camera/recorder firmware families: Hikvision SDK, Dahua, Xiongmai. */
const VIDEO_CONTROL_PORTS = [8000, 37777, 34567];
/** Ports rare enough outside video gear to count alone (8000 is a common web port and does not). */
const DISTINCT_CONTROL_PORTS = [37777, 34567];

function portSignal(obs: readonly Observation[]): TypeSignal | null {
  const open = new Set<number>();
  let module = 'sweep';
  for (const o of obs) {
    if (o.kind !== 'host' || !Array.isArray(o.fields.openPorts)) continue;
    module = o.module;
    for (const p of o.fields.openPorts as unknown[]) if (typeof p === 'number') open.add(p);
  }
  if (!open.size) return null;
  const rtsp = RTSP_PORTS.filter((p) => open.has(p));
  const control = VIDEO_CONTROL_PORTS.filter((p) => open.has(p));
  const distinct = DISTINCT_CONTROL_PORTS.filter((p) => open.has(p));
  let weight = 0;
  let why = '';
  if (rtsp.length && control.length) {
    weight = 60;
    why = `ports ${[...rtsp, ...control].join(' and ')} open (RTSP with a camera/recorder control port)`;
  } else if (distinct.length) {
    weight = 40;
    why = `port ${distinct.join(' and ')} open (a camera/recorder control port)`;
  } else if (rtsp.length) {
    weight = 30;
    why = `port ${rtsp.join(' and ')} open (RTSP)`;
  }
  if (!weight) return null;
  const value = [...open].sort((a, b) => a - b).slice(0, 40).join(', ');
  return { type: 'camera', weight, id: 'signal.ports', why, ref: { module, field: 'host.openPorts', value, rule: 'signal.ports', concludes: 'deviceType=camera (video equipment)', weight } };
}

/**
 * Channel counts a device reports about itself. A camera has one video input; more means a recorder: IP (remote or
 * digital) channels an NVR, analog inputs a DVR. Xiongmai's ChannelNum does not say which, so it reads as a DVR.
 */
function channelSignal(obs: readonly Observation[]): TypeSignal | null {
  const mk = (o: Observation, field: string, n: number, type: TypeFamily, what: string): TypeSignal => ({
    type,
    weight: 70,
    id: 'signal.channels',
    why: `reports ${n} ${what}`,
    ref: { module: o.module, field: `${o.kind}.${field}`, value: String(n), rule: 'signal.channels', concludes: `deviceType=${type} (channel count)`, weight: 70 },
  });
  for (const o of obs) {
    const f = o.fields;
    if (o.kind === 'sadp') {
      const analog = int(f.AnalogChannelNum);
      const digital = int(f.DigitalChannelNum);
      if (analog !== null && analog >= 2) return mk(o, 'AnalogChannelNum', analog, 'dvr', 'analog video channels (a DVR)');
      if (digital !== null && digital >= 1) return mk(o, 'DigitalChannelNum', digital, 'nvr', 'IP video channels (an NVR)');
    } else if (o.kind === 'dhip') {
      const analog = int(f.VideoInputChannels);
      const remote = int(f.RemoteVideoInputChannels);
      if (analog !== null && analog >= 2) return mk(o, 'VideoInputChannels', analog, 'dvr', 'video input channels (a DVR)');
      if (remote !== null && remote >= 1) return mk(o, 'RemoteVideoInputChannels', remote, 'nvr', 'IP video channels (an NVR)');
    } else if (o.kind === 'xiongmai') {
      const n = int(f.ChannelNum);
      if (n !== null && n >= 2) return mk(o, 'ChannelNum', n, 'dvr', 'video channels (a recorder)');
    }
  }
  return null;
}

/**
 * A camera a recorder lists on one of its video channels (issue 19): what sits on a recorder's channel is a camera
 * (IP or analogue), as certain as the recorder's own list.
 */
function recorderChannelSignal(obs: readonly Observation[]): TypeSignal | null {
  const o = obs.find((x) => x.kind === 'channel');
  if (!o) return null;
  const where = `${o.fields.analogue === true ? 'analogue input' : 'channel'} ${String(o.fields.channel)}`;
  return {
    type: 'camera',
    weight: 90,
    id: 'signal.recorder-channel',
    why: `its recorder lists it on ${where}`,
    ref: { module: o.module, field: 'channel.channel', value: String(o.fields.channel), rule: 'signal.recorder-channel', concludes: 'deviceType=camera (on a recorder channel)', weight: 90 },
  };
}

/** Structural signals of this file, strongest first is not implied: each at most once. */
export function structuralSignals(obs: readonly Observation[]): TypeSignal[] {
  return [rtspSignal(obs), onvifSignal(obs), searchSignal(obs), portSignal(obs), channelSignal(obs), recorderChannelSignal(obs)].filter((s): s is TypeSignal => s !== null);
}

/** A rule (camaudit's or Recog's) that concluded a type, as attribution found it. */
export interface TypeFinding {
  id: string;
  type: TypeFamily;
  /** Type strength: typeWeightOf(rule) for a camaudit rule, DEFAULT_TYPE_WEIGHT for a Recog `hw.device`. */
  weight: number;
  field: string;
  value: string;
}

/** Signals from rules that conclude a type: one per rule, whatever the number of observations it matched. */
export function ruleSignals(found: readonly TypeFinding[]): TypeSignal[] {
  const out = new Map<string, TypeSignal>();
  for (const f of found) {
    if (out.has(f.id)) continue;
    out.set(f.id, { type: f.type, weight: f.weight, id: f.id, why: `${f.field}='${short(f.value)}'` });
  }
  return [...out.values()];
}

function level(signals: readonly TypeSignal[]): Confidence | null {
  if (!signals.length) return null;
  const sum = signals.reduce((n, s) => n + s.weight, 0);
  const max = Math.max(...signals.map((s) => s.weight));
  if (max >= CONFIRMED_SINGLE || (signals.length >= 2 && sum >= CONFIRMED_SUM)) return 'confirmed';
  if (sum >= PROBABLE_SUM) return 'probable';
  return 'possible';
}

const LOWER: Record<Confidence, Confidence> = { confirmed: 'probable', probable: 'possible', possible: 'possible' };
const sumOf = (s: readonly TypeSignal[]): number => s.reduce((n, x) => n + x.weight, 0);

/**
 * The type from its signals. Video (camera/NVR/DVR) against "other": the larger sum wins, a tie goes to video
 * (a person checks it rather than it passing as harmless). Among video, recorders outrank cameras (an NVR also
 * speaks RTSP and ONVIF). A rival within 80 % lowers the confidence one step and is named in the conflicts.
 */
export function concludeType(signals: readonly TypeSignal[]): DeviceTypeConclusion {
  const video = signals.filter((s) => VIDEO.has(s.type)).sort((a, b) => b.weight - a.weight);
  const other = signals.filter((s) => s.type === 'other').sort((a, b) => b.weight - a.weight);
  const evidence = signals.flatMap((s) => (s.ref ? [s.ref] : []));
  if (!video.length && !other.length) return { deviceType: 'unknown', confidence: null, rationale: 'no evidence of what kind of device this is', conflicts: [], evidence };
  const conflicts: string[] = [];
  const vSum = sumOf(video);
  const oSum = sumOf(other);
  if (oSum > vSum) {
    let confidence = level(other)!;
    if (video.length) {
      conflicts.push(`video equipment also indicated (${video.map((s) => s.why).join('; ')})`);
      if (vSum * 1.25 >= oSum) confidence = LOWER[confidence];
    }
    return { deviceType: 'other', confidence, rationale: other.map((s) => s.why).slice(0, 4).join('; '), conflicts, evidence };
  }
  const weightOf = (t: TypeFamily) => sumOf(video.filter((s) => s.type === t));
  const type: TypeFamily = weightOf('nvr') > 0 || weightOf('dvr') > 0 ? (weightOf('nvr') >= weightOf('dvr') ? 'nvr' : 'dvr') : 'camera';
  let confidence = level(video)!;
  if (type !== 'camera') {
    const rival: TypeFamily = type === 'nvr' ? 'dvr' : 'nvr';
    if (weightOf(rival) > 0) conflicts.push(`${rival.toUpperCase()} also indicated (${video.filter((s) => s.type === rival).map((s) => s.why).join('; ')})`);
  }
  if (other.length) {
    conflicts.push(`a non-video device also indicated (${other.map((s) => s.why).join('; ')})`);
    if (oSum * 1.25 >= vSum) confidence = LOWER[confidence];
  }
  // The signals that name the chosen kind first, then the generic video ones.
  const ordered = [...video.filter((s) => s.type === type), ...video.filter((s) => s.type !== type)];
  return { deviceType: type, confidence, rationale: ordered.map((s) => s.why).slice(0, 4).join('; '), conflicts, evidence };
}

export function inferDeviceType(found: readonly TypeFinding[], obs: readonly Observation[]): DeviceTypeConclusion {
  return concludeType([...ruleSignals(found), ...structuralSignals(obs)]);
}

export function isVideoType(t: DeviceType | null | undefined): boolean {
  return VIDEO.has(String(t));
}
