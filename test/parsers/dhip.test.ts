import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dhipHeader, parse } from '../../src/parsers/dhip.js';
import { readCapture } from '../helpers/captures.js';

const sample = readCapture('intelbras-dhip-1');

describe('dhip parser', () => {
  it('reads the Intelbras corpus body (header-less, as captured)', () => {
    expect(sample.source).toContain('Etapa 3');
    const [ev] = parse(sample.payload);
    expect(ev.kind).toBe('dhip');
    expect(ev.fields.method).toBe('client.notifyDevInfo');
    expect(ev.fields.mac).toBe('b4:4c:3b:f4:e3:01');
    expect(ev.fields.Vendor).toBe('Intelbras');
    expect(ev.fields.DeviceType).toBe('SS 3530 MF FACE W');
    expect(ev.fields.DeviceClass).toBe('BSC');
    expect(ev.fields.SerialNo).toBe('K3LJ3400209RH');
    expect(ev.fields.Version).toBe('2.000.00IB004.0.R');
    expect(ev.fields.Port).toBe(37777);
    expect(ev.fields['IPv4Address.IPAddress']).toBe('192.168.3.175');
  });

  it('reads the same body behind a valid 32-byte header', () => {
    const body = Buffer.from(sample.payload, 'utf8');
    const [ev] = parse(Buffer.concat([dhipHeader(body.length), body]));
    expect(ev.fields.Vendor).toBe('Intelbras');
  });

  it('drops lying header lengths, truncation and a short header', () => {
    const body = Buffer.from(sample.payload, 'utf8');
    const tooLong = dhipHeader(body.length + 1);
    expect(parse(Buffer.concat([tooLong, body]))).toEqual([]);
    const disagree = dhipHeader(body.length);
    disagree.writeUInt32LE(5, 0x18);
    expect(parse(Buffer.concat([disagree, body]))).toEqual([]);
    const badSize = dhipHeader(body.length);
    badSize.writeUInt32LE(0x40, 0);
    expect(parse(Buffer.concat([badSize, body]))).toEqual([]);
    expect(parse(Buffer.concat([dhipHeader(body.length), body.subarray(0, 100)]))).toEqual([]);
    expect(parse(dhipHeader(0).subarray(0, 20))).toEqual([]);
  });

  it('returns [] for non-DHIP and invalid UTF-8; caps huge values', () => {
    expect(parse('hello')).toEqual([]);
    expect(parse(Buffer.from([0xff, 0xfe, 0x7b, 0x80]))).toEqual([]);
    const [ev] = parse(JSON.stringify({ method: 'x', params: { deviceInfo: { Vendor: 'V'.repeat(10_000) } } }));
    expect((ev.fields.Vendor as string).length).toBe(1024);
  });

  it('never throws on arbitrary input (3000 cases)', () => {
    const withHeader = fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.concat([dhipHeader(a.length), Buffer.from(a)]));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), withHeader), (x) => Array.isArray(parse(x))), { numRuns: 3000 });
  });
});
