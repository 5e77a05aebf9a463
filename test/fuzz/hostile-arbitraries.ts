// Structured fast-check arbitraries: NEAR-VALID inputs per protocol, i.e. the right framing with the fields a
// broken or lying device would send (lying length headers, counts larger than the packet, compression loops,
// 100k-deep nesting, entity bombs, megabyte fields, invalid UTF-8 and NUL bytes, markup/formula in names).
// Everything here is synthetic; nothing is presented as a real capture.
import fc from 'fast-check';
import { serviceReply } from './arbitraries-tcp.js';

// Big blocks are built once and reused: generating a megabyte per case would make 100k runs take hours.
const MB = 1024 * 1024;
export const BIG = {
  ascii: 'A'.repeat(MB),
  invalidUtf8: Buffer.alloc(MB, 0xc3).toString('latin1'), // lone lead bytes once re-encoded as latin1
  nul: '\0'.repeat(64 * 1024),
  deepOpen: '<a>'.repeat(100_000),
  deepOpenNs: '<s:a xmlns:s="urn:x">'.repeat(20_000),
};

/** Hostile text for a "name" field: markup, spreadsheet formulae, control bytes, invalid UTF-8, huge. */
export const hostileName = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 64 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 64 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '<script>alert(1)</script>',
      '<img src=x onerror=alert(1)>',
      '=HYPERLINK("http://evil.example/","click")',
      '+cmd|"/c calc"!A0',
      '-2+3',
      '@SUM(1)',
      '"><svg onload=alert(1)>',
      '\0\0\0',
      '\u202e\u0000\ufffd\ud800',
      ']]><x>',
      '&amp;&lt;&#0;&#xD800;',
      '\r\n\r\nX-Injected: 1',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(BIG.ascii, BIG.invalidUtf8, BIG.nul) },
);

