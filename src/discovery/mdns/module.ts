// mDNS / DNS-SD discovery: the query of probe.ts to the group and unicast to every target (3 sends in the
// window, like every UDP module). Service types learned from the DNS-SD enumeration that were not asked for
// by name are queried in the later sends, so their instances (names, TXT, SRV) arrive too.
import type { DiscoveryModule, ScanContext } from '../../core/module.js';
import { parse } from '../../parsers/dns.js';
import { runUdpDiscovery } from '../udp.js';
import { MDNS_GROUP, MDNS_PORT, MDNS_QUESTIONS_MAX, MDNS_SERVICE_TYPES, mdnsQuery } from './probe.js';

/** Learned types queried at most: one extra packet's worth. */
const LEARNED_MAX = MDNS_QUESTIONS_MAX;

export function makeMdnsModule(port = MDNS_PORT): DiscoveryModule {
  return {
    name: 'mdns',
    description: 'mDNS/DNS-SD service enumeration and common camera/service types (UDP 5353, multicast and unicast)',
    type: 'network',
    run: async (ctx: ScanContext) => {
      const asked = new Set(MDNS_SERVICE_TYPES.map((t) => t.toLowerCase()));
      const learned: string[] = [];
      const watching: ScanContext = {
        ...ctx,
        emit: (obs) => {
          const service = obs.fields.service;
          // A bare service type (from the enumeration) has no instance: ask for its instances next time.
          if (obs.kind === 'mdns' && typeof service === 'string' && obs.fields.instance === undefined && learned.length < LEARNED_MAX) {
            const name = `${service}.local`;
            if (/^_[A-Za-z0-9-]{1,63}\._(tcp|udp)\.local$/.test(name) && !asked.has(name.toLowerCase())) {
              asked.add(name.toLowerCase());
              learned.push(name);
            }
          }
          ctx.emit(obs);
        },
      };
      await runUdpDiscovery(watching, {
        module: 'mdns',
        port,
        multicast: MDNS_GROUP,
        probes: [mdnsQuery(MDNS_SERVICE_TYPES)],
        extraProbes: () => (learned.length ? [mdnsQuery(learned)] : []),
        parse,
        // Other hosts' queries reach the group too (QR bit clear): not replies, not worth a note.
        ignore: (msg) => msg.length >= 4 && (msg[2]! & 0x80) === 0,
      });
    },
  };
}

export const mdnsModule = makeMdnsModule();
