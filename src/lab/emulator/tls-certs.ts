// Certificates with the captured subject/issuer, generated at lab start with the `openssl` CLI (Node has no
// X.509 writer). One RSA key per size is shared by all devices of a run; certificates are cached in
// <stateDir>/emulator-certs by a hash of their names, so a second start costs nothing.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

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

/**
 * openssl `-subj` form. The certificate stores RDNs in ASN.1 order, which RFC 4514 prints reversed, so the
 * RFC 4514 string given is written reversed: `CN=x,C=CN` → `/C=CN/CN=x`.
 */
export function dnToOpensslSubj(dn: string): string {
  return splitDn(dn)
    .reverse()
    .map(([k, v]) => `/${k}=${v.replace(/[\\/]/g, (c) => `\\${c}`)}`)
    .join('');
}

let queue: Promise<unknown> = Promise.resolve();
/** openssl calls run one after another: the machine is small and key generation is the cost. */
function serial<T>(fn: () => Promise<T>): Promise<T> {
  const p = queue.then(fn, fn);
  queue = p.catch(() => undefined);
  return p;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: 30_000, maxBuffer: 1 << 20 });
  } catch (e) {
    const err = e as { code?: string; stderr?: string; message: string };
    if (err.code === 'ENOENT') throw new Error('openssl not found: install the openssl package to serve TLS profiles');
    throw new Error(`openssl ${args[0]} failed: ${(err.stderr || err.message).split('\n')[0]}`);
  }
}

async function keyFile(dir: string, bits: number): Promise<string> {
  const file = path.join(dir, `key-rsa${bits}.pem`);
  if (!existsSync(file)) {
    await serial(async () => {
      if (!existsSync(file)) await openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', `rsa_keygen_bits:${bits}`, '-out', file]);
    });
  }
  return file;
}

function hashOf(v: unknown): string {
  return createHash('sha256').update(JSON.stringify(v)).digest('hex').slice(0, 24);
}

/** Certificate + key for one TLS spec (placeholders already filled). */
export async function certificateFor(stateDir: string, req: CertRequest): Promise<CertPair> {
  const dir = path.join(stateDir, 'emulator-certs');
  mkdirSync(dir, { recursive: true });
  const bits = req.keyBits ?? 2048;
  const days = String(req.validDays ?? 3650);
  const key = await keyFile(dir, bits);
  const leaf = path.join(dir, `cert-${hashOf([req, bits])}.pem`);
  if (!existsSync(leaf)) {
    const base = ['req', '-new', '-x509', '-utf8', '-key', key, '-days', days, '-subj', dnToOpensslSubj(req.subject)];
    const san = req.san?.length ? ['-addext', `subjectAltName=${req.san.join(',')}`] : [];
    if (req.issuer && req.issuer !== req.subject) {
      const ca = path.join(dir, `ca-${hashOf([req.issuer, bits])}.pem`);
      if (!existsSync(ca)) await serial(() => openssl(['req', '-new', '-x509', '-utf8', '-key', key, '-days', days, '-subj', dnToOpensslSubj(req.issuer!), '-out', ca]));
      // -CA makes a leaf issued by the generated CA; basicConstraints CA:FALSE as a device cert has.
      await serial(() => openssl([...base, '-CA', ca, '-CAkey', key, '-addext', 'basicConstraints=CA:FALSE', ...san, '-out', leaf]));
    } else {
      await serial(() => openssl([...base, ...san, '-out', leaf]));
    }
  }
  return { cert: readFileSync(leaf, 'utf8'), key: readFileSync(key, 'utf8') };
}

