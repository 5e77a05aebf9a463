import type { DiscoveryModule } from '../../core/module.js';
import { parse } from '../../parsers/wsd.js';
import { runUdpDiscovery } from '../udp.js';
import { WSD_GROUP, WSD_PORT, wsdProbe } from './probe.js';

export function makeWsdModule(port = WSD_PORT): DiscoveryModule {
  return {
    name: 'wsd',
    description: 'ONVIF WS-Discovery Probe (UDP 3702, multicast and unicast)',
    type: 'network',
    run: (ctx) => runUdpDiscovery(ctx, { module: 'wsd', port, multicast: WSD_GROUP, probes: [wsdProbe(true), wsdProbe(false)], parse }),
  };
}

export const wsdModule = makeWsdModule();
