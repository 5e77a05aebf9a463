// TLS certificate of 443, 8443 and any other open port that answers a ClientHello (every open port but plain
// HTTP on 80 and RTSP is tried). Certificate errors never stop the probe (no verification); a stalled handshake
// ends at the connect timeout.
import type tls from 'node:tls';
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { failureNote, probeOutcome } from '../core/failure.js';
import { fromCertificate, fromPeerCertificate } from '../parsers/tls.js';
import { exchange } from './raw-client.js';
import { RTSP_PORTS } from './rtsp.js';

const MODULE = 'tls';
/** Ports where TLS is expected (HTTPS and alt web ports): a stalled handshake there is worth a note. */
export const TLS_CANDIDATE_PORTS = [443, 8443, 4443, 7443, 10443, 8000, 8080, 8081, 8888, 8899, 9000, 9443, 2020, 8009, 636, 993, 995, 5001];
/** Plain-text services a ClientHello is never tried on: plain HTTP on 80 and the RTSP ports (the RTSP probe reads those). */
export const NEVER_TLS_PORTS = new Set([80, ...RTSP_PORTS]);
const MAX_TLS_PORTS = 16;

/** Every open port except the known plain-text ones gets a ClientHello ("any port that answers one"). */
export function tlsPortsOf(openPorts: readonly number[]): number[] {
  return openPorts.filter((p) => !NEVER_TLS_PORTS.has(p)).slice(0, MAX_TLS_PORTS);
}

export async function certOfPort(ctx: ScanContext, ip: string, port: number, o: { noteStall?: boolean } = {}): Promise<boolean> {
  // Nothing is written after the handshake; the exchange ends as soon as a reply or close comes.
  const r = await exchange(ctx, { module: MODULE, host: ip, port, tls: true, request: '', handshakeOnly: true, deadlineMs: Math.min(ctx.limits.probeDeadlineMs, 5000) });
  const pc = r.peerCertificate;
  if (!pc) {
    if (r.timedOut && r.connected) {
      ctx.stats.count(MODULE, 'handshakeTimeout');
      // On a port that is not a TLS port (a vendor's binary protocol waiting for its own header) silence is normal.
      if (o.noteStall === false) return false;
      // A port that accepts the connection and then never answers the ClientHello is worth an auditor's
      // note (a tarpit, or a wedged device); a plain service that refuses TLS quickly is not.
      ctx.emit(makeObservation(ip, MODULE, probeOutcome('tls', 'handshake-stalled', `port ${port}: TLS handshake stalled, given up (${r.notes.join('; ')})`), { port }));
    }
    return false;
  }
  let ev = [] as ReturnType<typeof fromCertificate>;
  const decodeNotes: string[] = [];
  try {
    ev = pc.raw ? fromCertificate(pc.raw) : fromPeerCertificate(pc);
  } catch (err) {
    // The DER did not decode; the TLS stack's own reading of it still gives the fields.
    decodeNotes.push(failureNote(`port ${port}: certificate not decoded, fields from the TLS stack`, err));
    ev = fromPeerCertificate(pc);
  }
  for (const e of ev) {
    if (r.tlsProtocol) e.fields.protocol = r.tlsProtocol;
    // The chain beyond the leaf, when the device sends one (issuer subjects only).
    const chain: string[] = [];
    let cur: tls.DetailedPeerCertificate | undefined = pc.issuerCertificate;
    for (let i = 0; cur && cur !== pc && i < 4 && cur.fingerprint256 !== pc.fingerprint256; i++) {
      if (cur.subject) chain.push(Object.entries(cur.subject).map(([k, v]) => `${k}=${String(v)}`).reverse().join(','));
      if (cur.issuerCertificate === cur) break;
      cur = cur.issuerCertificate;
    }
    if (chain.length) e.fields.chain = chain;
    ctx.emit(makeObservation(ip, MODULE, e, { port, ...(pc.raw ? { raw: pc.raw.toString('base64') } : {}), notes: [...decodeNotes, ...(r.timedOut ? r.notes : [])] }));
  }
  return ev.length > 0;
}

export const tlsCertModule: DiscoveryModule = {
  name: MODULE,
  description: 'TLS certificate (subject, issuer, SANs, validity, key, self-signed, SHA-256) of ports that speak TLS',
  type: 'host',
  stage: 1,
  async probeHost(ctx: ScanContext, t: HostTarget): Promise<void> {
    const ports = tlsPortsOf(t.openPorts);
    await Promise.all(
      ports.map((p) =>
        certOfPort(ctx, t.ip, p, { noteStall: TLS_CANDIDATE_PORTS.includes(p) }).catch((e: unknown) =>
          ctx.emit(makeObservation(t.ip, MODULE, probeOutcome(MODULE, 'error', failureNote(`port ${p}: certificate not read`, e)), { port: p })),
        ),
      ),
    );
  },
};
