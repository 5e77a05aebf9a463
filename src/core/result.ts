// The machine result of a scan (report JSON, schemaVersion "3"). Every report format renders this.
// Version 3 (issue 19): a recorder carries its channel capacity and the cameras behind it (`recorder`), and the
// summary separates devices seen on the network from cameras behind recorders and channels not enumerated.
// Version 2 (issue 16): device type from the evidence with its own confidence and rationale; risk carries its reason
// and, for `unknown`, what to check by hand; `none` now needs an established maker or a non-video device.
// Results of version 1 are read through src/report/upgrade.ts.
// The JSON Schema that validates it lives in docs/schema/scan-result.schema.json.
import type { Observation } from './observation.js';

export type Confidence = 'confirmed' | 'probable' | 'possible';
export type RiskLevel = 'high' | 'elevated' | 'unknown' | 'none';
export type DeviceType = 'camera' | 'nvr' | 'dvr' | 'other' | 'unknown' | string;

/** One piece of evidence behind a conclusion: which observation field, which rule. */
export interface EvidenceRef {
  module: string;
  /** Fully qualified field, e.g. "http.server". */
  field: string;
  value: string;
  /** Rule id from fingerprints/, or null when the evidence is shown but no rule fired on it. */
  rule: string | null;
  /** What the rule concluded, e.g. "manufacturer=hikvision". */
  concludes?: string;
  weight?: number;
}

export interface Attribution {
  /** Vendor id of the real maker (fingerprints/vendors.json), null when not established. */
  manufacturer: string | null;
  manufacturerName: string | null;
  /** Brand as labelled on the device, when different evidence says so. */
  brand: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  /** Kind of device from the evidence, independent of the maker (src/fingerprint/device-type.ts). */
  deviceType: DeviceType;
  /** How sure the type is (same levels as the maker's); null when nothing indicated a type. */
  deviceTypeConfidence: Confidence | null;
  /** One line: the signals behind the type, e.g. "answers RTSP with H264 video; ports 554 and 8000 open". */
  deviceTypeRationale: string;
  confidence: Confidence | null;
  /** One line an auditor can read: "labelled Lorex, made by Dahua (DHIP Vendor=…; OUI Dahua)". */
  rationale: string;
  /** Conflicting conclusions, reported rather than hidden. */
  conflicts: string[];
  evidence: EvidenceRef[];
  /** What the device says about itself (manufacturer, model, firmware, serial), as it says it and where: kept even when no rule reads it. */
  claims?: Claim[];
}

/** The attribution fields a device record carries (seen devices, devices behind a recorder, merged devices). */
export type RecordFields = Pick<Attribution, 'manufacturer' | 'manufacturerName' | 'brand' | 'model' | 'firmware' | 'serial' | 'deviceType' | 'deviceTypeConfidence' | 'deviceTypeRationale' | 'confidence' | 'rationale' | 'conflicts'>;

/** Those fields, in record order, from an attribution or from a device record that already carries them. */
export function recordFields(a: RecordFields): RecordFields {
  return {
    manufacturer: a.manufacturer,
    manufacturerName: a.manufacturerName,
    brand: a.brand,
    model: a.model,
    firmware: a.firmware,
    serial: a.serial,
    deviceType: a.deviceType,
    deviceTypeConfidence: a.deviceTypeConfidence,
    deviceTypeRationale: a.deviceTypeRationale,
    confidence: a.confidence,
    rationale: a.rationale,
    conflicts: a.conflicts,
  };
}

/** One self-reported identity value: `field` as the device names it, in `source` (e.g. "onvif GetDeviceInformation, read with the supplied credentials"). */
export interface Claim {
  field: 'manufacturer' | 'model' | 'firmware' | 'serial';
  value: string;
  source: string;
}

export interface PolicyHit {
  id: string;
  title: string;
  /** The list's own condition, quoted (elisions shown with …), or a paraphrase when conditionVerbatim is false. */
  condition: string;
  /** true: the words match a stored excerpt of the source exactly; false: a paraphrase. Absent in older results. */
  conditionVerbatim?: boolean;
  /** Where the words were taken from ("FAR 52.204-25(a) …", "NPSA, … (official restatement)"). */
  conditionSource?: string;
  /** "made by Hikvision directly" / "via brand Ezviz (subsidiary, confirmed)"; plus attribution strength. */
  basis: string;
  /** binding | predicate | export-control | administrative | informational */
  effect: string;
  inferred?: boolean;
}

