// Shared UDP discovery loop: one socket per interface (bound to its address so multicast/broadcast leave
// through it), the probe sent 3 times within the window to the group/broadcast address and unicast to
// every target, replies deduped, bounded, parsed, and emitted. Never throws; resolves at the window's end.
import { createSocket, type Socket } from 'node:dgram';
import { createHash } from 'node:crypto';
import type { ScanContext } from '../core/module.js';
import { makeObservation, type ParsedEvidence } from '../core/observation.js';
import { describeFailure, failureNote, probeOutcome, rethrowUnless } from '../core/failure.js';

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
  /** Datagrams that are not replies at all (e.g. other hosts' mDNS queries): dropped without a note. */
  ignore?(input: Buffer): boolean;
}

/** Senders whose dropped replies are tallied for a per-device note (bounded whatever a flood sends). */
const TALLY_SENDERS_MAX = 4096;
/** Identical repeats above this are a flood, not the normal echo of our 3 probes on a few sockets. */
const FLOOD_REPEATS = 30;

interface Tally { malformed: number; oversized: number; repeats: number; overCap: number; why?: string }

/** One note per sender that sent replies the scan could not use, so the report says what was cut and why. */
function dropNote(name: string, t: Tally): string | null {
  const parts: string[] = [];
  if (t.malformed) parts.push(`${t.malformed} unreadable (malformed, truncated or lying lengths${t.why ? `; first: ${t.why}` : ''})`);
  if (t.oversized) parts.push(`${t.oversized} oversized`);
  if (t.repeats > FLOOD_REPEATS) parts.push(`${t.repeats} identical repeats (a flood)`);
  if (t.overCap) parts.push(`${t.overCap} beyond the per-module reply cap`);
  return parts.length ? `${name} replies dropped: ${parts.join(', ')}` : null;
}

const REPEATS = 3;

export async function runUdpDiscovery(ctx: ScanContext, spec: UdpDiscoverySpec): Promise<void> {
  const { module: name } = spec;
  const sockets: Socket[] = [];
  const seen = new Set<string>();
  const targets: string[] = [];
  const tallies = new Map<string, Tally>();
  const tally = (address: string, what: Exclude<keyof Tally, 'why'>, why?: string): void => {
    let t = tallies.get(address);
    if (!t) {
      if (tallies.size >= TALLY_SENDERS_MAX) return;
      tallies.set(address, (t = { malformed: 0, oversized: 0, repeats: 0, overCap: 0 }));
    }
    t[what]++;
    if (why && !t.why) t.why = why;
  };
  let done = false;
  try {
    const onMessage = (msg: Buffer, rinfo: { address: string; port: number }): void => {
      try {
        ctx.stats.count(name, 'received');
        if (!ctx.inScope(rinfo.address)) return void ctx.stats.count(name, 'outOfScope');
        if (msg.length > ctx.limits.maxDatagramBytes) return void (ctx.stats.count(name, 'oversized'), tally(rinfo.address, 'oversized'));
        if (spec.ignore?.(msg)) return void ctx.stats.count(name, 'ignored');
        const key = rinfo.address + '|' + createHash('sha1').update(msg).digest('hex');
        if (seen.has(key)) return void (ctx.stats.count(name, 'duplicate'), tally(rinfo.address, 'repeats'));
        if (seen.size >= ctx.limits.maxRepliesPerModule) return void (ctx.stats.count(name, 'dropped'), tally(rinfo.address, 'overCap'));
        seen.add(key);
        const evidence = spec.parse(msg);
        if (!evidence.length) {
          ctx.stats.count(name, 'malformed');
          tally(rinfo.address, 'malformed');
          ctx.log.debug({ module: name, from: rinfo.address, bytes: msg.length }, 'malformed reply dropped');
          return;
        }
        for (const ev of evidence) ctx.emit(makeObservation(rinfo.address, name, ev, { port: rinfo.port, raw: msg }));
      } catch (err) {
        // A reply that made the parser (or the emit) throw: dropped, and the sender's drop note says why.
        ctx.stats.count(name, 'malformed');
        tally(rinfo.address, 'malformed', failureNote('reading it failed', err));
      }
    };
    const binds = ctx.interfaces.length ? ctx.interfaces.map((i) => i.address) : ['0.0.0.0'];
    for (const address of binds) {
      const s = createSocket({ type: 'udp4', reuseAddr: true });
      s.on('error', (err) => ctx.log.debug({ module: name, err: err.message }, 'udp socket error'));
      s.on('message', onMessage);
      const bindError = await new Promise<Error | null>((resolve) => {
        s.once('error', (err) => resolve(err));
        s.bind({ address, port: 0 }, () => resolve(null));
      });
      if (bindError) {
        ctx.stats.count(name, 'bindError');
        ctx.stats.note(name, `no socket on ${address}: ${describeFailure(bindError)}`);
        s.close();
        continue;
      }
      try {
        if (address !== '0.0.0.0' && spec.multicast) s.setMulticastInterface(address);
        if (spec.broadcast) s.setBroadcast(true);
      } catch (err) {
        // The socket still serves unicast; the scan says why multicast/broadcast did not leave through it.
        ctx.stats.count(name, 'socketOptionError');
        ctx.stats.note(name, failureNote(`multicast/broadcast not set up on ${address}`, err));
      }
      sockets.push(s);
    }
    const probesNow = (): Buffer[] => {
      try {
        return spec.extraProbes ? [...spec.probes, ...spec.extraProbes()] : spec.probes;
      } catch (err) {
        ctx.stats.note(name, failureNote('learned probes not built, base probes sent', err));
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
      } catch (err) {
        // A failing target source only ends unicast; the multicast/broadcast part goes on.
        ctx.stats.note(name, failureNote('unicast targets ended early', err));
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
    void iterator.return?.().catch((err: unknown) => ctx.stats.note(name, failureNote('unicast target source not closed', err)));
    for (const [address, t] of tallies) {
      const note = dropNote(name, t);
      if (note) ctx.emit(makeObservation(address, name, probeOutcome(name, 'replies-dropped', note)));
    }
  } catch (err) {
    ctx.stats.note(name, failureNote('discovery stopped early', err));
    ctx.log.debug({ module: name, err: describeFailure(err) }, 'udp discovery failed');
  } finally {
    done = true;
    for (const s of sockets) {
      try {
        s.close();
      } catch (err) {
        rethrowUnless(err, 'ERR_SOCKET_DGRAM_NOT_RUNNING'); // already closed
      }
    }
  }
}
