// Device profile schema for the lab emulator (issue 3).
//
// A profile describes one emulated device: its identity (address offset, MAC), the `truth` the scanner is
// expected to reach, and per-protocol responses taken from real captures in fixtures/captures/shared. Every response
// carries provenance: `source` (a `fixtures/captures/shared/<file>` path and/or a public URL) and `synthetic`
// (+ `syntheticNote` saying what was re-framed or made up when true).
//
// Placeholders substituted by the emulator at send time (only these; anything else is sent as written):
//   {{ip}}            the device's lab address
//   {{mac}}           the device's MAC, lower-case colon form
//   {{uuid}}          WS-Discovery: the device uuid (profile `uuid`); SADP: the Uuid of the probe being answered
//   {{relatesTo}}     WS-Discovery: MessageID of the probe being answered
//   {{messageId}}     WS-Discovery: a fresh urn:uuid for this reply
//   {{cseq}}          RTSP: CSeq of the request being answered
//   {{nonce}}         HTTP/RTSP Digest challenges: a fresh server nonce (32 hex)
//   {{date}}          HTTP date (RFC 7231) now
//   {{rtspDate}}      the date form camera RTSP servers send (`Sun, Apr 28 2024 06:49:17 GMT`)
//   {{contentLength}} byte length of the response body after substitution
//
// Field names are a contract with the profiles engineer and the hostile-devices engineer: add optional fields,
// never rename. Documentation: docs/lab-emulator.md.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { describeFailure } from '../core/failure.js';
import { readBoundedFile } from '../core/input-file.js';

/** Where a stored response came from. */
const provenance = {
  /** `fixtures/captures/shared/<file>.json` and/or a public reference URL; several allowed. */
  source: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  synthetic: z.boolean(),
  /** Required when synthetic: what was re-framed (e.g. headers added around a captured body) or made up. */
  syntheticNote: z.string().min(1).optional(),
};

function requireNoteWhenSynthetic(v: { synthetic: boolean; syntheticNote?: string }, ctx: z.RefinementCtx): void {
  if (v.synthetic && !v.syntheticNote) {
    ctx.addIssue({ code: 'custom', message: 'synthetic: true needs a syntheticNote saying what was made up', path: ['syntheticNote'] });
  }
}

/** A hostile or otherwise special behaviour, resolved through src/lab/emulator/behaviours.ts. Extra keys are the handler's parameters. */
export const BehaviourSchema = z.looseObject({ kind: z.string().min(1) });
export type Behaviour = z.infer<typeof BehaviourSchema>;

const lineEnding = z.enum(['crlf', 'lf']).default('crlf');

/**
 * A raw HTTP or RTSP response: status line and header lines exactly as captured (order and case), then body.
 * Wire form: statusLine EOL (header EOL)* EOL body, EOL per `lineEnding`.
 * A captured Content-Length is kept verbatim; write `Content-Length: {{contentLength}}` to have it computed.
 */
export const RawResponseSchema = z
  .strictObject({
    statusLine: z.string().min(1).regex(/^[^\r\n]+$/, 'statusLine must be one line'),
    headers: z.array(z.string().regex(/^[^\r\n]*$/, 'a header line must not contain CR/LF')).default([]),
    body: z.string().optional(),
    bodyBase64: z.string().regex(/^[A-Za-z0-9+/=\s]*$/, 'bodyBase64 is not base64').optional(),
    lineEnding,
    /** Keep the TCP connection open after this response (HTTP/1.1 keep-alive). Default: close after the response. */
    keepAlive: z.boolean().optional(),
    behaviour: BehaviourSchema.optional(),
    ...provenance,
  })
  .superRefine((v, ctx) => {
    requireNoteWhenSynthetic(v, ctx);
    if (v.body !== undefined && v.bodyBase64 !== undefined) ctx.addIssue({ code: 'custom', message: 'give body or bodyBase64, not both' });
  });