export interface Risk {
  level: RiskLevel;
  /**
   * Why this level, in one line: "answers RTSP with H264 video; no maker evidence" (unknown), "made by Axis
   * (probable); no selected policy covers it" (none) …
   */
  reason: string;
  /** For `unknown`: what to check by hand (label, invoice, the device's web page). */
  checks?: string[];
  policies: PolicyHit[];
}

export type VulnVerdict = 'affected' | 'possibly affected' | 'fixed' | 'not affected';

export interface VulnFinding {
  cve: string;
  name: string;
  verdict: VulnVerdict;
  reason: string;
  kevDateAdded?: string;
}

export interface Service {
  port: number;
  protocol: string;
  product: string | null;
}

export interface DeviceRecord {
  ip: string;
  mac: string | null;
  hostnames: string[];
  manufacturer: string | null;
  manufacturerName: string | null;
  brand: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  deviceType: DeviceType;
  deviceTypeConfidence: Confidence | null;
  deviceTypeRationale: string;
  confidence: Confidence | null;
  rationale: string;
  conflicts: string[];
  /** What the device says about itself (see Attribution.claims); absent when it said nothing. */
  claims?: Claim[];
  risk: Risk;
  vulnerabilities: VulnFinding[];
  services: Service[];
  evidence: EvidenceRef[];
  /** What was cut or refused while talking to this device (hostile or broken devices). */
  notes: string[];
  /** Credential outcome per protocol, e.g. {onvif: "credentials rejected"}; never the secret. */
  credentials?: Record<string, string>;
  /** Stable ids used by merge/diff: ONVIF endpoint UUID, serial, MAC. */
  ids: string[];
  /** For merged estates: the scan ids this device came from. */
  sources?: string[];
  /** An NVR or DVR: its channels and the cameras behind it (issue 19). */
  recorder?: RecorderInfo;
}

/**
 * A camera a recorder lists on one of its channels, read with the user's credentials from the recorder: never
 * connected to (its address is on the recorder's side and never a scan target), attributed and rated from what the
 * recorder says about it, like any device.
 */
export interface BehindDevice {
  /** The channel number the recorder gives it (1-based); analogue inputs and IP channels are numbered apart. */
  channel: number;
  /** An analogue camera on a DVR input: its maker cannot be known from the recorder. */
  analogue: boolean;
  channelName: string | null;
  /** Its own address on the recorder's side, as the recorder reports it (never contacted). */
  address: string | null;
  port: number | null;
  /** How the recorder reaches it ("HIKVISION", "ONVIF", "Private" …), as reported. */
  protocol: string | null;
  /** Online (connected, or a video signal on an analogue input) as the recorder reports it; null when not said. */
  online: boolean | null;
  /** The credentialed read that listed it: isapi or dahuacgi. */
  via: string;
  mac: string | null;
  manufacturer: string | null;
  manufacturerName: string | null;
  brand: string | null;
  model: string | null;
  firmware: string | null;
  serial: string | null;
  deviceType: DeviceType;
  deviceTypeConfidence: Confidence | null;
  deviceTypeRationale: string;
  confidence: Confidence | null;
  rationale: string;
  conflicts: string[];
  risk: Risk;
  vulnerabilities: VulnFinding[];
  evidence: EvidenceRef[];
  notes: string[];
  /** Stable ids (serial, MAC) and, failing those, the recorder's id with the channel. */
  ids: string[];
  /** The address of a device seen on the network that is this same camera (same serial or MAC), when there is one. */
  seenAs?: string;
}

/** An NVR's or DVR's channels: how many, and which cameras the recorder lists on them. */
export interface RecorderInfo {
  /** Channels in all (cameras it can hold), null when nothing said. */
  channels: number | null;
  analogueChannels: number | null;
  ipChannels: number | null;
  /** `reported`: the recorder's own count; `model`: its maker's model numbering; null: not known. */
  capacityBasis: 'reported' | 'model' | null;
  /** Why this count: "reports 16 IP channels (sadp.DigitalChannelNum)". */
  capacityWhy: string;
  capacityEvidence: EvidenceRef[];
  /** Sources that disagree with the count. */
  capacityConflicts: string[];
  /** How the channel list was read: "read with the credentials given", "not read: needs the recorder's credentials (none were tried on it)" … */
  channelList: string;
  /** Cameras the recorder listed (behind.length). */
  enumerated: number;
  /** Channels whose camera was not listed: channels minus enumerated (never below 0); null when the count is not known. */
  notEnumerated: number | null;
  /** The line every format shows: "16 channels: up to 16 cameras not visible from here". */
  statement: string;
  behind: BehindDevice[];
}

