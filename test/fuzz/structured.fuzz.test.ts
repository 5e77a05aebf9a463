// Structured fuzzing: every parser in src/parsers gets near-valid inputs of ITS protocol (right framing, hostile
// fields; see hostile-arbitraries.ts) plus a share of the other protocols' inputs. Properties per case:
//   - parse() returns an array and never throws;
//   - it takes at most TIME_BUDGET_MS;
//   - the total string bytes in its result (fields, notes, kind) stay within OUTPUT_BUDGET_BYTES, whatever the
//     input size (inputs here reach ~1.1 MB);
//   - every evidence item has a string `kind` and a plain `fields` object (so the store and reports can take it).
// Parsers that have not landed yet are reported as skipped, by name. Runs = FUZZ_RUNS (default 300);
// `npm run fuzz` sets 100000. Each test prints its throughput (cases/s), recorded in docs/robustness.md.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { checkTime, measured, OUTPUT_BUDGET_BYTES, stringBytes, TIME_BUDGET_MS } from './budget.js';
import { cgiBody, dnString, hostileXml } from './arbitraries-tcp.js';
import { dhipInput, dnsInput, dvripInput, httpInput, hostileName, rtspInput, sadpInput, soapInput, ssdpInput, upnpInput, wsdInput, xiongmaiInput } from './hostile-arbitraries.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
type Input = Buffer | string;
const pem = fc.tuple(hostileName, fc.base64String({ maxLength: 2000 })).map(([n, b]) => `-----BEGIN CERTIFICATE-----\n${b}\n-----END CERTIFICATE-----\n${n}`);
const derish = fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.concat([Buffer.from([0x30, 0x82, 0xff, 0xff]), Buffer.from(a)]));
const isapiDoc = fc.tuple(hostileName, hostileName).map(([m, s]) => `<?xml version="1.0"?><DeviceInfo xmlns="http://www.hikvision.com/ver20/XMLSchema"><deviceName>${s}</deviceName><model>${m}</model><serialNumber>${s}</serialNumber><firmwareVersion>${m}</firmwareVersion></DeviceInfo>`);

/** Net-SNMP walk lines under the private-enterprise arc (enterprise 2011 and its branch 10 often), hostile values. */
const arc = fc.oneof(fc.constantFrom(2011, 10, 3902, 25506), fc.nat({ max: 4294967295 }));
const snmpWalk = fc
  .array(fc.tuple(fc.constantFrom('SNMPv2-SMI::enterprises.', '.1.3.6.1.4.1.', 'iso.3.6.1.4.1.', '1.3.6.1.4.1.'), fc.array(arc, { minLength: 1, maxLength: 40 }), fc.constantFrom(' = STRING: ', ' = INTEGER: ', '|4|', ' = No Such Object'), hostileName), { maxLength: 600 })
  .map((rows) => rows.map(([p, arcs, sep, v]) => `${p}${arcs.join('.')}${sep}${v}`).join('\n'));

/** Own-protocol arbitrary per parser file (src/parsers/<name>.ts). */
const OWN: Record<string, fc.Arbitrary<Input>> = {
  wsd: wsdInput,
  ssdp: ssdpInput,
  'upnp-xml': upnpInput,
  dns: dnsInput,
  sadp: sadpInput,
  dhip: dhipInput,
  dvrip: dvripInput,
  xiongmai: xiongmaiInput,
  http: httpInput,
  rtsp: rtspInput,
  tls: fc.oneof(dnString, pem, derish, hostileName),
  onvif: fc.oneof(soapInput, hostileXml),
  isapi: fc.oneof(isapiDoc, hostileXml, sadpInput),
  banner: fc.oneof(snmpWalk, hostileName),
  'dahua-cgi': fc.oneof(cgiBody, fc.tuple(fc.array(fc.constantFrom('deviceType', 'vendor', 'sn', 'version', 'table.General.MachineName'), { maxLength: 10 }), hostileName).map(([ks, v]) => ks.map((k) => `${k}=${v}`).join('\r\n'))),
};
const everyProtocol = fc.oneof(...Object.values(OWN));

const parserDir = path.join(ROOT, 'src/parsers');

for (const [name, own] of Object.entries(OWN)) {
  const file = path.join(parserDir, `${name}.ts`);
  const present = existsSync(file);
  describe.skipIf(!present)(`structured fuzz: ${name}`, () => {
    it(`src/parsers/${name}.ts: near-valid hostile input, no throw, ≤ ${TIME_BUDGET_MS} ms CPU, ≤ ${OUTPUT_BUDGET_BYTES} result bytes (${RUNS} cases)`, async () => {
      const mod = (await import(file)) as { parse?: (x: Input) => unknown };
      expect(typeof mod.parse).toBe('function');
      let worstMs = 0;
      let worstBytes = 0;
      const t0 = performance.now();
      fc.assert(
        fc.property(fc.oneof({ weight: 4, arbitrary: own }, { weight: 1, arbitrary: everyProtocol }), (input) => {
          const m = measured(() => mod.parse!(input));
          const out = m.out;
          const took = m.cpuMs;
          if (!Array.isArray(out)) throw new Error('parse() did not return an array');
          for (const ev of out as Array<{ kind?: unknown; fields?: unknown }>) {
            if (typeof ev.kind !== 'string' || !ev.fields || typeof ev.fields !== 'object') throw new Error('evidence without kind/fields');
          }
          const bytes = stringBytes(out);
          worstMs = Math.max(worstMs, took);
          worstBytes = Math.max(worstBytes, bytes);
          checkTime(m);
          if (bytes > OUTPUT_BUDGET_BYTES) throw new Error(`result holds ${bytes} string bytes`);
        }),
        { numRuns: RUNS },
      );
      const secs = (performance.now() - t0) / 1000;
      // One line per parser, collected into docs/robustness.md after `npm run fuzz`.
      console.log(`FUZZ ${name} runs=${RUNS} secs=${secs.toFixed(1)} cases/s=${Math.round(RUNS / secs)} worstCpuMs=${worstMs.toFixed(1)} worstBytes=${worstBytes}`);
    }, 3_600_000);
  });
}

describe('structured fuzz: parsers not landed yet', () => {
  it('lists them (informational; the generic fuzz test covers every file that exists)', () => {
    const missing = Object.keys(OWN).filter((n) => !existsSync(path.join(parserDir, `${n}.ts`)));
    if (missing.length) console.log(`FUZZ skipped (no src/parsers file yet): ${missing.join(', ')}`);
    expect(Object.keys(OWN).length - missing.length).toBeGreaterThan(0);
  });
});
