import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from '../../src/parsers/ssdp.js';
import { readCapture } from '../helpers/captures.js';

const corpus = (name: string) => readCapture(name);

describe('ssdp parser', () => {
  it('parses every raw SSDP corpus sample (axis, signify, sonos)', () => {
    const [axis] = parse(corpus('axis-ssdp-1.json').payload);
    expect(axis.fields.status).toBe('HTTP/1.1 200 OK');
    expect(axis.fields.location).toBe('http://192.168.1.102:45895/rootdesc1.xml');
    expect(axis.fields['h.cache-control']).toBe('max-age=1800');
    expect((axis.fields.headerNames as string[])[0]).toBe('CACHE-CONTROL');
    const [hue] = parse(corpus('signify-ssdp-2.json').payload);
    expect(hue.fields.st).toBe('urn:schemas-upnp-org:device:Basic:1');
    const [sonos] = parse(corpus('sonos-ssdp-1.json').payload);
    expect(sonos.fields.server).toMatch(/Sonos/);
  });

  it('reads header names case-insensitively and notes duplicates', () => {
    const [ev] = parse('NOTIFY * HTTP/1.1\r\nLocation: http://a/\r\nlocation: http://b/\r\nServer: x\r\n\r\n');
    expect(ev.fields.location).toBe('http://a/');
    expect(ev.fields.headerNames).toEqual(['Location', 'location', 'Server']);
    expect(ev.notes).toContain('ssdp duplicate header location');
  });

  it('returns [] for other protocols and bounds hostile input', () => {
    expect(parse('RTSP/1.0 200 OK\r\n\r\n')).toEqual([]);
    expect(parse(Buffer.from([0xff, 0xfe, 0x00]))).toEqual([]);
    const many = 'HTTP/1.1 200 OK\r\n' + Array.from({ length: 500 }, (_, i) => `X-${i}: v`).join('\r\n');
    const [ev] = parse(many);
    expect((ev.fields.headerNames as string[]).length).toBe(100);
    const [big] = parse('HTTP/1.1 200 OK\r\nSERVER: ' + 'a'.repeat(200_000));
    expect((big.fields.server as string).length).toBe(2048);
    expect(big.notes).toContain('ssdp truncated at 65536 bytes');
  });

  it('never throws on arbitrary input (3000 cases)', () => {
    const near = fc.array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 40 })), { maxLength: 20 }).map((hs) => 'HTTP/1.1 200 OK\r\n' + hs.map(([k, v]) => `${k}: ${v}`).join('\r\n'));
    fc.assert(fc.property(fc.oneof(fc.string(), near, fc.uint8Array({ maxLength: 1024 }).map((a) => Buffer.from(a))), (x) => Array.isArray(parse(x))), { numRuns: 3000 });
  });
});
