// ONVIF GetDeviceInformation + GetNetworkInterfaces with user-supplied credentials:
// WS-Security UsernameToken digest, plus HTTP Digest when the device demands it (401 + challenge).
// One unauthenticated request learns which scheme applies; then exactly one login attempt.
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { parse as parseOnvif } from '../parsers/onvif.js';
import { digestAuthorization, parseChallenge } from './digest.js';
import { redactEcho } from './http-auth.js';
import { envelope, soapPost } from './soap.js';
import { usernameTokenHeader } from './wsse.js';
import { announcedServiceUrls, sameHostUrl } from '../probes/onvif-preauth.js';

const GET_INFO = '<tds:GetDeviceInformation/>';
const GET_NICS = '<tds:GetNetworkInterfaces/>';

/**
 * Device service URLs for the host, same host only: XAddrs from WS-Discovery / ONVIF evidence first,
 * then the URL where the stage-1 pre-auth probe heard an ONVIF answer (no guessing at other ports).
 */
export function deviceServiceUrls(t: HostTarget): string[] {
  const out = new Set(announcedServiceUrls(t));
  for (const o of t.observations) {
    const u = o.kind === 'onvif' && o.module === 'onvif' ? sameHostUrl(o.fields.url, t.ip) : null;
    if (u) out.add(u);
  }
  return [...out].slice(0, 2);
}

/** Device note for a refused credential: said once, never retried (no lockout). */
export const REJECTED_NOTE = 'authentication failed: credentials rejected, not retried';

const rejected = (status: number, body: string) => status === 401 || status === 403 || /NotAuthorized|FailedAuthentication|Sender not Authorized/i.test(body.slice(0, 65536));

export const onvifAuthModule: DiscoveryModule = {
  name: 'onvif-auth',
  description: 'ONVIF device information with user-supplied credentials (WS-Security digest, HTTP Digest)',
  type: 'host',
  stage: 2,
  async probeHost(ctx: ScanContext, target: HostTarget): Promise<void> {
    const creds = ctx.credentialsFor(target.ip);
    const url = deviceServiceUrls(target)[0];
    if (!creds.length || !url) return;
    const cred = creds[0]!; // most specific credential only
    const port = Number(new URL(url).port) || (url.startsWith('https') ? 443 : 80);
    const lim = { timeoutMs: ctx.limits.probeDeadlineMs, maxBytes: ctx.limits.maxBodyBytes, signal: ctx.signal };
    const emitOutcome = (outcome: string) =>
      ctx.emit(makeObservation(target.ip, 'onvif-auth', { kind: 'credential', fields: { protocol: 'onvif', outcome, credential: cred.label } }, { port, notes: outcome === 'credentials rejected' ? [REJECTED_NOTE] : [] }));
    const path = new URL(url).pathname;

    const probe = await ctx.limiter.run(target.ip, () => soapPost(url, envelope(GET_INFO), lim));
    if (probe.status === 0) return emitOutcome(`error: ${probe.body}`);
    const challenge = probe.status === 401 ? parseChallenge(probe.wwwAuthenticate) : null;
    if (probe.status === 401 && !challenge) return emitOutcome('error: no supported HTTP authentication challenge');

    let accepted = false;
    for (const body of [GET_INFO, GET_NICS]) {
      if (ctx.signal.aborted) return;
      const header = usernameTokenHeader({ username: cred.username, password: cred.password });
      const authorization = challenge ? digestAuthorization(challenge, { username: cred.username, password: cred.password, method: 'POST', uri: path }) : undefined;
      const r = await ctx.limiter.run(target.ip, () => soapPost(url, envelope(body, header), { ...lim, ...(authorization ? { authorization } : {}) }));
      if (!accepted && (r.status === 0 || rejected(r.status, r.body))) {
        return emitOutcome(r.status === 0 ? `error: ${r.body}` : 'credentials rejected');
      }
      if (!accepted) {
        accepted = true;
        emitOutcome('accepted');
      }
      const clean = redactEcho(r.body, cred, authorization);
      for (const e of parseOnvif(clean).filter((x) => x.kind === 'onvif')) {
        ctx.emit(makeObservation(target.ip, 'onvif-auth', { ...e, fields: { ...e.fields, status: r.status, authenticated: r.status < 300 } }, { port, raw: clean }));
      }
    }
  },
};
