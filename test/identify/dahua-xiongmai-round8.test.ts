// Issue 14, round 8 (h8-xmd): Dahua, Xiongmai and Uniview ONVIF forms end to end through identify.
// - Dahua's ONVIF/WS-Discovery template: `<s:Envelope xmlns:sc="…soap-encoding" xmlns:s="…soap-envelope" …>`, the
//   encoding namespace first under `sc` (go2rtc pkg/onvif/onvif_test.go 'Dahua stream default'; a Chinese ONVIF
//   note's '大华response'; WS-Discovery client fixtures of a Dahua/Amcrest ProbeMatch). The bodies below are
//   synthetic: only the envelope head is the documented form.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const DAHUA_HEAD =
  '<?xml version="1.0" encoding="utf-8" standalone="yes" ?><s:Envelope xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">';

/** A synthetic GetSystemDateAndTime reply under the given envelope start (prefix s). */
const dateReply = (head: string): string =>
  `${head}<s:Header/><s:Body><tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType><tt:DaylightSavings>false</tt:DaylightSavings><tt:TimeZone><tt:TZ>GMT+08:00</tt:TZ></tt:TimeZone></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse></s:Body></s:Envelope>`;

describe("Dahua's ONVIF envelope template, round 8", () => {
  it('a reply that carries nothing but the template (GetSystemDateAndTime) names Dahua', () => {
    for (const protocol of ['onvif', 'text']) expectNamed(identifyText(protocol, dateReply(DAHUA_HEAD)), 'dahua', 'onvif.dahua-envelope-head', protocol);
  });

  it('the same reply behind its HTTP status line and headers names Dahua', () => {
    const http = `HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\nConnection: close\r\n\r\n${dateReply(DAHUA_HEAD)}`;
    expectNamed(identifyText('http', http), 'dahua', 'onvif.dahua-envelope-head');
  });

  it('a WS-Discovery ProbeMatch in the template names Dahua through the same rule', () => {
    const probe =
      '<?xml version="1.0" encoding="utf-8" standalone="yes" ?><s:Envelope xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing"><s:Header/><s:Body><d:ProbeMatches><d:ProbeMatch><a:EndpointReference><a:Address>uuid:00000000-0000-0000-0000-000000000000</a:Address></a:EndpointReference><d:Types>dn:NetworkVideoTransmitter tds:Device</d:Types><d:Scopes>onvif://www.onvif.org/Profile/Streaming</d:Scopes><d:XAddrs>http://192.0.2.8/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>';
    expectNamed(identifyText('ws-discovery', probe), 'dahua', 'onvif.dahua-envelope-head');
    // A Hello of the same firmware declares s first, then sc and dn (an Elixir ONVIF library's stored Hello of an
    // IPC-HFW2228M-I1-V2); scopes left out here, so only the envelope names the maker.
    const hello = probe
      .replace('xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:s="http://www.w3.org/2003/05/soap-envelope"', 'xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:sc="http://www.w3.org/2003/05/soap-encoding"')
      .replace(/ProbeMatches>/g, 'Hellos>').replace(/ProbeMatch>/g, 'Hello>').replace(/<\/?d:Hellos>/g, '');
    expectNamed(identifyText('ws-discovery', hello), 'dahua', 'onvif.dahua-envelope-head', 'Hello');
  });

  it("other servers' templates name nobody: Happytime/Xiongmai (s, e), gSOAP (SOAP-ENV), the prefixes in another order", () => {
    const heads = [
      '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:e="http://www.w3.org/2003/05/soap-encoding" xmlns:wsa="http://www.w3.org/2005/08/addressing" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">',
      '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:sc="http://www.w3.org/2003/05/soap-encoding" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">',
    ];
    for (const head of heads) {
      const r = identifyText('onvif', dateReply(head));
      expect(ruleIds(r)).not.toContain('onvif.dahua-envelope-head');
      expect(r.manufacturer).toBeNull();
    }
    const gsoap = dateReply(
      '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:SOAP-ENC="http://www.w3.org/2003/05/soap-encoding" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">',
    ).replace(/<s:/g, '<SOAP-ENV:').replace(/<\/s:/g, '</SOAP-ENV:');
    expect(ruleIds(identifyText('onvif', gsoap))).not.toContain('onvif.dahua-envelope-head');
  });
});

