// HTTP Digest (RFC 2617 / 7616, MD5 and SHA-256) and Basic verification against a profile's credentials,
// and the WS-Security UsernameToken PasswordDigest used by ONVIF.
import { createHash, timingSafeEqual } from 'node:crypto';

const hex = (alg: string, s: string): string => createHash(alg).update(s).digest('hex');

export function parseAuthParams(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g;
  let m: RegExpExecArray | null;
  let n = 0;
  while ((m = re.exec(value)) && n++ < 32) out[m[1].toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3];
  return out;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface DigestCheck {
  authorization: string | undefined;
  method: string;
  realm: string;
  username: string;
  password: string;
  /** Nonces this emulator issued; others are refused (stale nonce = 401 again). */
  isKnownNonce(nonce: string): boolean;
}

/** True when `authorization` is a valid Digest response for the credentials. */
export function verifyDigest(c: DigestCheck): boolean {
  if (!c.authorization || !/^digest\s/i.test(c.authorization)) return false;
  const p = parseAuthParams(c.authorization.replace(/^digest\s+/i, ''));
  if (!p.username || !p.nonce || !p.uri || !p.response) return false;
  if (p.username !== c.username || (p.realm ?? '') !== c.realm || !c.isKnownNonce(p.nonce)) return false;
  const algo = (p.algorithm ?? 'MD5').toUpperCase();
  const alg = algo.startsWith('SHA-256') ? 'sha256' : algo.startsWith('MD5') ? 'md5' : '';
  if (!alg) return false;
  let ha1 = hex(alg, `${p.username}:${c.realm}:${c.password}`);
  if (algo.endsWith('-SESS')) ha1 = hex(alg, `${ha1}:${p.nonce}:${p.cnonce ?? ''}`);
  const ha2 = hex(alg, `${c.method}:${p.uri}`);
  const want = p.qop ? hex(alg, `${ha1}:${p.nonce}:${p.nc ?? ''}:${p.cnonce ?? ''}:${p.qop}:${ha2}`) : hex(alg, `${ha1}:${p.nonce}:${ha2}`);
  return same(want, p.response.toLowerCase());
}

export function verifyBasic(authorization: string | undefined, username: string, password: string): boolean {
  if (!authorization || !/^basic\s/i.test(authorization)) return false;
  const got = Buffer.from(authorization.replace(/^basic\s+/i, '').trim(), 'base64').toString('utf8');
  return same(got, `${username}:${password}`);
}

/** ONVIF WS-Security: PasswordDigest = base64(sha1(nonce bytes + Created + password)). */
export function verifyWsse(soap: string, username: string, password: string): boolean {
  const g = (tag: string): string | undefined => new RegExp(`<(?:[\\w-]+:)?${tag}(?:\\s[^>]*)?>([^<]*)</`).exec(soap)?.[1]?.trim();
  const user = g('Username');
  const digest = g('Password');
  const nonce = g('Nonce');
  const created = g('Created');
  if (user !== username || !digest || !nonce || !created) return false;
  const want = createHash('sha1')
    .update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(password)]))
    .digest('base64');
  return same(want, digest);
}

/** Bounded set of issued nonces (oldest forgotten first). */
export class NonceBook {
  private readonly set = new Set<string>();
  constructor(private readonly max = 10_000) {}
  add(n: string): string {
    this.set.add(n);
    if (this.set.size > this.max) this.set.delete(this.set.values().next().value as string);
    return n;
  }
  has(n: string): boolean {
    return this.set.has(n);
  }
}
