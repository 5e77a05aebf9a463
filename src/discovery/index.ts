// Network-wide (UDP multicast/broadcast + unicast) discovery modules, in the order they start.
import type { DiscoveryModule } from '../core/module.js';
import { wsdModule } from './wsd/module.js';
import { ssdpModule } from './ssdp/module.js';
import { sadpModule } from './sadp/module.js';
import { dhipModule } from './dhip/module.js';
import { xiongmaiModule } from './xiongmai/module.js';
import { mdnsModule } from './mdns/module.js';
import { dvripModule } from './dvrip/module.js';
import { upnpLocationModule } from './ssdp/location-host.js';

// The last entry is a host-stage module (the engine schedules by `type`): the UPnP LOCATION fetch retried after
// the host's sweep, for descriptions the window could not fetch (see ssdp/location-host.ts).
export const networkModules: DiscoveryModule[] = [wsdModule, ssdpModule, mdnsModule, sadpModule, dhipModule, dvripModule, xiongmaiModule, upnpLocationModule];
