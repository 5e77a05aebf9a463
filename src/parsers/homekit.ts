// HomeKit Accessory Protocol `/accessories` dump (JSON: accessories → services → characteristics), as tools such
// as Home Assistant's homekit_controller save it. Reading it needs a HomeKit pairing, so a scan never sees it;
// identify reads it when a user hands one in. The Accessory Information service's characteristics say who made
// the accessory: Manufacturer (type 0x20), Model (0x21), Name (0x23), SerialNumber (0x30), FirmwareRevision
// (0x52), in full UUID form (`00000020-0000-1000-8000-0026BB765291`) or short (`20`). Dumps are often cut or
// re-indented, so characteristics are read object by object (type and value in either order), not as one
// JSON document. One `homekit` observation per accessory-information block, in order.
import type { Fields, ParsedEvidence } from '../core/observation.js';

const INPUT_MAX = 256 * 1024;
const VALUE_MAX = 128;
const ACCESSORIES_MAX = 32;
const HAP_BASE = '-0000-1000-8000-0026BB765291';

const FIELD_OF: Record<string, string> = { '20': 'manufacturer', '21': 'model', '23': 'name', '30': 'serialNumber', '52': 'firmwareRevision' };

/** `00000020-0000-1000-8000-0026BB765291` or `20` → `20`; anything else → null. */
function shortType(t: string): string | null {
  const u = t.trim().toUpperCase();
  if (/^[0-9A-F]{1,8}$/.test(u)) return u.replace(/^0+/, '') || '0';
  if (u.length === 36 && u.endsWith(HAP_BASE.toUpperCase())) return u.slice(0, 8).replace(/^0+/, '') || '0';
  return null;
}

const clean = (v: string): string =>
  // eslint-disable-next-line no-control-regex
  v.replace(/\\u[0-9a-fA-F]{4}|\\./g, ' ').replace(/[\x00-\x1f\x7f]/g, '').trim().slice(0, VALUE_MAX);

export function parse(input: Buffer | string): ParsedEvidence[] {
  let text = typeof input === 'string' ? input : input.toString('utf8');
  const notes: string[] = [];
  if (text.length > INPUT_MAX) {
    text = text.slice(0, INPUT_MAX);
    notes.push(`homekit dump cut at ${INPUT_MAX} characters`);
  }
  // Only a HAP dump: its UUID base must be there (short types alone are too easy to meet in other JSON).
  if (!text.toUpperCase().includes(HAP_BASE.toUpperCase())) return [];
  const out: ParsedEvidence[] = [];
  let cur: Fields = {};
  // Innermost objects only: a characteristic is `{ … "type": "…", … "value": "…" … }` with no nested braces.
  for (const m of text.matchAll(/\{[^{}]{0,2048}\}/g)) {
    const obj = m[0];
    const type = /"type"\s*:\s*"([^"]{1,40})"/.exec(obj)?.[1];
    const value = /"value"\s*:\s*"((?:[^"\\]|\\.){0,512})"/.exec(obj)?.[1];
    if (!type || value === undefined) continue;
    const short = shortType(type);
    const field = short ? FIELD_OF[short] : undefined;
    if (!field) continue;
    // A second Manufacturer starts the next accessory's information block.
    if (field === 'manufacturer' && cur.manufacturer !== undefined) {
      out.push({ kind: 'homekit', fields: cur });
      cur = {};
      if (out.length >= ACCESSORIES_MAX) {
        notes.push(`homekit dump: only the first ${ACCESSORIES_MAX} accessories read`);
        break;
      }
    }
    const v = clean(value);
    if (v && cur[field] === undefined) cur[field] = v;
  }
  if (Object.keys(cur).length && out.length < ACCESSORIES_MAX) out.push({ kind: 'homekit', fields: cur });
  if (notes.length && out.length) out[0] = { ...out[0]!, notes };
  return out;
}
