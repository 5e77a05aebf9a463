// SSDP (UDP 1900) M-SEARCH reply / NOTIFY: start line plus headers, names case-insensitive,
// original names and order kept. Bounded: 64 KiB of input, 100 headers, 2 KiB per value.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';

const INPUT_MAX = 64 * 1024;
const HEADERS_MAX = 100;
const VALUE_MAX = 2048;
const START_LINE = /^(HTTP\/1\.[01] \d{3}\b.*|NOTIFY \* HTTP\/1\.[01]|M-SEARCH \* HTTP\/1\.[01])$/;

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const notes: string[] = [];
    let text = typeof input === 'string' ? input : input.subarray(0, INPUT_MAX).toString('utf8');
    if (text.length > INPUT_MAX || (typeof input !== 'string' && input.length > INPUT_MAX)) {
      text = text.slice(0, INPUT_MAX);
      notes.push(`ssdp truncated at ${INPUT_MAX} bytes`);
    }
    const end = text.search(/\r?\n\r?\n/);
    const lines = (end >= 0 ? text.slice(0, end) : text).split(/\r?\n/);
    const status = lines[0].trim();
    if (!START_LINE.test(status)) return [];
    const fields: Fields = { status };
    const names: string[] = [];
    for (const line of lines.slice(1)) {
      if (names.length >= HEADERS_MAX) {
        notes.push(`ssdp headers cut at ${HEADERS_MAX}`);
        break;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim();
      if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/.test(name)) continue;
      let value = line.slice(colon + 1).trim();
      if (value.length > VALUE_MAX) {
        value = value.slice(0, VALUE_MAX);
        notes.push(`ssdp ${name} cut at ${VALUE_MAX} chars`);
      }
      names.push(name);
      const key = `h.${name.toLowerCase()}`;
      // Duplicates: the first value stands, the repeat is noted (both stay in the raw excerpt).
      if (key in fields) notes.push(`ssdp duplicate header ${name}`);
      else fields[key] = value;
    }
    fields.headerNames = names;
    for (const h of ['server', 'usn', 'st', 'nt', 'location'] as const) {
      const v = fields[`h.${h}`];
      if (typeof v === 'string') fields[h] = v;
    }
    return [notes.length ? { kind: 'ssdp', fields, notes } : { kind: 'ssdp', fields }];
  } catch (e) {
    return [parseFailure('ssdp', input, e)];
  }
}
