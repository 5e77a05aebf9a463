// Ubiquiti Discovery Service replies (UDP 10001): the real replies of the dev captures (Python bytes literals
// from bdraco/unifi-discovery's tests, decoded here), and hostile framing.
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/parsers/ubiquiti.js';
import { readCapture } from '../helpers/captures.js';

/** A Python bytes literal (b"…" with \xNN, \n, \t, \r, \\, \', \" escapes) → its bytes. */
function pyBytes(literal: string): Buffer {
  const m = /^\s*b(["'])([\s\S]*)\1\s*$/.exec(literal);
  if (!m) throw new Error('not a Python bytes literal');
  const out: number[] = [];
  const s = m[2]!;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out.push(c.charCodeAt(0));
      continue;
    }
    const n = s[++i]!;
    if (n === 'x') {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push({ n: 10, t: 9, r: 13, '0': 0 }[n] ?? n.charCodeAt(0));
  }
  return Buffer.from(out);
}

describe('ubiquiti discovery parser', () => {
  it('reads a UniFi Protect camera reply: product, firmware, hostname, MAC and IP', () => {
    const buf = pyBytes(readCapture('ubiquiti-ubiquiti-discovery-11', 'dev').payload);
    const [ev] = parse(buf);
    expect(ev!.kind).toBe('ubiquiti');
    expect(ev!.fields.protocol).toBe('v1');
    expect(ev!.fields.product).toBe('UVC G4 Pro');
    expect(ev!.fields.firmware).toBe('UVC.S5L.v4.46.18.67.ceacbaa.211202.1017');
    expect(ev!.fields.hostname).toBe('Gate');
    expect(ev!.fields.mac).toBe('e0:63:da:00:5e:08');
    expect(ev!.fields.ips).toEqual(['192.168.212.1']);
  });

  it('reads the second reply (a UniFi Protect bridge)', () => {
    const [ev] = parse(pyBytes(readCapture('ubiquiti-ubiquiti-discovery-12', 'dev').payload));
    expect(ev!.kind).toBe('ubiquiti');
    expect(String(ev!.fields.firmware)).toMatch(/^\S+\.v\d/);
    expect(ev!.fields.mac).toMatch(/^[0-9a-f]{2}(?::[0-9a-f]{2}){5}$/);
  });

  it('rejects a length that lies, a TLV longer than the datagram, other versions and text', () => {
    const good = pyBytes(readCapture('ubiquiti-ubiquiti-discovery-11', 'dev').payload);
    const lie = Buffer.from(good);
    lie.writeUInt16BE(lie.readUInt16BE(2) + 1, 2);
    expect(parse(lie)).toEqual([]);
    expect(parse(Buffer.from([1, 0, 0, 4, 0x03, 0xff, 0xff, 0x41]))).toEqual([]);
    expect(parse(Buffer.from([3, 0, 0, 0]))).toEqual([]);
    expect(parse(Buffer.from([2, 5, 0, 0]))).toEqual([]);
    expect(parse('HTTP/1.1 200 OK\r\n\r\n')).toEqual([]);
    expect(parse(Buffer.alloc(0))).toEqual([]);
  });

  it('keeps control characters out and stops at the TLV cap on a flood of empty TLVs', () => {
    const tlvs = Buffer.concat([Buffer.from([0x03, 0x00, 0x05]), Buffer.from('a\x00b\x1bc', 'latin1'), ...Array.from({ length: 200 }, () => Buffer.from([0x10, 0x00, 0x00]))]);
    const head = Buffer.from([1, 0, 0, 0]);
    head.writeUInt16BE(tlvs.length, 2);
    const [ev] = parse(Buffer.concat([head, tlvs]));
    expect(ev!.fields.firmware).toBe('abc');
    expect(ev!.notes?.[0]).toMatch(/first 64 TLVs/);
  });
});
