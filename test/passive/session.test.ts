// The passive session on synthetic traffic (frames built in test/passive/frames.ts): who each piece of evidence
// belongs to, the signals the lab captures do not contain (DHCP, DNS queries and TLS SNI towards the makers' clouds,
// layer-2 SADP), MAC binding, bounds, and frame decoding of every link type.
import { Duplex } from 'node:stream';
import { connect } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { CaptureReader, LINKTYPE } from '../../src/parsers/pcap.js';
import { decodeFrame, ipv6Text, Packet } from '../../src/parsers/frame.js';
import { PassiveSession, isLocal4 } from '../../src/passive/session.js';
import { attributeHost } from '../../src/fingerprint/attribute.js';
import type { Observation } from '../../src/core/observation.js';
import { ACK, PSH, arp, ethernet, fixture, ipv4, pcapOf, readCapture, tcp, udp } from './frames.js';

function run(frames: Buffer[], o: { includePublic?: boolean; linkType?: number } = {}) {
  const s = new PassiveSession({ includePublic: o.includePublic });
  s.beginFile('synthetic.pcap');
  const r = new CaptureReader((f) => s.frame(f));
  r.push(pcapOf(frames, o.linkType));
  r.end();
  return s.finish();
}

const CAM = '3c:ef:8c:11:22:33';
const PC = '02:00:5e:00:00:99';
const ROUTER = '02:00:5e:00:00:01';

/** A DHCP client message (BOOTREQUEST) from `mac` with the given options; synthetic. */
function dhcpRequest(mac: string, type: number, opts: Array<[number, Buffer]>, ciaddr = '0.0.0.0'): Buffer {
  const b = Buffer.alloc(240);
  b[0] = 1;
  b[1] = 1;
  b[2] = 6;
  Buffer.from(ciaddr.split('.').map(Number)).copy(b, 12);
  Buffer.from(mac.replace(/:/g, ''), 'hex').copy(b, 28);
  b.writeUInt32BE(0x63825363, 236);
  const o = [Buffer.from([53, 1, type]), ...opts.map(([c, v]) => Buffer.concat([Buffer.from([c, v.length]), v])), Buffer.from([255])];
  return Buffer.concat([b, ...o]);
}

function dhcpAck(mac: string, yiaddr: string): Buffer {
  const b = dhcpRequest(mac, 5, []);
  b[0] = 2;
  Buffer.from(yiaddr.split('.').map(Number)).copy(b, 16);
  return b;
}

/** A DNS query for `name` (type A); synthetic. */
function dnsQuery(name: string): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(0x1234, 0);
  h.writeUInt16BE(0x0100, 2);
  h.writeUInt16BE(1, 4);
  const labels = name.split('.').map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)]));
  return Buffer.concat([h, ...labels, Buffer.from([0, 0, 1, 0, 1])]);
}

/** A real ClientHello as Node's TLS client writes it, asking for `servername`. */
async function clientHello(servername: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const sink = new Duplex({
      read() {},
      write(chunk: Buffer, _enc, cb) {
        chunks.push(chunk);
        cb();
        resolve(Buffer.concat(chunks));
      },
    });
    const t = connect({ socket: sink, servername, rejectUnauthorized: false });
    t.on('error', () => undefined);
    setTimeout(() => t.destroy(), 50);
  });
}

const kinds = (obs: Observation[] | undefined): string[] => (obs ?? []).map((o) => o.kind);

