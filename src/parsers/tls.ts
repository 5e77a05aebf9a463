// Certificate → `tls` evidence. Accepts a PEM or DER certificate, a node `PeerCertificate`-like
// object (its `raw` DER is used), or a DN string such as `CN=x,OU=y,O=z` (what scan databases record).
import { X509Certificate, createHash } from 'node:crypto';
import type { Fields, ParsedEvidence } from '../core/observation.js';

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
  try {
    const key = x.publicKey;
    f.keyType = key.asymmetricKeyType ?? 'unknown';
    const d = key.asymmetricKeyDetails ?? {};
    if (d.modulusLength) f.keyBits = d.modulusLength;
    else if (d.namedCurve && CURVE_BITS[d.namedCurve]) f.keyBits = CURVE_BITS[d.namedCurve];
    else if (key.asymmetricKeyType === 'ed25519') f.keyBits = 256;
    if (d.namedCurve) f.keyCurve = d.namedCurve;
  } catch {
    f.keyType = 'unknown';
  }
  let selfSigned = false;
  try {
    selfSigned = x.checkIssued(x) && x.verify(x.publicKey);
  } catch {
    selfSigned = false;
  }
  f.selfSigned = selfSigned;
  f.sha256 = createHash('sha256').update(x.raw).digest('hex');
  return [{ kind: 'tls', fields: f }];
}

/** A DN string as scan databases record it (`CN=..,OU=..,O=..`): only subject fields are known. */
export function fromDnString(dn: string): ParsedEvidence[] {
  const text = dn.trim();
  if (!/^[A-Za-z][A-Za-z0-9.]*=/.test(text) || text.length > 4096) return [];
  const parts = rdns(text, /(?<!\\),(?=\s*[A-Za-z][A-Za-z0-9.]*=)|;\s*(?=[A-Za-z][A-Za-z0-9.]*=)/);
  if (!parts.length) return [];
  return [{ kind: 'tls', fields: dnFields('subject', parts, text), notes: ['distinguished name only, no certificate'] }];
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
  } catch {
    return [];
  }
}

export function parse(input: Buffer | string): ParsedEvidence[] {
  try {
    if (input.length > INPUT_MAX) return [];
    const text = typeof input === 'string' ? input : input.subarray(0, 64).toString('latin1');
    if (/-----BEGIN CERTIFICATE-----/.test(typeof input === 'string' ? input : input.toString('latin1'))) {
      return fromCertificate(Buffer.from(typeof input === 'string' ? input : input.toString('latin1')));
    }
    if (Buffer.isBuffer(input) && input[0] === 0x30) {
      try {
        return fromCertificate(input);
      } catch {
        return [];
      }
    }
    return fromDnString(typeof input === 'string' ? input : input.toString('utf8')) ?? (text ? [] : []);
  } catch {
    return [];
  }
}
