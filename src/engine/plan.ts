import type { Scope } from '../scope/scope.js';
import type { NetInterface, DiscoveryModule } from '../core/module.js';
// An empty address costs one liveness wait (past Linux's 3 s ARP give-up).
import { LIVENESS_WAIT_MS } from './sweep.js';

export interface Plan {
  addresses: number;
  ranges: string[];
  excluded: string[];
  ports: number[];
  modules: string[];
  interfaces: string[];
  concurrency: number;
  rate: number;
  estimatedSeconds: number;
}


/**
 * Worst-case duration: every address empty, so each costs one liveness attempt that ends at the
 * later of the ARP failure and the connect timeout; the UDP window runs alongside the sweep.
 */
export function estimatePlan(
  scope: Scope,
  ports: number[],
  selection: { sweep: boolean; modules: DiscoveryModule[] },
  interfaces: NetInterface[],
  o: { concurrency: number; rate: number; connectTimeout: number; discoveryWindow: number },
): Plan {
  const perAttempt = Math.max(LIVENESS_WAIT_MS, o.connectTimeout);
  const sweepMs = selection.sweep ? Math.ceil(scope.count / o.concurrency) * perAttempt : 0;
  const rateMs = selection.sweep && o.rate > 0 ? (scope.count / o.rate) * 1000 : 0;
  const udpMs = o.discoveryWindow * 1000 + 500;
  const probeMs = 5000;
  const total = Math.max(sweepMs, rateMs, udpMs) + probeMs;
  return {
    addresses: scope.count,
    ranges: scope.describe(),
    excluded: scope.excluded,
    ports,
    modules: [...(selection.sweep ? ['sweep'] : []), ...selection.modules.map((m) => m.name)],
    interfaces: interfaces.map((i) => `${i.name} ${i.cidr}`),
    concurrency: o.concurrency,
    rate: o.rate,
    estimatedSeconds: Math.ceil(total / 1000),
  };
}
