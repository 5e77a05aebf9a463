// Property tests: no TCP parser (nor the decoded-form adapter) throws, hangs or blows up its output,
// whatever a device sends.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import * as http from '../../src/parsers/http.js';
import * as rtsp from '../../src/parsers/rtsp.js';
import * as tls from '../../src/parsers/tls.js';
import * as onvif from '../../src/parsers/onvif.js';
import * as isapi from '../../src/parsers/isapi.js';
import * as dahuaCgi from '../../src/parsers/dahua-cgi.js';
import { fromDecodedTcp } from '../../src/parsers/decoded-tcp.js';
import { anyTcpInput } from '../fuzz/arbitraries-tcp.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const parsers = { http: http.parse, rtsp: rtsp.parse, tls: tls.parse, onvif: onvif.parse, isapi: isapi.parse, 'dahua-cgi': dahuaCgi.parse };

describe('TCP parsers never throw on hostile input', () => {
  for (const [name, parse] of Object.entries(parsers)) {
    it(`${name}: returns an array within 250 ms and 1 MiB of output`, () => {
      fc.assert(
        fc.property(anyTcpInput, (input) => {
          const t0 = performance.now();
          const out = parse(input);
          expect(Array.isArray(out)).toBe(true);
          expect(performance.now() - t0).toBeLessThan(250);
          expect(JSON.stringify(out).length).toBeLessThan(1024 * 1024);
        }),
        { numRuns: RUNS },
      );
    });
  }
  it('fromDecodedTcp: every protocol, any payload', () => {
    fc.assert(
      fc.property(fc.constantFrom('http', 'rtsp', 'tls', 'onvif-devinfo', 'isapi', 'other'), fc.oneof(anyTcpInput, fc.anything()), (p, payload) => {
        expect(Array.isArray(fromDecodedTcp(p, payload))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
  it('a 1 MiB header flood and a 100k-deep XML document stay bounded', () => {
    const t0 = performance.now();
    const [e] = http.parse('HTTP/1.1 200 OK\r\n' + 'X-A: b\r\n'.repeat(130000));
    expect((e.fields.headerNames as string[]).length).toBeLessThanOrEqual(200);
    expect(isapi.parse('<DeviceInfo>' + '<a>'.repeat(100000))).toHaveLength(1);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
