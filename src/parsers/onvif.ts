// ONVIF SOAP responses → `onvif` evidence: which method answered, device information, MACs,
// service addresses, faults. Status and `authenticated` are set by the probe that knows them.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { elementBlocks, hasElement, leaf, leafValues, xmlText } from './xml-safe.js';
import { parseFailure } from './failure.js';

const METHODS = ['GetDeviceInformation', 'GetSystemDateAndTime', 'GetCapabilities', 'GetServices', 'GetNetworkInterfaces', 'GetVideoSources'] as const;

/** Number of `<…:name …>` elements with content (the video sources a GetVideoSources reply lists), at most 1024. */
function leafCount(t: string, name: string): number {
  return elementBlocks(t, name, 1024, 0).length;
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
    const macs = leafValues(t, 'HwAddress', 16);
    if (macs.length) f.macs = macs;
    const xaddrs = leafValues(t, 'XAddr', 32);
    if (xaddrs.length) f.xaddrs = xaddrs;
    // Channel capacity: GetCapabilities names the number of video sources (DeviceIO), GetVideoSources lists them.
    if (method === 'GetCapabilities') {
      const n = leaf(t, 'VideoSources');
      if (n !== undefined && /^\d{1,4}$/.test(n)) f.videoSources = Number(n);
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
    return [{ kind: 'onvif', fields: f, ...(x.notes.length ? { notes: x.notes } : {}) }];
  } catch (e) {
    return [parseFailure('onvif', input, e)];
  }
}