export type RawResponse = z.infer<typeof RawResponseSchema>;

/** Guard on an HTTP route: the profile's credentials via HTTP Digest (or Basic); otherwise `unauthorized` is sent. */
export const HttpGuardSchema = z.strictObject({
  scheme: z.enum(['digest', 'basic']),
  realm: z.string(),
  /** Digest qop offered; omit for RFC 2069 style (no qop). */
  qop: z.enum(['auth']).optional(),
  /** The 401 exactly as the device sends it; use {{nonce}} in the WWW-Authenticate line. */
  unauthorized: RawResponseSchema,
});
export type HttpGuard = z.infer<typeof HttpGuardSchema>;

export const HttpRouteSchema = z.strictObject({
  /** Request method; omitted = any method. */
  method: z.string().min(1).optional(),
  /** Request target compared with the raw request path including the query string. */
  path: z.string().startsWith('/'),
  /** `exact` (default) or `prefix`. */
  match: z.enum(['exact', 'prefix']).default('exact'),
  guard: HttpGuardSchema.optional(),
  response: RawResponseSchema,
});
export type HttpRoute = z.infer<typeof HttpRouteSchema>;

/** A certificate generated at lab start with the captured names. */
export const TlsSchema = z
  .strictObject({
    /** Subject DN in the captured order, comma-joined `CN=..,OU=..,O=..` (backslash-escape literal commas). */
    subject: z.string().min(1),
    /** Issuer DN; omitted or equal to subject = self-signed. Otherwise a CA with this name is generated to sign. */
    issuer: z.string().min(1).optional(),
    /** subjectAltName entries as `DNS:name` / `IP:addr` ({{ip}} allowed). */
    san: z.array(z.string().min(1)).optional(),
    /** RSA key size (default 2048). */
    keyBits: z.union([z.literal(1024), z.literal(2048), z.literal(4096)]).optional(),
    validDays: z.number().int().positive().max(36500).optional(),
    ...provenance,
  })
  .superRefine(requireNoteWhenSynthetic);
export type TlsSpec = z.infer<typeof TlsSchema>;

export const HttpPortSchema = z.strictObject({
  port: z.number().int().min(1).max(65535),
  /** Present = HTTPS on this port (same routes served over TLS). */
  tls: TlsSchema.optional(),
  routes: z.array(HttpRouteSchema).default([]),
  /** Response for paths no route matches (e.g. the device's own 404). Omitted: the connection is closed silently. */
  default: RawResponseSchema.optional(),
  behaviour: BehaviourSchema.optional(),
});
export type HttpPort = z.infer<typeof HttpPortSchema>;

export const RtspPortSchema = z.strictObject({
  port: z.number().int().min(1).max(65535),
  /** Responses by request method (OPTIONS, DESCRIBE, …); `{{cseq}}` echoes the request's CSeq. */
  responses: z.record(z.string().regex(/^[A-Z_]+$/), RawResponseSchema),
  /** For methods without an entry. Omitted: the connection is closed. */
  default: RawResponseSchema.optional(),
  behaviour: BehaviourSchema.optional(),
});
export type RtspPort = z.infer<typeof RtspPortSchema>;

/**
 * A plain TCP service port (e.g. Hikvision SDK 8000, Dahua 37777, Xiongmai 34567): accepts connections, sends
 * `banner` on connect when given, answers the first data with `reply` when given, else stays silent until the
 * client leaves. For ports a capture shows open (e.g. SADP CommandPort, DHIP Port) whose protocol is not emulated.
 */
export const TcpPortSchema = z
  .strictObject({
    port: z.number().int().min(1).max(65535),
    banner: z.strictObject({ text: z.string().optional(), base64: z.string().optional() }).optional(),
    reply: z.strictObject({ text: z.string().optional(), base64: z.string().optional() }).optional(),
    behaviour: BehaviourSchema.optional(),
    ...provenance,
  })
  .superRefine(requireNoteWhenSynthetic);
