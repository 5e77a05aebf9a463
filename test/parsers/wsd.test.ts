import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, scopeFields } from '../../src/parsers/wsd.js';
import { readCapture } from '../helpers/captures.js';

const corpus = (name: string) => readCapture(name);

describe('wsd parser', () => {
  it('parses the Hikvision ProbeMatches envelope from the corpus', () => {
    const ev = parse(corpus('hikvision-ws-discovery-2.json').payload);
    expect(ev).toHaveLength(1);
    expect(ev[0].kind).toBe('wsd');
    expect(String(ev[0].fields.endpoint)).toMatch(/^urn:uuid:/);
    expect(ev[0].fields.xaddrs as string[]).not.toHaveLength(0);
    expect(ev[0].fields.namespaces).toContain('http://www.w3.org/2003/05/soap-envelope');
    expect(ev[0].fields['scope.hardware']).toBeTypeOf('string');
  });

  it('classifies scopes (mstar corpus scope string)', () => {
    const f = scopeFields(corpus('mstar-ws-discovery-1.json').payload.trim().split(/\s+/));
    expect(f['scope.name']).toBe('ONVIF_ICAMERA');
    expect(f['scope.hardware']).toBe('MSTAR_IPNC');
    expect(f['scope.profile']).toContain('Streaming');
    expect(f['scope.type']).toContain('ptz');
  });

  it('keeps several ProbeMatches and matches without Scopes', () => {
    const pm = (id: string) => `<d:ProbeMatch><a:EndpointReference><a:Address>urn:uuid:${id}</a:Address></a:EndpointReference><d:XAddrs>http://198.18.1.2/onvif/device_service http://[fe80::1]/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch>`;
    const ev = parse(`<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><d:ProbeMatches>${pm('a')}${pm('b')}</d:ProbeMatches></e:Body></e:Envelope>`);
    expect(ev.map((e) => e.fields.endpoint)).toEqual(['urn:uuid:a', 'urn:uuid:b']);
    expect(ev[0].fields.xaddrs).toHaveLength(2);
    expect(ev[0].fields.scopes).toEqual([]);
    expect(ev[0].fields.metadataVersion).toBe('1');
  });

  it('refuses DOCTYPE, survives deep nesting, returns [] for non-WSD', () => {
    expect(parse('<!DOCTYPE x [<!ENTITY a "b">]><ProbeMatch><Address>&a;</Address></ProbeMatch>')).toEqual([]);
    const deep = (n: number) => '<ProbeMatch>' + '<x>'.repeat(n) + '<Address>u</Address>' + '</x>'.repeat(n) + '</ProbeMatch>';
    const t0 = Date.now();
    expect(parse(deep(50_000))[0].fields.endpoint).toBe('u');
    // 100k deep is 700 KB: cut at the 512 KiB input cap, so the match never closes and nothing is emitted.
    expect(parse(deep(100_000))).toEqual([]);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(parse('HTTP/1.1 200 OK')).toEqual([]);
  });

  it('never throws on arbitrary input (3000 cases)', () => {
    const xmlish = fc.array(fc.constantFrom('<ProbeMatch>', '</ProbeMatch>', '<Scopes>', '</Scopes>', 'onvif://www.onvif.org/name/%', '<Address>', '</Address>', ' ', '<'), { maxLength: 60 }).map((a) => a.join(''));
    fc.assert(fc.property(fc.oneof(fc.string(), xmlish), (x) => Array.isArray(parse(x))), { numRuns: 3000 });
  });
});
