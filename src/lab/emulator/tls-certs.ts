// Certificates with the captured subject/issuer, made at lab start with Node's crypto (x509.ts). One RSA key
// per size is shared by all devices of a lab and kept in <stateDir>/emulator-certs so a restart reuses it;
// certificates themselves take about a millisecond each and are made fresh.
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCertificate, toPem } from './x509.js';

export interface CertRequest {
  /** RFC 4514 order as scan databases print it: `CN=..,OU=..,O=..,C=..` (literal commas escaped `\,`). */
  subject: string;
  issuer?: string;
  san?: string[];
  keyBits?: number;
  validDays?: number;
}

export interface CertPair {
  cert: string;
  key: string;
}

/** One attribute `[type, value]`, or a multi-valued RDN: several attributes in one RDN (`OU=a+OU=b`). */
export type DnEntry = [string, string] | Array<[string, string]>;

/** Split on unescaped `,`, or on unescaped `+` that starts another `type=` (a bare `+` inside a value stays). */
function splitUnescaped(s: string, sep: ',' | '+'): string[] {
  return s.split(sep === ',' ? /(?<!\\),/ : /(?<!\\)\+(?=\s*(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)+)\s*=)/);
}

function attribute(part: string, dn: string): [string, string] {
  const eq = part.indexOf('=');
  if (eq <= 0) throw new Error(`bad DN component "${part}" in "${dn}"`);
  return [part.slice(0, eq).trim(), part.slice(eq + 1).trim().replace(/\\(.)/g, '$1')];
}

/**
 * RDNs in the order written: `CN=a,OU=x+OU=y,O=b\,c` → [['CN','a'], [['OU','x'],['OU','y']], ['O','b,c']].
 * An unescaped `+` before `type=` joins attributes into one multi-valued RDN (RFC 4514 §2.2); `\,` and `\+` are literal.
 */
export function splitDnRdns(dn: string): DnEntry[] {
  return splitUnescaped(dn, ',').map((rdn) => {
    const avas = splitUnescaped(rdn, '+').map((part) => attribute(part, dn));
    return avas.length === 1 ? avas[0] : avas;
  });
}

/** `CN=a,O=b\,c,C=d` → [['CN','a'],['O','b,c'],['C','d']]; multi-valued RDNs are flattened in written order. */
export function splitDn(dn: string): Array<[string, string]> {
  return splitDnRdns(dn).flatMap((e) => (typeof e[0] === 'string' ? [e as [string, string]] : (e as Array<[string, string]>)));
}

/**
 * Certificate (ASN.1) order: RFC 4514 prints RDNs last-first, so `CN=x,C=CN` is stored C first. A multi-valued
 * RDN is stored as one RDN (one SET) with its attributes reversed too, because RFC 2253 printers (OpenSSL
 * `-nameopt RFC2253`, scan databases) print them last-first as well: the captured Jetdirect subject
 * `OU=2C413883186A+OU=J8028E` comes back exactly, and that reversed order is also the DER SET order here.
 */
export function dnToCertOrder(dn: string): DnEntry[] {
  return splitDnRdns(dn)
    .reverse()
    .map((e) => (typeof e[0] === 'string' ? e : [...(e as Array<[string, string]>)].reverse()));
}

const keys = new Map<string, Promise<KeyObject>>();

function rsaKey(stateDir: string, bits: number): Promise<KeyObject> {
  const dir = path.join(stateDir, 'emulator-certs');
  const file = path.join(dir, `key-rsa${bits}.pem`);
  const id = `${file}`;
  let p = keys.get(id);
  if (!p) {
    p = (async () => {
      if (existsSync(file)) return createPrivateKey(readFileSync(file));
      const key = await new Promise<KeyObject>((resolve, reject) =>
        generateKeyPair('rsa', { modulusLength: bits }, (e, _pub, priv) => (e ? reject(e) : resolve(priv))),
      );
      mkdirSync(dir, { recursive: true });
      writeFileSync(file, key.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      return key;
    })();
    keys.set(id, p);
  }
  return p;
}

/** Certificate + key for one TLS spec (placeholders already filled). Self-signed when issuer is absent or equal. */
export async function certificateFor(stateDir: string, req: CertRequest): Promise<CertPair> {
  const key = await rsaKey(stateDir, req.keyBits ?? 2048);
  const selfSigned = !req.issuer || req.issuer === req.subject;
  const der = createCertificate({
    subject: dnToCertOrder(req.subject),
    issuer: dnToCertOrder(req.issuer ?? req.subject),
    publicKey: createPublicKey(key),
    // A device certificate "issued by" a vendor CA: signed with the lab key under the CA's name (no CA file is served).
    signingKey: key,
    san: req.san,
    ca: selfSigned ? undefined : false,
    validDays: req.validDays ?? 3650,
  });
  return { cert: toPem(der), key: key.export({ type: 'pkcs8', format: 'pem' }) as string };
}
