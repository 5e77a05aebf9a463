// Hikvision ISAPI deviceInfo with user-supplied credentials (Digest): /ISAPI/System/deviceInfo,
// fallback /System/deviceInfo when the first answers 404. One login attempt per credential.
import { hostShows, vendorPathAnswered } from './vendor-hint.js';
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { parse as parseIsapi } from '../parsers/isapi.js';
import { getWithDigest } from './http-auth.js';
import { REJECTED_NOTE } from './onvif-auth.js';
import { looksRecorder, readIsapiChannels } from './recorder-channels.js';
import { noAnswer } from './answer.js';

const PATHS = ['/ISAPI/System/deviceInfo', '/System/deviceInfo'];

/** Web port to use: one where an HTTP/TLS observation was seen, else a usual web port that is open. */
function webPorts(t: HostTarget): { port: number; scheme: 'http' | 'https' }[] {
  const out: { port: number; scheme: 'http' | 'https' }[] = [];
  for (const o of t.observations) {
    if (o.port === undefined) continue;
    if (o.kind === 'http' || o.kind === 'isapi') out.push({ port: o.port, scheme: o.fields.tls === true || o.port === 443 ? 'https' : 'http' });
  }
  for (const p of t.openPorts) {
    if (p === 80 || p === 8080) out.push({ port: p, scheme: 'http' });
    else if (p === 443 || p === 8443) out.push({ port: p, scheme: 'https' });
  }
  return out;
}

function looksHikvision(t: HostTarget): boolean {
  return hostShows(t.observations, ['sadp', 'isapi'], /hikvision|ezviz|isapi|webs|dnvrs|hikcgi/i) || vendorPathAnswered(t.observations, '/ISAPI/');
}

export const isapiAuthModule: DiscoveryModule = {
  name: 'isapi-auth',
  description: 'Hikvision ISAPI deviceInfo with user-supplied credentials (Digest)',
  type: 'host',
  stage: 2,
  async probeHost(ctx: ScanContext, target: HostTarget): Promise<void> {
    const creds = ctx.credentialsFor(target.ip, 'hikvision');
    if (!creds.length || !looksHikvision(target)) return;
    const web = webPorts(target)[0];
    if (!web) return;
    for (const cred of creds.slice(0, 1)) { // most specific only: one login attempt per device and protocol
      if (ctx.signal.aborted) return;
      for (const path of PATHS) {
        const url = `${web.scheme}://${target.ip.includes(':') ? `[${target.ip}]` : target.ip}:${web.port}${path}`;
        const r = await ctx.limiter.run(target.ip, () =>
          getWithDigest(url, cred, { timeoutMs: ctx.limits.probeDeadlineMs, maxBytes: ctx.limits.maxBodyBytes, signal: ctx.signal }),
        );
        if (r.kind === 'not-found') continue;
        if (r.kind === 'rejected') {
          ctx.emit(makeObservation(target.ip, 'isapi-auth', { kind: 'credential', fields: { protocol: 'isapi', outcome: 'credentials rejected', credential: cred.label } }, { port: web.port, notes: [REJECTED_NOTE] }));
          break;
        }
        if (r.kind === 'error') {
          ctx.emit(makeObservation(target.ip, 'isapi-auth', { kind: 'credential', fields: { protocol: 'isapi', outcome: `error: ${r.message}`, credential: cred.label } }, { port: web.port }));
          break;
        }
        const ev = parseIsapi(r.body).filter((e) => e.kind === 'isapi');
        const answered = ev.length > 0;
        const outcome = answered ? (r.authenticated ? 'accepted' : 'not asked for (answered without authentication)') : `${r.authenticated ? 'accepted, but ' : ''}${noAnswer(r.status, r.body, 'an ISAPI deviceInfo document')}`;
        ctx.emit(makeObservation(target.ip, 'isapi-auth', { kind: 'credential', fields: { protocol: 'isapi', outcome, credential: cred.label } }, { port: web.port }));
        for (const e of ev) {
          ctx.emit(makeObservation(target.ip, 'isapi-auth', { ...e, fields: { ...e.fields, authenticated: r.authenticated } }, { port: web.port, raw: r.body, notes: r.notes }));
        }
        // A recorder: the cameras on its channels, with the same credential (issue 19).
        if (looksRecorder(ev.map((e) => e.fields), target)) await readIsapiChannels(ctx, target, web, cred);
        return; // an accepted credential ends the work for this host
      }
    }
  },
};
