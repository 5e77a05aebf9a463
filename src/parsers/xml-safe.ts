// Safe XML reading (stand-in for src/parsers/xml.ts, not there yet). Bounded leaf-element reader shared by the ONVIF and ISAPI parsers. Device XML is often cut,
// un-namespaced or a fragment, so values are read element by element instead of building a tree:
// no entity is expanded, no tree is built (an XML bomb or 100k-deep nesting costs nothing), and a
// DOCTYPE is refused outright. Not a parser module itself (no `parse` export).
export const XML_INPUT_MAX = 512 * 1024;
const VALUE_MAX = 1024;
/** Real ONVIF/ISAPI/UPnP replies nest fewer than 20 levels; deeper is a hostile or broken device. */
export const XML_DEPTH_MAX = 256;

export interface XmlText {
  text: string;
  notes: string[];
  rejected?: string;
}

export function xmlText(input: Buffer | string): XmlText {
  const notes: string[] = [];
  let text = typeof input === 'string' ? input : input.subarray(0, XML_INPUT_MAX).toString('utf8');
  if (text.length > XML_INPUT_MAX) {
    text = text.slice(0, XML_INPUT_MAX);
    notes.push(`xml truncated at ${XML_INPUT_MAX} bytes`);
  }
  if (/<!DOCTYPE/i.test(text)) return { text: '', notes: [...notes, 'xml rejected: DOCTYPE'], rejected: 'DOCTYPE' };
  // Values are still read (leaf by leaf, so depth costs nothing); the note tells the auditor the reply was abnormal.
  if (nestingDepth(text, XML_DEPTH_MAX) > XML_DEPTH_MAX) notes.push(`xml nesting deeper than ${XML_DEPTH_MAX} levels`);
  return { text, notes };
}

/** Deepest element nesting seen, counting no further than `stopAbove` (one linear pass, no tree). */
export function nestingDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let max = 0;
  for (let i = text.indexOf('<'); i !== -1; i = text.indexOf('<', i + 1)) {
    const c = text.charCodeAt(i + 1);
    if (c === 47 /* / */) depth--;
    else if (c === 33 /* ! */ || c === 63 /* ? */) continue;
    else {
      const end = text.indexOf('>', i + 1);
      if (end === -1) break;
      if (text.charCodeAt(end - 1) !== 47) depth++;
      if (depth > max && (max = depth) > stopAbove) return max;
      i = end;
    }
  }
  return max;
}

function escapeName(n: string): string {
  return n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Every text value of elements called `name` (any namespace prefix), up to `max`. */
export function leafValues(text: string, name: string, max = 32): string[] {
  const re = new RegExp(`<(?:[\\w.-]{1,40}:)?${escapeName(name)}(?:\\s[^<>]{0,2048})?>([^<]{0,${VALUE_MAX}})</(?:[\\w.-]{1,40}:)?${escapeName(name)}\\s*>`, 'g');
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while (out.length < max && (m = re.exec(text))) out.push(decodeBasicEntities(m[1].trim()));
  return out;
}

export function leaf(text: string, name: string): string | undefined {
  return leafValues(text, name, 1)[0];
}

/** Only the five predefined entities and numeric references; nothing user-defined is expanded. */
export function decodeBasicEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-f]{1,6});/gi, (all, e: string) => {
    const map: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (map[e.toLowerCase()]) return map[e.toLowerCase()];
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : all;
  });
}

/** True when an element called `name` opens somewhere in the text. */
export function hasElement(text: string, name: string): boolean {
  return new RegExp(`<(?:[\\w.-]{1,40}:)?${escapeName(name)}[\\s>/]`).test(text);
}

/**
 * Inner text of each `<name>…</name>` element (any namespace prefix), in document order, at most `max`, each cut to
 * `maxChars`. For list replies whose items hold child elements (ISAPI channel lists); the item element must not nest
 * in itself. Linear: an opening tag without its closing tag ends the scan (no rescan from every opening).
 */
export function elementBlocks(text: string, name: string, max = 256, maxChars = 16_384): string[] {
  const n = escapeName(name);
  const open = new RegExp(`<(?:[\\w.-]{1,40}:)?${n}(?:\\s[^<>]{0,2048})?>`, 'g');
  const close = new RegExp(`</(?:[\\w.-]{1,40}:)?${n}\\s*>`, 'g');
  const out: string[] = [];
  while (out.length < max) {
    const o = open.exec(text);
    if (!o) break;
    close.lastIndex = o.index + o[0].length;
    const c = close.exec(text);
    if (!c) break;
    const inner = text.slice(o.index + o[0].length, c.index);
    out.push(inner.length > maxChars ? inner.slice(0, maxChars) : inner);
    open.lastIndex = c.index + c[0].length;
  }
  return out;
}

/**
 * The SOAP Envelope start tag as the server wrote it: its prefix, then each xmlns declaration in document order as
 * `prefix=uri` (`=uri` for a default namespace), at most 16, space-joined —
 * "s:Envelope sc=http://www.w3.org/2003/05/soap-encoding s=http://www.w3.org/2003/05/soap-envelope …". A server's
 * own template shows in the prefixes and their order, which the bare namespace list loses. Undefined without one.
 * Without `at`, the first Envelope in the first 8 KiB. With `at` (the offset of the reply element a reader took its
 * fields from), the last Envelope that starts in the 16 KiB before it: the envelope enclosing that reply, not a
 * request pasted above it (round-8 false-flag audit: a transcript holding a client's Probe, written with the same
 * s/sc/dn template as Dahua's Hello by cogini/onvif lib/onvif/discovery.ex, above another maker's ProbeMatch).
 */
export function envelopeHead(text: string, at?: number): string | undefined {
  const re = /<([\w.-]{1,40}):Envelope\b([^<>]{0,8192})>/g;
  const scope = at === undefined ? text.slice(0, 8192) : text.slice(Math.max(0, at - 16384), at);
  let m: RegExpExecArray | null = null;
  for (let x = re.exec(scope); x; x = re.exec(scope)) {
    m = x;
    if (at === undefined) break;
  }
  if (!m) return undefined;
  const decls = [...m[2]!.matchAll(/\sxmlns(?::([\w.-]{1,40}))?\s*=\s*["']([^"'<>]{1,512})["']/g)].slice(0, 16).map((d) => `${d[1] ?? ''}=${d[2]!.trim()}`);
  return [`${m[1]}:Envelope`, ...decls].join(' ');
}
