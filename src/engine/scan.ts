// The scan engine: runs the TCP sweep and the UDP network modules side by side, hands every
// live host to the per-host probes (stage 1, then credentialed stage 2), reads the neighbour
// table at the end, and stops cleanly on abort (Ctrl-C) or when the global budget runs out.
import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { Credential, DiscoveryModule, NetInterface, ScanContext, ScanLimits } from '../core/module.js';
import { DEFAULT_LIMITS } from '../core/module.js';
import { createContext } from '../core/context.js';
import { Limiter } from '../core/limiter.js';
import { Stats } from '../core/stats.js';
import { ObservationStore } from '../core/store.js';
import { makeObservation } from '../core/observation.js';
import { describeFailure, failureNote, probeOutcome } from '../core/failure.js';
import { silentLogger } from '../core/logger.js';
import type { Scope } from '../scope/scope.js';
import { Feed } from './feed.js';
import { LIVENESS_WAIT_MS, sweep, type HostSweep } from './sweep.js';
import { neighbourUnresolvedReader } from './arp-state.js';

export interface Neighbour {
  ip: string;
  mac: string;
  state: string;
  source: string;
}

export interface ScanProgress {
  addressesDone: number;
  addressesTotal: number;
  hostsAlive: number;
  devicesFound: number;
  elapsedMs: number;
}

export interface EngineOptions {
  scope: Scope;
  ports: number[];
  sweep: boolean;
  modules: DiscoveryModule[];
  interfaces: NetInterface[];
  concurrency: number;
  /** New connections per second, 0 = unlimited. */
  rate: number;
  connectTimeoutMs: number;
  hostBudgetMs: number;
  discoveryWindowMs: number;
  /** Whole-scan budget in ms (0 = none): when it runs out the scan stops and is marked incomplete. */
  budgetMs: number;
  limits?: Partial<ScanLimits>;
  signal?: AbortSignal;
  log?: Logger;
  credentialsFor?: (ip: string, vendorHint?: string) => Credential[];
  readNeighbours?: () => Promise<Neighbour[]>;
  onProgress?: (p: ScanProgress) => void;
}

export interface ScanOutcome {
  store: ObservationStore;
  stats: Stats;
  complete: boolean;
  startedAt: string;
  finishedAt: string;
  hostsScanned: number;
  hostsAlive: Set<string>;
  /** Why the scan is incomplete, when it is. */
  stopReason?: string;
}

/** Scopes up to this size get unicast UDP probes to every address; larger ones only to live hosts. */
const UNICAST_ALL_MAX = 1024;
/** After an abort, in-flight work gets this long to finish before the partial result is written. */
const DRAIN_MS = 2000;
/** Longest wait for the neighbour table after the scan. */
const NEIGHBOURS_WAIT_MS = 2000;

const TIMED_OUT = Symbol('timed out');

/** The promise's value, or TIMED_OUT when `ms` passed first (the caller notes it: nothing stops silently). */
function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), ms)))]).finally(() => clearTimeout(timer));
}

