import { createContext, type ContextOptions } from '../../src/core/context.js';
import type { Observation } from '../../src/core/observation.js';
import type { ScanContext } from '../../src/core/module.js';
import { Stats } from '../../src/core/stats.js';

/** A ScanContext for driving one module in a test; collects what it emits. */
export function makeTestContext(o: Partial<ContextOptions> = {}): { ctx: ScanContext; observations: Observation[]; stats: Stats } {
  const observations: Observation[] = [];
  const stats = o.stats ?? new Stats();
  const ctx = createContext({
    inScope: () => true,
    discoveryWindowMs: 1000,
    ...o,
    stats,
    emit: (obs) => {
      observations.push(obs);
      o.emit?.(obs);
    },
  });
  return { ctx, observations, stats };
}