/** Text escaped for an XML text node only sometimes: hostile devices do not escape. */
const xmlText = fc.oneof(hostileName, hostileName.map((s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')));

/** Wraps an XML document the hostile ways: DOCTYPE bombs, deep nesting, cuts, NUL and invalid bytes. */
function hostileXmlAround(doc: fc.Arbitrary<string>): fc.Arbitrary<string | Buffer> {
  return fc.oneof(
    { weight: 4, arbitrary: doc },
    {
      weight: 1,
      arbitrary: doc.map(
        (d) => '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>' + d.replace(/>([^<]{0,40})</, '>&d;&d;&d;<'),
      ),
    },
    { weight: 1, arbitrary: doc.map((d) => d.replace(/(<[A-Za-z][^>]*>)/, `$1${BIG.deepOpen}`)) },
    { weight: 1, arbitrary: doc.map((d) => d.replace(/(<[A-Za-z][^>]*>)/, `$1${BIG.deepOpenNs}`)) },
    { weight: 1, arbitrary: fc.tuple(doc, fc.nat()).map(([d, n]) => d.slice(0, n % (d.length + 1))) },
    { weight: 1, arbitrary: fc.tuple(doc, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([d, n, b]) => { const buf = Buffer.from(d); if (buf.length) buf[n % buf.length] = b; return buf; }) },
    { weight: 1, arbitrary: doc.map((d) => Buffer.concat([Buffer.from(d.slice(0, 40)), Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]), Buffer.from(d.slice(40))])) },
  );
}

// ---- WS-Discovery ProbeMatch ----
const wsdDoc = fc
  .tuple(hostileName, xmlText, xmlText, fc.array(xmlText, { maxLength: 20 }), fc.constantFrom('2005/04', '2009/01', 'x'))
  .map(([addr, types, xaddrs, scopes, ver]) =>
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/${ver}/discovery"><SOAP-ENV:Header><wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action></SOAP-ENV:Header><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:${addr}</wsa:Address></wsa:EndpointReference><d:Types>dn:NetworkVideoTransmitter ${types}</d:Types><d:Scopes>${scopes.map((s) => `onvif://www.onvif.org/name/${s}`).join(' ')} onvif://www.onvif.org/hardware/${types}</d:Scopes><d:XAddrs>http://198.18.0.9/onvif/device_service ${xaddrs}</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`,
  );
export const wsdInput = hostileXmlAround(wsdDoc);

// ---- SSDP (M-SEARCH reply / NOTIFY) ----
const ssdpHeader = fc.oneof(
  fc.tuple(fc.constantFrom('LOCATION', 'SERVER', 'ST', 'USN', 'CACHE-CONTROL', 'NT', 'NTS', 'X-User-Agent', 'location', 'Server '), hostileName).map(([k, v]) => `${k}: ${v}`),
  fc.constantFrom('LOCATION: http://8.8.8.8/desc.xml', 'LOCATION: http://198.18.1.1:99999/x', 'LOCATION: file:///etc/passwd', 'LOCATION: http://[::1]/x', 'LOCATION:', ':::'),
  hostileName,
);
export const ssdpInput = fc
  .tuple(fc.constantFrom('HTTP/1.1 200 OK', 'NOTIFY * HTTP/1.1', 'HTTP/1.1 999', 'M-SEARCH * HTTP/1.1', ''), fc.array(ssdpHeader, { maxLength: 40 }), fc.constantFrom('\r\n', '\n', '\r'), fc.boolean())
  .map(([start, hs, eol, blowUp]) => {
    const s = [start, ...hs].join(eol) + eol + eol;
    return blowUp ? s + 'X-A: b\r\n'.repeat(50_000) : s;
  });

// ---- UPnP device description ----
const upnpDoc = fc
  .tuple(xmlText, xmlText, xmlText, xmlText, fc.nat(50))
  .map(([friendly, mfr, model, serial, subdevices]) =>
    `<?xml version="1.0"?><root xmlns="urn:schemas-upnp-org:device-1-0"><specVersion><major>1</major><minor>0</minor></specVersion><URLBase>http://8.8.8.8/</URLBase><device><deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>${friendly}</friendlyName><manufacturer>${mfr}</manufacturer><manufacturerURL>javascript:alert(1)</manufacturerURL><modelName>${model}</modelName><modelNumber>${model}</modelNumber><serialNumber>${serial}</serialNumber><UDN>uuid:${serial}</UDN><presentationURL>http://10.0.0.1/</presentationURL>` +
    '<deviceList><device><friendlyName>sub</friendlyName>'.repeat(subdevices) +
    '</device></deviceList>'.repeat(subdevices) +
    '</device></root>',
  );
export const upnpInput = hostileXmlAround(upnpDoc);

// ---- SOAP replies (ONVIF) ----
const soapDoc = fc
  .tuple(xmlText, xmlText, xmlText, xmlText)
  .map(([mfr, model, fw, sn]) =>
    `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>${mfr}</tds:Manufacturer><tds:Model>${model}</tds:Model><tds:FirmwareVersion>${fw}</tds:FirmwareVersion><tds:SerialNumber>${sn}</tds:SerialNumber><tds:HardwareId>${sn}</tds:HardwareId></tds:GetDeviceInformationResponse></s:Body></s:Envelope>`,
  );
export const soapInput = hostileXmlAround(soapDoc);

// ---- Hikvision SADP ProbeMatch ----
const sadpDoc = fc
  .tuple(xmlText, xmlText, xmlText, xmlText, fc.nat(30))
  .map(([desc, sn, oem, ver, repeats]) =>
    `<?xml version="1.0" encoding="UTF-8" ?><ProbeMatch><Uuid>${sn}</Uuid><Types>inquiry</Types><DeviceType>${repeats}</DeviceType><DeviceDescription>${desc}</DeviceDescription><DeviceSN>${sn}</DeviceSN><CommandPort>8000</CommandPort><HttpPort>99999</HttpPort><MAC>c0-56-e3-${oem}</MAC><IPv4Address>8.8.8.8</IPv4Address><SoftwareVersion>${ver}</SoftwareVersion><OEMInfo>${oem}</OEMInfo>` +
    `<Extra>${desc}</Extra>`.repeat(repeats) +
    '</ProbeMatch>',
  );
export const sadpInput = hostileXmlAround(sadpDoc);

// ---- DNS / mDNS packets ----
function dnsName(labels: string[]): Buffer {
  const parts: Buffer[] = [];
  for (const l of labels) {
    const b = Buffer.from(l, 'latin1').subarray(0, 63);
    parts.push(Buffer.from([b.length]), b);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}
const dnsLabel = fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ unit: 'binary', minLength: 1, maxLength: 63 }), fc.constantFrom('_hikvision', '_googlecast', '_tcp', 'local', '<script>', '=HYPERLINK(1)'));
/** A name field the hostile ways: ordinary, a pointer to itself, a pointer loop pair, a pointer past the end, a label longer than the packet. */
const dnsNameArb = fc.oneof(
  { weight: 3, arbitrary: fc.array(dnsLabel, { minLength: 1, maxLength: 8 }).map(dnsName) },
  { weight: 1, arbitrary: fc.constant(Buffer.from([0xc0, 0x0c])) }, // points at offset 12: itself when it is the first name
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0x3fff }).map((o) => Buffer.from([0xc0 | (o >> 8), o & 0xff])) },
  { weight: 1, arbitrary: fc.constant(Buffer.from([0x3f, 0x41])) }, // label of 63 with one byte present
  { weight: 1, arbitrary: fc.constant(Buffer.from([0x80, 0x00])) }, // reserved label type
);
const rr = fc
  .tuple(dnsNameArb, fc.constantFrom(1, 12, 16, 33, 28, 47, 255, 0), fc.integer({ min: 0, max: 0xffff }), fc.oneof(fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)), fc.array(dnsLabel, { maxLength: 20 }).map((ls) => Buffer.concat(ls.map((l) => { const b = Buffer.from(l, 'latin1').subarray(0, 255); return Buffer.concat([Buffer.from([b.length]), b]); })))), fc.boolean())
  .map(([name, type, rdlenLie, rdata, lie]) => {
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(type, 0);
    fixed.writeUInt16BE(1, 2);
    fixed.writeUInt32BE(120, 4);
    fixed.writeUInt16BE(lie ? rdlenLie : rdata.length, 8);
    return Buffer.concat([name, fixed, rdata]);
  });