export type TcpPort = z.infer<typeof TcpPortSchema>;

/** WS-Discovery ProbeMatches envelope (UDP 3702), with {{ip}}, {{relatesTo}}, {{messageId}}, {{uuid}}. */
export const WsDiscoverySchema = z
  .strictObject({ template: z.string().min(1), behaviour: BehaviourSchema.optional(), ...provenance })
  .superRefine(requireNoteWhenSynthetic);

export const SsdpReplySchema = z
  .strictObject({
    /** The ST this reply answers; `ssdp:all` queries get every reply. */
    st: z.string().min(1),
    /** Status line then header lines, in captured order and case; {{ip}} allowed (e.g. in LOCATION). */
    statusLine: z.string().default('HTTP/1.1 200 OK'),
    headers: z.array(z.string().regex(/^[^\r\n]*$/)),
    lineEnding,
    ...provenance,
  })
  .superRefine(requireNoteWhenSynthetic);

/** A periodic `NOTIFY * HTTP/1.1` ssdp:alive announcement: header lines in wire order ({{ip}} allowed). */
export const SsdpNotifySchema = z
  .strictObject({
    headers: z.array(z.string().regex(/^[^\r\n]*$/)).min(1),
    lineEnding,
    ...provenance,
  })
  .superRefine(requireNoteWhenSynthetic);

const UpnpDescriptionSchema = z.strictObject({ port: z.number().int().min(1).max(65535), path: z.string().startsWith('/'), response: RawResponseSchema });

export const SsdpSchema = z.strictObject({
  replies: z.array(SsdpReplySchema).min(1),
  /** UPnP description served over HTTP at the LOCATION port/path (added to that port's routes). */
  description: UpnpDescriptionSchema.optional(),
  /** More descriptions when replies name several LOCATIONs (a root device and an embedded one on another port). */
  descriptions: z.array(UpnpDescriptionSchema).optional(),
  /**
   * ssdp:alive announcements sent to 239.255.255.250:1900 at lab start and then periodically (lab namespaces only).
   * Omitted: derived from each reply (NOTIFY start line, HOST, the reply's headers in order with ST renamed NT, NTS: ssdp:alive).
   */
  notify: z.array(SsdpNotifySchema).optional(),
  behaviour: BehaviourSchema.optional(),
});

export const MdnsServiceSchema = z.strictObject({
  /** Service type without `.local`, e.g. `_axis-video._tcp`. */
  type: z.string().regex(/^_[A-Za-z0-9-]+\._(tcp|udp)$/),
  /** Instance label, e.g. `AXIS M1065-LW - ACCC8E000000`. */
  instance: z.string().min(1).max(63),
  port: z.number().int().min(0).max(65535),
  /** TXT strings `key=value`, each ≤ 255 bytes. */
  txt: z.array(z.string().max(255)).default([]),
});

export const MdnsSchema = z
  .strictObject({
    /** Host name without `.local` (A record target). */
    hostname: z.string().min(1).max(63),
    services: z.array(MdnsServiceSchema).min(1),
    ttl: z.number().int().min(0).max(86400).default(120),
    behaviour: BehaviourSchema.optional(),
    ...provenance,
  })
  .superRefine(requireNoteWhenSynthetic);

/** Hikvision SADP ProbeMatch XML (UDP 37020); {{uuid}} = the probe's Uuid. */
export const SadpSchema = WsDiscoverySchema;

/** Dahua DHIP reply JSON (UDP 37810); the 32-byte header is built by the emulator (protocols.md §6.3). */
export const DhipSchema = z
  .strictObject({ json: z.string().min(2), behaviour: BehaviourSchema.optional(), ...provenance })
  .superRefine(requireNoteWhenSynthetic);