describe('evidence belongs to the sender', () => {
  it('synthetic DHCP: a request from 0.0.0.0 is keyed by MAC and joins the address the server then gave it (hostname, vendorClass, paramList)', () => {
    const req = dhcpRequest(CAM, 1, [[12, Buffer.from('IPC-HDW1230T')], [60, Buffer.from('udhcp 1.22.1')], [55, Buffer.from([1, 3, 6, 12, 15, 28, 42])]]);
    const out = run([
      ethernet(CAM, 'ff:ff:ff:ff:ff:ff', 0x0800, ipv4('0.0.0.0', '255.255.255.255', 17, udp(68, 67, req))),
      ethernet(ROUTER, CAM, 0x0800, ipv4('198.18.5.1', '198.18.5.77', 17, udp(67, 68, dhcpAck(CAM, '198.18.5.77')))),
    ]);
    const obs = out.byHost.get('198.18.5.77')!;
    const dhcp = obs.find((o) => o.kind === 'dhcp')!;
    expect(dhcp.fields).toMatchObject({ messageType: 'DISCOVER', hostname: 'IPC-HDW1230T', vendorClass: 'udhcp 1.22.1', paramList: '1,3,6,12,15,28,42', clientMac: CAM });
    expect(dhcp.packet).toEqual({ file: 'synthetic.pcap', frame: 1, time: '2026-01-01T00:00:00.250000000Z' });
    expect(dhcp.at).toBe('2026-01-01T00:00:00.250Z');
    // The client's MAC (Dahua's OUI) is its device's MAC.
    expect(obs.find((o) => o.kind === 'neigh')!.fields.mac).toBe(CAM);
  });

  it('synthetic DNS: a query towards a maker cloud is evidence for the device that asked; other names are not kept', () => {
    const out = run([
      ethernet(CAM, ROUTER, 0x0800, ipv4('198.18.5.20', '8.8.8.8', 17, udp(40000, 53, dnsQuery('litedev.ys7.com')))),
      ethernet(PC, ROUTER, 0x0800, ipv4('198.18.5.30', '8.8.8.8', 17, udp(40001, 53, dnsQuery('www.example.org')))),
    ]);
    const cam = out.byHost.get('198.18.5.20')!;
    expect(cam.find((o) => o.kind === 'dns')!.fields).toEqual({ query: 'litedev.ys7.com', qtype: 1 });
    const attr = attributeHost(cam);
    expect(attr.manufacturer).toBe('ezviz');
    expect(attr.evidence.map((e) => e.rule)).toContain('cloud.ezviz-device');
    // The PC's lookup is not kept (no rule reads it): a passive read is not a browsing log.
    expect(kinds(out.byHost.get('198.18.5.30'))).not.toContain('dns');
    // The resolver is a public address: not a device of the site.
    expect(out.byHost.has('8.8.8.8')).toBe(false);
  });

  it('synthetic TLS: a ClientHello naming a maker cloud (real bytes from Node’s TLS client) is evidence for the client', async () => {
    const hello = await clientHello('pub-cfg.secu100.net');
    const out = run([
      ethernet(CAM, ROUTER, 0x0800, ipv4('198.18.5.21', '203.0.113.9', 6, tcp(50000, 8086, 1000, 0x02))),
      ethernet(CAM, ROUTER, 0x0800, ipv4('198.18.5.21', '203.0.113.9', 6, tcp(50000, 8086, 1001, ACK | PSH, hello))),
      ethernet(CAM, ROUTER, 0x0800, ipv4('198.18.5.21', '203.0.113.9', 6, tcp(50000, 8086, 1001 + hello.length, ACK | 0x01))),
    ]);
    const sni = out.byHost.get('198.18.5.21')!.find((o) => o.kind === 'tls')!;
    expect(sni.fields).toEqual({ sni: 'pub-cfg.secu100.net' });
    expect(attributeHost(out.byHost.get('198.18.5.21')!).manufacturer).toBe('xiongmai');
  });

  it('synthetic layer-2 SADP (EtherType 0x8033, header as in hiktools): a device-originated frame names Hikvision, keyed to the address that MAC uses', () => {
    const hdr = Buffer.alloc(38);
    Buffer.from([0x21, 0x01, 0x01, 0xf6]).copy(hdr, 0);
    hdr.writeUInt32BE(0x115e, 4);
    hdr.writeUInt16BE(0x0604, 8);
    hdr[10] = 0x04; // InquiryResponse
    Buffer.from('c056e3218901', 'hex').copy(hdr, 14);
    Buffer.from([198, 18, 5, 40]).copy(hdr, 20);
    Buffer.from([255, 255, 255, 0]).copy(hdr, 34);
    const out = run([
      ethernet('c0:56:e3:21:89:01', 'ff:ff:ff:ff:ff:ff', 0x8033, hdr),
      ethernet('c0:56:e3:21:89:01', 'ff:ff:ff:ff:ff:ff', 0x0806, arp('c0:56:e3:21:89:01', '198.18.5.40', '198.18.5.1')),
    ]);
    const obs = out.byHost.get('198.18.5.40')!;
    expect(obs.find((o) => o.kind === 'sadpeth')!.fields).toMatchObject({ origin: 'device', queryType: 'InquiryResponse', mac: 'c0:56:e3:21:89:01', ipv4: '198.18.5.40' });
    const attr = attributeHost(obs);
    expect(attr.manufacturer).toBe('hikvision');
    expect(attr.evidence.map((e) => e.rule)).toContain('sadpeth.device');
  });

  it('synthetic HTTP: the response is the server’s, the request names its path; the client gets nothing', () => {
    const req = Buffer.from('GET /doc/page/login.asp HTTP/1.1\r\nHost: 198.18.5.50\r\n\r\n');
    const res = Buffer.from('HTTP/1.1 200 OK\r\nServer: App-webs/\r\nContent-Type: text/html\r\n\r\n<html><title>login</title></html>');
    const C = '198.18.5.9';
    const S = '198.18.5.50';
    const out = run([
      ethernet(PC, CAM, 0x0800, ipv4(C, S, 6, tcp(50001, 80, 100, 0x02))),
      ethernet(CAM, PC, 0x0800, ipv4(S, C, 6, tcp(80, 50001, 500, 0x12))),
      ethernet(PC, CAM, 0x0800, ipv4(C, S, 6, tcp(50001, 80, 101, ACK | PSH, req))),
      // The response in two segments, the second first (out of order), the first sent twice (retransmission).
      ethernet(CAM, PC, 0x0800, ipv4(S, C, 6, tcp(80, 50001, 501 + 20, ACK | PSH, res.subarray(20)))),
      ethernet(CAM, PC, 0x0800, ipv4(S, C, 6, tcp(80, 50001, 501, ACK | PSH, res.subarray(0, 20)))),
      ethernet(CAM, PC, 0x0800, ipv4(S, C, 6, tcp(80, 50001, 501, ACK | PSH, res.subarray(0, 20)))),
      ethernet(CAM, PC, 0x0800, ipv4(S, C, 6, tcp(80, 50001, 501 + res.length, ACK | 0x01))),
    ]);
    const http = out.byHost.get(S)!.find((o) => o.kind === 'http')!;
    expect(http.fields).toMatchObject({ status: 200, server: 'App-webs/', path: '/doc/page/login.asp', title: 'login' });
    expect(http.port).toBe(80);
    expect(out.byHost.get(S)!.find((o) => o.kind === 'host')!.fields.openPorts).toEqual([80]);
    expect(kinds(out.byHost.get(C))).toEqual(['neigh']);
  });

  it('a connection is read only to its first 16 KiB per direction', () => {
    const body = Buffer.alloc(100_000, 'a');
    const res = Buffer.concat([Buffer.from('HTTP/1.1 200 OK\r\nServer: x\r\n\r\n'), body]);
    const frames: Buffer[] = [];
    for (let o = 0; o < res.length; o += 1400) frames.push(ethernet(CAM, PC, 0x0800, ipv4('198.18.5.50', '198.18.5.9', 6, tcp(80, 50002, 1 + o, ACK | PSH, res.subarray(o, o + 1400)))));
    const out = run(frames);
    const http = out.byHost.get('198.18.5.50')!.find((o) => o.kind === 'http')!;
    expect(http.fields.bodyBytes).toBeLessThan(16 * 1024);
    expect(http.notes!.join(' ')).toMatch(/first 16 KiB/);
  });
});

