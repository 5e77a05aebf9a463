// Per-host TCP probes (stage 1: unauthenticated), run for every host the sweep finds alive.
import type { DiscoveryModule } from '../core/module.js';

export const hostModules: DiscoveryModule[] = [];
