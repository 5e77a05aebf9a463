// Certificate → `tls` evidence. Accepts a PEM or DER certificate, a node `PeerCertificate`-like
// object (its `raw` DER is used), or a DN string such as `CN=x,OU=y,O=z` (what scan databases record).
import { X509Certificate, createHash } from 'node:crypto';
import type { Fields, ParsedEvidence } from '../core/observation.js';
import { parseFailure } from './failure.js';
import { failureNote } from '../core/failure.js';

const INPUT_MAX = 64 * 1024;
const CURVE_BITS: Record<string, number> = { prime256v1: 256, 'P-256': 256, secp384r1: 384, 'P-384': 384, secp521r1: 521, 'P-521': 521, secp256k1: 256 };

/** Splits a DN on unescaped `,` (or `\n` as node prints it); `+` multi-valued RDNs stay together. */
function rdns(dn: string, sep: RegExp): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of dn.split(sep)) {
    for (const av of part.split(/(?<!\\)\+(?=[A-Za-z0-9.]+=)/)) {
      const eq = av.indexOf('=');
      if (eq <= 0) continue;
      out.push([av.slice(0, eq).trim(), av.slice(eq + 1).trim()]);
    }
  }
  return out.slice(0, 64);
}

function dnFields(prefix: 'subject' | 'issuer', parts: Array<[string, string]>, display: string): Fields {
  const f: Fields = { [prefix]: display };
  for (const key of ['CN', 'O', 'OU', 'C', 'L', 'ST']) {
    const v = parts.filter(([k]) => k.toUpperCase() === key).map(([, v]) => v);
    if (v.length) f[`${prefix}.${key}`] = v.join('+');
  }
  return f;
}

/** Node prints DNs one attribute per line in certificate (ASN.1) order; rules use the CN-first form. */
function nodeDn(prefix: 'subject' | 'issuer', dn: string): Fields {
  const parts = rdns(dn, /\n/).reverse();
  return dnFields(prefix, parts, parts.map(([k, v]) => `${k}=${v}`).join(','));
}

export function fromCertificate(der: Buffer): ParsedEvidence[] {
  const x = new X509Certificate(der);
  const f: Fields = { ...nodeDn('subject', x.subject), ...nodeDn('issuer', x.issuer) };
  if (x.subjectAltName) {
    f.san = x.subjectAltName
      .split(/,\s*/)
      .map((s) => s.replace(/^(DNS|IP Address|email|URI):/, '').trim())
      .filter(Boolean)
      .slice(0, 100);
  }
  const iso = (s: string): string => {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? s : d.toISOString();
  };
  f.validFrom = iso(x.validFrom);
  f.validTo = iso(x.validTo);
  f.serial = x.serialNumber.toLowerCase();
  const notes: string[] = [];
  try {
    const key = x.publicKey;
    f.keyType = key.asymmetricKeyType ?? 'unknown';
    const d = key.asymmetricKeyDetails ?? {};
    if (d.modulusLength) f.keyBits = d.modulusLength;
    else if (d.namedCurve && CURVE_BITS[d.namedCurve]) f.keyBits = CURVE_BITS[d.namedCurve];
    else if (key.asymmetricKeyType === 'ed25519') f.keyBits = 256;
    if (d.namedCurve) f.keyCurve = d.namedCurve;
  } catch (e) {
    f.keyType = 'unknown';
    notes.push(failureNote('tls: public key not readable', e));
  }
  let selfSigned = false;
  try {
    selfSigned = x.checkIssued(x) && x.verify(x.publicKey);
  } catch (e) {
    selfSigned = false;
    notes.push(failureNote('tls: self-signature not checkable', e));
  }
  f.selfSigned = selfSigned;
  f.sha256 = createHash('sha256').update(x.raw).digest('hex');
  return [{ kind: 'tls', fields: f, ...(notes.length ? { notes } : {}) }];
}

/** OpenSSL / nmap long attribute names → the short ones rules read. */
const LONG_NAMES: Record<string, string> = {
  commonname: 'CN',
  organizationname: 'O',
  organizationalunitname: 'OU',
  countryname: 'C',
  localityname: 'L',
  stateorprovincename: 'ST',
  emailaddress: 'emailAddress',
  streetaddress: 'street',
  domaincomponent: 'DC',
  serialnumber: 'serialNumber',
};
const ATTR = '[A-Za-z][A-Za-z0-9.]*\\s*=';