/** Dahua DVRIP-5050 discovery reply, whole datagram as hex. */
export const DvripSchema = z
  .strictObject({ hex: z.string().regex(/^(?:[0-9a-fA-F]{2}\s*)+$/, 'hex must be pairs of hex digits'), behaviour: BehaviourSchema.optional(), ...provenance })
  .superRefine(requireNoteWhenSynthetic);

/** Xiongmai 34569 reply JSON; the 20-byte header (message id 1531) is built by the emulator (protocols.md §6.4). */
export const XiongmaiSchema = DhipSchema;

export const OnvifOperationNames = [
  'GetSystemDateAndTime',
  'GetCapabilities',
  'GetServices',
  'GetDeviceInformation',
  'GetNetworkInterfaces',
  // Added with the generated device/media service (issue 23); a stored response for any of them wins.
  'GetServiceCapabilities',
  'GetHostname',
  'GetScopes',
  'GetProfiles',
  'GetProfile',
  'GetVideoSources',
  'GetVideoSourceConfigurations',
  'GetStreamUri',
] as const;

/** Firmware families whose documented ONVIF behaviour src/lab/emulator/onvif-firmware.ts describes. */
export const OnvifFirmwareNames = ['hikvision', 'dahua', 'xiongmai', 'tplink', 'gsoap-generic'] as const;

/** What GetDeviceInformation reports when the profile stores no response for it (generated, synthetic). */
export const OnvifDeviceInfoSchema = z.strictObject({
  manufacturer: z.string(),
  model: z.string(),
  firmwareVersion: z.string(),
  serialNumber: z.string(),
  hardwareId: z.string(),
});

/** The device clock GetSystemDateAndTime reports: the lab host's clock moved by `offsetSeconds`. */
export const OnvifClockSchema = z.strictObject({
  offsetSeconds: z.number().int().min(-10 * 365 * 86400).max(10 * 365 * 86400).default(0),
  /** POSIX TZ string as devices report it, e.g. `CST-8:00:00` or `GMT0BST,M3.5.0/1,M10.5.0`. */
  timezone: z.string().max(64).default('GMT0'),
  dateTimeType: z.enum(['NTP', 'Manual']).default('Manual'),
  daylightSavings: z.boolean().default(false),
  /** When set, a WS-Security Created time further than this from the device clock is refused (replay protection). */
  replayWindowSeconds: z.number().int().min(1).max(86400).optional(),
});

export const OnvifSchema = z.strictObject({
  port: z.number().int().min(1).max(65535),
  path: z.string().startsWith('/').default('/onvif/device_service'),
  /**
   * How non-pre-auth operations are guarded: WS-Security UsernameToken digest, HTTP Digest, either of the two
   * (`wsse-or-http-digest`, as firmware that offers both modes does), or none.
   */
  guard: z.enum(['none', 'wsse-digest', 'http-digest', 'wsse-or-http-digest']),
  /** Operations answered without credentials (default: the firmware's list, else GetSystemDateAndTime, GetCapabilities, GetServices). */
  preAuth: z.array(z.enum(OnvifOperationNames)).optional(),
  /** http-digest realm (default: the profile id). */
  realm: z.string().optional(),
  /** Full HTTP responses per operation (SOAP envelope as body). */
  operations: z.partialRecord(z.enum(OnvifOperationNames), RawResponseSchema),
  /** Sent when a guarded operation lacks valid credentials (SOAP NotAuthorized fault or HTTP 401 with {{nonce}}). */
  unauthorized: RawResponseSchema.optional(),
  /** Sent for operations the profile does not define. */
  unknown: RawResponseSchema.optional(),
  behaviour: BehaviourSchema.optional(),
  // Whole-device ONVIF (issue 23): operations the profile does not store are generated in the named firmware's
  // documented form (envelope, service paths, tokens, stream URIs, faults), from `device`, `channels` and `clock`.
  /** Firmware family whose documented behaviour fills every operation not stored in `operations`. */
  firmware: z.enum(OnvifFirmwareNames).optional(),
  /** Provenance of everything generated for this device (always synthetic: say which public sources the form follows). */
  generated: z.strictObject({ ...provenance }).superRefine(requireNoteWhenSynthetic).optional(),
  device: OnvifDeviceInfoSchema.optional(),
  /** GetHostname's name (default: the firmware's). */
  hostname: z.string().max(64).optional(),
  clock: OnvifClockSchema.optional(),
  /** RTSP port the stream URIs name (default 554). */
  rtspPort: z.number().int().min(1).max(65535).optional(),
}).superRefine((v, ctx) => {
  if (v.firmware && !v.generated) ctx.addIssue({ code: 'custom', message: 'firmware set: say where the generated responses come from in `generated` (source, synthetic: true, syntheticNote)', path: ['generated'] });
  if (v.generated && !v.generated.synthetic) ctx.addIssue({ code: 'custom', message: 'generated responses are synthetic by definition', path: ['generated', 'synthetic'] });
});
export type OnvifSpec = z.infer<typeof OnvifSchema>;

