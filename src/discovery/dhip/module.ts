import type { DiscoveryModule } from '../../core/module.js';
import { parse } from '../../parsers/dhip.js';
import { runUdpDiscovery } from '../udp.js';
import { DHIP_GROUP, DHIP_PORT, dhipProbe } from './probe.js';

export function makeDhipModule(port = DHIP_PORT): DiscoveryModule {
  return {
    name: 'dhip',
    description: 'Dahua DHIP DHDiscover.search (UDP 37810, multicast, broadcast and unicast)',
    type: 'network',
    // Our own probe echoed back by the network parses as a request (method DHDiscover.search): drop it.
    run: (ctx) => runUdpDiscovery(ctx, { module: 'dhip', port, multicast: DHIP_GROUP, broadcast: true, probes: [dhipProbe()], parse: (b) => parse(b).filter((e) => e.fields.method !== 'DHDiscover.search') }),
  };
}

export const dhipModule = makeDhipModule();