/**
 * A DN in any of the forms tools print, as (key, value) pairs in CN-first order:
 * RFC 4514 `CN=x,OU=y,O=z` (scan databases, Recog), OpenSSL 1.1+ `C = CN, ST = x, O = y, CN = z`,
 * OpenSSL 1.0 oneline `/C=CN/ST=x/O=y/CN=z`, curl `C=CN; ST=x; O=y; CN=z`, nmap
 * `commonName=z/organizationName=y/countryName=CN`. Lists printed country-first are reversed.
 */
export function parseDn(text: string): Array<[string, string]> | null {
  const t = text.trim();
  if (!new RegExp(`^/?${ATTR}`).test(t) || t.length > 4096) return null;
  let parts: Array<[string, string]>;
  if (t.startsWith('/') || (/^[A-Za-z]{3,}=[^/]*\/[A-Za-z]+=/.test(t) && !/,\s*[A-Za-z][A-Za-z0-9.]*\s*=/.test(t))) {
    parts = rdns(t.replace(/^\//, ''), new RegExp(`/(?=${ATTR})`));
  } else if (new RegExp(`;\\s*${ATTR}`).test(t) && !new RegExp(`(?<!\\\\),\\s*${ATTR}`).test(t)) {
    parts = rdns(t, new RegExp(`;\\s*(?=${ATTR})`));
  } else {
    parts = rdns(t, new RegExp(`(?<!\\\\),\\s*(?=${ATTR})|;\\s*(?=${ATTR})`));
  }
  parts = parts.map(([k, v]) => [LONG_NAMES[k.toLowerCase()] ?? k, v.replace(/^"(.*)"$/, '$1')]);
  if (!parts.length) return null;
  const first = parts[0]![0].toUpperCase();
  const last = parts[parts.length - 1]![0].toUpperCase();
  if ((first === 'C' || first === 'DC') && last !== 'C' && last !== 'DC') parts.reverse();
  return parts;
}

const dnDisplay = (parts: Array<[string, string]>): string => parts.map(([k, v]) => `${k}=${v}`).join(',');

/** A DN string as scan databases record it (`CN=..,OU=..,O=..`, or any form parseDn reads): subject fields. */
export function fromDnString(dn: string, which: 'subject' | 'issuer' = 'subject'): ParsedEvidence[] {
  const parts = parseDn(dn);
  if (!parts) return [];
  const text = dn.trim();
  // Scan-database strings are kept exactly as given; other forms are shown in the CN-first comma form.
  const display = /^[A-Za-z][A-Za-z0-9.]*=/.test(text) && !/\s=\s|;\s|^\/|\/[A-Za-z]+=/.test(text) ? text : dnDisplay(parts);
  return [{ kind: 'tls', fields: dnFields(which, parts, display), notes: ['distinguished name only, no certificate'] }];
}

/**
 * Text renderings of a certificate: `openssl x509 -text` (Issuer:/Subject:/Validity/Serial/Public-Key/SAN),
 * `openssl x509 -subject -issuer` and s_client lines (`subject=…`, `issuer=…`, ` 0 s:… i:…`), curl's
 * `subject:`/`issuer:` notes, nmap ssl-cert (`Subject: commonName=…`).
 */
export function fromCertificateText(input: string): ParsedEvidence[] {
  const text = input.length > INPUT_MAX ? input.slice(0, INPUT_MAX) : input;
  const grab = (re: RegExp): string | undefined => re.exec(text)?.[1]?.trim();
  const subj = grab(/^[\s|*_]*(?:ssl-cert:\s*)?(?:Subject|subject)\s*[:=]\s*(.+)$/m) ?? grab(/^\s*\d+\s+s:(.+)$/m);
  const iss = grab(/^[\s|*_]*(?:Issuer|issuer)\s*[:=]\s*(.+)$/m) ?? grab(/^\s*i:(.+)$/m);
  const sp = subj ? parseDn(subj) : null;
  const ip = iss ? parseDn(iss) : null;
  if (!sp && !ip) return [];
  const f: Fields = {};
  if (sp) Object.assign(f, dnFields('subject', sp, dnDisplay(sp)));
  if (ip) Object.assign(f, dnFields('issuer', ip, dnDisplay(ip)));
  const serial = grab(/Serial Number:\s*([0-9a-f:]{2,}|\d+[^\n]*)$/im) ?? grab(/Serial Number:\s*\n\s*([0-9a-f:]+)\s*$/im);
  if (serial) f.serial = serial.replace(/\s*\(0x([0-9a-f]+)\)$/i, '').replace(/:/g, '').toLowerCase();
  const iso = (s: string | undefined): string | undefined => {
    if (!s) return undefined;
    const d = new Date(s.replace(/\s+/g, ' '));
    return Number.isNaN(d.getTime()) ? s : d.toISOString();
  };
  const from = iso(grab(/Not Before\s*:\s*(.+)$/m) ?? grab(/start date:\s*(.+)$/m) ?? grab(/Not valid before:\s*(.+)$/m));
  const to = iso(grab(/Not After\s*:\s*(.+)$/m) ?? grab(/expire date:\s*(.+)$/m) ?? grab(/Not valid after:\s*(.+)$/m));
  if (from) f.validFrom = from;
  if (to) f.validTo = to;
  const bits = grab(/Public[- ]Key:\s*\((\d+) bit\)/i) ?? grab(/Public Key bits:\s*(\d+)/i);
  if (bits) f.keyBits = Number(bits);
  const alg = grab(/Public Key Algorithm:\s*(\S+)/) ?? grab(/Public Key type:\s*(\S+)/);
  if (alg) f.keyType = /rsa/i.test(alg) ? 'rsa' : /ec/i.test(alg) ? 'ec' : alg.toLowerCase();
  const san = grab(/Subject Alternative Name:\s*\n?\s*(.+)$/m) ?? grab(/subjectAltName:\s*(.+)$/m);
  if (san && /(?:DNS|IP Address|IP):/.test(san)) f.san = san.split(/,\s*/).map((x) => x.replace(/^(?:DNS|IP Address|IP|email|URI):/, '').trim()).filter(Boolean).slice(0, 100);
  if (sp && ip) f.selfSigned = dnDisplay(sp) === dnDisplay(ip);
  return [{ kind: 'tls', fields: f, notes: ['certificate text rendering, not the certificate itself'] }];
}

/** A node `tls.PeerCertificate`-like object. Uses its DER when present, else its parsed names. */
export function fromPeerCertificate(pc: unknown): ParsedEvidence[] {
  try {
    if (!pc || typeof pc !== 'object') return [];
    const o = pc as Record<string, unknown>;
    if (Buffer.isBuffer(o.raw) && o.raw.length) return fromCertificate(o.raw);
    const names = (v: unknown): Array<[string, string]> =>
      v && typeof v === 'object' ? Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, Array.isArray(x) ? x.join('+') : String(x)]) : [];
    const subj = names(o.subject).reverse();
    const iss = names(o.issuer).reverse();
    if (!subj.length && !iss.length) return [];
    const f: Fields = {
      ...dnFields('subject', subj, subj.map(([k, v]) => `${k}=${v}`).join(',')),
      ...dnFields('issuer', iss, iss.map(([k, v]) => `${k}=${v}`).join(',')),
    };
    if (typeof o.subjectaltname === 'string') f.san = o.subjectaltname.split(/,\s*/).map((s) => s.replace(/^[^:]+:/, '')).slice(0, 100);
    if (typeof o.valid_from === 'string') f.validFrom = o.valid_from;
    if (typeof o.valid_to === 'string') f.validTo = o.valid_to;
    if (typeof o.serialNumber === 'string') f.serial = o.serialNumber.toLowerCase();
    if (typeof o.bits === 'number') f.keyBits = o.bits;
    if (typeof o.fingerprint256 === 'string') f.sha256 = o.fingerprint256.replace(/:/g, '').toLowerCase();
    return [{ kind: 'tls', fields: f }];
  } catch (e) {
    return [parseFailure('tls/peer-certificate', pc, e)];
  }
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  if (input.length > INPUT_MAX) return [];
  const asText = typeof input === 'string' ? input : input.toString('latin1');
  const pem = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/.exec(asText)?.[0];
  if (pem) {
    try {
      return fromCertificate(Buffer.from(pem));
    } catch (e) {
      return [parseFailure('tls', pem, e)];
    }
  }
  if (Buffer.isBuffer(input) && input[0] === 0x30) {
    try {
      return fromCertificate(input);
    } catch (e) {
      return [parseFailure('tls', input, e)];
    }
  }
  const text = (typeof input === 'string' ? input : input.toString('utf8')).trim();
  // Labelled lines (`subject=…`, `Issuer: …`, s_client's ` 0 s:…`) before a bare DN: "subject=C = CN" is not a DN.
  if (/^[\s|*_]*(?:ssl-cert:\s*)?(?:subject|issuer)\s*[:=]/im.test(text) || /^\s*\d+\s+s:/m.test(text)) {
    const labelled = fromCertificateText(text);
    if (labelled.length) return labelled;
  }
  return fromDnString(text);
}
