// fast-check arbitraries for NEAR-VALID UDP discovery datagrams, one per protocol, built with the product's own
// framing helpers (DHIP and Xiongmai headers, the DVRIP search layout, DNS wire encoding) and then bent the way
// a broken or hostile device bends them: lengths and counts that lie, cut datagrams, compression loops,
// oversized TXT, invalid UTF-8, markup in names, flipped bytes. All synthetic; no value here is a capture.
// Reused by the fuzz suite (test/fuzz/*): import { udpDatagrams } and pick the protocol's arbitrary.
import fc from 'fast-check';
import { dhipHeader } from '../../src/parsers/dhip.js';
import { xmHeader, XM_SEARCH_REPLY } from '../../src/parsers/xiongmai.js';

/** Text a device might put in a name: plain, markup/formula, control bytes, invalid UTF-8 (latin1-encoded). */
export const udpName = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.constantFrom('<script>alert(1)</script>', '=HYPERLINK("x")', '\0\0', '\u202e\ufffd', ']]><x>', '&a;&#0;', '\r\n\r\nX: 1') },
);

/** Flip up to 4 bytes and maybe cut the datagram: the damage a lossy or lying sender adds to any framing. */
export function damaged(base: fc.Arbitrary<Buffer>): fc.Arbitrary<Buffer> {
  return fc
    .tuple(
      base,
      fc.oneof({ weight: 2, arbitrary: fc.constant([] as Array<[number, number]>) }, { weight: 1, arbitrary: fc.array(fc.tuple(fc.nat(), fc.nat(255)), { minLength: 1, maxLength: 4 }) }),
      fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }),
    )
    .map(([b, flips, cut]) => {
      const out = Buffer.from(b);
      for (const [i, v] of flips) if (out.length) out[i % out.length] = v;
      return cut === undefined ? out : out.subarray(0, cut % (out.length + 1));
    });
}

// ---- DNS / mDNS ----
const label = fc.oneof(fc.constantFrom('_http', '_tcp', '_udp', 'local', '_googlecast', '_CGI', '_services', '_dns-sd', 'Cam 1.2'), udpName.map((s) => s.slice(0, 63)));
function encName(labels: string[]): Buffer {
  return Buffer.concat([...labels.map((l) => { const b = Buffer.from(l, 'latin1').subarray(0, 63); return Buffer.concat([Buffer.from([b.length]), b]); }), Buffer.from([0])]);
}
const nameBytes = fc.oneof(
  { weight: 12, arbitrary: fc.array(label, { minLength: 1, maxLength: 5 }).map(encName) },
  { weight: 1, arbitrary: fc.nat(0x3fff).map((p) => Buffer.from([0xc0 | (p >> 8), p & 0xff])) }, // pointer anywhere (loops, forward)
  { weight: 1, arbitrary: fc.tuple(label, fc.nat(80)).map(([l, p]) => Buffer.concat([encName([l]).subarray(0, -1), Buffer.from([0xc0, p])])) },
);
const rdata = fc.oneof(
  fc.constant({ type: 1, data: Buffer.from([198, 18, 0, 9]) }),
  fc.constant({ type: 28, data: Buffer.alloc(16, 0xfe) }),
  nameBytes.map((n) => ({ type: 12, data: n })),
  fc.tuple(fc.nat(0xffff), nameBytes).map(([port, n]) => { const h = Buffer.alloc(6); h.writeUInt16BE(port, 4); return { type: 33, data: Buffer.concat([h, n]) }; }),
  fc.array(fc.oneof(udpName, fc.constant('k=' + 'v'.repeat(250))), { maxLength: 80 }).map((items) => ({ type: 16, data: Buffer.concat(items.map((t) => { const b = Buffer.from(t, 'latin1').subarray(0, 255); return Buffer.concat([Buffer.from([b.length]), b]); })) })),
  fc.tuple(fc.nat(0xffff), fc.uint8Array({ maxLength: 64 })).map(([type, d]) => ({ type, data: Buffer.from(d) })),
);
/** An mDNS response: header (counts true or lying), records with names, pointers and rdata of every kind. */
export const mdnsDatagram: fc.Arbitrary<Buffer> = damaged(
  fc.tuple(fc.array(fc.tuple(nameBytes, rdata, fc.nat(9).map((n) => n === 0)), { minLength: 1, maxLength: 24 }), fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(0xffff) }), fc.nat(9).map((n) => n === 0)).map(([recs, lie, query]) => {
    const body = recs.map(([n, r, lieLen]) => {
      const h = Buffer.alloc(10);
      h.writeUInt16BE(r.type, 0);
      h.writeUInt16BE(0x8001, 2);
      h.writeUInt32BE(120, 4);
      h.writeUInt16BE(lieLen ? 0xffff : r.data.length, 8);
      return Buffer.concat([n, h, r.data]);
    });
    const hdr = Buffer.alloc(12);
    hdr.writeUInt16BE(query ? 0 : 0x8400, 2);
    hdr.writeUInt16BE(lie < 0 ? recs.length : lie, 6);
    return Buffer.concat([hdr, ...body]);
  }),
);

