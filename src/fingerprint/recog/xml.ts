// Reads one Rapid7 Recog fingerprint file (xml/*.xml, vendored under fingerprints/third-party/recog/).
// The format is small and regular (fingerprints > fingerprint > description, example*, param*), so it is
// read with a few anchored scans instead of a general XML parser: entities are decoded exactly once
// (`&amp;reg;` stays `&reg;`, as in the source document), comments are skipped, and a malformed
// element is an error naming the file and the fingerprint's position.

export interface RecogExample {
  /** The example value, decoded (`_encoding="base64"` → bytes as latin1 characters, as Ruby sees them). */
  value: string;
  /** Expected captures and other attributes (`service.version`, `hw.product` …), `_encoding` excluded. */
  expect: Record<string, string>;
  encoding?: 'base64';
}

export interface RecogParam {
  pos: number;
  name: string;
  /** Literal value (pos 0), possibly with `{other.param}` placeholders; absent for a capture (pos > 0). */
  value?: string;
}

export interface RecogFingerprint {
  /** Position in the file (0-based): Recog tries fingerprints in file order, the first match wins. */
  index: number;
  pattern: string;
  flags: string[];
  certainty?: number;
  description: string;
  examples: RecogExample[];
  params: RecogParam[];
}

export interface RecogFile {
  /** `matches` attribute (e.g. `http_header.server`), or the file's base name. */
  matches: string;
  protocol?: string;
  databaseType?: string;
  preference?: number;
  fingerprints: RecogFingerprint[];
}

export class RecogXmlError extends Error {}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML entity decoding, one pass (so `&amp;lt;` → `&lt;`, never `<`). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITY[ref] ?? whole;
  });
}

/** Attributes of a start tag's inner text (`name="v" other='w'`), entity-decoded. */
export function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

function stripComments(xml: string): string {
  return xml.replace(/<!--[\s\S]*?-->/g, '');
}

/** XML end-of-line handling: CR LF and lone CR become LF before anything else (XML 1.0 §2.11). */
function normaliseNewlines(xml: string): string {
  return xml.replace(/\r\n?/g, '\n');
}

function decodeExample(text: string, attrs: Record<string, string>, where: string): RecogExample {
  const { _encoding: enc, _filename: fname, ...expect } = attrs;
  if (fname !== undefined) throw new RecogXmlError(`${where}: examples read from files (_filename) are not supported`);
  if (enc === undefined) return { value: decodeEntities(text), expect };
  if (enc !== 'base64') throw new RecogXmlError(`${where}: unknown _encoding "${enc}"`);
  const b64 = decodeEntities(text).replace(/\s+/g, '');
  // Bytes as latin1 characters: one character per byte, as Ruby matches a binary string.
  return { value: Buffer.from(b64, 'base64').toString('latin1'), expect, encoding: 'base64' };
}

export function parseRecogXml(xml: string, fileName: string): RecogFile {
  const doc = stripComments(normaliseNewlines(xml));
  const root = /<fingerprints\b([^>]*)>/.exec(doc);
  if (!root) throw new RecogXmlError(`${fileName}: no <fingerprints> element`);
  const ra = attributes(root[1]!);
  const out: RecogFile = { matches: ra.matches ?? fileName.replace(/\.xml$/, ''), fingerprints: [] };
  if (ra.protocol) out.protocol = ra.protocol;
  if (ra.database_type) out.databaseType = ra.database_type;
  if (ra.preference) out.preference = Number(ra.preference);
  const re = /<fingerprint\b([^>]*?)(\/>|>([\s\S]*?)<\/fingerprint>)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(doc))) {
    const index = out.fingerprints.length;
    const where = `${fileName} fingerprint #${index}`;
    const a = attributes(m[1]!);
    if (a.pattern === undefined) throw new RecogXmlError(`${where}: no pattern attribute`);
    const body = m[3] ?? '';
    const desc = /<description>([\s\S]*?)<\/description>/.exec(body);
    const fp: RecogFingerprint = {
      index,
      pattern: a.pattern,
      flags: (a.flags ?? '').split(/[,\s|]+/).filter(Boolean),
      description: decodeEntities(desc?.[1] ?? '').replace(/\s+/g, ' ').trim(),
      examples: [],
      params: [],
    };
    if (a.certainty !== undefined && Number.isFinite(Number(a.certainty))) fp.certainty = Number(a.certainty);
    for (const e of body.matchAll(/<example\b([^>]*?)(?:\/>|>([\s\S]*?)<\/example>)/g)) {
      if (e[2] === undefined) continue; // <example/>: an empty example carries nothing to test
      fp.examples.push(decodeExample(e[2], attributes(e[1]!), where));
    }
    for (const p of body.matchAll(/<param\b([^>]*?)\/?>/g)) {
      const pa = attributes(p[1]!);
      const pos = Number(pa.pos);
      if (!pa.name || !Number.isInteger(pos) || pos < 0) throw new RecogXmlError(`${where}: param without a name or a valid pos`);
      const param: RecogParam = { pos, name: pa.name };
      if (pa.value !== undefined) param.value = pa.value;
      fp.params.push(param);
    }
    out.fingerprints.push(fp);
  }
  return out;
}
