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
import { noAnswer } from './answer.js';

const GET_INFO = '<GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/>';
const GET_NICS = '<GetNetworkInterfaces xmlns="http://www.onvif.org/ver10/device/wsdl"/>';
const GET_VIDEO_SOURCES = '<GetVideoSources xmlns="http://www.onvif.org/ver10/media/wsdl"/>';

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

/** The media service the device announced (GetCapabilities/GetServices XAddrs), own address only. */
export function mediaServiceUrl(t: HostTarget): string | null {
  for (const u of announcedServiceUrls(t)) if (/media/i.test(new URL(u).pathname)) return u;
  return null;
}

/** Several video sources announced before login, or a recorder's model in what the device said after it. */
function looksLikeRecorder(t: HostTarget, said: readonly Record<string, unknown>[]): boolean {
  if (t.observations.some((o) => o.kind === 'onvif' && Number(o.fields.videoSources) >= 2)) return true;
  return said.some((f) => typeof f.model === 'string' && /(?:^|[^A-Za-z])(?:NVR|DVR|XVR)|^i?DS-[79]\d{3}/i.test(f.model));
}

/**
 * The device clock's offset from ours (ms), from the GetSystemDateAndTime the pre-auth probe read: ONVIF devices may
 * refuse a WS-Security token whose Created time is far from their own clock (replay protection), so the token is
 * stamped in device time, as ONVIF clients do. 0 when the device did not say.
 */
export function deviceClockOffsetMs(t: HostTarget): number {
  for (const o of [...t.observations].reverse()) {
    if (o.kind !== 'onvif' || o.fields.method !== 'GetSystemDateAndTime' || typeof o.fields.utcDateTime !== 'string') continue;
    const device = Date.parse(o.fields.utcDateTime);
    const seen = Date.parse(o.at);
    if (Number.isFinite(device) && Number.isFinite(seen)) return device - seen;
  }
  return 0;
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
    // A device that answers GetDeviceInformation to the unauthenticated probe never asked for the credential.
    const openInfo = probe.status > 0 && probe.status < 300 && parseOnvif(probe.body).some((x) => x.kind === 'onvif' && x.fields.method === 'GetDeviceInformation' && x.fields.fault === undefined);
    if (openInfo) return emitOutcome('not asked for (answered without authentication)');
    const challenge = probe.status === 401 ? parseChallenge(probe.wwwAuthenticate) : null;
    if (probe.status === 401 && !challenge) return emitOutcome('error: no supported HTTP authentication challenge');

    const clockOffset = deviceClockOffsetMs(target);
    let accepted = false;
    const said: Record<string, unknown>[] = [];
    for (const body of [GET_INFO, GET_NICS]) {
      if (ctx.signal.aborted) return;
      const created = new Date(Date.now() + clockOffset).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const header = usernameTokenHeader({ username: cred.username, password: cred.password, created });
      const authorization = challenge ? digestAuthorization(challenge, { username: cred.username, password: cred.password, method: 'POST', uri: path }) : undefined;
      const r = await ctx.limiter.run(target.ip, () => soapPost(url, envelope(body, header), { ...lim, ...(authorization ? { authorization } : {}) }));
      if (!accepted && (r.status === 0 || rejected(r.status, r.body))) {
        return emitOutcome(r.status === 0 ? `error: ${r.body}` : 'credentials rejected');
      }
      const clean = redactEcho(r.body, cred, authorization);
      const found = parseOnvif(clean).filter((x) => x.kind === 'onvif');
      // An empty 200, or anything that is not a SOAP reply, is no answer: the credential was not shown to work.
      if (!accepted && !found.length) return emitOutcome(noAnswer(r.status, r.body, 'an ONVIF SOAP reply'));
      if (!accepted) {
        accepted = true;
        emitOutcome('accepted');
      }
      for (const e of found) {
        said.push(e.fields);
        ctx.emit(makeObservation(target.ip, 'onvif-auth', { ...e, fields: { ...e.fields, status: r.status, authenticated: r.status < 300 } }, { port, raw: clean }));
      }
    }
    // A recorder (several video sources announced, or a recorder's model): its video sources are its channels.
    const media = mediaServiceUrl(target);
    if (!accepted || !media || ctx.signal.aborted || !looksLikeRecorder(target, said)) return;
    const created = new Date(Date.now() + clockOffset).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const header = usernameTokenHeader({ username: cred.username, password: cred.password, created });
    const authorization = challenge ? digestAuthorization(challenge, { username: cred.username, password: cred.password, method: 'POST', uri: new URL(media).pathname }) : undefined;
    const r = await ctx.limiter.run(target.ip, () => soapPost(media, envelope(GET_VIDEO_SOURCES, header), { ...lim, ...(authorization ? { authorization } : {}) }));
    if (r.status === 0 || rejected(r.status, r.body)) return; // not permitted or not answered: the device evidence says what it did
    const clean = redactEcho(r.body, cred, authorization);
    for (const e of parseOnvif(clean).filter((x) => x.kind === 'onvif' && x.fields.method === 'GetVideoSources')) {
      ctx.emit(makeObservation(target.ip, 'onvif-auth', { ...e, fields: { ...e.fields, status: r.status, authenticated: r.status < 300 } }, { port: Number(new URL(media).port) || port, raw: clean }));
    }
  },
};
