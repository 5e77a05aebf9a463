// Round 8 (issue 14): more of what Huawei's home routers and HiLink modems, and TP-Link's camera RTSP server, show in
// general, end to end through identify. Values are the public ones the rules cite (fingerprints/rules/) unless marked
// synthetic.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const http = (body: string, type = 'text/xml') => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: ${type}\r\n\r\n${body}`);
const bodyOnly = (body: string) => identifyText('http', body);

describe('Huawei HiLink /api/device/signal value forms (earfcn, transmode, kHz frequencies)', () => {
  it('a reply without txpower or mcs values is Huawei through earfcn and transmode', () => {
    const r = http('<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<rsrp>-95dBm</rsrp>\n<rsrq>-11.0dB</rsrq>\n<earfcn>DL:3200 UL:21200</earfcn>\n<band>7</band>\n<transmode>TM[3]</transmode>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-signal');
  });

  it('device.signal() as huawei-lte-api prints it (a B535-932 exporter) is Huawei', () => {
    const r = bodyOnly("{'pci': '266',\n 'rsrp': '-79dBm',\n 'transmode': 'TM[4]',\n 'ulbandwidth': '10MHz',\n 'ulfrequency': '1767600kHz'}");
    expectNamed(r, 'huawei', 'body.huawei-hilink-signal');
  });

  it('bare numbers and generic labels name nobody (synthetic)', () => {
    expect(bodyOnly('{"earfcn":"1300","transmode":"3","ulfrequency":"1747.5 MHz"}').manufacturer).toBeNull();
    expect(bodyOnly('DL: 1300, UL: 19300').manufacturer).toBeNull();
  });
});

describe('Huawei HiLink SMS list and PIN status', () => {
  it('an /api/sms/sms-list reply is Huawei through Smstat', () => {
    const r = http('<?xml version="1.0" encoding="UTF-8"?>\n<response>\n<Count>5</Count>\n<Messages>\n<Message>\n<Smstat>3</Smstat>\n<Index>40000</Index>\n<Phone>+48500500500</Phone>\n</Message>\n</Messages>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('an /api/pin/status reply is Huawei', () => {
    const r = http('<response>\n<SimState>257</SimState>\n<PinOptState>258</PinOptState>\n<SimPinTimes>3</SimPinTimes>\n<SimPukTimes>10</SimPukTimes>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it('a lower-case smstat and a generic PIN element name nobody (synthetic)', () => {
    expect(http('<message><smstat>0</smstat><PinState>READY</PinState></message>').manufacturer).toBeNull();
  });
});

describe("Huawei ATP web UI's csrf_param meta tag", () => {
  it('the index page with the csrf_param/csrf_token pair is Huawei (synthetic token values)', () => {
    const r = http('<!DOCTYPE html>\n<html><head>\n<meta name="csrf_param" content="JDTCq6ZbOOhcYkqMH8DtS6y2m2hbqdsB"/>\n<meta name="csrf_token" content="S0vTgz3Q1yGdsTlxyeGTs1bJd0RtlWsN"/>\n</head><body></body></html>', 'text/html');
    expectNamed(r, 'huawei', 'body.huawei-atp-csrf-meta');
  });

  it("Rails' csrf-param and a Laravel csrf_token tag name nobody", () => {
    const r = http('<html><head><meta name="csrf-param" content="authenticity_token" />\n<meta name="csrf_token" content="{{ csrf_token() }}"></head></html>', 'text/html');
    expect(r.manufacturer).toBeNull();
    expect(ruleIds(r)).not.toContain('body.huawei-atp-csrf-meta');
  });
});

describe("TP-Link's RTSP smart track", () => {
  it("an SDP that keeps only the smart track's rtpmap (re-served, m= line rewritten) is TP-Link", () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Stream\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\nm=application 0 RTP/AVP 95\r\na=control\r\na=rtpmap:95 TP-LINK/90000\r\n');
    expectNamed(r, 'tp-link', 'tp-link.rtsp-sdp');
  });

  it('a codec rtpmap names nobody (synthetic)', () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=Stream\r\nt=0 0\r\nm=video 0 RTP/AVP 95\r\na=rtpmap:95 H264/90000\r\n');
    expect(r.manufacturer).toBeNull();
  });
});

