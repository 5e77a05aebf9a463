// ONVIF SOAP responses → `onvif` evidence: which method answered, device information, MACs,
// service addresses, media URIs, profile tokens, host name, envelope namespaces, faults. Status and
// `authenticated` are set by the probe that knows them. A GetScopes reply's scope items are the same URIs
// WS-Discovery announces (ONVIF Core 7.3.2), so they also become `wsd` evidence read by the scope rules.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { decodeBasicEntities, elementBlocks, envelopeHead, hasElement, leaf, leafValues, xmlText } from './xml-safe.js';
import { scopeFields } from './wsd.js';
import { parseFailure } from './failure.js';

const METHODS = [
  'GetDeviceInformation', 'GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetNetworkInterfaces', 'GetVideoSources',
  'GetScopes', 'GetProfiles', 'GetProfile', 'GetStreamUri', 'GetSnapshotUri', 'GetHostname', 'GetVideoEncoderConfigurations',
  'GetVideoEncoderConfiguration', 'GetVideoSourceConfigurations', 'GetOSDs', 'GetNetworkProtocols',
] as const;

const LIST_MAX = 32;
const NAMESPACES_MAX = 64;

/** Distinct xmlns values declared in the first 8 KiB (the envelope head), at most 64. */
function namespaces(t: string): string[] {
  const head = t.slice(0, 8192);
  return [...new Set([...head.matchAll(/\sxmlns(?::[\w.-]{1,40})?\s*=\s*["']([^"'<>]{1,512})["']/g)].map((m) => m[1]!))].slice(0, NAMESPACES_MAX);
}

/** token attributes of `<…:name …>` start tags (profile and configuration tokens), distinct, at most 32. */
function tokens(t: string, name: string): string[] {
  const re = new RegExp(`<(?:[\\w.-]{1,40}:)?${name}\\s[^<>]{0,512}?\\btoken\\s*=\\s*["']([^"'<>]{1,128})["']`, 'g');
  const out = new Set<string>();
  let m: RegExpExecArray | null;
  while (out.size < LIST_MAX && (m = re.exec(t))) out.add(m[1]!);
  return [...out];
}

/**
 * Each profile as "<token> <Name>" (`Profile_1 mainStream`): the pair a maker's media service names its profiles
 * with, the token from the start tag and the Name the profile opens with (before its configurations' names).
 * At most 32; a profile without a token or a name is left out.
 */
function profilePairs(t: string, name: string): string[] {
  const re = new RegExp(`<(?:[\\w.-]{1,40}:)?${name}\\s[^<>]{0,512}?\\btoken\\s*=\\s*["']([^"'<>\\s]{1,128})["'][^<>]{0,512}>`, 'g');
  const out = new Set<string>();
  let m: RegExpExecArray | null;
  while (out.size < LIST_MAX && (m = re.exec(t))) {
    const after = t.slice(m.index + m[0].length, m.index + m[0].length + 1024);
    const own = /^\s*<(?:[\w.-]{1,40}:)?Name\s*>([^<]{1,128})<\/(?:[\w.-]{1,40}:)?Name\s*>/.exec(after);
    const n = own ? decodeBasicEntities(own[1]!.trim()) : '';
    if (n && !/\s/.test(n)) out.add(`${m[1]!} ${n}`);
  }
  return [...out];
}

/**
 * `tt:Uri` values (GetStreamUri, GetSnapshotUri), trimmed and entity-decoded, at most 16. A pasted reply whose
 * author redacted parts as `<camera-ip>` / `<password_hash>` keeps its URI (placeholders are kept as written).
 */
function uriValues(t: string): string[] {
  const re = /<(?:[\w.-]{1,40}:)?Uri(?:\s[^<>]{0,512})?>((?:[^<]|<[\w-]{1,32}>){1,4096}?)<\/(?:[\w.-]{1,40}:)?Uri\s*>/g;
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while (out.length < 16 && (m = re.exec(t))) {
    const v = decodeBasicEntities(m[1]!.trim());
    if (v) out.push(v);
  }
  return out;
}

/** GetNetworkProtocols entries as "NAME port[,port…]" (HTTP 80, RTSP 554), at most 8. */
function networkProtocols(t: string): string[] {
  return elementBlocks(t, 'NetworkProtocols', 8, 2048).map((b) => `${leaf(b, 'Name') ?? '?'} ${leafValues(b, 'Port', 4).join(',')}`.trim());
}

/** Number of `<…:name …>` elements with content (the video sources a GetVideoSources reply lists), at most 1024. */
function leafCount(t: string, name: string): number {
  return elementBlocks(t, name, 1024, 0).length;
}

/**
 * The ONVIF versions a GetCapabilities reply's device section declares (`<tt:SupportedVersions><tt:Major>17</…>
 * <tt:Minor>12</…>`), in the device's own order, as "17.12,16.12,2.60": at most 16 entries.
 */
function supportedVersions(t: string): string | undefined {
  const out = elementBlocks(t, 'SupportedVersions', 16, 512)
    .map((b) => [leaf(b, 'Major'), leaf(b, 'Minor')])
    .filter((v): v is [string, string] => /^\d{1,3}$/.test(v[0] ?? '') && /^\d{1,3}$/.test(v[1] ?? ''))
    .map(([a, b]) => `${a}.${b}`);
  return out.length ? out.join(',') : undefined;
}

