// Shared UDP discovery loop: one socket per interface (bound to its address so multicast/broadcast leave
// through it), the probe sent 3 times within the window to the group/broadcast address and unicast to
// every target, replies deduped, bounded, parsed, and emitted. Never throws; resolves at the window's end.
import { createSocket, type Socket } from 'node:dgram';
import { createHash } from 'node:crypto';
import type { ScanContext } from '../core/module.js';
import { makeObservation, type ParsedEvidence } from '../core/observation.js';

export interface UdpDiscoverySpec {
  module: string;
  /** Destination port of the probe. */
  port: number;
  /** Multicast group to send to, if the protocol has one. */
  multicast?: string;
  /** Also send to 255.255.255.255. */
  broadcast?: boolean;
  probes: Buffer[];
  /** Probes added to each repeat, asked for again before every send (e.g. mDNS types learned from replies). */
  extraProbes?: () => Buffer[];
  parse(input: Buffer): ParsedEvidence[];
}

const REPEATS = 3;

export async function runUdpDiscovery(ctx: ScanContext, spec: UdpDiscoverySpec): Promise<void> {
  const { module: name } = spec;
  const sockets: Socket[] = [];
  const seen = new Set<string>();
  const targets: string[] = [];
  let done = false;
  try {
    const onMessage = (msg: Buffer, rinfo: { address: string; port: number }): void => {
      try {
        ctx.stats.count(name, 'received');
        if (msg.length > ctx.limits.maxDatagramBytes) return void ctx.stats.count(name, 'oversized');
        if (!ctx.inScope(rinfo.address)) return void ctx.stats.count(name, 'outOfScope');
        const key = rinfo.address + '|' + createHash('sha1').update(msg).digest('hex');
        if (seen.has(key)) return void ctx.stats.count(name, 'duplicate');
        if (seen.size >= ctx.limits.maxRepliesPerModule) return void ctx.stats.count(name, 'dropped');
        seen.add(key);
        const evidence = spec.parse(msg);
        if (!evidence.length) {
          ctx.stats.count(name, 'malformed');
          ctx.log.debug({ module: name, from: rinfo.address, bytes: msg.length }, 'malformed reply dropped');
          return;
        }
        for (const ev of evidence) ctx.emit(makeObservation(rinfo.address, name, ev, { port: rinfo.port, raw: msg }));
      } catch {
        ctx.stats.count(name, 'malformed');
      }
    };
    const binds = ctx.interfaces.length ? ctx.interfaces.map((i) => i.address) : ['0.0.0.0'];
    for (const address of binds) {
      const s = createSocket({ type: 'udp4', reuseAddr: true });
      s.on('error', (err) => ctx.log.debug({ module: name, err: err.message }, 'udp socket error'));
      s.on('message', onMessage);
      const ok = await new Promise<boolean>((resolve) => {
        s.once('error', () => resolve(false));
        s.bind({ address, port: 0 }, () => resolve(true));
      });
      if (!ok) {
        ctx.stats.count(name, 'bindError');
        s.close();
        continue;
      }
      try {
        if (address !== '0.0.0.0' && spec.multicast) s.setMulticastInterface(address);
        if (spec.broadcast) s.setBroadcast(true);
      } catch {
        ctx.stats.count(name, 'socketOptionError');
      }
      sockets.push(s);
    }
    const probesNow = (): Buffer[] => {
      try {
        return spec.extraProbes ? [...spec.probes, ...spec.extraProbes()] : spec.probes;
      } catch {
        return spec.probes;
      }
    };
    const send = (dest: string): void => {
      const probes = probesNow();
      for (const s of sockets)
        for (const p of probes)
          s.send(p, spec.port, dest, (err) => ctx.stats.count(name, err ? 'sendError' : 'sent'));
    };
    const groupSends = (): void => {
      if (ctx.interfaces.length && spec.multicast) send(spec.multicast);
      if (ctx.interfaces.length && spec.broadcast) send('255.255.255.255');
    };
    // Unicast targets arrive while the sweep runs; read them until the window ends.
    const iterator = ctx.unicastTargets()[Symbol.asyncIterator]();
    void (async () => {
      try {
        while (!done) {
          const r = await iterator.next();
          if (r.done || done) break;
          targets.push(r.value);
          send(r.value);
        }
      } catch {
        /* a failing target source only ends unicast */
      }
    })();
    groupSends();
    const window = ctx.discoveryWindowMs;
    await new Promise<void>((resolve) => {
      const timers = [1, 2].map((k) =>
        setTimeout(() => {
          if (k < REPEATS) {
            groupSends();
            for (const t of targets) send(t);
          }
        }, (window * k) / REPEATS),
      );
      const finish = (): void => {
        timers.forEach(clearTimeout);
        clearTimeout(end);
        ctx.signal.removeEventListener('abort', finish);
        resolve();
      };
      const end = setTimeout(finish, window);
      if (ctx.signal.aborted) finish();
      else ctx.signal.addEventListener('abort', finish, { once: true });
    });
    done = true;
    void iterator.return?.().catch(() => undefined);
  } catch (err) {
    ctx.log.debug({ module: name, err: (err as Error).message }, 'udp discovery failed');
  } finally {
    done = true;
    for (const s of sockets) {
      try {
        s.close();
      } catch {
        /* already closed */
      }
    }
  }
}
