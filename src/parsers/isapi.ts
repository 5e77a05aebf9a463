// Hikvision ISAPI `/ISAPI/System/deviceInfo` XML → `isapi` evidence. Also recognises the
// unauthenticated `<userCheck>`/`<ResponseStatus>` replies (authenticated: false).
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { hasElement, leaf, xmlText } from './xml-safe.js';
import { parseFailure } from './failure.js';

/** Contract field ← DeviceInfo element (both spellings some firmware uses). */
const FIELDS: Array<[string, string[]]> = [
  ['deviceName', ['deviceName']],
  ['deviceID', ['deviceID']],
  ['deviceDescription', ['deviceDescription']],
  ['model', ['model']],
  ['serialNumber', ['serialNumber']],
  ['macAddress', ['macAddress']],
  ['firmwareVersion', ['firmwareVersion']],
  ['firmwareReleasedDate', ['firmwareReleasedDate']],
  ['encoderVersion', ['encoderVersion']],
  ['deviceType', ['deviceType']],
  ['manufacturer', ['manufacturer', 'Manufacturer']],
  ['OEMCode', ['OEMCode']],
  ['hardwareVersion', ['hardwareVersion']],
  ['systemContact', ['systemContact']],
];

/** Builds isapi fields from an already-decoded key → value map (xmltodict/JSON forms). */
export function isapiFromMap(map: Record<string, string>): ParsedEvidence[] {
  const f: Fields = {};
  const ns = map['@xmlns'] ?? map.xmlns;
  if (ns) f.namespace = ns;
  for (const [field, names] of FIELDS) {
    for (const n of names) {
      if (typeof map[n] === 'string') {
        f[field] = map[n];
        break;
      }
    }
  }
  if (!f.model && !f.serialNumber && !f.firmwareVersion && !f.deviceName) return [];
  f.authenticated = true;
  return [{ kind: 'isapi', fields: f }];
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const x = xmlText(input);
    if (x.rejected) return [];
    const t = x.text;
    if (hasElement(t, 'DeviceInfo')) {
      const f: Fields = {};
      const ns = /<DeviceInfo\b[^>]{0,2048}?\sxmlns\s*=\s*"([^"]{0,512})"/.exec(t);
      if (ns) f.namespace = ns[1];
      for (const [field, names] of FIELDS) {
        for (const n of names) {
          const v = leaf(t, n);
          if (v !== undefined) {
            f[field] = v;
            break;
          }
        }
      }
      f.authenticated = true;
      return [{ kind: 'isapi', fields: f, ...(x.notes.length ? { notes: x.notes } : {}) }];
    }
    if (hasElement(t, 'userCheck') || hasElement(t, 'ResponseStatus')) {
      const f: Fields = { authenticated: false };
      const ns = /\sxmlns\s*=\s*"([^"]{0,512})"/.exec(t);
      if (ns) f.namespace = ns[1];
      const sv = leaf(t, 'statusValue') ?? leaf(t, 'statusCode');
      if (sv !== undefined) f.statusValue = sv;
      const ss = leaf(t, 'statusString') ?? leaf(t, 'subStatusCode');
      if (ss !== undefined) f.statusString = ss;
      // ISAPI's own sub-status word (notSupport, badAuthorization …), kept apart: PSIA's ResponseStatus has none.
      const sub = leaf(t, 'subStatusCode');
      if (sub !== undefined) f.subStatusCode = sub;
      return [{ kind: 'isapi', fields: f }];
    }
    return [];
  } catch (e) {
    return [parseFailure('isapi', input, e)];
  }
}
