// Reads nmap's XML output (-oX) and turns it into one maker guess per host, using the explicit
// table in bench/nmap-map.json. Only what nmap itself printed is used (see that file's description).
import { XMLParser } from 'fast-xml-parser';

export interface MapRule {
  match: string;
  maker: string;
}

export interface NmapHost {
  ip: string;
  mac: string | null;
  /** Every string nmap printed about the host that the table is applied to, with where it came from. */
  strings: Array<{ from: string; text: string }>;
  openPorts: number[];
}

export interface NmapVerdict {
  ip: string;
  mac: string | null;
  maker: string | null;
  votes: Record<string, number>;
}

/** Our own nmap output; a run of a /20 stays far below this. */
const MAX_XML_BYTES = 64 * 1024 * 1024;
const PORT_SCRIPTS = new Set(['http-title', 'http-favicon', 'ssl-cert', 'rtsp-methods', 'http-server-header']);
const MULTICAST = /^(22[4-9]|23\d)\./;
const IPV4 = /\b(\d{1,3}(?:\.\d{1,3}){3})\b/g;

/** processEntities is off (project rule), so nmap's escapes in attribute values are decoded here. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const code = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
  });
}

type Node = Record<string, unknown>;
const asArray = (v: unknown): Node[] => (v === undefined || v === null ? [] : Array.isArray(v) ? (v as Node[]) : [v as Node]);
const attr = (n: Node | undefined, name: string): string | undefined => {
  const v = n?.[`@_${name}`];
  return typeof v === 'string' ? decodeEntities(v) : undefined;
};

/** Parses nmap XML; throws a one-line Error when the text is not nmap XML. */
export function readNmapXml(xml: string): { hosts: NmapHost[]; prescripts: Array<{ id: string; output: string }> } {
  if (xml.length > MAX_XML_BYTES) throw new Error(`nmap XML is ${xml.length} bytes, over the ${MAX_XML_BYTES}-byte cap`);
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, parseAttributeValue: false, processEntities: false });
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (e) {
    throw new Error(`not valid XML: ${(e as Error).message.split('\n')[0]}`);
  }
  const run = doc.nmaprun as Node | undefined;
  if (!run || typeof run !== 'object') throw new Error('not nmap XML (no <nmaprun>)');
  const prescripts = asArray((run.prescript as Node | undefined)?.script).map((s) => ({ id: attr(s, 'id') ?? '', output: attr(s, 'output') ?? '' }));
  const hosts: NmapHost[] = [];
  for (const h of asArray(run.host)) {
    const addrs = asArray(h.address);
    const ip = attr(addrs.find((a) => attr(a, 'addrtype') === 'ipv4'), 'addr');
    if (!ip) continue;
    const macNode = addrs.find((a) => attr(a, 'addrtype') === 'mac');
    const strings: NmapHost['strings'] = [];
    const add = (from: string, text: string | undefined) => {
      if (text) strings.push({ from, text });
    };
    add('mac-vendor', attr(macNode, 'vendor'));
    const openPorts: number[] = [];
    for (const p of asArray((h.ports as Node | undefined)?.port)) {
      const port = attr(p, 'portid') ?? '?';
      if (attr(p.state as Node, 'state') === 'open') openPorts.push(Number(port));
      const svc = p.service as Node | undefined;
      for (const a of ['product', 'extrainfo', 'devicetype', 'ostype']) add(`${port}/service@${a}`, attr(svc, a));
      // Only the scripts the benchmark asks for; fingerprint-strings echoes raw bytes nmap did not interpret.
      for (const s of asArray(p.script)) if (PORT_SCRIPTS.has(attr(s, 'id') ?? '')) add(`${port}/${attr(s, 'id')}`, attr(s, 'output'));
    }
    const os = h.os as Node | undefined;
    for (const m of asArray(os?.osmatch)) {
      add('osmatch', attr(m, 'name'));
      for (const c of asArray(m.osclass)) add('osclass@vendor', attr(c, 'vendor'));
    }
    for (const s of asArray((h.hostscript as Node | undefined)?.script)) add(`host/${attr(s, 'id')}`, attr(s, 'output'));
    hosts.push({ ip, mac: attr(macNode, 'addr')?.toLowerCase() ?? null, strings, openPorts: openPorts.sort((a, b) => a - b) });
  }
  return { hosts, prescripts };
}

/**
 * Lines of the broadcast scripts' output, per unicast address they name. A line naming an address
 * starts that address's block; the indented lines below it belong to the same block.
 */
export function prescriptLinesByHost(prescripts: Array<{ id: string; output: string }>): Map<string, Array<{ from: string; text: string }>> {
  const out = new Map<string, Array<{ from: string; text: string }>>();
  for (const s of prescripts) {
    let current: string | null = null;
    let currentIndent = -1;
    for (const line of s.output.split('\n')) {
      if (!line.trim()) continue;
      const indent = line.length - line.trimStart().length;
      const named = [...line.matchAll(IPV4)].map((m) => m[1]).find((a) => !MULTICAST.test(a));
      if (named) {
        current = named;
        currentIndent = indent;
      } else if (indent <= currentIndent) {
        current = null; // back out to a sibling or parent: the block ended
      }
      if (!current) continue;
      const list = out.get(current) ?? [];
      list.push({ from: `prescript/${s.id}`, text: line.trim() });
      out.set(current, list);
    }
  }
  return out;
}

export function compileRules(rules: MapRule[]): Array<{ re: RegExp; maker: string }> {
  return rules.map((r) => ({ re: new RegExp(r.match, 'i'), maker: r.maker }));
}

/** One maker per host: each string votes once per maker it names; most votes wins, ties go to the earlier rule. */
export function verdictFor(strings: Array<{ text: string }>, rules: Array<{ re: RegExp; maker: string }>): { maker: string | null; votes: Record<string, number> } {
  const votes: Record<string, number> = {};
  for (const s of strings) {
    const seen = new Set<string>();
    for (const r of rules) {
      if (!seen.has(r.maker) && r.re.test(s.text)) {
        seen.add(r.maker);
        votes[r.maker] = (votes[r.maker] ?? 0) + 1;
      }
    }
  }
  let maker: string | null = null;
  for (const r of rules) {
    const v = votes[r.maker] ?? 0;
    if (v > 0 && (maker === null || v > votes[maker])) maker = r.maker;
  }
  return { maker, votes };
}

/** nmap XML → maker per host (hosts seen only by a broadcast script are included). */
export function nmapVerdicts(xml: string, rules: MapRule[]): NmapVerdict[] {
  const { hosts, prescripts } = readNmapXml(xml);
  const compiled = compileRules(rules);
  const byLines = prescriptLinesByHost(prescripts);
  const seen = new Set<string>();
  const out: NmapVerdict[] = [];
  for (const h of hosts) {
    seen.add(h.ip);
    const v = verdictFor([...h.strings, ...(byLines.get(h.ip) ?? [])], compiled);
    out.push({ ip: h.ip, mac: h.mac, ...v });
  }
  for (const [ip, lines] of byLines) {
    if (!seen.has(ip)) out.push({ ip, mac: null, ...verdictFor(lines, compiled) });
  }
  return out;
}
