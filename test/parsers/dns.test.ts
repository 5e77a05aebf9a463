// DNS/mDNS wire parser and the decoded mDNS corpus forms. Wire packets here are built by the test from the
// values of real corpus captures (the corpus holds decoded forms only, no wire bytes): the encoder is ours,
// the names/TXT/ports/addresses are the captures'.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, DNS_RECORDS_MAX } from '../../src/parsers/dns.js';
import { fromDecoded } from '../../src/parsers/decoded.js';
import { mdnsQuery, MDNS_SERVICE_TYPES } from '../../src/discovery/mdns/probe.js';
import { readCapture } from '../helpers/captures.js';

interface Sample { payload: string; source: string; protocol: string }
const corpus = (name: string): Sample => readCapture(name) as unknown as Sample;

function name(labels: string[]): Buffer {
  return Buffer.concat([...labels.map((l) => { const b = Buffer.from(l, 'utf8'); return Buffer.concat([Buffer.from([b.length]), b]); }), Buffer.from([0])]);
}
function rr(owner: Buffer, type: number, data: Buffer): Buffer {
  const h = Buffer.alloc(10);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(0x8001, 2);
  h.writeUInt32BE(120, 4);
  h.writeUInt16BE(data.length, 8);
  return Buffer.concat([owner, h, data]);
}
function packet(records: Buffer[], counts?: { an?: number; ar?: number; flags?: number }): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(counts?.flags ?? 0x8400, 2);
  h.writeUInt16BE(counts?.an ?? records.length, 6);
  h.writeUInt16BE(counts?.ar ?? 0, 10);
  return Buffer.concat([h, ...records]);
}
const srv = (port: number, target: string[]): Buffer => { const b = Buffer.alloc(6); b.writeUInt16BE(port, 4); return Buffer.concat([b, name(target)]); };
const txt = (items: string[]): Buffer => Buffer.concat(items.map((t) => { const b = Buffer.from(t, 'utf8'); return Buffer.concat([Buffer.from([b.length]), b]); }));

/** The Chromecast answer of corpus google-mdns-1 (dig rendering) re-encoded as wire bytes. */
function chromecastWire(): Buffer {
  const inst = ['Chromecast Cumulus', '_googlecast', '_tcp', 'local'];
  return packet([
    rr(name(['_googlecast', '_tcp', 'local']), 12, name(inst)),
    rr(name(inst), 33, srv(8009, ['Chromecast Cumulus', 'local'])),
    rr(name(inst), 16, txt(['id=9472d23123344568ad3c5660f5bd', 've=02', 'md=Chromecast', 'ic=/setup/icon.png', 'fn=Chromecast Cumulus', 'ca=5', 'st=0'])),
    rr(name(['Chromecast Cumulus', 'local']), 1, Buffer.from([192, 168, 5, 110])),
  ], { an: 1, ar: 3 });
}

