import type { DiscoveryModule } from '../../core/module.js';
import { parse } from '../../parsers/sadp.js';
import { runUdpDiscovery } from '../udp.js';
import { SADP_GROUP, SADP_PORT, sadpProbe } from './probe.js';

export function makeSadpModule(port = SADP_PORT): DiscoveryModule {
  return {
    name: 'sadp',
    description: 'Hikvision SADP inquiry (UDP 37020, multicast and unicast)',
    type: 'network',
    run: (ctx) => runUdpDiscovery(ctx, { module: 'sadp', port, multicast: SADP_GROUP, probes: [sadpProbe()], parse }),
  };
}

export const sadpModule = makeSadpModule();
