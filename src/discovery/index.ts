// Network-wide (UDP multicast/broadcast + unicast) discovery modules, in the order they start.
import type { DiscoveryModule } from '../core/module.js';

export const networkModules: DiscoveryModule[] = [];