describe('dns parser (wire)', () => {
  it('reads a Chromecast answer (values from corpus google-mdns-1, re-encoded)', () => {
    expect(corpus('google-mdns-1').source).toContain('hashicorp/mdns');
    const ev = parse(chromecastWire());
    expect(ev).toHaveLength(1);
    expect(ev[0].kind).toBe('mdns');
    expect(ev[0].fields).toMatchObject({
      instance: 'Chromecast Cumulus', service: '_googlecast._tcp', port: 8009, target: 'Chromecast Cumulus.local', hostname: 'Chromecast Cumulus.local',
      addresses: ['192.168.5.110'], 'txt.md': 'Chromecast', 'txt.fn': 'Chromecast Cumulus', 'txt.id': '9472d23123344568ad3c5660f5bd',
    });
    expect(ev[0].fields.txt).toHaveLength(7);
  });

  it('follows backward compression pointers; AAAA printed compressed; keys lower-cased, first value wins', () => {
    // Instance label with a dot and a space, as Hikvision and Axis names have.
    const typeName = name(['_CGI', '_tcp', 'local']); // at offset 12
    const label = Buffer.from('HIKVISION DS-2CD2955FWD-IS - 2.1');
    const ptrData = Buffer.concat([Buffer.from([label.length]), label, Buffer.from([0xc0, 12])]);
    const first = rr(typeName, 12, ptrData);
    const instOff = 12 + typeName.length + 10; // the PTR rdata starts with the instance name
    const owner = Buffer.from([0xc0, instOff]);
    const aaaa = Buffer.from('fd0e2b247e050001bebac2fffe1f9c67', 'hex');
    const pkt = packet([first, rr(owner, 16, txt(['Path=/', 'path=/x', 'flag'])), rr(owner, 33, srv(80, ['DS-2CD2955FWD', 'local'])), rr(name(['DS-2CD2955FWD', 'local']), 28, aaaa), rr(name(['DS-2CD2955FWD', 'local']), 28, Buffer.from('fe800000000000000000000000000001', 'hex'))]);
    const [ev] = parse(pkt);
    expect(ev.fields).toMatchObject({ instance: 'HIKVISION DS-2CD2955FWD-IS - 2.1', service: '_CGI._tcp', port: 80, 'txt.path': '/', 'txt.flag': '' });
    expect(ev.fields.addresses).toEqual(['fd0e:2b24:7e05:1:beba:c2ff:fe1f:9c67', 'fe80::1']);
  });

  it('bare service types from the DNS-SD enumeration and host-only address records', () => {
    const pkt = packet([
      rr(name(['_services', '_dns-sd', '_udp', 'local']), 12, name(['_tivo-videostream', '_tcp', 'local'])),
      rr(name(['nas', 'local']), 1, Buffer.from([10, 0, 0, 9])),
    ]);
    const ev = parse(pkt);
    expect(ev.map((e) => e.fields)).toEqual([{ service: '_tivo-videostream._tcp' }, { hostname: 'nas.local', addresses: ['10.0.0.9'] }]);
  });

  it('queries (ours included) and non-DNS bytes are not evidence', () => {
    expect(parse(mdnsQuery(MDNS_SERVICE_TYPES))).toEqual([]);
    expect(parse('hello world')).toEqual([]);
    expect(parse(Buffer.alloc(5))).toEqual([]);
    expect(parse(chromecastWire().subarray(0, 11))).toEqual([]);
  });

  it('truncated packets and counts larger than the packet: what fits is read, the rest noted', () => {
    const full = chromecastWire();
    const cut = full.subarray(0, full.length - 3); // inside the A record
    const [ev] = parse(cut);
    expect(ev.fields.instance).toBe('Chromecast Cumulus');
    expect(ev.fields.addresses).toBeUndefined();
    expect(ev.notes?.join(' ')).toMatch(/header claims 4 records, packet holds 3/);
    const lying = Buffer.from(full);
    lying.writeUInt16BE(0xffff, 6);
    lying.writeUInt16BE(0xffff, 8);
    lying.writeUInt16BE(0xffff, 10);
    const t0 = performance.now();
    const out = parse(lying);
    expect(performance.now() - t0).toBeLessThan(100);
    expect(out[0].fields['txt.md']).toBe('Chromecast');
    expect(out[0].notes?.join(' ')).toMatch(/packet holds 4/);
  });

  it('compression loops and forward pointers are refused without hanging', () => {
    const self = packet([Buffer.concat([Buffer.from([0xc0, 12]), Buffer.alloc(10)])]); // owner name points at itself
    expect(parse(self)).toEqual([]);
    const forward = packet([Buffer.concat([Buffer.from([0xc0, 40]), Buffer.alloc(40)])]);
    expect(parse(forward)).toEqual([]);
    // Two names pointing at each other: a label then a pointer back and forth.
    const pingPong = packet([Buffer.from([1, 0x61, 0xc0, 15, 1, 0x62, 0xc0, 12]), Buffer.alloc(10)]);
    const t0 = performance.now();
    expect(parse(pingPong)).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('a 64 KB TXT record: capped at 64 strings, noted; record cap holds', () => {
    const inst = ['big', '_http', '_tcp', 'local'];
    const strings = Array.from({ length: 250 }, (_, i) => `k${i}=` + 'v'.repeat(250));
    const big = rr(name(inst), 16, txt(strings));
    expect(big.length).toBeGreaterThan(60_000);
    const [ev] = parse(packet([big]));
    expect(ev.fields.txt).toHaveLength(64);
    expect(ev.notes).toContain('dns TXT cut at 64 strings');
    const many = packet(Array.from({ length: 1000 }, (_, i) => rr(name([`h${i}`, 'local']), 1, Buffer.from([10, 0, i >> 8, i & 255]))));
    const out = parse(many);
    expect(out.length).toBeLessThanOrEqual(64);
    expect(out[0].notes?.join(' ')).toContain(`dns records cut at ${DNS_RECORDS_MAX}`);
  });

  it('invalid UTF-8 in names and TXT becomes replacement characters, never a throw', () => {
    const bad = Buffer.from([0xff, 0xfe, 0xc3]);
    const inst = Buffer.concat([Buffer.from([3]), bad, name(['_http', '_tcp', 'local'])]);
    const [ev] = parse(packet([rr(inst, 16, Buffer.concat([Buffer.from([5]), Buffer.from('k='), bad]))]));
    expect(ev.fields.instance).toBe('\ufffd\ufffd\ufffd');
    expect(String(ev.fields['txt.k'])).toContain('\ufffd');
  });

  it('never throws and stays bounded on arbitrary and near-valid input (3000 cases)', () => {
    const nearValid = fc.tuple(fc.nat(chromecastWire().length), fc.nat(255), fc.nat()).map(([i, byte, cut]) => {
      const b = Buffer.from(chromecastWire());
      b[i % b.length] = byte;
      return b.subarray(0, cut % (b.length + 1));
    });
    fc.assert(
      fc.property(fc.oneof(nearValid, fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.concat([Buffer.from([0, 0, 0x84, 0]), Buffer.from(a)])), fc.string()), (x) => {
        const out = parse(x);
        return Array.isArray(out) && out.length <= 64;
      }),
      { numRuns: 3000 },
    );
  });
});

describe('mdns decoded corpus forms (fromDecoded)', () => {
  it('google-mdns-1 (dig output): Chromecast instance, SRV 8009, TXT, A', () => {
    const s = corpus('google-mdns-1');
    const ev = fromDecoded('mdns', s.payload);
    expect(ev).toHaveLength(1);
    expect(ev[0].fields).toMatchObject({ instance: 'Chromecast Cumulus', service: '_googlecast._tcp', port: 8009, addresses: ['192.168.5.110'], 'txt.md': 'Chromecast' });
    expect(ev[0].notes?.[0]).toMatch(/dig output/);
  });

  it('hikvision-mdns-2 (node-dns-sd JSON): _CGI._tcp instance naming the model, SRV target, addresses', () => {
    const s = corpus('hikvision-mdns-2');
    expect(s.source).toContain('hikvision-mdns');
    const [ev] = fromDecoded('mdns', s.payload);
    expect(ev.fields).toMatchObject({ instance: 'HIKVISION DS-2CD2955FWD-IS - 236286152', service: '_CGI._tcp', port: 80, hostname: 'DS-2CD2955FWD-IS20190709AAWR236286152.local', 'txt.path': '/' });
    expect(ev.fields.addresses).toContain('10.0.1.215');
  });

  it('tivo-mdns-1 (Wireshark text): both TiVo services, SRV port 443', () => {
    const ev = fromDecoded('mdns', corpus('tivo-mdns-1').payload);
    expect(ev.map((e) => [e.fields.instance, e.fields.service, e.fields.port])).toEqual([
      ['Living Room', '_tivo-videostream._tcp', 443],
      ['Living Room', '_tivo-mindrpc._tcp', undefined],
    ]);
  });

  it('a wire packet given as a Buffer goes through the wire parser; unknown text gives []', () => {
    expect(fromDecoded('mdns', chromecastWire())[0].fields.instance).toBe('Chromecast Cumulus');
    expect(fromDecoded('mdns', 'nothing here')).toEqual([]);
    expect(fromDecoded('mdns', '{"answers":[{"name":1}]}')).toEqual([]);
  });
});
