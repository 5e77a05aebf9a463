import type { DiscoveryModule } from '../../core/module.js';
import { parse } from '../../parsers/dvrip.js';
import { runUdpDiscovery } from '../udp.js';
import { DVRIP_PORT, dvripProbe } from './probe.js';

export function makeDvripModule(port = DVRIP_PORT): DiscoveryModule {
  return {
    name: 'dvrip',
    description: 'Dahua DVRIP v1 search (UDP 5050, broadcast and unicast)',
    type: 'network',
    // Our own 0xa3 request echoed back does not parse (the parser reads 0xb3 replies only).
    run: (ctx) => runUdpDiscovery(ctx, { module: 'dvrip', port, broadcast: true, probes: [dvripProbe()], parse }),
  };
}

export const dvripModule = makeDvripModule();
