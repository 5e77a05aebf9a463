// Pure builders: UDP discovery probe (bytes) → the device's reply datagram(s), or [] when the datagram is
// not a probe this device answers. Stored texts are sent as written after placeholder substitution; binary
// headers are built per ../shared/reference/protocols.md §6.
import type { Profile } from '../profile.js';
import { fill, freshMessageId, type Vars } from './wire.js';

const PROBE_TEXT_MAX = 64 * 1024;

/** `prefix → namespace` of every xmlns:prefix declaration in an XML text (bounded), plus the default under ''. */
export function namespaceDecls(xml: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const d of xml.slice(0, PROBE_TEXT_MAX).matchAll(/\sxmlns(?::([\w.-]{1,64}))?\s*=\s*["']([^"']{0,512})["']/g)) {
    if (!m.has(d[1] ?? '')) m.set(d[1] ?? '', d[2]!);
  }
  return m;
}

interface QName {
  ns?: string;
  local: string;
}

/** The QNames listed in the first `<…Types>` element, resolved against the document's declarations. */
export function typesIn(xml: string): QName[] | undefined {
  const m = /<((?:[\w-]+:)?)Types((?:\s[^>]*)?)>([^<]*)</.exec(xml.slice(0, PROBE_TEXT_MAX));
  if (!m) return undefined;
  const decls = namespaceDecls(xml);
  const own = namespaceDecls(`<x${m[2]}>`);
  return m[3]!
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 32)
    .map((q) => {
      const i = q.indexOf(':');
      const prefix = i > 0 ? q.slice(0, i) : '';
      const local = i > 0 ? q.slice(i + 1) : q;
      const ns = own.get(prefix) ?? decls.get(prefix);
      return ns ? { ns, local } : { local };
    });
}

function scopesIn(xml: string): string[] | undefined {
  const m = /<(?:[\w-]+:)?Scopes(?:\s[^>]*)?>([^<]*)</.exec(xml.slice(0, PROBE_TEXT_MAX));
  return m ? m[1]!.split(/\s+/).filter(Boolean).slice(0, 64) : undefined;
}

/**
 * WS-Discovery 2005/04 §5.1 matching, as a device applies it to a Probe: every QName the Probe lists must be
 * one of the device's Types (namespace and local name; a prefix the probe left undeclared is compared by local
 * name), and every Probe scope must prefix one of the device's scopes segment-wise (RFC 3986 rule). A Probe
 * listing neither matches every device. So `dn:NetworkVideoTransmitter` is answered and `pub:Computer` is not.
 */
export function probeMatches(probe: string, template: string): boolean {
  const want = typesIn(probe) ?? [];
  const have = typesIn(template) ?? [];
  for (const w of want) if (!have.some((h) => h.local === w.local && (!w.ns || !h.ns || h.ns === w.ns))) return false;
  const wantScopes = scopesIn(probe) ?? [];
  const haveScopes = scopesIn(template) ?? [];
  for (const s of wantScopes) {
    const base = s.replace(/\/+$/, '');
    if (!haveScopes.some((h) => h === s || h === base || h.startsWith(`${base}/`))) return false;
  }
  return true;
}

/** WS-Discovery: a Probe (not ProbeMatches/Hello/Bye) whose Types and Scopes match the device gets the stored ProbeMatches. */
export function wsdReply(spec: NonNullable<Profile['wsDiscovery']>, probe: Buffer, vars: Vars): Buffer[] {
  const xml = probe.subarray(0, PROBE_TEXT_MAX).toString('utf8');
  if (!/<(?:[\w-]+:)?Probe[\s>/]/.test(xml)) return [];
  if (!probeMatches(xml, spec.template)) return [];
  const rel = /<(?:[\w-]+:)?MessageID(?:\s[^>]*)?>\s*([^<\s]{1,200})\s*</.exec(xml)?.[1] ?? '';
  // The probe's MessageID is reflected: keep it to URI characters so a hostile prober cannot inject markup.
  const relatesTo = /^[A-Za-z0-9:._\-/]+$/.test(rel) ? rel : '';
  return [Buffer.from(fill(spec.template, { ...vars, relatesTo, messageId: freshMessageId() }), 'utf8')];
}

/** SSDP: an M-SEARCH gets every reply whose ST matches (all of them for ssdp:all). */
export function ssdpReplies(spec: NonNullable<Profile['ssdp']>, probe: Buffer, vars: Vars): Buffer[] {
  const text = probe.subarray(0, 8192).toString('latin1');
  if (!/^M-SEARCH \* HTTP\/1\.[01]\r?\n/i.test(text)) return [];
  const st = /^ST:[ \t]*(.*?)[ \t]*\r?$/im.exec(text)?.[1] ?? '';
  const chosen = st.toLowerCase() === 'ssdp:all' ? spec.replies : spec.replies.filter((r) => r.st.toLowerCase() === st.toLowerCase());
  return chosen.map((r) => {
    const e = r.lineEnding === 'lf' ? '\n' : '\r\n';
    return Buffer.from([fill(r.statusLine, vars), ...r.headers.map((h) => fill(h, vars))].join(e) + e + e, 'utf8');
  });
}

