// Network-wide (UDP multicast/broadcast + unicast) discovery modules, in the order they start.
import type { DiscoveryModule } from '../core/module.js';
import { sadpModule } from './sadp/module.js';
import { dhipModule } from './dhip/module.js';
import { xiongmaiModule } from './xiongmai/module.js';

export const networkModules: DiscoveryModule[] = [sadpModule, dhipModule, xiongmaiModule];