// Dahua's RTSP header shapes (retina dahua_describe_*.txt and dahua_setup.txt; a VLC session with realm
// 'Login to 4M0747EPAA1D284'; go2rtc #1594's Lorex doorbell). The replies below are synthetic, shaped like those.
describe("Dahua's RTSP header shapes, round 8", () => {
  const setup = 'RTSP/1.0 200 OK\r\nCSeq: 4\r\nSession: 634214675641;timeout=60\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1;ssrc=30A98EE7\r\nx-Dynamic-Rate: 1\r\n\r\n';
  const describeReply =
    'RTSP/1.0 200 OK\r\nCSeq: 3\r\nx-Accept-Dynamic-Rate: 1\r\nContent-Base: rtsp://192.0.2.5:554/live/\r\nCache-Control: must-revalidate\r\nContent-Length: 60\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=Session\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\n';

  it('a SETUP 200 that carries nothing else names Dahua, however the client printed the header names', () => {
    expectNamed(identifyText('rtsp', setup), 'dahua', 'rtsp.dahua-header-shape');
    expectNamed(identifyText('rtsp', setup.replace('CSeq', 'Cseq').replace('x-Dynamic-Rate', 'X-Dynamic-Rate')), 'dahua', 'rtsp.dahua-header-shape', 'go2rtc case');
  });

  it('a DESCRIBE 200 with the shape names Dahua even without its SDP lines or path', () => {
    expectNamed(identifyText('rtsp', describeReply), 'dahua', 'rtsp.dahua-header-shape');
  });

  it('Darwin-style replies with the same x- headers plus Server, and a SETUP with a Server line, name nobody', () => {
    const darwin = describeReply.replace('CSeq: 3\r\n', 'Server: DSS/5.5.3.7\r\nCSeq: 3\r\nx-Accept-Retransmit: our-retransmit\r\n');
    const zlm = setup.replace('CSeq: 4\r\n', 'CSeq: 4\r\nServer: MediaServer\r\n');
    for (const reply of [darwin, zlm]) {
      const r = identifyText('rtsp', reply);
      expect(ruleIds(r)).not.toContain('rtsp.dahua-header-shape');
      expect(r.manufacturer).toBeNull();
    }
  });
});

// Binary-framed JSON pasted as hex: a DHIP packet (32-byte header, 0x20 and magic "DHIP", then JSON: the layout
// src/parsers/dhip.ts reads off the wire) and a Sofia packet (20-byte header from 0xff, then JSON: OpenIPC/python-dvr).
// The packets are synthetic, built from those documented layouts.
describe('DHIP and Sofia packets pasted as hex, round 8', () => {
  const xxd = (b: Buffer): string => {
    const out: string[] = [];
    for (let i = 0; i < b.length; i += 16) {
      const c = [...b.subarray(i, i + 16)];
      const groups: string[] = [];
      for (let j = 0; j < c.length; j += 2) groups.push(c.slice(j, j + 2).map((x) => x.toString(16).padStart(2, '0')).join(''));
      out.push(`${i.toString(16).padStart(8, '0')}: ${groups.join(' ').padEnd(40)}  ${c.map((x) => (x >= 32 && x < 127 ? String.fromCharCode(x) : '.')).join('')}`);
    }
    return out.join('\n');
  };
  const dhip = (json: string): Buffer => {
    const h = Buffer.alloc(32);
    h.writeUInt32LE(32, 0);
    h.write('DHIP', 4, 'ascii');
    h.writeUInt32LE(json.length, 16);
    h.writeUInt32LE(json.length, 24);
    return Buffer.concat([h, Buffer.from(json)]);
  };
  const challenge = '{"error":{"code":268632079,"message":"Component error: login challenge!"},"id":2,"params":{"encryption":"Default","random":"12345678","realm":"Login to 0000000000000000"},"result":false,"session":2147483647}';

  it('a DHIP login challenge as a hex stream or an xxd dump names Dahua through the RPC2 reader', () => {
    const pkt = dhip(challenge);
    for (const [protocol, payload] of [['dhip', pkt.toString('hex')], ['text', xxd(pkt)]] as const) {
      expectNamed(identifyText(protocol, payload), 'dahua', 'doc.dahua-rpc2', `${protocol} hex`);
    }
  });

  it('a Sofia SystemInfo reply as an xxd dump names Xiongmai', () => {
    const json = '{ "Name" : "SystemInfo", "Ret" : 100, "SessionID" : "0x00000002", "SystemInfo" : { "HardWare" : "XM530_50X50-WG_8M", "SoftWareVersion" : "V5.00.R02.00030747.10010.349f17" } }\n';
    const head = Buffer.alloc(20);
    head[0] = 0xff;
    head[1] = 0x01;
    head.writeUInt16LE(1021, 14);
    head.writeUInt32LE(json.length, 16);
    expectNamed(identifyText('text', xxd(Buffer.concat([head, Buffer.from(json)]))), 'xiongmai', 'xiongmai.systeminfo');
  });

  it('hex without a binary frame before its JSON, or text JSON, is not taken as a framed message', () => {
    expect(identifyText('text', Buffer.from('hello {"a": 1}').toString('hex')).manufacturer).toBeNull();
  });
});