/**
 * One video channel of the device: a camera has one, an NVR/DVR one per input. ONVIF media (video sources,
 * profiles, stream URIs) is generated from these; the recorder work (issue 19) adds what it needs here.
 */
export const StreamSchema = z.strictObject({
  encoding: z.enum(['H264', 'H265', 'JPEG']).default('H264'),
  width: z.number().int().min(16).max(16384),
  height: z.number().int().min(16).max(16384),
  framerate: z.number().int().min(1).max(120).default(25),
  /** kbit/s */
  bitrate: z.number().int().min(16).max(200_000).default(2048),
});

export const ChannelSchema = z.strictObject({
  /** 1-based channel number as the maker numbers it in URLs (Hikvision 101 = channel 1 main, Dahua channel=1). */
  id: z.number().int().min(1).max(512),
  name: z.string().max(64).optional(),
  main: StreamSchema,
  sub: StreamSchema.optional(),
});
export type Channel = z.infer<typeof ChannelSchema>;

const macSchema = z
  .string()
  .regex(/^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/, 'mac must be lower-case aa:bb:cc:dd:ee:ff')
  .refine((m) => (parseInt(m.slice(0, 2), 16) & 1) === 0, 'mac must be unicast');

export const TruthSchema = z.strictObject({
  /** Vendor id as in fingerprints/vendors.json (`hikvision`, `dahua`, `xiongmai`, …), or null when no maker is claimed. */
  manufacturer: z.string().regex(/^[a-z0-9-]+$/).nullable(),
  brand: z.string().nullable(),
  model: z.string().nullable(),
  firmware: z.string().nullable(),
  deviceType: z.enum(['camera', 'nvr', 'dvr', 'other']),
  risk: z.enum(['high', 'elevated', 'none', 'unknown']),
  /** Which responses carry the maker evidence, e.g. `["sadp", "http:80 /ISAPI/System/deviceInfo", "mac"]`. */
  basis: z.array(z.string().min(1)),
});
export type Truth = z.infer<typeof TruthSchema>;

export const ProfileSchema = z.strictObject({
  /** Unique, file-name-like: `hikvision-ds2cd2386-1`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'id must be lower-case letters, digits, . _ -'),
  /** Host offset: address 198.18.0.(10+offset) in the default lab. */
  offset: z.number().int().min(0).max(239),
  mac: macSchema,
  /** Where the MAC comes from (the capture, or "vendor OUI" + the OUI registry line). */
  macSource: z.string().optional(),
  /** Device uuid for {{uuid}} in WS-Discovery; default derived from the id. */
  uuid: z.string().optional(),
  truth: TruthSchema,
  credentials: z.strictObject({ username: z.string().min(1), password: z.string() }).optional(),
  notes: z.string().optional(),
  wsDiscovery: WsDiscoverySchema.optional(),
  ssdp: SsdpSchema.optional(),
  mdns: MdnsSchema.optional(),
  http: z.array(HttpPortSchema).optional(),
  rtsp: z.array(RtspPortSchema).optional(),
  /** Plain TCP ports with at most a fixed banner/reply (optional; added after the first schema commit). */
  tcp: z.array(TcpPortSchema).optional(),
  sadp: SadpSchema.optional(),
  dhip: DhipSchema.optional(),
  dvrip: DvripSchema.optional(),
  xiongmai: XiongmaiSchema.optional(),
  onvif: OnvifSchema.optional(),
  /** Video channels (default for an ONVIF firmware: one 1920x1080 main + 640x360 sub stream). */
  channels: z.array(ChannelSchema).max(512).optional(),
});
export type Profile = z.infer<typeof ProfileSchema>;
export type ProfileInput = z.input<typeof ProfileSchema>;

