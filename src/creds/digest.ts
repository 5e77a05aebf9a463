// HTTP Digest (RFC 7616): MD5, MD5-sess, SHA-256, SHA-256-sess, qop "auth" (or none, RFC 2069).
//   parseChallenge(wwwAuthenticate) → DigestChallenge | null   (null: not Digest, or unsupported)
//   digestAuthorization(challenge, {username, password, method, uri, cnonce?}) → Authorization header value
// One challenge gives one attempt; the caller never retries a rejected credential.
import { createHash, randomBytes } from 'node:crypto';

export interface DigestChallenge {
  realm: string;
  nonce: string;
  opaque?: string;
  algorithm: 'MD5' | 'MD5-sess' | 'SHA-256' | 'SHA-256-sess';
  qop: 'auth' | null;
}

const MAX_HEADER = 4096;

/** Picks the Digest challenge from one or several WWW-Authenticate values (SHA-256 preferred). */
export function parseChallenge(header: string | string[] | undefined): DigestChallenge | null {
  const values = (Array.isArray(header) ? header : header ? [header] : []).map((h) => h.slice(0, MAX_HEADER));
  const found: DigestChallenge[] = [];
  for (const value of values) {
    for (const part of value.split(/,?\s*(?=\b(?:Digest|Basic|Bearer|Negotiate)\s)/i)) {
      const m = /^\s*Digest\s+(.*)$/is.exec(part);
      if (!m) continue;
      const params: Record<string, string> = {};
      for (const p of m[1]!.matchAll(/([a-zA-Z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]+))/g)) {
        params[p[1]!.toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
      }
      if (params.realm === undefined || !params.nonce) continue;
      const alg = (params.algorithm ?? 'MD5').toUpperCase();
      const algorithm = alg === 'MD5' ? 'MD5' : alg === 'MD5-SESS' ? 'MD5-sess' : alg === 'SHA-256' ? 'SHA-256' : alg === 'SHA-256-SESS' ? 'SHA-256-sess' : null;
      if (!algorithm) continue;
      const qops = (params.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
      if (params.qop !== undefined && !qops.includes('auth')) continue; // auth-int only: unsupported
      const c: DigestChallenge = { realm: params.realm, nonce: params.nonce, algorithm, qop: params.qop !== undefined ? 'auth' : null };
      if (params.opaque !== undefined) c.opaque = params.opaque;
      found.push(c);
    }
  }
  return found.find((c) => c.algorithm.startsWith('SHA-256')) ?? found[0] ?? null;
}

function h(alg: DigestChallenge['algorithm'], s: string): string {
  return createHash(alg.startsWith('SHA-256') ? 'sha256' : 'md5').update(s, 'utf8').digest('hex');
}

const quote = (s: string) => `"${s.replace(/["\\]/g, '\\$&')}"`;

export function digestAuthorization(
  c: DigestChallenge,
  r: { username: string; password: string; method: string; uri: string; cnonce?: string },
): string {
  const cnonce = r.cnonce ?? randomBytes(8).toString('hex');
  const nc = '00000001';
  let ha1 = h(c.algorithm, `${r.username}:${c.realm}:${r.password}`);
  if (c.algorithm.endsWith('-sess')) ha1 = h(c.algorithm, `${ha1}:${c.nonce}:${cnonce}`);
  const ha2 = h(c.algorithm, `${r.method}:${r.uri}`);
  const response = c.qop ? h(c.algorithm, `${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`) : h(c.algorithm, `${ha1}:${c.nonce}:${ha2}`);
  const parts = [
    `username=${quote(r.username)}`, `realm=${quote(c.realm)}`, `nonce=${quote(c.nonce)}`, `uri=${quote(r.uri)}`,
    `algorithm=${c.algorithm}`, `response="${response}"`,
  ];
  if (c.qop) parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  if (c.opaque !== undefined) parts.push(`opaque=${quote(c.opaque)}`);
  return `Digest ${parts.join(', ')}`;
}
