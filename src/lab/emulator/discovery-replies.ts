// Pure builders: UDP discovery probe (bytes) → the device's reply datagram(s), or [] when the datagram is
// not a probe this device answers. Stored texts are sent as written after placeholder substitution; binary
// headers are built per ../shared/reference/protocols.md §6.
import type { Profile } from '../profile.js';
import { fill, freshMessageId, type Vars } from './wire.js';

const PROBE_TEXT_MAX = 64 * 1024;

/** WS-Discovery: a Probe (not ProbeMatches/Hello/Bye) gets the stored ProbeMatches. */
export function wsdReply(spec: NonNullable<Profile['wsDiscovery']>, probe: Buffer, vars: Vars): Buffer[] {
  const xml = probe.subarray(0, PROBE_TEXT_MAX).toString('utf8');
  if (!/<(?:[\w-]+:)?Probe[\s>/]/.test(xml)) return [];
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
