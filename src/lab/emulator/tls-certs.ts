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

/** `CN=a,O=b\,c,C=d` → [['CN','a'],['O','b,c'],['C','d']] */
export function splitDn(dn: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const part of dn.split(/(?<!\\),/)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new Error(`bad DN component "${part}" in "${dn}"`);
    out.push([part.slice(0, eq).trim(), part.slice(eq + 1).trim().replace(/\\(.)/g, '$1')]);
  }
  return out;
}

/** Certificate (ASN.1) order: RFC 4514 prints RDNs last-first, so `CN=x,C=CN` is stored C first. */
export function dnToCertOrder(dn: string): Array<[string, string]> {
  return splitDn(dn).reverse();
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
