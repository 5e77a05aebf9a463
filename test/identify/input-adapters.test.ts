// The private UDP adapters and the protocol dispatch never throw and stay bounded on any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceFromSample, PROTOCOLS } from '../../src/identify/input.js';

describe('evidenceFromSample', () => {
  it('never throws for any protocol and any payload', () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTOCOLS), fc.oneof(fc.string({ maxLength: 2000 }), fc.json(), fc.anything()), (p, payload) => {
        const ev = evidenceFromSample(p, payload);
        expect(Array.isArray(ev)).toBe(true);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300) },
    );
  });

  it('bounds hostile inputs: deep JSON, endless tags, a megabyte of scopes', () => {
    const deep = '{"params":{"deviceInfo":' + '{"a":'.repeat(10000) + '1' + '}'.repeat(10000) + '}}';
    const tags = '<ProbeMatch>' + '<a>x</a>'.repeat(200_000) + '</ProbeMatch>';
    const scopes = 'onvif://www.onvif.org/name/X '.repeat(40_000);
    const t0 = Date.now();
    for (const [p, s] of [['dhip', deep], ['sadp', tags], ['ws-discovery', scopes], ['mdns', 'a._x._tcp.local '.repeat(100_000)], ['xiongmai', deep]] as const) {
      const ev = evidenceFromSample(p, s);
      for (const e of ev) for (const v of Object.values(e.fields)) if (Array.isArray(v)) expect(v.length).toBeLessThanOrEqual(200);
    }
    expect(Date.now() - t0).toBeLessThan(5000);
  });
});
