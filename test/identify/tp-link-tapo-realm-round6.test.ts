// Issue 14, round 6 (attr-d): TP-Link camera realms on RTSP and HTTP, end to end through identify.
// Device texts are real with sources named; where a whole reply is not public, the reply around a real value is
// synthetic (said so per test).
import { describe, expect, it } from 'vitest';
import { readCapture } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const HIGH_RISK = ['hikvision', 'dahua', 'uniview', 'huawei', 'zte', 'xiongmai'];
const capture = (name: string) => readCapture(name, 'dev');

describe('TP-Link camera realms, round 6', () => {
  it("a Tapo C110's RTSP 401 with the mixed-case realm 'TP-Link IP-Camera' names TP-Link, a camera (capture dev/tapo-rtsp-41, koush/scrypted #441)", () => {
    const c = capture('tapo-rtsp-41.json');
    const r = expectNamed(identifyText(c.protocol, c.payload), 'tp-link', 'tp-link.camera-realm');
    expect(r.deviceType).toBe('camera');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
    expect(r.risk.level).not.toBe('high');
  });

  it("an HTTP 401 with 'TP-LINK IP-Camera' is a camera, not a router model 'IP-Camera' (realm from Recog http_wwwauth; the reply around it is synthetic)", () => {
    for (const realm of ['TP-LINK IP-Camera', 'TP-Link IP-Camera']) {
      const r = identifyText('http', `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="${realm}"\r\nContent-Length: 0\r\n\r\n`);
      expectNamed(r, 'tp-link', 'tp-link.camera-realm', realm);
      expect(ruleIds(r), realm).not.toContain('realm.tp-link');
      expect(r.model, realm).not.toBe('IP-Camera');
      expect(r.deviceType, realm).toBe('camera');
    }
    // A router's realm still names its model (corpus tplink-http-1, Recog http_wwwauth).
    const router = identifyText('http', 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="TP-LINK Wireless N Router WR841N"\r\n\r\n');
    expectNamed(router, 'tp-link', 'realm.tp-link');
  });

  it("a client log with requests only, no reply printed: the realm its Digest Authorization repeats stands for the challenge (deepch/RTSPtoWeb #403, a Tapo C210)", () => {
    // RTSPtoWeb's log as posted in the issue: the authenticated DESCRIBE in [ ] and the 401 error line after it.
    const log = [
      '2023/11/08 08:47:13 [DESCRIBE rtsp://ip_Camera:554/stream1 RTSP/1.0', 'CSeq: 3',
      'Authorization: Digest username="my_user", realm="TP-Link IP-Camera", nonce="86c9a2a4bfeca68a90010f9aa9a88ba0", uri="rtsp://ip_Camera:554/stream1", response="067bd1a51a2ac4ee830547e165e5f1e1"',
      'Accept: application/sdp', 'User-Agent: Lavf58.76.100', ']',
      'time="2023-11-08T08:47:13Z" level=error msg="Stream error restart stream RTSP Client Unauthorized 401" call=Restart', '',
    ].join('\n');
    const r = expectNamed(identifyText('rtsp', log), 'tp-link', 'tp-link.camera-realm');
    expect(r.deviceType).toBe('camera');
    // A request without a Digest Authorization names nobody (synthetic request).
    expect(identifyText('rtsp', 'DESCRIBE rtsp://10.0.0.2/stream1 RTSP/1.0\r\nCSeq: 3\r\nAccept: application/sdp\r\n\r\n').manufacturer).toBeNull();
    // Basic credentials carry no realm: nothing to read (synthetic request).
    expect(identifyText('rtsp', '[DESCRIBE rtsp://10.0.0.2/stream1 RTSP/1.0\nAuthorization: Basic YWRtaW46YWRtaW4=\n]\n').manufacturer).toBeNull();
  });

  it("LIVE555's method list without PAUSE (a Tapo's OPTIONS reply, capture dev/tapo-rtsp-21) names nobody: Ambarella-SDK and other servers send the same list", () => {
    const c = capture('tapo-rtsp-21.json');
    const r = identifyText(c.protocol, c.payload);
    expect(r.manufacturer).toBeNull();
    const other = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, GET_PARAMETER, SET_PARAMETER\r\n\r\n');
    expect(other.manufacturer).toBeNull();
  });
});

describe("Tapo's ONVIF service address on port 2020, round 6", () => {
  // The GetCapabilities envelope a Tapo C210 answered, as a Tapo integration's test keeps it (GitHub code search,
  // '10.0.50.11:2020/onvif/service'); the HTTP status line and content type around it are synthetic.
  const caps = (xaddr: string) => [
    'HTTP/1.1 200 OK', 'Content-Type: application/soap+xml; charset=utf-8', '',
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">',
    '<SOAP-ENV:Body><tds:GetCapabilitiesResponse><tds:Capabilities>',
    `<tt:Analytics><tt:XAddr>${xaddr}</tt:XAddr><tt:RuleSupport>true</tt:RuleSupport></tt:Analytics>`,
    `<tt:Events><tt:XAddr>${xaddr}</tt:XAddr><tt:WSSubscriptionPolicySupport>true</tt:WSSubscriptionPolicySupport><tt:WSPullPointSupport>true</tt:WSPullPointSupport></tt:Events>`,
    '</tds:Capabilities></tds:GetCapabilitiesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>',
  ].join('\r\n');

  it("GetCapabilities with every XAddr at :2020/onvif/service names TP-Link, possible alone (supporting weight)", () => {
    const r = expectNamed(identifyText('onvif', caps('http://10.0.50.11:2020/onvif/service')), 'tp-link', 'tp-link.onvif-port-2020');
    expect(r.confidence).toBe('possible');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  it('the same service path on another port, or another path on 2020, names nobody', () => {
    for (const x of ['http://10.0.50.11/onvif/service', 'http://10.0.50.11:8899/onvif/service', 'http://10.0.50.11:2020/onvif/Subscription?Idx=7']) {
      const r = identifyText('onvif', caps(x));
      expect(ruleIds(r), x).not.toContain('tp-link.onvif-port-2020');
      expect(r.manufacturer, x).toBeNull();
    }
  });
});