// ---- SSDP ----
export const ssdpDatagram: fc.Arbitrary<Buffer> = damaged(
  fc.tuple(fc.constantFrom('HTTP/1.1 200 OK', 'NOTIFY * HTTP/1.1', 'M-SEARCH * HTTP/1.1', 'HTTP/1.0 200', 'XYZ'), fc.array(fc.tuple(fc.constantFrom('LOCATION', 'SERVER', 'ST', 'USN', 'NT', 'X-User-Agent', 'location', 'Server '), udpName), { maxLength: 12 }), fc.constantFrom('\r\n', '\n'))
    .map(([start, hs, eol]) => Buffer.from([start, ...hs.map(([k, v]) => `${k}: ${v}`)].join(eol) + eol + eol, 'latin1')),
);

// ---- WS-Discovery ----
export const wsdDatagram: fc.Arbitrary<Buffer> = damaged(
  fc.tuple(fc.array(fc.oneof(udpName.map((s) => `onvif://www.onvif.org/name/${s}`), udpName.map((s) => `onvif://www.onvif.org/hardware/${s}`)), { maxLength: 8 }), udpName, fc.nat(40)).map(([scopes, xaddr, depth]) =>
    Buffer.from(
      `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Body><d:ProbeMatches><d:ProbeMatch>${'<x>'.repeat(depth)}<a:EndpointReference><a:Address>urn:uuid:${xaddr}</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>${scopes.join(' ')}</d:Scopes><d:XAddrs>http://${xaddr}/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`,
      'latin1',
    ),
  ),
);

// ---- Hikvision SADP ----
export const sadpDatagram: fc.Arbitrary<Buffer> = damaged(
  fc.array(fc.tuple(fc.constantFrom('DeviceDescription', 'DeviceSN', 'MAC', 'SoftwareVersion', 'OEMInfo', 'Activated', 'IPv4Address', 'Uuid', 'x'), udpName), { maxLength: 12 }).map((kv) =>
    Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Types>inquiry</Types>${kv.map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</ProbeMatch>`, 'latin1'),
  ),
);

// ---- Dahua DHIP (37810) ----
export const dhipDatagram: fc.Arbitrary<Buffer> = damaged(
  fc.tuple(udpName, udpName, fc.constantFrom('exact', 'exact', 'long', 'mismatch', 'none'))
    .map(([vendor, type, lie]) => {
      const body = Buffer.from(JSON.stringify({ mac: 'aa:bb', method: 'client.notifyDevInfo', params: { deviceInfo: { Vendor: vendor, DeviceType: type, IPv4Address: { IPAddress: '198.18.0.9' } } } }), 'utf8');
      if (lie === 'none') return body;
      const h = dhipHeader(lie === 'long' ? body.length + 100 : body.length);
      if (lie === 'mismatch') h.writeUInt32LE(body.length + 1, 0x18);
      return Buffer.concat([h, body]);
    }),
);

// ---- Dahua DVRIP (5050) ----
export const dvripDatagram: fc.Arbitrary<Buffer> = damaged(
  fc.tuple(udpName, udpName, fc.nat(0xffff), fc.oneof({ weight: 3, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.nat(0xffffffff) })).map(([name, model, port, ext]) => {
    const m = Buffer.from(model, 'latin1');
    const b = Buffer.alloc(0x89 + m.length);
    b[0] = 0xb3;
    Buffer.from(name, 'latin1').subarray(0, 16).copy(b, 0x28);
    b.writeUInt16LE(port, 0x62);
    Buffer.from('02:00:5e:00:00:09').copy(b, 0x78);
    m.copy(b, 0x89);
    b.writeUInt32LE(ext < 0 ? b.length - 32 : ext, 4);
    return b;
  }),
);

// ---- Xiongmai (34569) ----
export const xiongmaiDatagram: fc.Arbitrary<Buffer> = damaged(
  fc.tuple(udpName, udpName, fc.constantFrom('exact', 'exact', 'exact', 'long', 'zero')).map(([host, sn, lie]) => {
    const body = Buffer.concat([Buffer.from(JSON.stringify({ Name: 'NetWork.NetCommon', 'NetWork.NetCommon': { HostName: host, SN: sn, MAC: '00:12:31:00:00:01', HostIP: '0x0900A8C0', TCPPort: 34567 }, Ret: 100 }), 'utf8'), Buffer.from([0x0a, 0])]);
    return Buffer.concat([xmHeader(XM_SEARCH_REPLY, lie === 'exact' ? body.length : lie === 'long' ? body.length + 999 : 0), body]);
  }),
);

/** Protocol → arbitrary, keyed by the parser file name in src/parsers (dns = mDNS). */
export const udpDatagrams: Record<string, fc.Arbitrary<Buffer>> = {
  dns: mdnsDatagram,
  ssdp: ssdpDatagram,
  wsd: wsdDatagram,
  sadp: sadpDatagram,
  dhip: dhipDatagram,
  dvrip: dvripDatagram,
  xiongmai: xiongmaiDatagram,
};

/** Any protocol's datagram (for cross-feeding one parser another protocol's bytes). */
export const anyUdpDatagram: fc.Arbitrary<Buffer> = fc.oneof(...Object.values(udpDatagrams));
