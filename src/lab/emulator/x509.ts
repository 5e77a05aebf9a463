// Minimal X.509 v3 certificate writer (DER), so the lab makes certificates with the captured names in about a
// millisecond each with Node's crypto alone (no openssl process per device). Only what device certificates
// need: RSA keys, sha256WithRSAEncryption, Name attributes, validity, subjectAltName, basicConstraints.
import { randomBytes, sign, type KeyObject } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

function len(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}
const tlv = (tag: number, body: Buffer): Buffer => Buffer.concat([Buffer.from([tag]), len(body.length), body]);
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const nullDer = Buffer.from([0x05, 0x00]);

function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map(Number);
  const out = [40 * parts[0] + parts[1]];
  for (const p of parts.slice(2)) {
    const b = [p & 0x7f];
    for (let v = Math.floor(p / 128); v > 0; v = Math.floor(v / 128)) b.unshift(0x80 | (v & 0x7f));
    out.push(...b);
  }
  return tlv(0x06, Buffer.from(out));
}

function integer(b: Buffer): Buffer {
  let v = b;
  while (v.length > 1 && v[0] === 0 && v[1] < 0x80) v = v.subarray(1);
  if (v[0] >= 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return tlv(0x02, v);
}

/** Attribute types by the short names DNs use. */
const ATTRS: Record<string, string> = {
  CN: '2.5.4.3',
  SN: '2.5.4.4',
  SERIALNUMBER: '2.5.4.5',
  C: '2.5.4.6',
  L: '2.5.4.7',
  ST: '2.5.4.8',
  S: '2.5.4.8',
  STREET: '2.5.4.9',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  TITLE: '2.5.4.12',
  GN: '2.5.4.42',
  EMAILADDRESS: '1.2.840.113549.1.9.1',
  E: '1.2.840.113549.1.9.1',
  UID: '0.9.2342.19200300.100.1.1',
  DC: '0.9.2342.19200300.100.1.25',
};

function attributeTypeAndValue([k, v]: [string, string]): Buffer {
  const key = k.toUpperCase();
  const type = ATTRS[key] ?? (/^\d+(\.\d+)+$/.test(k) ? k : undefined);
  if (!type) throw new Error(`unknown DN attribute "${k}"`);
  const printable = (key === 'C' || key === 'SERIALNUMBER') && /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(v);
  const tag = printable ? 0x13 : key === 'EMAILADDRESS' || key === 'E' || key === 'DC' ? 0x16 : 0x0c;
  return seq(oid(type), tlv(tag, Buffer.from(v, 'utf8')));
}

/** One RDN: a single [type, value] pair, or a multi-valued RDN (several pairs in one SET, e.g. OU=a+OU=b). */
export type NameEntry = [string, string] | Array<[string, string]>;

/**
 * Name from RDNs in certificate (ASN.1) order. C/serialNumber as PrintableString, e-mail as IA5, else UTF8.
 * A multi-valued RDN keeps its attributes in the order given (callers pass the order the device used).
 */
export function encodeName(rdns: NameEntry[]): Buffer {
  return seq(
    ...rdns.map((rdn) =>
      typeof rdn[0] === 'string' ? set(attributeTypeAndValue(rdn as [string, string])) : set(...(rdn as Array<[string, string]>).map(attributeTypeAndValue)),
    ),
  );
}

function time(d: Date): Buffer {
  const p = (n: number): string => String(n).padStart(2, '0');
  const y = d.getUTCFullYear();
  const rest = `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
  return y < 2050 ? tlv(0x17, Buffer.from(`${String(y).slice(2)}${rest}`)) : tlv(0x18, Buffer.from(`${y}${rest}`));
}

function ipBytes(ip: string): Buffer {
  if (isIPv4(ip)) return Buffer.from(ip.split('.').map(Number));
  if (isIPv6(ip)) {
    const [head, tail = ''] = ip.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const groups = ip.includes('::') ? [...h, ...Array(8 - h.length - t.length).fill('0'), ...t] : h;
    return Buffer.concat(groups.map((g) => Buffer.from(g.padStart(4, '0'), 'hex')));
  }
  throw new Error(`bad IP in subjectAltName: ${ip}`);
}

/** `DNS:name`, `IP:addr`, `email:x`, `URI:x` → GeneralNames. */
function subjectAltName(entries: string[]): Buffer {
  return seq(
    ...entries.map((e) => {
      const i = e.indexOf(':');
      const kind = e.slice(0, i).toUpperCase();
      const v = e.slice(i + 1).trim();
      if (kind === 'DNS') return tlv(0x82, Buffer.from(v, 'ascii'));
      if (kind === 'IP') return tlv(0x87, ipBytes(v));
      if (kind === 'EMAIL') return tlv(0x81, Buffer.from(v, 'ascii'));
      if (kind === 'URI') return tlv(0x86, Buffer.from(v, 'ascii'));
      throw new Error(`subjectAltName entry "${e}" must start with DNS:, IP:, email: or URI:`);
    }),
  );
}

export interface CertificateSpec {
  /** RDNs in certificate (ASN.1) order; an entry that is a list of pairs is one multi-valued RDN. */
  subject: NameEntry[];
  issuer: NameEntry[];
  /** Key whose public half goes in the certificate. */
  publicKey: KeyObject;
  /** Key that signs (the issuer's). */
  signingKey: KeyObject;
  san?: string[];
  /** basicConstraints: true = CA, false = end entity, undefined = no extension. */
  ca?: boolean;
  validDays: number;
  notBefore?: Date;
}

/** DER certificate signed with sha256WithRSAEncryption. */
export function createCertificate(spec: CertificateSpec): Buffer {
  const alg = seq(oid('1.2.840.113549.1.1.11'), nullDer);
  const from = spec.notBefore ?? new Date(Date.now() - 86_400_000);
  const to = new Date(from.getTime() + spec.validDays * 86_400_000);
  const serial = randomBytes(12);
  serial[0] &= 0x7f;
  const exts: Buffer[] = [];
  if (spec.ca !== undefined) {
    exts.push(seq(oid('2.5.29.19'), tlv(0x01, Buffer.from([0xff])), tlv(0x04, spec.ca ? seq(tlv(0x01, Buffer.from([0xff]))) : seq())));
  }
  if (spec.san?.length) exts.push(seq(oid('2.5.29.17'), tlv(0x04, subjectAltName(spec.san))));
  const tbs = seq(
    tlv(0xa0, integer(Buffer.from([2]))),
    integer(serial),
    alg,
    encodeName(spec.issuer),
    seq(time(from), time(to)),
    encodeName(spec.subject),
    spec.publicKey.export({ type: 'spki', format: 'der' }),
    ...(exts.length ? [tlv(0xa3, seq(...exts))] : []),
  );
  const signature = sign('sha256', tbs, spec.signingKey);
  return seq(tbs, alg, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
}

export function toPem(der: Buffer, label = 'CERTIFICATE'): string {
  const b64 = der.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
}