export const SSDP_GROUP = '239.255.255.250';

/**
 * The ssdp:alive NOTIFY datagrams of a device: the stored ones, else one per reply derived from it (start line
 * `NOTIFY * HTTP/1.1`, `HOST: 239.255.255.250:1900` first, then the reply's header lines in their order and case
 * with its search target line renamed to NT, `NTS: ssdp:alive` after NT; the reply's own HOST-less framing and
 * line ending kept). UPnP Device Architecture 1.0 §1.1.2 lists the same headers for both messages.
 */
export function ssdpNotifies(spec: NonNullable<Profile['ssdp']>, vars: Vars): Buffer[] {
  const render = (lines: string[], lf: boolean): Buffer => {
    const e = lf ? '\n' : '\r\n';
    return Buffer.from(['NOTIFY * HTTP/1.1', ...lines.map((h) => fill(h, vars))].join(e) + e + e, 'utf8');
  };
  if (spec.notify?.length) return spec.notify.map((n) => render(n.headers, n.lineEnding === 'lf'));
  return spec.replies.map((r) => {
    const lines: string[] = [];
    let hostCase = 'HOST';
    for (const h of r.headers) {
      const m = /^([^:]+):(.*)$/.exec(h);
      const name = m?.[1]?.trim() ?? '';
      if (/^st$/i.test(name)) {
        const nt = name === 'st' ? 'nt' : name === 'St' ? 'Nt' : 'NT';
        const nts = name === 'st' ? 'nts' : name === 'St' ? 'Nts' : 'NTS';
        lines.push(`${nt}:${m![2]}`, `${nts}: ssdp:alive`);
      } else if (!/^(ext|date)$/i.test(name)) {
        lines.push(h);
      }
      if (/^[a-z]/.test(name)) hostCase = 'host';
    }
    return render([`${hostCase}: 239.255.255.250:1900`, ...lines], r.lineEnding === 'lf');
  });
}

/** Hikvision SADP: `<Probe><Uuid>…</Uuid><Types>inquiry…</Types></Probe>` gets the ProbeMatch with that Uuid. */
export function sadpReply(spec: NonNullable<Profile['sadp']>, probe: Buffer, vars: Vars): Buffer[] {
  const xml = probe.subarray(0, 8192).toString('utf8');
  if (!/<Probe>/.test(xml) || !/<Types>\s*inquiry/i.test(xml)) return [];
  const uuid = /<Uuid>\s*([0-9A-Za-z-]{1,64})\s*<\/Uuid>/.exec(xml)?.[1] ?? '';
  return [Buffer.from(fill(spec.template, { ...vars, uuid }), 'utf8')];
}

/** The 32-byte DHIP header of protocols.md §6.3 for a body of `len` bytes. */
export function dhipHeader(len: number): Buffer {
  const h = Buffer.alloc(32);
  h.writeUInt32LE(0x20, 0);
  h.write('DHIP', 4, 'latin1');
  h.writeUInt32LE(len, 16);
  h.writeUInt32LE(len, 24);
  return h;
}

/** Dahua DHIP (UDP 37810): a DHIP-framed `DHDiscover.search` gets header + stored JSON. */
export function dhipReply(spec: NonNullable<Profile['dhip']>, probe: Buffer, vars: Vars): Buffer[] {
  if (probe.length < 32 || probe.toString('latin1', 4, 8) !== 'DHIP') return [];
  if (!probe.subarray(32, 32 + 4096).toString('utf8').includes('DHDiscover.search')) return [];
  const body = Buffer.from(fill(spec.json, vars), 'utf8');
  return [Buffer.concat([dhipHeader(body.length), body])];
}

/** Dahua DVRIP-5050: the 0xa3 discovery request gets the stored reply bytes. */
export function dvripReply(spec: NonNullable<Profile['dvrip']>, probe: Buffer): Buffer[] {
  if (probe.length < 32 || probe[0] !== 0xa3) return [];
  return [Buffer.from(spec.hex.replace(/\s+/g, ''), 'hex')];
}

export const XM_SEARCH = 1530;
export const XM_SEARCH_REPLY = 1531;

/**
 * Xiongmai 20-byte header (python-dvr `struct "BBHIIHHI"`, little-endian): head 0xff, version, reserved,
 * session, sequence, total/cur packet, message id, data length.
 */
export function xmHeader(messageId: number, len: number): Buffer {
  const h = Buffer.alloc(20);
  h[0] = 0xff;
  h.writeUInt16LE(messageId, 14);
  h.writeUInt32LE(len, 16);
  return h;
}

/** Xiongmai (UDP 34569): a message-1530 search gets message 1531 with the stored JSON + "\n\0" (XM framing). */
export function xiongmaiReply(spec: NonNullable<Profile['xiongmai']>, probe: Buffer, vars: Vars): Buffer[] {
  if (probe.length < 20 || probe[0] !== 0xff || probe.readUInt16LE(14) !== XM_SEARCH) return [];
  const body = Buffer.concat([Buffer.from(fill(spec.json, vars), 'utf8'), Buffer.from([0x0a, 0x00])]);
  return [Buffer.concat([xmHeader(XM_SEARCH_REPLY, body.length), body])];
}