describe('MAC binding and hosts', () => {
  it('ARP gives a host its MAC; a MAC that sends for many addresses (a router) is no one device’s', () => {
    const frames = [ethernet(CAM, 'ff:ff:ff:ff:ff:ff', 0x0806, arp(CAM, '198.18.5.20', '198.18.5.1'))];
    for (let i = 0; i < 8; i++) frames.push(ethernet(ROUTER, CAM, 0x0800, ipv4(`10.0.${i}.5`, '198.18.5.20', 17, udp(1000, 2000, Buffer.from('x')))));
    const out = run(frames);
    expect(out.byHost.get('198.18.5.20')!.find((o) => o.kind === 'neigh')!.fields).toMatchObject({ mac: CAM, source: 'pcap-arp' });
    for (let i = 0; i < 8; i++) expect(out.byHost.get(`10.0.${i}.5`)?.some((o) => o.kind === 'neigh') ?? false).toBe(false);
  });

  it('only local addresses become devices unless includePublic', () => {
    const f = [ethernet(ROUTER, CAM, 0x0800, ipv4('203.0.113.7', '198.18.5.20', 17, udp(1900, 1900, Buffer.from('NOTIFY * HTTP/1.1\r\nSERVER: Linux UPnP/1.0 Sonos/63.2\r\nNT: upnp:rootdevice\r\n\r\n'))))];
    expect(run(f).byHost.has('203.0.113.7')).toBe(false);
    expect(run(f, { includePublic: true }).byHost.get('203.0.113.7')!.some((o) => o.kind === 'ssdp')).toBe(true);
    expect([isLocal4(0x0a000001), isLocal4(0xc6120001), isLocal4(0xc6130001), isLocal4(0xc6140001), isLocal4(0x08080808), isLocal4(0x64400001)]).toEqual([true, true, true, false, false, true]);
  });

  it('requests name no one: the lab scanner’s M-SEARCH, SADP inquiry and DHIP search leave it without evidence', () => {
    const out = readLab();
    expect(kinds(out.byHost.get('198.18.0.2'))).toEqual(['neigh']);
  });
});

