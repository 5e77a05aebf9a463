// Adapters for ONVIF / ISAPI device information stored in a client library's decoded form (python-onvif and
// zeep printouts, xmltodict / Python dict reprs) rather than XML. `camaudit identify` uses them after the
// XML parsers find nothing.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import * as onvif from './onvif.js';
import * as isapi from './isapi.js';
import { parseFailure } from './failure.js';

const INPUT_MAX = 1024 * 1024;

/** `'key': 'value'` / `"key": "value"` / zeep's `'Key': value` pairs of a dict repr. */
function dictPairs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /['"]([@\w.:-]{1,64})['"]\s*:\s*(?:'([^']{0,1024})'|"([^"]{0,1024})"|([^,'"{}[\]\n]{0,1024}))/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(text)) && n++ < 500) {
    const key = m[1];
    if (key in out) continue;
    out[key] = (m[2] ?? m[3] ?? m[4] ?? '').trim();
  }
  return out;
}

function onvifSample(text: string): ParsedEvidence[] {
  const xml = onvif.parse(text);
  if (xml.length) return xml;
  // python-onvif / zeep printout: `True: {'Model': X, 'SerialNumber': Y, …}`.
  const d = dictPairs(text);
  const map: Array<[string, string]> = [
    ['Manufacturer', 'manufacturer'],
    ['Model', 'model'],
    ['FirmwareVersion', 'firmwareVersion'],
    ['SerialNumber', 'serialNumber'],
    ['HardwareId', 'hardwareId'],
  ];
  const f: Fields = { method: 'GetDeviceInformation' };
  for (const [k, field] of map) if (d[k] !== undefined) f[field] = d[k];
  if (Object.keys(f).length === 1) return [];
  return [{ kind: 'onvif', fields: f, notes: ['decoded form: client library printout'] }];
}

function isapiSample(text: string): ParsedEvidence[] {
  const xml = isapi.parse(text);
  if (xml.length) return xml;
  const ev = isapi.isapiFromMap(dictPairs(text));
  return ev.map((e) => ({ ...e, notes: ['decoded form: xmltodict / dict representation'] }));
}

/**
 * ONVIF and ISAPI device information in a client library's printout (python-onvif/zeep, xmltodict) when the
 * XML parser finds none. HTTP, RTSP and TLS fragments and dumps are read in src/identify (unwrap.ts, forms.ts).
 */
export function fromDecodedTcp(protocol: string, payload: unknown): ParsedEvidence[] {
  let text = '';
  try {
    text = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : (JSON.stringify(payload ?? '') ?? '');
    if (text.length > INPUT_MAX) text = text.slice(0, INPUT_MAX);
    switch (protocol) {
      case 'onvif':
      case 'onvif-devinfo':
        return onvifSample(text);
      case 'isapi':
        return isapiSample(text);
      default:
        return [];
    }
  } catch (e) {
    return [parseFailure(`decoded-tcp/${protocol}`, text, e)];
  }
}
