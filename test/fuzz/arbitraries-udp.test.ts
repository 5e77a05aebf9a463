// Quick property check of the UDP arbitraries: every UDP parser (and upnp-xml, which reads what a LOCATION
// serves) takes every protocol's near-valid datagram without throwing, in bounded time, returning a list.
// Also checks the arbitraries are near-valid, not noise: each protocol's own parser accepts a good share of them.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyUdpDatagram, udpDatagrams } from './arbitraries-udp.js';
import type { ParsedEvidence } from '../../src/core/observation.js';
import { parse as dns } from '../../src/parsers/dns.js';
import { parse as ssdp } from '../../src/parsers/ssdp.js';
import { parse as wsd } from '../../src/parsers/wsd.js';
import { parse as sadp } from '../../src/parsers/sadp.js';
import { parse as dhip } from '../../src/parsers/dhip.js';
import { parse as dvrip } from '../../src/parsers/dvrip.js';
import { parse as xiongmai } from '../../src/parsers/xiongmai.js';
import { parse as upnp } from '../../src/parsers/upnp-xml.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const PARSERS: Record<string, (x: Buffer) => ParsedEvidence[]> = { dns, ssdp, wsd, sadp, dhip, dvrip, xiongmai, 'upnp-xml': upnp };

describe('UDP arbitraries against every UDP parser', () => {
  for (const [name, p] of Object.entries(PARSERS)) {
    it(`${name}: no throw, < 500 ms per case, array result (${RUNS} cases)`, () => {
      fc.assert(
        fc.property(anyUdpDatagram, (b) => {
          const t0 = performance.now();
          const out = p(b);
          expect(performance.now() - t0).toBeLessThan(500);
          return Array.isArray(out);
        }),
        { numRuns: RUNS },
      );
    });
  }

  it('the arbitraries are near-valid: each protocol parser yields evidence for at least 20% of its own cases', () => {
    const rates: string[] = [];
    for (const [name, arb] of Object.entries(udpDatagrams)) {
      const samples = fc.sample(arb, { numRuns: 200, seed: 42 });
      const accepted = samples.filter((b) => PARSERS[name](b).length > 0).length;
      rates.push(`${name} ${accepted}/200`);
      expect(accepted, name).toBeGreaterThanOrEqual(40);
    }
    console.log(`own-parser acceptance of the UDP arbitraries: ${rates.join(', ')}`);
  });
});
