import type { Logger } from 'pino';
import type { Credential, NetInterface, ScanContext, ScanLimits } from './module.js';
import { DEFAULT_LIMITS } from './module.js';
import type { Observation } from './observation.js';
import { Limiter } from './limiter.js';
import { Stats } from './stats.js';
import { silentLogger } from './logger.js';

export interface ContextOptions {
  inScope: (ip: string) => boolean;
  interfaces?: NetInterface[];
  /** Fixed list of unicast targets, or an async source (the engine feeds hosts as the sweep finds them). */
  unicastTargets?: Iterable<string> | (() => AsyncIterable<string>);
  discoveryWindowMs?: number;
  signal?: AbortSignal;
  limits?: Partial<ScanLimits>;
  limiter?: Limiter;
  log?: Logger;
  stats?: Stats;
  emit: (obs: Observation) => void;
  credentialsFor?: (ip: string, vendorHint?: string) => Credential[];
}

/** Builds a ScanContext; the engine uses it for real scans and tests use it to drive one module. */
export function createContext(o: ContextOptions): ScanContext {
  const limits = { ...DEFAULT_LIMITS, ...o.limits };
  const targets = o.unicastTargets ?? [];
  return {
    inScope: o.inScope,
    interfaces: o.interfaces ?? [],
    unicastTargets:
      typeof targets === 'function'
        ? targets
        : async function* () {
            yield* targets as Iterable<string>;
          },
    discoveryWindowMs: o.discoveryWindowMs ?? 3000,
    signal: o.signal ?? new AbortController().signal,
    limits,
    limiter: o.limiter ?? new Limiter(256, limits.perHostConnections),
    log: o.log ?? silentLogger,
    stats: o.stats ?? new Stats(),
    emit: o.emit,
    credentialsFor: o.credentialsFor ?? (() => []),
  };
}
