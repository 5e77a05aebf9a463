// Hikvision SADP (UDP 37020) ProbeMatch reply: every child element of <ProbeMatch> under its own name.
// Uses the element-by-element reader of src/parsers/xml-safe.ts (no tree, no entities, DOCTYPE refused),
// so an XML bomb or deep nesting costs nothing.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { decodeBasicEntities, xmlText } from './xml-safe.js';
import { parseFailure } from './failure.js';

/** Most child elements kept from one ProbeMatch (a real reply has about 30). */
const FIELDS_MAX = 128;
const VALUE_MAX = 1024;

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const { text, notes, rejected } = xmlText(input);
    if (rejected) return [];
    const out: ParsedEvidence[] = [];
    const matchRe = /<ProbeMatch(?:\s[^<>]{0,512})?>([\s\S]*?)(?:<\/ProbeMatch\s*>|$)/g;
    let m: RegExpExecArray | null;
    while (out.length < 16 && (m = matchRe.exec(text))) {
      const body = m[1];
      const fields: Fields = {};
      const cut: string[] = [...notes];
      // Leaf elements only: <Name>text</Name> with no child markup.
      const leafRe = /<([A-Za-z_][\w.-]{0,63})(?:\s[^<>]{0,512})?>([^<]*)<\/\1\s*>/g;
      let l: RegExpExecArray | null;
      let count = 0;
      while ((l = leafRe.exec(body))) {
        if (count >= FIELDS_MAX) {
          cut.push(`sadp fields cut at ${FIELDS_MAX}`);
          break;
        }
        let v = l[2];
        if (v.length > VALUE_MAX) {
          v = v.slice(0, VALUE_MAX);
          cut.push(`sadp ${l[1]} cut at ${VALUE_MAX} chars`);
        }
        if (!(l[1] in fields)) {
          fields[l[1]] = decodeBasicEntities(v.trim());
          count++;
        }
      }
      if (count === 0) continue;
      out.push(cut.length ? { kind: 'sadp', fields, notes: cut } : { kind: 'sadp', fields });
      if (m[0].length === 0) break;
    }
    return out;
  } catch (e) {
    return [parseFailure('sadp', input, e)];
  }
}
