// TLS certificate of 443, 8443 and any other open port that answers a ClientHello. Certificate
// errors never stop the probe (no verification); a stalled handshake ends at the deadline.
import type tls from 'node:tls';
import type { DiscoveryModule, HostTarget, ScanContext } from '../core/module.js';
import { makeObservation } from '../core/observation.js';
import { fromCertificate, fromPeerCertificate } from '../parsers/tls.js';
import { exchange } from './raw-client.js';

const MODULE = 'tls';
/** Ports where TLS is worth a ClientHello: the usual HTTPS ports and any web/alt port. */
export const TLS_CANDIDATE_PORTS = [443, 8443, 4443, 7443, 10443, 8000, 8080, 8081, 8888, 8899, 9000, 9443, 2020, 8009, 636, 993, 995, 5001];

export async function certOfPort(ctx: ScanContext, ip: string, port: number): Promise<boolean> {
  // Nothing is written after the handshake; the exchange ends as soon as a reply or close comes.
  const r = await exchange(ctx, { module: MODULE, host: ip, port, tls: true, request: '', handshakeOnly: true, deadlineMs: Math.min(ctx.limits.probeDeadlineMs, 5000) });
  const pc = r.peerCertificate;
  if (!pc) {
    if (r.timedOut && r.connected) {
      ctx.stats.count(MODULE, 'handshakeTimeout');
      // A port that accepts the connection and then never answers the ClientHello is worth an auditor's
      // note (a tarpit, or a wedged device); a plain service that refuses TLS quickly is not.
      ctx.emit(makeObservation(ip, MODULE, { kind: 'probe', fields: { probe: 'tls', outcome: 'handshake-stalled' } }, { port, notes: [`port ${port}: TLS handshake stalled, given up (${r.notes.join('; ')})`] }));
    }
    return false;
  }
  let ev = [] as ReturnType<typeof fromCertificate>;
  try {
    ev = pc.raw ? fromCertificate(pc.raw) : fromPeerCertificate(pc);
  } catch {
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
    ctx.emit(makeObservation(ip, MODULE, e, { port, ...(pc.raw ? { raw: pc.raw.toString('base64') } : {}), notes: r.timedOut ? r.notes : [] }));
  }
  return ev.length > 0;
}

export const tlsCertModule: DiscoveryModule = {
  name: MODULE,
  description: 'TLS certificate (subject, issuer, SANs, validity, key, self-signed, SHA-256) of ports that speak TLS',
  type: 'host',
  stage: 1,
  async probeHost(ctx: ScanContext, t: HostTarget): Promise<void> {
    const ports = t.openPorts.filter((p) => TLS_CANDIDATE_PORTS.includes(p)).slice(0, 12);
    await Promise.all(ports.map((p) => certOfPort(ctx, t.ip, p).catch((e: unknown) => ctx.log.debug({ err: String(e), port: p }, 'tls probe failed'))));
  },
};
