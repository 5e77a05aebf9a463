import type { DiscoveryModule } from '../../core/module.js';
import { parse } from '../../parsers/xiongmai.js';
import { runUdpDiscovery } from '../udp.js';
import { XM_PORT, xiongmaiProbe } from './probe.js';

export function makeXiongmaiModule(port = XM_PORT): DiscoveryModule {
  return {
    name: 'xiongmai',
    description: 'Xiongmai/XMEye search, message 1530 (UDP 34569, broadcast and unicast)',
    type: 'network',
    run: (ctx) => runUdpDiscovery(ctx, { module: 'xiongmai', port, broadcast: true, probes: [xiongmaiProbe()], parse }),
  };
}

export const xiongmaiModule = makeXiongmaiModule();
