// SSDP search. The UPnP LOCATION fetch is not wired yet (see the report); replies carry `location`.
import type { DiscoveryModule } from '../../core/module.js';
import { parse } from '../../parsers/ssdp.js';
import { runUdpDiscovery } from '../udp.js';
import { SSDP_GROUP, SSDP_PORT, ssdpProbe } from './probe.js';

export function makeSsdpModule(port = SSDP_PORT): DiscoveryModule {
  return {
    name: 'ssdp',
    description: 'SSDP M-SEARCH ssdp:all and upnp:rootdevice (UDP 1900, multicast and unicast)',
    type: 'network',
    // Other hosts' M-SEARCH requests seen on the wire are not device replies: drop them.
    run: (ctx) => runUdpDiscovery(ctx, { module: 'ssdp', port, multicast: SSDP_GROUP, probes: [ssdpProbe('ssdp:all'), ssdpProbe('upnp:rootdevice')], parse: (b) => parse(b).filter((e) => !String(e.fields.status).startsWith('M-SEARCH')) }),
  };
}

export const ssdpModule = makeSsdpModule();