/** The recorded lab capture through a session. */
function readLab() {
  const s = new PassiveSession();
  s.beginFile('lab.pcap.gz');
  const r = new CaptureReader((f) => s.frame(f));
  r.push(fixture('lab.pcap.gz'));
  r.end();
  return s.finish();
}

describe('the recorded lab capture', () => {
  const out = readLab();
  it('every observation names its packet, and the packet is the one that carries the evidence', () => {
    const frames = readCapture(fixture('lab.pcap.gz')).frames;
    const ev = [...out.byHost.values()].flat().filter((o) => o.kind !== 'neigh' && o.kind !== 'host');
    expect(ev.length).toBeGreaterThan(100);
    for (const o of ev) {
      expect(o.packet, `${o.host} ${o.kind}`).toBeDefined();
      const f = frames[o.packet!.frame - 1]!;
      expect(f.time).toBe(o.packet!.time);
    }
    const sadp = ev.find((o) => o.kind === 'sadp')!;
    // The SADP reply is in its frame's bytes.
    expect(frames[sadp.packet!.frame - 1]!.data.toString('latin1')).toContain(String(sadp.fields.DeviceSN));
  });

  it('a fragmented WS-Discovery reply (3 IPv4 fragments) is reassembled and read', () => {
    expect(out.stats.datagramsReassembled).toBeGreaterThan(0);
    expect(kinds(out.byHost.get('198.18.0.10'))).toContain('wsd');
  });

  it('a TLS 1.2 handshake shows the certificate (the server’s evidence); TLS 1.3 ones say it is encrypted', () => {
    const tls = out.byHost.get('198.18.0.111')!.filter((o) => o.kind === 'tls');
    expect(tls.some((o) => o.fields.version === 'TLSv1.2' && typeof o.fields.subject === 'string')).toBe(true);
    expect(out.byHost.get('198.18.0.111')!.some((o) => o.kind === 'probe' && o.fields.outcome === 'encrypted')).toBe(true);
  });
});