export const dnsInput: fc.Arbitrary<Buffer> = fc
  .tuple(fc.integer({ min: 0, max: 0xffff }), fc.array(rr, { maxLength: 12 }), fc.boolean(), fc.integer({ min: 0, max: 0xffff }), fc.nat())
  .map(([id, rrs, lieCounts, liedCount, cut]) => {
    const hdr = Buffer.alloc(12);
    hdr.writeUInt16BE(id, 0);
    hdr.writeUInt16BE(0x8400, 2);
    hdr.writeUInt16BE(0, 4);
    hdr.writeUInt16BE(lieCounts ? liedCount : rrs.length, 6); // answers
    hdr.writeUInt16BE(lieCounts ? liedCount : 0, 8);
    hdr.writeUInt16BE(lieCounts ? liedCount : 0, 10);
    const pkt = Buffer.concat([hdr, ...rrs]);
    return cut % 4 === 0 ? pkt.subarray(0, cut % (pkt.length + 1)) : pkt;
  });

// ---- JSON bodies shared by DHIP and Xiongmai ----
const deepJson = '{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000);
const jsonValue = fc.oneof(hostileName, fc.integer(), fc.constant(null), fc.constant(BIG.ascii));
const dhipJson = fc
  .tuple(hostileName, jsonValue, jsonValue, jsonValue, fc.boolean())
  .map(([mac, type, vendor, name, deep]) =>
    deep
      ? `{"method":"client.notifyDevInfo","params":{"deviceInfo":${deepJson}}}`
      : JSON.stringify({ mac, method: 'client.notifyDevInfo', params: { deviceInfo: { DeviceType: type, Vendor: vendor, MachineName: name, SerialNo: name, IPv4Address: { IPAddress: '8.8.8.8' }, HttpPort: 99999 } } }),
  );

/** DHIP: 32-byte header (size 0x20, magic DHIP, body length twice) whose lengths may lie, then JSON. */
export const dhipInput: fc.Arbitrary<Buffer> = fc
  .tuple(dhipJson, fc.constantFrom('exact', 'huge', 'zero', 'mismatch', 'short'), fc.nat(), fc.boolean())
  .map(([json, lie, n, noHeader]) => {
    const body = Buffer.from(json);
    if (noHeader) return body; // some captures carry the JSON only
    const h = Buffer.alloc(32);
    h.writeUInt32LE(lie === 'huge' ? 0xffffffff : 0x20, 0);
    h.write('DHIP', 4, 'latin1');
    const len = lie === 'exact' ? body.length : lie === 'huge' ? 0xffffffff : lie === 'zero' ? 0 : lie === 'short' ? Math.max(0, body.length - 1 - (n % 50)) : n % 0xffffffff;
    h.writeUInt32LE(len >>> 0, 16);
    h.writeUInt32LE(lie === 'mismatch' ? (len + 7) >>> 0 : len >>> 0, 24);
    return Buffer.concat([h, body]);
  });

