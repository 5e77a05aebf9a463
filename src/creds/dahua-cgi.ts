// Dahua magicBox.cgi with user-supplied credentials (Digest): getSystemInfo, getSoftwareVersion,
// getVendor, getDeviceType. The first action carries the single login attempt; a rejection stops
// the protocol for that credential (no retry, no lockout).
import { hostShows, vendorPathAnswered } from './vendor-hint.js';
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { parse as parseDahuaCgi } from '../parsers/dahua-cgi.js';
import { getWithDigest } from './http-auth.js';
import { REJECTED_NOTE } from './onvif-auth.js';
import { looksRecorder, readDahuaChannels } from './recorder-channels.js';
import type { Fields } from '../core/observation.js';
import { noAnswer } from './answer.js';

const ACTIONS = ['getSystemInfo', 'getSoftwareVersion', 'getVendor', 'getDeviceType'];

function webPort(t: HostTarget): { port: number; scheme: 'http' | 'https' } | null {
  for (const o of t.observations) {
    if (o.port !== undefined && (o.kind === 'http' || o.kind === 'dahuacgi')) return { port: o.port, scheme: o.fields.tls === true || o.port === 443 ? 'https' : 'http' };
  }
  if (t.openPorts.includes(80)) return { port: 80, scheme: 'http' };
  if (t.openPorts.includes(443)) return { port: 443, scheme: 'https' };
  return null;
}

function looksDahua(t: HostTarget): boolean {
  return hostShows(t.observations, ['dhip', 'dahuacgi'], /dahua|dh-|magicbox|rpc2|37777/i) || vendorPathAnswered(t.observations, '/cgi-bin/magicBox.cgi');
}

export const dahuaCgiAuthModule: DiscoveryModule = {
  name: 'dahua-cgi-auth',
  description: 'Dahua magicBox.cgi system information with user-supplied credentials (Digest)',
  type: 'host',
  stage: 2,
  async probeHost(ctx: ScanContext, target: HostTarget): Promise<void> {
    const creds = ctx.credentialsFor(target.ip, 'dahua');
    if (!creds.length || !looksDahua(target)) return;
    const web = webPort(target);
    if (!web) return;
    const host = target.ip.includes(':') ? `[${target.ip}]` : target.ip;
    const cred = creds[0]!; // most specific credential only: one login attempt per device and protocol
    let accepted = false;
    const said: Fields[] = [];
    for (const action of ACTIONS) {
      if (ctx.signal.aborted) return;
      const url = `${web.scheme}://${host}:${web.port}/cgi-bin/magicBox.cgi?action=${action}`;
      const r = await ctx.limiter.run(target.ip, () =>
        getWithDigest(url, cred, { timeoutMs: ctx.limits.probeDeadlineMs, maxBytes: ctx.limits.maxBodyBytes, signal: ctx.signal }),
      );
      if (r.kind === 'rejected' || (r.kind === 'error' && !accepted)) {
        const outcome = r.kind === 'rejected' ? 'credentials rejected' : `error: ${r.message}`;
        ctx.emit(makeObservation(target.ip, 'dahua-cgi-auth', { kind: 'credential', fields: { protocol: 'dahuacgi', outcome, credential: cred.label } }, { port: web.port, notes: r.kind === 'rejected' ? [REJECTED_NOTE] : [] }));
        return;
      }
      if (r.kind !== 'ok') continue;
      const found = parseDahuaCgi(r.body).filter((x) => x.kind === 'dahuacgi');
      if (!found.length && !accepted) {
        // Not a magicBox reply (an empty 200, a web page): no answer, and no further actions asked.
        const outcome = `${r.authenticated ? 'accepted, but ' : ''}${noAnswer(r.status, r.body, 'a magicBox.cgi reply')}`;
        ctx.emit(makeObservation(target.ip, 'dahua-cgi-auth', { kind: 'credential', fields: { protocol: 'dahuacgi', outcome, credential: cred.label } }, { port: web.port }));
        return;
      }
      if (!accepted) {
        accepted = true;
        ctx.emit(makeObservation(target.ip, 'dahua-cgi-auth', { kind: 'credential', fields: { protocol: 'dahuacgi', outcome: r.authenticated ? 'accepted' : 'not asked for (answered without authentication)', credential: cred.label } }, { port: web.port }));
      }
      for (const e of found) {
        said.push(e.fields);
        ctx.emit(makeObservation(target.ip, 'dahua-cgi-auth', { ...e, fields: { ...e.fields, action, authenticated: r.authenticated } }, { port: web.port, raw: r.body, notes: r.notes }));
      }
    }
    // A recorder: the cameras on its channels, with the credential it accepted (issue 19).
    if (accepted && !ctx.signal.aborted && looksRecorder(said, target)) await readDahuaChannels(ctx, target, web, cred);
  },
};