export async function runScan(o: EngineOptions): Promise<ScanOutcome> {
  const startedAt = new Date().toISOString();
  const t0 = Date.now();
  const log = o.log ?? silentLogger;
  const stats = new Stats();
  const store = new ObservationStore();
  const limits: ScanLimits = { ...DEFAULT_LIMITS, connectTimeoutMs: o.connectTimeoutMs, ...o.limits };
  const limiter = new Limiter(o.concurrency, limits.perHostConnections, o.rate);

  // One abort for everything: Ctrl-C from outside, or the global budget.
  const stop = new AbortController();
  // Every connection waiting for a slot (up to --concurrency, 256 by default) listens to this one signal and
  // removes its listener when done; that is fan-out, not a leak, so Node's 10-listener warning is turned off.
  setMaxListeners(0, stop.signal);
  let stopReason: string | undefined;
  const onOuterAbort = () => {
    stopReason ??= 'interrupted';
    stop.abort();
  };
  o.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (o.signal?.aborted) onOuterAbort();
  // The drain after a budget stop is part of the budget: stop early enough to finish on time.
  let drainMs = DRAIN_MS;
  const budgetDrain = Math.min(DRAIN_MS, o.budgetMs * 0.05);
  const budgetTimer =
    o.budgetMs > 0
      ? setTimeout(() => {
          stopReason ??= `budget of ${o.budgetMs} ms reached`;
          drainMs = budgetDrain;
          stop.abort();
        }, o.budgetMs - budgetDrain)
      : null;

  const alive = new Set<string>();
  const devices = new Set<string>();
  const aliveFeed = new Feed<string>();
  let addressesDone = 0;
  const progress = () =>
    o.onProgress?.({
      addressesDone,
      addressesTotal: o.scope.count,
      hostsAlive: alive.size,
      devicesFound: devices.size,
      elapsedMs: Date.now() - t0,
    });
  const progressTimer = o.onProgress ? setInterval(progress, 250) : null;

  const ctx: ScanContext = createContext({
    inScope: (ip) => o.scope.has(ip),
    interfaces: o.interfaces,
    unicastTargets:
      o.scope.count <= UNICAST_ALL_MAX ? () => toAsync(o.scope.addresses(), stop.signal) : () => aliveFeed.read(stop.signal),
    discoveryWindowMs: o.discoveryWindowMs,
    signal: stop.signal,
    limits,
    limiter,
    log,
    stats,
    emit: (obs) => {
      // Evidence about addresses outside the scope is never kept (a device may lie about its IP).
      if (!o.scope.has(obs.host)) {
        stats.count(obs.module, 'out-of-scope');
        return;
      }
      store.add(obs);
      // A "device" for the progress line: a host that said something beyond accepting or refusing a connection.
      if (obs.module !== 'sweep' && obs.kind !== 'neigh') devices.add(obs.host);
    },
    credentialsFor: o.credentialsFor,
  });

  // Modules must not throw; if one does, the scan goes on, the failure is counted and noted: on the host a host
  // module was probing (a `probe` observation), else in the scan's notes.
  const safe = async (mod: DiscoveryModule, what: string, p: () => Promise<void>, host?: string) => {
    try {
      await p();
    } catch (err) {
      stats.count(mod.name, 'module-errors');
      const note = failureNote(`${what} stopped with an error`, err);
      log.warn({ module: mod.name, ...(host ? { host } : {}), err: describeFailure(err) }, `${what} failed`);
      if (host) ctx.emit(makeObservation(host, mod.name, probeOutcome(mod.name, 'module-error', note)));
      else stats.note(mod.name, note);
    }
  };

  const networkMods = o.modules.filter((m) => m.type === 'network' && m.run);
  const stage1 = o.modules.filter((m) => m.type === 'host' && (m.stage ?? 1) === 1 && m.probeHost);
  const stage2 = o.modules.filter((m) => m.type === 'host' && m.stage === 2 && m.probeHost);
  // A per-host safety net: probes keep their own deadlines, this only stops a runaway module.
  const hostModuleCap = Math.max(limits.probeDeadlineMs * 4, 10_000);

  const hostTasks: Promise<void>[] = [];
  const probed = new Set<string>();
  const probeHost = async (h: HostSweep) => {
    for (const stage of [stage1, stage2]) {
      if (stop.signal.aborted) return;
      await Promise.all(
        stage.map((m) =>
          safe(
            m,
            'probe',
            async () => {
              const r = await withTimeout(m.probeHost!(ctx, { ip: h.ip, openPorts: h.open, observations: store.get(h.ip) }), hostModuleCap);
              if (r === TIMED_OUT) {
                stats.count(m.name, 'module-timeouts');
                ctx.emit(makeObservation(h.ip, m.name, probeOutcome(m.name, 'timeout', `probe not finished after ${hostModuleCap} ms, left behind (per-host safety net)`)));
              }
            },
            h.ip,
          ),
        ),
      );
    }
  };

  const onHost = (h: HostSweep) => {
    addressesDone++;
    stats.count('sweep', `hosts-${h.reason.replace(/\s+/g, '-')}`);
    if (!h.alive) return;
    alive.add(h.ip);
    aliveFeed.push(h.ip);
    ctx.emit(
      makeObservation(h.ip, 'sweep', {
        kind: 'host',
        fields: { alive: true, openPorts: h.open, closedPorts: h.closed, reason: h.reason },
      }),
    );
    if (h.open.length && (stage1.length || stage2.length)) {
      probed.add(h.ip);
      hostTasks.push(probeHost(h));
    }
  };

  let firstAttempt = 0;
  let lastAttempt = 0;
  const sweepDone = o.sweep
    ? sweep(o.scope.addresses(), {
        ports: o.ports,
        limiter,
        connectTimeoutMs: o.connectTimeoutMs,
        livenessTimeoutMs: Math.min(LIVENESS_WAIT_MS, o.hostBudgetMs),
        neighbourUnresolved: neighbourUnresolvedReader('/proc/net/arp', (note) => stats.note('sweep', note)),
        hostBudgetMs: o.hostBudgetMs,
        hostConcurrency: o.concurrency,
        signal: stop.signal,
        onHost,
        onAttempt: (r) => {
          const now = Date.now() - r.ms;
          if (!firstAttempt) firstAttempt = now;
          lastAttempt = Math.max(lastAttempt, now);
          stats.count('sweep', 'attempts');
          stats.count('sweep', `port-${r.state}`);
        },
      }).finally(() => aliveFeed.close())
    : Promise.resolve(aliveFeed.close());

  const networkDone = Promise.all(networkMods.map((m) => safe(m, 'discovery', () => m.run!(ctx))));

  const work = (async () => {
    await Promise.all([sweepDone, networkDone]);
    // Hosts only the UDP modules found (no open port in the sweep's set) still get the host stage, with no open
    // ports: ONVIF pre-auth at the XAddrs a device announced, the UPnP LOCATION retry when the discovery window had
    // no free connection slot for it.
    if (stage1.length || stage2.length) {
      for (const ip of store.hosts()) {
        if (probed.has(ip) || stop.signal.aborted) continue;
        if (!store.get(ip).some((ob) => ob.module !== 'sweep')) continue; // refused every port, said nothing else
        probed.add(ip);
        hostTasks.push(probeHost({ ip, alive: true, open: [], closed: [], reason: 'udp reply', ms: 0 }));
      }
    }
    // Host tasks may still be added while the sweep runs; wait until none are left.
    for (let seen = 0; seen < hostTasks.length; ) {
      const batch = hostTasks.slice(seen);
      seen += batch.length;
      await Promise.all(batch);
    }
  })();

  // Stop: wait for the work, or for the abort plus a short drain for what is in flight.
  await new Promise<void>((resolve) => {
    void work.then(resolve, (err: unknown) => {
      // A failure outside every module (the sweep itself): the result says so and is not complete.
      const note = failureNote('scan stopped by an error', err);
      stopReason ??= note;
      stats.note('engine', note);
      resolve();
    });
    stop.signal.addEventListener('abort', () => setTimeout(resolve, drainMs), { once: true });
  });

  if (o.readNeighbours) {
    try {
      const neigh = await withTimeout(o.readNeighbours(), NEIGHBOURS_WAIT_MS);
      if (neigh === TIMED_OUT) stats.note('neigh', `neighbour table not read within ${NEIGHBOURS_WAIT_MS} ms`);
      for (const n of neigh === TIMED_OUT ? [] : neigh) {
        if (!n.mac || !o.scope.has(n.ip)) continue;
        if (!alive.has(n.ip) && !store.get(n.ip).length) continue;
        ctx.emit(makeObservation(n.ip, 'neigh', { kind: 'neigh', fields: { mac: n.mac, state: n.state, source: n.source } }));
      }
    } catch (err) {
      stats.note('neigh', failureNote('neighbour table not read', err));
      log.debug({ err: describeFailure(err) }, 'neighbour table not readable');
    }
  }

  if (budgetTimer) clearTimeout(budgetTimer);
  if (progressTimer) clearInterval(progressTimer);
  o.signal?.removeEventListener('abort', onOuterAbort);
  if (lastAttempt > firstAttempt) stats.count('sweep', 'duration-ms', lastAttempt - firstAttempt);
  progress();
  const complete = !stop.signal.aborted && !stopReason;
  return {
    store,
    stats,
    complete,
    startedAt,
    finishedAt: new Date().toISOString(),
    hostsScanned: o.sweep ? addressesDone : o.scope.count,
    hostsAlive: alive,
    ...(stopReason ? { stopReason } : {}),
  };
}

async function* toAsync(it: Iterable<string>, signal: AbortSignal): AsyncGenerator<string> {
  for (const x of it) {
    if (signal.aborted) return;
    yield x;
  }
}