describe('frame decoding', () => {
  const p = new Packet();
  it('the same UDP datagram under Ethernet, 802.1Q, QinQ and big-endian headers', () => {
    const plain = readCapture(fixture('lab.pcap.gz')).frames;
    const vlan = readCapture(fixture('lab-vlan.pcap.gz')).frames;
    const qinq = readCapture(fixture('lab-qinq.pcap.gz')).frames;
    const i = plain.findIndex((f) => decodeFrame(1, f.data, p) && p.proto === 17 && p.srcPort === 37020);
    expect(i).toBeGreaterThan(0);
    decodeFrame(1, plain[i]!.data, p);
    const want = [p.src4, p.srcPort, p.dstPort, p.payload.toString('hex')];
    decodeFrame(1, vlan[i]!.data, p);
    expect([p.src4, p.srcPort, p.dstPort, p.payload.toString('hex')]).toEqual(want);
    expect([p.vlanTags, p.vlan]).toEqual([1, 100]);
    decodeFrame(1, qinq[i]!.data, p);
    expect([p.src4, p.srcPort, p.dstPort, p.payload.toString('hex')]).toEqual(want);
    expect([p.vlanTags, p.vlan]).toEqual([2, 200]);
  });

  it('Linux cooked SLL and SLL2 frames carry the sender’s MAC', () => {
    for (const [file, lt] of [['lab-sll.pcap.gz', LINKTYPE.LINUX_SLL], ['lab-sll2.pcap.gz', LINKTYPE.LINUX_SLL2]] as const) {
      const frames = readCapture(fixture(file)).frames;
      const hit = frames.find((f) => decodeFrame(lt, f.data, p) && p.proto === 17 && p.srcPort === 37020);
      expect(hit, file).toBeDefined();
      expect(p.srcMac).toBeGreaterThan(0);
    }
  });

  it('raw IPv4 and IPv6 (with a hop-by-hop header) and BSD loopback', () => {
    expect(decodeFrame(LINKTYPE.RAW, ipv4('198.18.0.1', '198.18.0.2', 17, udp(5353, 5353, Buffer.from('hi'))), p)).toBe(true);
    expect([p.l3, p.srcPort, p.payload.toString()]).toEqual(['ipv4', 5353, 'hi']);
    const v6 = Buffer.alloc(40 + 8 + 8 + 2);
    v6[0] = 0x60;
    v6.writeUInt16BE(18, 4);
    v6[6] = 0; // hop-by-hop
    v6[8] = 0xfe;
    v6[9] = 0x80;
    v6[23] = 1;
    v6[40] = 17; // next: UDP
    v6.writeUInt16BE(5353, 48);
    v6.writeUInt16BE(5353, 50);
    v6.writeUInt16BE(10, 52);
    v6.write('hi', 56);
    expect(decodeFrame(LINKTYPE.IPV6, v6, p)).toBe(true);
    expect([p.l3, p.proto, p.srcPort, p.payload.toString(), ipv6Text(p.src6!)]).toEqual(['ipv6', 17, 5353, 'hi', 'fe80::1']);
    const loop = Buffer.concat([Buffer.from([2, 0, 0, 0]), ipv4('198.18.0.1', '198.18.0.2', 17, udp(1, 2, Buffer.from('x')))]);
    expect(decodeFrame(LINKTYPE.NULL, loop, p) && p.l3).toBe('ipv4');
    expect(decodeFrame(147, Buffer.alloc(10), p)).toBe(false);
  });

  it('never throws on any bytes, for any link type (2,000 random frames each)', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (const lt of [0, 1, 12, 101, 108, 113, 228, 229, 276]) {
      for (let i = 0; i < 2000; i++) {
        const b = Buffer.alloc(Math.floor(rnd() * 120));
        for (let j = 0; j < b.length; j++) b[j] = Math.floor(rnd() * 256);
        if (b.length > 13 && rnd() < 0.5) b.writeUInt16BE([0x0800, 0x86dd, 0x8100, 0x0806, 0x8033][i % 5]!, 12);
        expect(() => decodeFrame(lt, b, p)).not.toThrow();
      }
    }
  });
});
