// nmap's service/version detection as users paste it: the `-sV` port table (`554/tcp open rtsp Dahua IP camera
// rtspd`), the XML output's `<service name="…" product="…" version="…">` and `<script id="http-title" output="…">`,
// and the grepable output's `Ports: 80/open/tcp//http//Hikvision IP camera httpd/`. The version column is nmap's own name
// for what answered, taken from nmap-service-probes (`p/…/ v/…/`); rules read it as `nmap.product` (docs/observations.md),
// the way they read a Server header. The raw replies of an nmap fingerprint (`SF-Port…`) are read elsewhere (unwrap.ts).
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { decodeBasicEntities as xmlText } from './xml-safe.js';

const PRODUCTS_MAX = 64;
/** The port table's heading line, `PORT STATE SERVICE` (with or without VERSION/REASON columns). */
const PORT_TABLE_HEADER = /^PORT[ \t]+STATE[ \t]+SERVICE\b/m;
const VALUE_MAX = 200;

/** -oX script results as the text output prints them (`|_http-title: …`), for the script reader below. */
function xmlScriptLines(t: string): string {
  const out: string[] = [];
  for (const m of t.matchAll(/<script\b[^>]{0,200}?\bid="([a-z][\w-]{1,40})"[^>]{0,200}?\boutput="([^"]{0,4000})"/g)) {
    if (out.length >= PRODUCTS_MAX) break;
    const lines = xmlText(m[2]!).split(/\r?\n/).map((l) => l.trim()).filter(Boolean).slice(0, 20);
    if (lines.length) out.push(`|_${m[1]}: ${lines[0]}`, ...lines.slice(1).map((l) => `|   ${l}`));
  }
  return out.join('\n');
}

const XML_PORT_MAX = 256;
const XML_PORT_SPAN = 4096;

/** `port/proto name` of each open `<port>` of an -oX output whose `<service>` names no product (at most 256 ports). */
function xmlPortRows(t: string): string[] {
  const out: string[] = [];
  const re = /<port\b[^>]{0,200}>/g;
  let m: RegExpExecArray | null;
  let seen = 0;
  while ((m = re.exec(t)) && seen++ < XML_PORT_MAX) {
    const span = t.slice(m.index, m.index + XML_PORT_SPAN);
    const end = span.indexOf('</port>');
    if (end < 0) continue;
    const block = span.slice(0, end);
    const id = /\bportid="(\d{1,5})"/.exec(m[0])?.[1];
    const proto = /\bprotocol="(tcp|udp|sctp)"/.exec(m[0])?.[1];
    const service = /<service\b([^>]{0,2000})>/.exec(block)?.[1];
    if (!id || !proto || !service || !/<state\b[^>]{0,200}\bstate="open"/.test(block) || /\bproduct="/.test(service)) continue;
    const name = /\bname="([^"\s]{1,40})"/.exec(service)?.[1];
    if (name) out.push(`${id}/${proto} ${xmlText(name)}`);
  }
  return out;
}

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
  // -oG: `Ports: 80/open/tcp//http//Hikvision IP camera httpd/, 554/open/tcp//rtsp//…/` (port/state/protocol/owner/
  // service/rpc/version/, one entry per port, "/" in a value written "|").
  for (const line of t.matchAll(/\bPorts: ([^\t\r\n]{1,20000})/g)) {
    for (const entry of line[1]!.split(/,\s*/).slice(0, PRODUCTS_MAX)) {
      const f = entry.split('/');
      if (f.length < 7 || f[1] !== 'open' || !/^\d{1,5}$/.test(f[0]!)) continue;
      if (services.length < PRODUCTS_MAX && f[4]) services.push(`${f[0]}/${f[2]} ${f[4].slice(0, 40)}`);
      const version = f[6]!.replace(/\|/g, '/').trim();
      if (version && products.length < PRODUCTS_MAX) products.push(version.slice(0, VALUE_MAX));
    }
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
  // -oX of a scan without -sV: `<port protocol="tcp" portid="34567"><state state="open" …/><service name="dhanalakshmi"
  // method="table" …/></port>`, nmap's name from its port list and no product: kept as the text table's rows are.
  const xmlPorts = /<nmaprun\b/.test(t) ? xmlPortRows(t) : [];
  for (const row of xmlPorts) if (services.length < PRODUCTS_MAX && !services.includes(row)) services.push(row);
  const out: ParsedEvidence[] = [];
  if (products.length) {
    const fields: Fields = { product: products, service: services };
    out.push({ kind: 'nmap', fields, notes: ['decoded form: nmap service/version detection output (its version column)'] });
  } else if (services.length && (PORT_TABLE_HEADER.test(t) || xmlPorts.length)) {
    // A scan without -sV: the port table alone (`34567/tcp open dhanalakshmi`), nmap's service names from its port list.
    out.push({ kind: 'nmap', fields: { product: [], service: services }, notes: ['decoded form: nmap port table (no version column)'] });
  }
  const scripts = xmlScriptLines(t);
  const http = scriptFields(scripts ? `${t}\n${scripts}` : t);
  if (http) out.push({ kind: 'http', fields: http, notes: ['decoded form: nmap script output (http-title, http-server-header, http-auth)'] });
  return out;
}

