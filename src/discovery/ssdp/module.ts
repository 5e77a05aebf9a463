// SSDP search, then the UPnP LOCATION fetch (location-fetch.ts) for each distinct LOCATION of the replies.
import type { DiscoveryModule, ScanContext } from '../../core/module.js';
import { parse } from '../../parsers/ssdp.js';
import { runUdpDiscovery } from '../udp.js';
import { createLocationFetcher } from './location-fetch.js';
import { SSDP_GROUP, SSDP_PORT, ssdpProbe } from './probe.js';

/** The fetches end this long after the window, inside the module's window + 0.5 s. */
const FETCH_GRACE_MS = 300;

export function makeSsdpModule(port = SSDP_PORT, opts: { fetchLocation?: boolean } = {}): DiscoveryModule {
  return {
    name: 'ssdp',
    description: 'SSDP M-SEARCH ssdp:all and upnp:rootdevice (UDP 1900, multicast and unicast), then the UPnP description at each LOCATION',
    type: 'network',
    run: async (ctx: ScanContext) => {
      const fetcher = opts.fetchLocation === false ? null : createLocationFetcher(ctx, { deadlineAt: Date.now() + ctx.discoveryWindowMs + FETCH_GRACE_MS });
      const watching: ScanContext = {
        ...ctx,
        emit: (obs) => {
          fetcher?.consider(obs);
          ctx.emit(obs);
        },
      };
      // Other hosts' M-SEARCH requests seen on the wire are not device replies: drop them.
      await runUdpDiscovery(watching, { module: 'ssdp', port, multicast: SSDP_GROUP, probes: [ssdpProbe('ssdp:all'), ssdpProbe('upnp:rootdevice')], parse: (b) => parse(b).filter((e) => !String(e.fields.status).startsWith('M-SEARCH')) });
      await fetcher?.settle();
    },
  };
}

export const ssdpModule = makeSsdpModule();
