// The machine result of a scan (report JSON, schemaVersion "2"). Every report format renders this.
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
  schemaVersion: '2';
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
  };
  devices: DeviceRecord[];
  /** Raw observations, kept so every conclusion traces back (omitted with --no-observations). */
  observations?: Observation[];
}