describe("ZTE's .gch device pages", () => {
  it('a device-information page with the Frm_ cells is ZTE (the F680 client test value)', () => {
    const r = http('<html><body>\n<td class="tdleft">Model</td><td id="Frm_ModelName" name="Frm_ModelName" class="tdright">&#70;&#54;&#56;&#48;</td>\n</body></html>', 'text/html');
    expectNamed(r, 'zte', 'body.zte-gch-page-fields');
  });

  it('a DHCP-list page setting values through Transfer_meaning is ZTE (the F670L client test value)', () => {
    const r = http("<html><body>\n<script language=javascript>Transfer_meaning('MACAddr0','aa\\x3abb\\x3acc\\x3add\\x3aee\\x3aff');</script>\n<script language=javascript>Transfer_meaning('IPAddr0','192\\x2e168\\x2e1\\x2e100');</script>\n</body></html>", 'text/html');
    expectNamed(r, 'zte', 'body.zte-gch-page-fields');
  });

  it("generic frm_ forms and a Python transfer_meaning helper name nobody (synthetic)", () => {
    expect(http('<form name="frm_profile" id="frm_profile"><td id="Frm_Title">x</td></form>', 'text/html').manufacturer).toBeNull();
    expect(bodyOnly('def transfer_meaning(text):\n    return text').manufacturer).toBeNull();
  });
});

describe("WhatWeb's verbose report (reader)", () => {
  const report = (extra: string) =>
    `WhatWeb report for http://192.168.1.1:80\nStatus    : 200 OK\nTitle     : F670L\nIP        : 192.168.1.1\nCountry   : RESERVED, ZZ\n\nSummary   : Cookies[_TESTCOOKIESUPPORT], Frame, HTTPServer[Mini web server 1.0 ZTE corp 2005.], HttpOnly[_TESTCOOKIESUPPORT], PasswordField[Password], Script[text/javascript], X-Frame-Options[DENY], probably ZTE-IAD[1.0]\n${extra}`;

  it("a ZTE F670L's report (status, title, summary) is ZTE through its server and cookie, not WhatWeb's plugin name", () => {
    const r = bodyOnly(report('\nDetected Plugins:\n[ Cookies ]\n\tDisplay the names of cookies in the HTTP headers.\n'));
    expectNamed(r, 'zte', 'http-server.zte');
    expect(ruleIds(r)).toContain('http-server.zte-testcookie');
  });

  it("the report's raw HTTP Headers block is read as the reply (synthetic Hikvision values)", () => {
    const r = bodyOnly('WhatWeb report for http://10.0.0.1:80\nStatus    : 401 Unauthorized\nTitle     : <None>\nIP        : 10.0.0.1\n\nSummary   : HTTPServer[App-webs/]\n\nDetected Plugins:\n[ HTTPServer ]\n\tString       : App-webs/ (from server string)\n\nHTTP Headers:\n\tHTTP/1.1 401 Unauthorized\n\tServer: App-webs/\n\tWWW-Authenticate: Digest realm="DS-2CD2142FWD-I", nonce="x"\n\tContent-Length: 0\n\n');
    expectNamed(r, 'hikvision', 'realm.hikvision-model');
  });

  it('HTTPServer[OS][string] gives the header string, and an Apache report names nobody', () => {
    const r = bodyOnly('WhatWeb report for http://10.10.10.242\nStatus    : 200 OK\nTitle     : Emergent Medical Idea\nIP        : 10.10.10.242\n\nSummary   : Apache[2.4.41], HTML5, HTTPServer[Ubuntu Linux][Apache/2.4.41 (Ubuntu)], PHP[8.1.0-dev]\n');
    expect(r.manufacturer).toBeNull();
  });
});

