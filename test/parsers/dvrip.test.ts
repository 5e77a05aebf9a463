// Dahua DVRIP v1 (UDP 5050) reply parser. The shared corpus holds no 5050 capture, so every packet here is
// SYNTHETIC: built by `syntheticReply` at the offsets python-dvr's SearchDahua reads (protocols.md §6.3),
// with made-up values. It checks the layout and the bounds, not what a real device sends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, dvripSearchPacket, DVRIP_REPLY_MIN } from '../../src/parsers/dvrip.js';
import { fromDecoded } from '../../src/parsers/decoded.js';

function syntheticReply(o: { name?: string; ip?: number[]; port?: number; mac?: string; model?: string; ext?: number | 'auto' } = {}): Buffer {
  const model = Buffer.from(o.model ?? 'SYNTHETIC-MODEL\0\0\0', 'latin1');
  const b = Buffer.alloc(0x89 + model.length);
  b[0] = 0xb3;
  Buffer.from(o.name ?? 'SYNTH-NAME', 'latin1').subarray(0, 16).copy(b, 0x28);
  Buffer.from(o.ip ?? [198, 18, 0, 250]).copy(b, 0x38);
  Buffer.from([255, 255, 255, 0]).copy(b, 0x3c);
  Buffer.from([198, 18, 0, 1]).copy(b, 0x40);
  b.writeUInt16LE(o.port ?? 37777, 0x62);
  Buffer.from(o.mac ?? '02:00:5e:00:00:01', 'latin1').copy(b, 0x78);
  model.copy(b, 0x89);
  const ext = o.ext ?? 'auto';
  b.writeUInt32LE(ext === 'auto' ? b.length - 32 : ext, 4);
  return b;
}

describe('dvrip parser (synthetic packets)', () => {
  it('the search request is the 32-byte 0xa3 form of protocols.md §6.3', () => {
    expect(dvripSearchPacket().toString('hex')).toBe('a3010001' + '00'.repeat(12) + '02000000' + '00'.repeat(12));
    expect(parse(dvripSearchPacket())).toEqual([]);
  });

  it('reads name/deviceType, addresses, port, MAC and model at python-dvr offsets', () => {
    const [ev] = parse(syntheticReply());
    expect(ev.kind).toBe('dvrip');
    expect(ev.fields).toEqual({ deviceType: 'SYNTH-NAME', name: 'SYNTH-NAME', ip: '198.18.0.250', mask: '255.255.255.0', gateway: '198.18.0.1', port: 37777, mac: '02:00:5e:00:00:01', model: 'SYNTHETIC-MODEL' });
    expect(ev.notes).toBeUndefined();
  });

  it('a header length of 0 uses the datagram; a shorter one trims (noted); a longer one is a lie → []', () => {
    expect(parse(syntheticReply({ ext: 0 }))[0].fields.model).toBe('SYNTHETIC-MODEL');
    const b = syntheticReply({ model: 'ABC' });
    const padded = Buffer.concat([b, Buffer.from('TRAILING')]);
    const [ev] = parse(padded);
    expect(ev.fields.model).toBe('ABC');
    expect(ev.notes?.[0]).toMatch(/8 bytes after the stated length ignored/);
    expect(parse(syntheticReply({ ext: 5000 }))).toEqual([]);
    expect(parse(syntheticReply({ ext: 0xffffffff }))).toEqual([]);
    expect(parse(syntheticReply({ ext: 10 }))).toEqual([]); // states less than the fixed fields need
  });

  it('short, wrong magic and text input give []', () => {
    expect(parse(syntheticReply().subarray(0, DVRIP_REPLY_MIN - 1))).toEqual([]);
    const wrong = syntheticReply();
    wrong[0] = 0xb4;
    expect(parse(wrong)).toEqual([]);
    expect(parse('b3 hello')).toEqual([]);
    expect(parse(Buffer.from('b3000041', 'hex'))).toEqual([]);
  });

  it('control characters and script in text fields are kept as text (escaped at render), model capped', () => {
    const [ev] = parse(syntheticReply({ name: '<script>\x01x', model: 'M'.repeat(5000) }));
    expect(ev.fields.name).toBe('<script>x');
    expect(String(ev.fields.model).length).toBe(256);
    expect(ev.notes).toContain('dvrip model cut at 256 characters');
  });

  it('fromDecoded("dvrip") reads a hex dump or a Buffer', () => {
    const hex = syntheticReply().toString('hex').replace(/(..)/g, '$1 ');
    expect(fromDecoded('dvrip', hex)[0].fields.ip).toBe('198.18.0.250');
    expect(fromDecoded('dvrip', syntheticReply())[0].fields.port).toBe(37777);
    expect(fromDecoded('dvrip', 'not hex')).toEqual([]);
  });

  it('never throws on arbitrary and mutated input (3000 cases)', () => {
    const base = syntheticReply();
    const mutated = fc.tuple(fc.nat(base.length - 1), fc.nat(255), fc.nat(400)).map(([i, v, cut]) => {
      const b = Buffer.from(base);
      b[i] = v;
      return b.subarray(0, cut);
    });
    fc.assert(fc.property(fc.oneof(mutated, fc.uint8Array({ maxLength: 400 }).map((a) => Buffer.concat([Buffer.from([0xb3]), Buffer.from(a)])), fc.string()), (x) => Array.isArray(parse(x))), { numRuns: 3000 });
  });
});
