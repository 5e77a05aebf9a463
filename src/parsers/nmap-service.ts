// nmap's service/version detection as users paste it: the `-sV` port table (`554/tcp open rtsp Dahua IP camera
// rtspd`) and the XML output's `<service name="…" product="…" version="…">`. The version column is nmap's own name
// for what answered, taken from nmap-service-probes (`p/…/ v/…/`); rules read it as `nmap.product` (docs/observations.md),
// the way they read a Server header. The raw replies of an nmap fingerprint (`SF-Port…`) are read elsewhere (unwrap.ts).
import type { Fields, ParsedEvidence } from '../core/observation.js';

const PRODUCTS_MAX = 64;
const VALUE_MAX = 200;

const xmlText = (s: string): string =>
  s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** One `nmap` observation holding every version string and port/service of the output; [] when it names none. */
export function parse(input: Buffer | string): ParsedEvidence[] {
  const products: string[] = [];
  const services: string[] = [];
  // Every parser takes bytes or text (the fuzz suite sends both); only the first 256 KiB are read.
  const t = (typeof input === 'string' ? input : input.subarray(0, 256 * 1024).toString('latin1')).slice(0, 256 * 1024);
  // `PORT STATE SERVICE VERSION` rows; a row without the version column (no -sV) names no product.
  for (const m of t.matchAll(/^[ \t]*(\d{1,5})\/(tcp|udp|sctp)[ \t]+open[ \t]+([^\s]{1,40})(?:[ \t]+(\S[^\r\n]{0,400}?))?[ \t]*\r?$/gm)) {
    if (services.length < PRODUCTS_MAX) services.push(`${m[1]}/${m[2]} ${m[3]}`);
    if (m[4] && products.length < PRODUCTS_MAX) products.push(m[4].slice(0, VALUE_MAX));
  }
  // -oX: <port protocol="tcp" portid="80">…<service name="http" product="…" version="…" …/>
  for (const m of t.matchAll(/<service\b([^>]{0,2000})>/g)) {
    const a = m[1]!;
    const product = /\bproduct="([^"]{1,400})"/.exec(a)?.[1];
    if (!product || products.length >= PRODUCTS_MAX) continue;
    const version = /\bversion="([^"]{1,80})"/.exec(a)?.[1];
    products.push(xmlText(version ? `${product} ${version}` : product).slice(0, VALUE_MAX));
    const name = /\bname="([^"]{1,40})"/.exec(a)?.[1];
    if (name && services.length < PRODUCTS_MAX) services.push(xmlText(name));
  }
  if (!products.length) return [];
  const fields: Fields = { product: products, service: services };
  return [{ kind: 'nmap', fields, notes: ['decoded form: nmap service/version detection output (its version column)'] }];
}

/** Whether a text looks like nmap's port table or XML output with a version column. */
export function looksLikeNmapServices(text: string): boolean {
  return /^[ \t]*\d{1,5}\/(?:tcp|udp|sctp)[ \t]+open[ \t]+\S+[ \t]+\S/m.test(text) || /<service\b[^>]{0,2000}\bproduct="/.test(text);
}