export interface LoadedProfile {
  file: string;
  profile: Profile;
}

/** One-line, path-qualified description of the first few zod issues. */
function describeIssues(err: z.ZodError): string {
  return err.issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ')
    .replace(/[\r\n]+/g, ' ');
}

/** Parse and validate one profile file; throws Error with a one-line message naming the file. */
export function loadProfileFile(file: string): Profile {
  // A regular file of at most 4 MiB: a FIFO or /dev/zero is refused before anything is read.
  const read = readBoundedFile(file, 4 * 1024 * 1024);
  if (!read.ok) throw new Error(`${file}: cannot read: ${read.reason}`);
  const text = read.bytes.toString('utf8');
  let data: unknown;
  try {
    data = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid ${/\.ya?ml$/i.test(file) ? 'YAML' : 'JSON'}: ${(e as Error).message.split('\n')[0]}`);
  }
  const r = ProfileSchema.safeParse(data);
  if (!r.success) throw new Error(`${file}: ${describeIssues(r.error)}`);
  return r.data;
}

const profileFilePattern = /\.(json|ya?ml)$/i;

/** Profile files in a directory (sorted), or the list given. */
export function profileFiles(dirOrFiles: string | string[]): string[] {
  if (Array.isArray(dirOrFiles)) return dirOrFiles;
  return readdirSync(dirOrFiles)
    .filter((f) => profileFilePattern.test(f))
    .sort()
    .map((f) => path.join(dirOrFiles, f));
}

/**
 * Load and validate profiles from a directory or a file list. Throws one Error whose message has one line
 * per bad file (`<file>: <path>: <problem>`), plus duplicate id/offset/mac checks across files.
 */
export function loadProfiles(dirOrFiles: string | string[]): LoadedProfile[] {
  const errors: string[] = [];
  const loaded: LoadedProfile[] = [];
  let files: string[];
  try {
    files = profileFiles(dirOrFiles);
  } catch (e) {
    throw new Error(`${String(dirOrFiles)}: cannot list profiles: ${(e as Error).message}`);
  }
  for (const file of files) {
    try {
      loaded.push({ file, profile: loadProfileFile(file) });
    } catch (e) {
      errors.push(describeFailure(e, { max: 2000 })); // one line per bad file, naming it
    }
  }
  const seen = { id: new Map<string, string>(), offset: new Map<number, string>(), mac: new Map<string, string>() };
  for (const { file, profile } of loaded) {
    for (const key of ['id', 'offset', 'mac'] as const) {
      const m = seen[key] as Map<string | number, string>;
      const prior = m.get(profile[key]);
      if (prior) errors.push(`${file}: ${key} ${String(profile[key])} already used by ${prior}`);
      else m.set(profile[key], file);
    }
  }
  if (errors.length) throw new Error(errors.join('\n'));
  return loaded;
}

/** Default lab address of a profile: 198.18.0.(10+offset). */
export function defaultLabIp(profile: Pick<Profile, 'offset'>, base = '198.18.0.'): string {
  return `${base}${10 + profile.offset}`;
}