const xmJson = fc
  .tuple(hostileName, jsonValue, jsonValue, fc.boolean())
  .map(([mac, host, sn, deep]) =>
    deep ? `{"NetWork.NetCommon":${deepJson}}` : JSON.stringify({ Name: 'NetWork.NetCommon', 'NetWork.NetCommon': { MAC: mac, HostName: host, SN: sn, HostIP: '0xFFFFFFFFFF', TCPPort: -1, HttpPort: 'x' }, Ret: 100 }),
  );

/** Xiongmai: 20-byte header (0xFF, message id 1531, data length) whose length may lie, then JSON. */
export const xiongmaiInput: fc.Arbitrary<Buffer> = fc
  .tuple(xmJson, fc.constantFrom('exact', 'huge', 'zero', 'short', 'random'), fc.nat(), fc.constantFrom(1531, 1530, 0, 0xffff), fc.boolean())
  .map(([json, lie, n, msgId, trailingNul]) => {
    const body = Buffer.concat([Buffer.from(json), trailingNul ? Buffer.from([0x0a, 0x00]) : Buffer.alloc(0)]);
    const h = Buffer.alloc(20);
    h[0] = 0xff;
    h.writeUInt16LE(msgId, 14);
    const len = lie === 'exact' ? body.length : lie === 'huge' ? 0xffffffff : lie === 'zero' ? 0 : lie === 'short' ? Math.max(0, body.length - 1 - (n % 50)) : n % 0xffffffff;
    h.writeUInt32LE(len >>> 0, 16);
    return Buffer.concat([h, body]);
  });

/** Dahua v1 (DVRIP, UDP 5050) reply: 0xb3 magic and fixed offsets, cut or padded. */
export const dvripInput: fc.Arbitrary<Buffer> = fc
  .tuple(fc.uint8Array({ minLength: 0, maxLength: 300 }), hostileName, fc.nat(400))
  .map(([rest, name, cut]) => {
    const b = Buffer.alloc(160);
    b[0] = 0xb3;
    Buffer.from(rest).copy(b, 1);
    Buffer.from(name, 'latin1').subarray(0, 16).copy(b, 0x28);
    return b.subarray(0, cut % 161);
  });

// ---- HTTP / RTSP with lying lengths and endless bodies ----
export const httpInput = fc.oneof(
  serviceReply,
  fc.tuple(hostileName, fc.constantFrom('99999999999', '-1', '0', 'abc', '1e9'), fc.nat(3000)).map(([server, cl, n]) => `HTTP/1.1 200 OK\r\nServer: ${server}\r\nContent-Length: ${cl}\r\n\r\n<html><title>${server}</title>${'x'.repeat(n)}`),
  fc.tuple(hostileName, fc.constantFrom('ffffffffffffffff', '7fffffff', '-1', 'zz', '0')).map(([t, size]) => `HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n${size}\r\n<title>${t}</title>\r\n0\r\n\r\n`),
  fc.constant('HTTP/1.1 200 OK\r\n' + 'Set-Cookie: a=b\r\n'.repeat(60_000) + '\r\n'),
  fc.constant('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n' + BIG.ascii),
  fc.constant('HTTP/1.1 200 OK\r\nX: ' + BIG.ascii),
  fc.constant('HTTP/1.1 302 Found\r\nLocation: http://8.8.8.8/\r\n\r\n'),
);
export const rtspInput = fc.oneof(
  serviceReply.map((s) => s.replace(/^[^ ]*/, 'RTSP/1.0')),
  fc.tuple(hostileName, fc.nat(3000)).map(([s, n]) => `RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: ${s}\r\nContent-Length: 99999999\r\n\r\nv=0\r\ns=${s}\r\n${'a=x\r\n'.repeat(n)}`),
  fc.constant('RTSP/1.0 200 OK\r\nCSeq: 1\r\n' + 'Public: OPTIONS, DESCRIBE, '.repeat(40_000) + '\r\n\r\n'),
  hostileName.map((p) => `RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: ${p}\r\n\r\n`),
  fc.constant('v=0\r\n' + 'a=' + BIG.ascii),
);