/**
 * Counts the way councils answer FOI requests: what the scan saw, what recorders listed behind them, and the
 * channels nobody listed. Per maker, seen + behind = total, and the totals add up to seen + behind.
 */
export interface EstateCounts {
  /** Devices seen on the network (= summary.devices). */
  seen: number;
  /** Of which cameras, NVRs and DVRs. */
  seenVideo: number;
  /** Of which recorders (NVR, DVR). */
  recorders: number;
  /** Channels of those recorders whose count is known. */
  channels: number;
  /** Recorders whose channel count is not known. */
  recordersWithoutCount: number;
  /** Cameras behind recorders, enumerated (each once; one also seen on the network is counted there). */
  behind: number;
  /** Channels not enumerated: up to this many more cameras, not visible from here. */
  notEnumerated: number;
  byMaker: Record<string, { seen: number; behind: number; total: number }>;
}

/** One capture a passive result was read from (a file, or "live:<interface>"). */
export interface PassiveCapture {
  file: string;
  /** SHA-256 of the bytes as stored (the compressed bytes of a .gz). */
  sha256: string;
  bytes: number;
  compressed: boolean;
  format: 'pcap' | 'pcapng';
  frames: number;
  /** Frames stored shorter than they were on the wire (snap length). */
  cutFrames: number;
  linkTypes: number[];
  interfaces: number;
  /** First and last packet time stamps, ISO-8601 with the capture's precision. */
  firstPacket: string | null;
  lastPacket: string | null;
  /** pcapng blocks skipped as unread types, by type. */
  skippedBlocks?: Record<string, number>;
}

/** A result read from captures: what was read, the time the traffic spans, and that nothing was sent. */
export interface PassiveSource {
  kind: 'passive';
  captures: PassiveCapture[];
  firstPacket: string | null;
  lastPacket: string | null;
  /** Packets camaudit sent while reading: none (it only reads files or listens through tcpdump). */
  packetsSent: 0;
}

/** The policy data a scan applied (see src/policy/data-status.ts). */
export interface PolicyDataInfo {
  version: string;
  /** Oldest last_verified of the policies applied (YYYY-MM-DD). */
  lastChecked: string;
  oldestRecord: string;
  /** The date staleness was judged against: the scan's start date. */
  asOf: string;
  /** Last checked more than six months before the scan. */
  stale: boolean;
  warning?: string;
}

export interface ScanResult {
  schemaVersion: '3';
  tool: { name: 'camaudit'; version: string };
  fingerprints: { version: string; sha256: string; ouiDataVersion: string; kevCatalogVersion?: string; recogCommit?: string };
  /** The policy data applied: version, when it was last checked, and a warning when that is over six months before the scan. */
  policyData?: PolicyDataInfo;
  scan: {
    id: string;
    startedAt: string;
    finishedAt: string;
    targets: string[];
    excluded: string[];
    interfaces: string[];
    modules: string[];
    options: Record<string, unknown>;
    complete: boolean;
    stats: Record<string, unknown>;
    /** Failures that belong to no one device, as `module: why` (a module that threw, an unreadable neighbour table). */
    notes?: string[];
    /** Set when the result was read from packet captures (`camaudit pcap`) instead of a scan. */
    source?: PassiveSource;
  };
  summary: {
    hostsScanned: number;
    hostsAlive: number;
    devices: number;
    cameras: number;
    high: number;
    elevated: number;
    unknown: number;
    byManufacturer: Record<string, number>;
    vulnerable?: number;
    /** Seen on the network / behind recorders / channels not enumerated, and per maker (schemaVersion 3). */
    estate?: EstateCounts;
  };
  devices: DeviceRecord[];
  /** Raw observations, kept so every conclusion traces back (omitted with --no-observations). */
  observations?: Observation[];
}
