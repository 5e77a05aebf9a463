import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse, xmHeader, xmHexIp, XM_SEARCH_REPLY } from '../../src/parsers/xiongmai.js';
import { readCapture } from '../helpers/captures.js';

const corpus = (name: string) => readCapture(name);

describe('xiongmai parser', () => {
  // Sample 2 is kept as a '# '-commented dump; the markers are stripped here (decoded-form mapping).
  const netCommon = corpus('xiongmai-xiongmai-2.json').payload.replace(/^#\s?/gm, '');

  it('reads NetWork.NetCommon from corpus sample 2, HostIP decoded', () => {
    const [ev] = parse(netCommon);
    expect(ev.fields.MAC).toBe('00:12:31:08:bb:97');
    expect(ev.fields.SN).toBe('41e6853ada5e9323');
    expect(ev.fields.HostIP).toBe('192.168.11.109');
    expect(ev.fields['HostIP.raw']).toBe('0x6D0BA8C0');
    expect(ev.fields.TCPPort).toBe(34567);
    expect(ev.fields.OtherFunction).toBe('D=2019-02-28 17:30:58 V=92a9902100ec7c4');
  });

  it('reads the same reply behind a 1531 header with NUL terminator', () => {
    const body = Buffer.from(netCommon + '\n\0');
    const [ev] = parse(Buffer.concat([xmHeader(XM_SEARCH_REPLY, body.length), body]));
    expect(ev.fields.messageId).toBe(1531);
    expect(ev.fields.HostName).toBe('LocalHost');
  });

  it('reads SystemInfo from corpus samples 5 and 6', () => {
    expect(parse(corpus('xiongmai-xiongmai-5.json').payload)[0].fields.DeviceModel).toBe('HI3516EV300_85H50AI');
    const [six] = parse(corpus('xiongmai-xiongmai-6.json').payload);
    expect(six.fields).toMatchObject({ DeviceModel: 'RA50X20', HardWare: 'XM530_RA50X20_8M', SerialNo: 'e976aa836ddfa704', BuildTime: '2019-07-25 19:04:44' });
  });

  it('drops lying lengths, short headers, invalid UTF-8 and non-XM JSON', () => {
    const body = Buffer.from(netCommon);
    expect(parse(Buffer.concat([xmHeader(XM_SEARCH_REPLY, body.length + 50), body]))).toEqual([]);
    expect(parse(Buffer.from([0xff, 0, 0, 0]))).toEqual([]);
    expect(parse(Buffer.from([0x7b, 0xff, 0xfe]))).toEqual([]);
    expect(parse('{"Name":"Other"}')).toEqual([]);
    expect(xmHexIp('nope')).toBeUndefined();
  });

  it('never throws on arbitrary input (3000 cases)', () => {
    const framed = fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.concat([xmHeader(XM_SEARCH_REPLY, a.length), Buffer.from(a)]));
    fc.assert(fc.property(fc.oneof(fc.string(), fc.json(), framed), (x) => Array.isArray(parse(x))), { numRuns: 3000 });
  });
});