/**
 * What nmap's default HTTP scripts print of a reply: `|_http-title: …`, `|_http-server-header: …` (one value, or one
 * per `|   ` line) and `http-auth`'s `Digest realm=… nonce=…` line, as the page title, Server header and realm.
 */
function scriptFields(t: string): Fields | null {
  const titles: string[] = [];
  const servers: string[] = [];
  const realms: string[] = [];
  const lines = t.split(/\r?\n/, 4000);
  let block = '';
  for (const raw of lines) {
    const m = /^\|_?\s?([a-z][\w-]{1,40}):\s*(.*)$/.exec(raw);
    const cont = /^\|_?\s{2,}(\S.*)$/.exec(raw);
    let name = '';
    let value = '';
    if (m) {
      block = m[1]!;
      name = block;
      value = m[2]!.trim();
    } else if (cont && block) {
      name = block;
      value = cont[1]!.trim();
    } else if (!raw.startsWith('|')) block = '';
    if (!value) continue;
    if (name === 'http-title' && !/^(?:Did not follow redirect|Requested resource was|Site doesn't have a title)/.test(value)) titles.push(value.slice(0, 200));
    else if (name === 'http-server-header') servers.push(value.slice(0, 200));
    else if (name === 'http-auth') {
      const r = /\b(?:Digest|Basic)\s+realm=("?)(.+?)\1(?=\s+(?:nonce|qop|algorithm|opaque|stale|domain|charset)=|\s*$)/i.exec(value);
      if (r) realms.push(r[2]!.slice(0, 200));
    }
  }
  if (!titles.length && !servers.length && !realms.length) return null;
  const f: Fields = {};
  if (titles.length) f.title = titles[0]!;
  if (servers.length) f.server = servers[0]!;
  if (realms.length) f['auth.realm'] = realms[0]!;
  return f;
}

/** Whether a text looks like nmap's port table, XML or grepable output with a version column, or its HTTP script lines. */
export function looksLikeNmapServices(text: string): boolean {
  return (
    /^[ \t]*\d{1,5}\/(?:tcp|udp|sctp)[ \t]+open[ \t]+\S+[ \t]+\S/m.test(text) ||
    (PORT_TABLE_HEADER.test(text) && /^\d{1,5}\/(?:tcp|udp|sctp)[ \t]+open[ \t]+\S+[ \t]*\r?$/m.test(text)) ||
    /<service\b[^>]{0,2000}\bproduct="/.test(text) ||
    (/<nmaprun\b/.test(text) && /<port\b[^>]{0,200}\bportid="\d{1,5}"/.test(text)) ||
    /<script\b[^>]{0,200}\bid="http-(?:title|server-header|auth)"/.test(text) ||
    /\bPorts: \d{1,5}\/open\/(?:tcp|udp|sctp)\//.test(text) ||
    /^\|_?\s?http-(?:title|server-header|auth):/m.test(text)
  );
}
