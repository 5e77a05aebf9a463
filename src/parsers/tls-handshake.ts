// The clear-text start of a TLS connection, one direction's bytes: the ClientHello's server name (SNI, RFC 6066 §3)
// and, in TLS 1.2 and earlier, the server's Certificate message (RFC 5246 §7.4.2: the leaf certificate first).
// TLS 1.3 encrypts the certificate; a ServerHello that selects 1.3 (supported_versions, RFC 8446 §4.2.1) is said so.
// Handshake messages are reassembled across records; bounded by the bytes given (the caller's reassembly cap).
// Never throws; returns what it could read.
const CONTENT_HANDSHAKE = 22;
const HS_CLIENT_HELLO = 1;
const HS_SERVER_HELLO = 2;
const HS_CERTIFICATE = 11;
const CERTS_MAX = 8;
const SNI_MAX = 255;

export interface TlsStart {
  /** The first bytes are TLS records. */
  tls: boolean;
  clientHello: boolean;
  serverHello: boolean;
  sni?: string;
  /** Protocol version the ServerHello selected: "TLSv1.2", "TLSv1.3" … */
  version?: string;
  /** DER certificates of the Certificate message, leaf first (TLS ≤ 1.2 only). */
  certificates: Buffer[];
  notes: string[];
}

const VERSIONS: Record<number, string> = { 0x0300: 'SSLv3', 0x0301: 'TLSv1.0', 0x0302: 'TLSv1.1', 0x0303: 'TLSv1.2', 0x0304: 'TLSv1.3' };

/** True when `b` starts like a TLS handshake record (content type 22, version 3.x). */
export function looksLikeTls(b: Buffer): boolean {
  return b.length >= 3 && b[0] === CONTENT_HANDSHAKE && b[1] === 3 && b[2]! <= 4;
}

/** The handshake bytes carried by the leading handshake records (stops at the first record of another type). */
function handshakeBytes(b: Buffer, notes: string[]): Buffer {
  const parts: Buffer[] = [];
  let o = 0;
  while (o + 5 <= b.length) {
    const type = b[o]!;
    const len = b.readUInt16BE(o + 3);
    if (type !== CONTENT_HANDSHAKE) break;
    const end = o + 5 + len;
    if (end > b.length) {
      parts.push(b.subarray(o + 5));
      notes.push('tls handshake cut by the reassembly cap');
      break;
    }
    parts.push(b.subarray(o + 5, end));
    o = end;
  }
  return parts.length === 1 ? parts[0]! : Buffer.concat(parts);
}

function clientHello(m: Buffer, out: TlsStart): void {
  // version(2) random(32) session id(1+n) cipher suites(2+n) compression(1+n) extensions(2+n)
  let o = 34;
  if (o + 1 > m.length) return;
  o += 1 + m[o]!;
  if (o + 2 > m.length) return;
  o += 2 + m.readUInt16BE(o);
  if (o + 1 > m.length) return;
  o += 1 + m[o]!;
  if (o + 2 > m.length) return;
  const extEnd = Math.min(m.length, o + 2 + m.readUInt16BE(o));
  o += 2;
  while (o + 4 <= extEnd) {
    const type = m.readUInt16BE(o);
    const len = m.readUInt16BE(o + 2);
    const v = o + 4;
    if (v + len > extEnd) return;
    if (type === 0 && len >= 5) {
      // server_name_list(2) name_type(1) host_name(2+n)
      const nameType = m[v + 2]!;
      const nlen = m.readUInt16BE(v + 3);
      if (nameType === 0 && v + 5 + nlen <= v + len) {
        // eslint-disable-next-line no-control-regex
        out.sni = m.toString('latin1', v + 5, v + 5 + Math.min(nlen, SNI_MAX)).replace(/[\x00-\x1f\x7f-\xff]/g, '').toLowerCase();
      }
      return;
    }
    o = v + len;
  }
}

function serverHello(m: Buffer, out: TlsStart): void {
  if (m.length < 2) return;
  let version = m.readUInt16BE(0);
  let o = 34;
  if (o + 1 > m.length) return;
  o += 1 + m[o]!; // session id
  o += 3; // cipher suite, compression
  if (o + 2 <= m.length) {
    const extEnd = Math.min(m.length, o + 2 + m.readUInt16BE(o));
    o += 2;
    while (o + 4 <= extEnd) {
      const type = m.readUInt16BE(o);
      const len = m.readUInt16BE(o + 2);
      // supported_versions in a ServerHello: the selected version (2 bytes).
      if (type === 43 && len === 2 && o + 6 <= extEnd) version = m.readUInt16BE(o + 4);
      o += 4 + len;
    }
  }
  out.version = VERSIONS[version] ?? `0x${version.toString(16)}`;
}

function certificate(m: Buffer, out: TlsStart): void {
  if (m.length < 3) return;
  const total = m.readUIntBE(0, 3);
  const end = Math.min(m.length, 3 + total);
  let o = 3;
  while (o + 3 <= end && out.certificates.length < CERTS_MAX) {
    const len = m.readUIntBE(o, 3);
    if (o + 3 + len > end) {
      out.notes.push('tls certificate cut by the reassembly cap');
      return;
    }
    out.certificates.push(m.subarray(o + 3, o + 3 + len));
    o += 3 + len;
  }
}

/** Reads the handshake messages at the start of one direction of a TLS connection. */
export function readTlsStart(b: Buffer): TlsStart {
  const out: TlsStart = { tls: looksLikeTls(b), clientHello: false, serverHello: false, certificates: [], notes: [] };
  if (!out.tls) return out;
  const hs = handshakeBytes(b, out.notes);
  let o = 0;
  for (let n = 0; n < 16 && o + 4 <= hs.length; n++) {
    const type = hs[o]!;
    const len = hs.readUIntBE(o + 1, 3);
    const body = hs.subarray(o + 4, Math.min(hs.length, o + 4 + len));
    if (type === HS_CLIENT_HELLO) {
      out.clientHello = true;
      clientHello(body, out);
    } else if (type === HS_SERVER_HELLO) {
      out.serverHello = true;
      serverHello(body, out);
      if (out.version === 'TLSv1.3') break; // everything after is encrypted
    } else if (type === HS_CERTIFICATE) {
      certificate(body, out);
    }
    if (o + 4 + len > hs.length) break;
    o += 4 + len;
  }
  return out;
}
