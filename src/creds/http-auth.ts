// One credentialed HTTP GET with at most one login attempt: an unauthenticated request to get the
// Digest challenge, then exactly one request with the credential. A 401/403 after that is
// "credentials rejected" and is never retried. Bodies are capped; echoed credentials are removed.
import axios from 'axios';
import { inspectParts } from '../probes/never-send.js';
import { digestAuthorization, parseChallenge } from './digest.js';
import type { Credential } from '../core/module.js';
import { errorCode, failureCode } from '../core/failure.js';

export type AuthOutcome =
  | { kind: 'ok'; status: number; body: string; notes: string[]; /** false when the device answered without asking for credentials */ authenticated: boolean }
  | { kind: 'rejected' }
  | { kind: 'not-found'; status: number }
  | { kind: 'error'; message: string };

/** Removes anything that echoes the credential or the Authorization header from a stored body. */
export function redactEcho(body: string, cred: Credential, authHeader?: string): string {
  let out = body;
  for (const secret of [authHeader, cred.password].filter((s): s is string => !!s && s.length >= 3)) {
    out = out.split(secret).join('[redacted]');
  }
  return out.replace(/(Digest\s+username="[^"]*"[^\r\n<]*)/gi, '[redacted]');
}

export async function getWithDigest(
  url: string,
  cred: Credential,
  o: { timeoutMs: number; maxBytes: number; signal?: AbortSignal },
): Promise<AuthOutcome> {
  const u = new URL(url);
  const path = u.pathname + u.search;
  // The guard sees the request as sent minus the Authorization header (credentials are the point
  // here; the never-send list is about paths and bodies).
  const v = inspectParts({ method: 'GET', url: path });
  if (!v.allowed) return { kind: 'error', message: `refused by never-send guard: ${v.reason}` };
  const signals = [AbortSignal.timeout(o.timeoutMs), ...(o.signal ? [o.signal] : [])];
  const common = {
    proxy: false as const,
    maxRedirects: 0,
    maxContentLength: o.maxBytes,
    maxBodyLength: o.maxBytes,
    responseType: 'text' as const,
    transformResponse: [(d: unknown) => d],
    validateStatus: () => true,
    insecureHTTPParser: true,
    headers: { Connection: 'close', 'User-Agent': 'camaudit' },
    signal: AbortSignal.any(signals),
  };
  try {
    const first = await axios.get<string>(url, common);
    if (first.status === 404) return { kind: 'not-found', status: 404 };
    if (first.status !== 401) {
      return first.status < 300
        ? { kind: 'ok', status: first.status, body: redactEcho(String(first.data ?? ''), cred), notes: ['answered without authentication'], authenticated: false }
        : { kind: 'error', message: `HTTP ${first.status}` };
    }
    const challenge = parseChallenge(first.headers['www-authenticate'] as string | string[] | undefined);
    if (!challenge) return { kind: 'error', message: 'no supported Digest challenge' };
    const auth = digestAuthorization(challenge, { username: cred.username, password: cred.password, method: 'GET', uri: path });
    const second = await axios.get<string>(url, { ...common, headers: { ...common.headers, Authorization: auth } });
    if (second.status === 401 || second.status === 403) return { kind: 'rejected' };
    if (second.status === 404) return { kind: 'not-found', status: 404 };
    if (second.status >= 300) return { kind: 'error', message: `HTTP ${second.status}` };
    return { kind: 'ok', status: second.status, body: redactEcho(String(second.data ?? ''), cred, auth), notes: [], authenticated: true };
  } catch (err) {
    // Never pass on err.message verbatim: axios errors can carry the request config (headers). The code says why.
    const overCap = errorCode(err) === 'ERR_BAD_RESPONSE' || (err instanceof Error && /maxContentLength/.test(err.message));
    return { kind: 'error', message: overCap ? `body over ${o.maxBytes} bytes` : failureCode(err, 'request failed') };
  }
}
