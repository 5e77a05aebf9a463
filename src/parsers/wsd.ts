// WS-Discovery (UDP 3702) ProbeMatches / Hello: one evidence per ProbeMatch. Element-by-element reading
// via src/parsers/xml-safe.ts (DOCTYPE refused, no entity expansion, no tree). Matches without Scopes are kept.
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { envelopeHead, leaf, xmlText } from './xml-safe.js';
import { parseFailure } from './failure.js';

const MATCHES_MAX = 16;
const LIST_MAX = 64;

function words(v: string | undefined): string[] {
  return v ? v.split(/\s+/).filter(Boolean).slice(0, LIST_MAX) : [];
}

/** Percent-decoding that cannot throw: each run of %XX escapes is decoded as UTF-8 (bad bytes become U+FFFD), a lone `%` stays. */
function decode(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => Buffer.from(run.replace(/%/g, ''), 'hex').toString('utf8'));
}

/** Sorts ONVIF scope URIs into scope.name / hardware / manufacturer / location / mac / type / profile / other. */
export function scopeFields(scopes: string[]): Fields {
  const f: Fields = { scopes };
  const loc: string[] = [];
  const type: string[] = [];
  const profile: string[] = [];
  const other: string[] = [];
  for (const s of scopes) {
    const m = /^onvif:\/\/www\.onvif\.org\/([^/]+)\/?(.*)$/i.exec(s);
    if (!m) {
      other.push(s);
      continue;
    }
    const key = m[1].toLowerCase();
    const value = decode(m[2]);
    if (key === 'name' && f['scope.name'] === undefined) f['scope.name'] = value;
    else if (key === 'hardware' && f['scope.hardware'] === undefined) f['scope.hardware'] = value;
    else if (key === 'mac' && f['scope.mac'] === undefined) f['scope.mac'] = value;
    // A vendor scope some makers add (FLIR/DVTel, Hanwha Vision): the device's own maker, read like the name scope.
    else if (key === 'manufacturer' && f['scope.manufacturer'] === undefined) f['scope.manufacturer'] = value;
    else if (key === 'location') loc.push(value);
    else if (key === 'type') type.push(value);
    else if (key === 'profile') profile.push(value);
    else other.push(s);
  }
  f['scope.location'] = loc;
  f['scope.type'] = type;
  f['scope.profile'] = profile;
  f['scope.other'] = other;
  return f;
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    const { text, notes, rejected } = xmlText(input);
    if (rejected) return [];
    const namespaces = [...new Set([...text.slice(0, 8192).matchAll(/xmlns(?::[\w.-]{1,40})?="([^"]{1,512})"/g)].map((m) => m[1]))].slice(0, LIST_MAX);
    const out: ParsedEvidence[] = [];
    const re = /<(?:[\w.-]{1,40}:)?(ProbeMatch|Hello|ResolveMatch)(?:\s[^<>]{0,2048})?>([\s\S]*?)<\/(?:[\w.-]{1,40}:)?\1\s*>/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) {
      if (out.length >= MATCHES_MAX) {
        notes.push(`wsd matches cut at ${MATCHES_MAX}`);
        break;
      }
      const body = m[2];
      // The envelope around this match, not the first one in the text (a client's Probe may sit above it).
      const envelope = envelopeHead(text, m.index);
      const endpoint = leaf(body, 'Address');
      const fields: Fields = {
        ...(endpoint !== undefined ? { endpoint } : {}),
        types: words(leaf(body, 'Types')),
        ...scopeFields(words(leaf(body, 'Scopes'))),
        xaddrs: words(leaf(body, 'XAddrs')),
        namespaces,
        ...(envelope ? { envelope } : {}),
      };
      const mv = leaf(body, 'MetadataVersion');
      if (mv !== undefined) fields.metadataVersion = mv;
      if (endpoint === undefined && !(fields.xaddrs as string[]).length && !(fields.types as string[]).length) continue;
      out.push(notes.length ? { kind: 'wsd', fields, notes: [...notes] } : { kind: 'wsd', fields });
    }
    return out;
  } catch (e) {
    return [parseFailure('wsd', input, e)];
  }
}