/** The device clock of a GetSystemDateAndTime reply (its UTCDateTime) as an ISO string, or undefined. */
function utcDateTime(t: string): string | undefined {
  const seg = /<(?:[\w-]+:)?UTCDateTime>([\s\S]{0,2000}?)<\/(?:[\w-]+:)?UTCDateTime>/.exec(t)?.[1];
  if (!seg) return undefined;
  const n = (name: string): number => Number(leaf(seg, name));
  const [y, mo, d, h, mi, s] = [n('Year'), n('Month'), n('Day'), n('Hour'), n('Minute'), n('Second')];
  if (![y, mo, d, h, mi, s].every(Number.isInteger) || y < 1970 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59))).toISOString();
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const x = xmlText(input);
    if (x.rejected) {
      const head = (typeof input === 'string' ? input.slice(0, 4096) : input.subarray(0, 4096).toString('utf8'));
      return /Envelope/.test(head) ? [{ kind: 'onvif', fields: { method: 'unknown' }, notes: x.notes }] : [];
    }
    const t = x.text;
    const f: Fields = {};
    const method = METHODS.find((m) => hasElement(t, `${m}Response`));
    const isFault = hasElement(t, 'Fault');
    // An Envelope we cannot read (e.g. 100k-deep nesting) is still kept, with the parser's notes as evidence.
    if (!method && !isFault) return x.notes.length && hasElement(t.slice(0, 4096), 'Envelope') ? [{ kind: 'onvif', fields: { method: 'unknown' }, notes: x.notes }] : [];
    if (method) f.method = method;
    if (isFault) {
      const reason = leaf(t, 'Text') ?? leaf(t, 'faultstring');
      const sub = leafValues(t, 'Value', 4).join(' / ');
      f.fault = [reason, sub].filter(Boolean).join(' | ') || 'fault';
      f.authenticated = false;
    }
    const map: Array<[string, string]> = [
      ['Manufacturer', 'manufacturer'],
      ['Model', 'model'],
      ['FirmwareVersion', 'firmwareVersion'],
      ['SerialNumber', 'serialNumber'],
      ['HardwareId', 'hardwareId'],
    ];
    for (const [el, field] of map) {
      const v = leaf(t, el);
      if (v !== undefined) f[field] = v;
    }
    // Stream and snapshot URIs (GetStreamUri, GetSnapshotUri: tt:Uri), trimmed and entity-decoded.
    const uris = uriValues(t);
    if (uris.length) f.uris = uris;
    if (method === 'GetProfiles' || method === 'GetProfile') {
      const p = tokens(t, 'Profiles').concat(method === 'GetProfile' ? tokens(t, 'Profile') : []);
      if (p.length) f.profileTokens = p;
      // Each profile's own name (its first Name child, before the configurations' names): makers name them their way.
      const names = [...elementBlocks(t, 'Profiles', LIST_MAX, 65536), ...(method === 'GetProfile' ? elementBlocks(t, 'Profile', LIST_MAX, 65536) : [])]
        .map((b) => leaf(b, 'Name'))
        .filter((n): n is string => typeof n === 'string' && n.length > 0 && n.length <= 128);
      if (names.length) f.profileNames = [...new Set(names)].slice(0, LIST_MAX);
      const pairs = profilePairs(t, method === 'GetProfile' ? '(?:Profiles|Profile)' : 'Profiles');
      if (pairs.length) f.profiles = pairs;
    }
    if (method === 'GetHostname') {
      const h = leaf(t, 'Name');
      if (h !== undefined) f.hostname = h;
    }
    if (method === 'GetNetworkProtocols') {
      const np = networkProtocols(t);
      if (np.length) f.networkProtocols = np;
    }
    const ns = namespaces(t);
    if (ns.length) f.namespaces = ns;
    // The envelope enclosing the reply element (or the fault), not a request pasted above it.
    const replyAt = new RegExp(`<(?:[\\w.-]{1,40}:)?(?:${method ? `${method}Response` : 'Fault'})[\\s>/]`).exec(t)?.index;
    const envelope = envelopeHead(t, replyAt);
    if (envelope) f.envelope = envelope;
    const macs = leafValues(t, 'HwAddress', 16);
    if (macs.length) f.macs = macs;
    const xaddrs = leafValues(t, 'XAddr', 32);
    if (xaddrs.length) f.xaddrs = xaddrs;
    // Channel capacity: GetCapabilities names the number of video sources (DeviceIO), GetVideoSources lists them.
    if (method === 'GetCapabilities') {
      const n = leaf(t, 'VideoSources');
      if (n !== undefined && /^\d{1,4}$/.test(n)) f.videoSources = Number(n);
      const versions = supportedVersions(t);
      if (versions) f.supportedVersions = versions;
    } else if (method === 'GetVideoSources') {
      f.videoSources = leafCount(t, 'VideoSources');
    }
    if (method === 'GetSystemDateAndTime') {
      const tz = leaf(t, 'TZ');
      if (tz !== undefined) f.timezone = tz;
      const dt = leaf(t, 'DateTimeType');
      if (dt !== undefined) f.dateTimeType = dt;
      const utc = utcDateTime(t);
      if (utc) f.utcDateTime = utc;
    }
    const out: ParsedEvidence[] = [{ kind: 'onvif', fields: f, ...(x.notes.length ? { notes: x.notes } : {}) }];
    if (method === 'GetScopes') {
      const scopes = leafValues(t, 'ScopeItem', 64).filter(Boolean);
      if (scopes.length) out.push({ kind: 'wsd', fields: scopeFields(scopes), notes: ['scopes of an ONVIF GetScopes reply (the scope list WS-Discovery announces)'] });
    }
    return out;
  } catch (e) {
    return [parseFailure('onvif', input, e)];
  }
}
