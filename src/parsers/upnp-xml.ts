// UPnP device description (the SSDP LOCATION document): the root device's fields and the deviceType of
// every embedded device. Read element by element with src/parsers/xml-safe.ts (DOCTYPE refused, no entity
// expansion, no tree), so bombs and deep nesting cost nothing.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { hasElement, leaf, leafValues, xmlText } from './xml-safe.js';
import { parseFailure } from './failure.js';

const FIELDS: Array<[string, string]> = [
  ['deviceType', 'deviceType'],
  ['friendlyName', 'friendlyName'],
  ['manufacturer', 'manufacturer'],
  ['manufacturerURL', 'manufacturerURL'],
  ['modelName', 'modelName'],
  ['modelNumber', 'modelNumber'],
  ['modelDescription', 'modelDescription'],
  ['serialNumber', 'serialNumber'],
  ['udn', 'UDN'],
  ['presentationURL', 'presentationURL'],
  ['firmwareVersion', 'firmwareVersion'],
  ['macAddress', 'macAddress'],
];

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const { text, notes, rejected } = xmlText(input);
    if (rejected || !hasElement(text, 'device')) return [];
    // The root device's own elements come before its deviceList, so the first occurrence is the root's.
    const fields: Fields = {};
    for (const [field, element] of FIELDS) {
      const v = leaf(text, element);
      if (v !== undefined) fields[field] = v;
    }
    if (!Object.keys(fields).length) return [];
    fields.subDevices = leafValues(text, 'deviceType', 33).slice(1);
    return [notes.length ? { kind: 'upnp', fields, notes } : { kind: 'upnp', fields }];
  } catch (e) {
    return [parseFailure('upnp-xml', input, e)];
  }
}