describe("TP-Link's WS-Discovery location and Tapo media port", () => {
  it("a Tapo C720's wsdiscover listing on port 2020 is TP-Link, probable", () => {
    const r = identifyText('ws-discovery', 'Discovered:\n\n address: 192.168.56.109:2020\n  - onvif://www.onvif.org/name/C720\n  - onvif://www.onvif.org/hardware/C720\n  - onvif://www.onvif.org/Profile/Streaming\n  - onvif://www.onvif.org/location/Hong Kong\n  - onvif://www.onvif.org/type/NetworkVideoTransmitter\n');
    expectNamed(r, 'tp-link', 'tp-link.wsd-location-hong-kong');
    expect(r.confidence).toBe('probable');
  });

  it('the location scope alone is possible, and country/china names no TP-Link (synthetic)', () => {
    const xml = (loc: string) => `<d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/C200 onvif://www.onvif.org/location/${loc}</d:Scopes><d:XAddrs>http://192.168.1.5/onvif/device_service</d:XAddrs></d:ProbeMatch>`;
    const r = identifyText('ws-discovery', xml('Hong%20Kong'));
    expectNamed(r, 'tp-link', 'tp-link.wsd-location-hong-kong');
    expect(r.confidence).toBe('possible');
    expect(identifyText('ws-discovery', xml('country/china')).manufacturer).not.toBe('tp-link');
  });

  it("the media port's 200 (a C200's reply as published) is TP-Link", () => {
    const r = identifyText('http', 'HTTP/1.0 200 OK\r\nServer: Streamd\r\nContent-Type: multipart/mixed;boundary=--device-stream-boundary--\r\nKey-Exchange: cipher="AES_128_CBC" username="admin" padding="PKCS7_16" algorithm="MD5" nonce="4514f88f1148a6735bdc6a7d7b93b0b0"\r\nConnection: close\r\n\r\n');
    expectNamed(r, 'tp-link', 'tp-link.tapo-media-stream');
  });

  it('a generic MJPEG multipart reply names nobody (synthetic)', () => {
    expect(identifyText('http', 'HTTP/1.0 200 OK\r\nServer: Streamd\r\nContent-Type: multipart/x-mixed-replace;boundary=--myboundary\r\n\r\n').manufacturer).toBeNull();
  });
});

describe("A HiLink client's printed error (the device's HiLink error code)", () => {
  it('a huawei-lte-api traceback line with code 100002 is Huawei', () => {
    const r = bodyOnly("Error:\n`raise error_code_to_exception.get(error_code, ResponseErrorException)(\nhuawei_lte_api.exceptions.ResponseErrorNotSupportedException: 100002: No support`");
    expectNamed(r, 'huawei', 'body.huawei-hilink-client-error');
  });

  it("the library's class definitions and a generic HTTP status name nobody", () => {
    expect(bodyOnly('class ResponseErrorLoginCsrfException(ResponseErrorException):\n    pass\n').manufacturer).toBeNull();
    expect(bodyOnly('ResponseErrorException: 404').manufacturer).toBeNull();
  });
});

describe('Huawei HiLink sms-count', () => {
  it('the /api/sms/sms-count reply (answered without login) is Huawei', () => {
    const r = http('<response>\n  <LocalUnread>5</LocalUnread>\n  <LocalInbox>18</LocalInbox>\n  <LocalOutbox>3</LocalOutbox>\n</response>');
    expectNamed(r, 'huawei', 'body.huawei-hilink-status-keys');
  });

  it("a Go database pool's MaxIdelTime setting names nobody (round 8 left the key out)", () => {
    expect(bodyOnly('{"MaxIdelConns": 25, "MaxIdelTime": 300}').manufacturer).toBeNull();
  });
});

describe("HiLink's WebUI version as status tools print it", () => {
  it("a status tool's 'Web UI version: 22.100.05.00.03' (an E3276) is Huawei", () => {
    const r = bodyOnly('Huawei E3276 LTE Modem (IMEI: 861711012616361)\n  Hardware version: CH2F4276GM\n  Software version: 22.250.04.00.186\n  Web UI version: 22.100.05.00.03\n');
    expectNamed(r, 'huawei', 'body.huawei-hilink-device-info');
  });

  it('the label with another numbering names nobody (synthetic)', () => {
    expect(bodyOnly('Hardware version: 1.0\nWeb UI version: 2.1.3\n').manufacturer).toBeNull();
  });
});
