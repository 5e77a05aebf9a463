// Round 8 (issue 14), Hikvision and its brands: readers and rules written from what Hikvision devices send in general,
// each with the public material it comes from and the near misses that must name nobody.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

describe('rtsp-simple-server / MediaMTX logs whose direction marker has no brackets', () => {
  // Lines as bluenviron/mediamtx issue #1631 printed them (an EZVIZ camera behind MediaMTX v0.21.6); the realm is the
  // camera's MAC (58:8F:CF, Hangzhou Ezviz Software), so the OUI look-up names the maker.
  const log = [
    '2023/03/31 17:35:34 DEB [path proxied] [rtsp source] c->s DESCRIBE rtsp://192.168.0.65:554/h264_stream RTSP/1.0',
    'Accept: application/sdp',
    'CSeq: 2',
    'User-Agent: gortsplib',
    '',
    '',
    '2023/03/31 17:35:34 DEB [path proxied] [rtsp source] s->c RTSP/1.0 401 Unauthorized',
    'CSeq: 2',
    'Date: Fri, Mar 31 2023 17:35:34 GMT',
    'WWW-Authenticate: Digest realm="588fcf7a1dc6", nonce="f37a39304b09e7fd81c5f2bdf593897c", stale="FALSE"',
    'WWW-Authenticate: Basic realm="588fcf7a1dc6"',
    '',
  ].join('\n');

  it('reads the reply after the unbracketed s->c marker', () => {
    const r = identifyText('rtsp', log);
    expectNamed(r, 'hikvision', 'realm.mac-digits');
    expect(ruleIds(r)).toContain('oui.ezviz');
  });

  it('does not cut a line where s->c is part of a word', () => {
    const r = identifyText('rtsp', 'xs->c RTSP/1.0 401 Unauthorized\nCSeq: 2\nWWW-Authenticate: Basic realm="588fcf7a1dc6"\n');
    expect(r.manufacturer).toBeNull();
  });
});

describe('ONVIF GetProfiles: Hikvision names its profiles Profile_<n> mainStream/subStream (onvif.profiles)', () => {
  // Shape of the Hikvision reply that jimm98y/SharpOnvif keeps in src/OnvifService/Onvif/MediaImpl.cs, cut to the
  // profile heads (synthetic: no envelope, no configurations beyond the first).
  const reply = (a: string, b: string, c: string, d: string) =>
    '<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" ' +
    'xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><env:Body><trt:GetProfilesResponse>' +
    `<trt:Profiles token="${a}" fixed="true"><tt:Name>${b}</tt:Name>\n<tt:VideoSourceConfiguration token="VideoSourceToken"><tt:Name>VideoSourceConfig</tt:Name>\n` +
    '<tt:UseCount>2</tt:UseCount>\n<tt:SourceToken>VideoSource_1</tt:SourceToken></tt:VideoSourceConfiguration></trt:Profiles>\n' +
    `<trt:Profiles token="${c}" fixed="true"><tt:Name>${d}</tt:Name>\n</trt:Profiles>\n</trt:GetProfilesResponse></env:Body></env:Envelope>`;

  it('names Hikvision (possible) from the token/name pair', () => {
    const r = expectNamed(identifyText('onvif', reply('Profile_1', 'mainStream', 'Profile_2', 'subStream')), 'hikvision', 'onvif.hikvision-profile-pair');
    expect(r.confidence).toBe('possible');
  });

  it("names nobody for Tapo's, Happytime's or Dahua's profiles, or a renamed profile", () => {
    for (const [a, b, c, d] of [
      ['profile_1', 'mainStream', 'profile_2', 'minorStream'],
      ['PROFILE_000', 'mainStream', 'PROFILE_001', 'subStream'],
      ['MediaProfile00000', 'MainStream', 'MediaProfile00001', 'SubStream'],
      ['Profile_1', 'MainStream', 'Profile_2', 'SubStream'],
      ['Profile_1', 'Front door', 'Profile_2', 'Front door sub'],
    ]) {
      const r = identifyText('onvif', reply(a!, b!, c!, d!));
      expect(ruleIds(r), `${a} ${b}`).not.toContain('onvif.hikvision-profile-pair');
      expect(r.manufacturer, `${a} ${b}`).not.toBe('hikvision');
    }
  });
});

describe("Hikvision's newer Digest nonce: hex of '<hex>:<8 hex>:' and 16 raw bytes", () => {
  // The realm here is not one a Hikvision realm rule reads, so the nonce alone decides (synthetic challenge built on
  // the nonce of capture dev/hikvision-http-21).
  const challenge = (nonce: string) =>
    `HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\nWWW-Authenticate: Digest qop="auth", realm="Front gate", nonce="${nonce}", stale="FALSE"\r\nContent-Length: 0\r\n\r\n`;

  it('names Hikvision from the nonce', () => {
    expectNamed(identifyText('http', challenge('363366353a35303765373163623ac37af43d2139923cb0440c109a7e65c2')), 'hikvision', 'realm.hikvision-hex-colon-nonce');
  });

  it('names nobody from an MD5 nonce or a nonce of another length', () => {
    for (const n of ['c37af43d2139923cb0440c109a7e65c2', '363366353a35303765373163623a', '363366353a3530376537316362c37af43d2139923cb0440c109a7e65c2']) {
      expect(ruleIds(identifyText('http', challenge(n))), n).not.toContain('realm.hikvision-hex-colon-nonce');
    }
  });
});

describe("ISAPI DeviceInfo's 'build yymmdd' firmware date, without its namespace", () => {
  it('names Hikvision from a namespace-less DeviceInfo (synthetic, the fields of hikvision_next ipc.xml)', () => {
    const body = '<?xml version="1.0" encoding="UTF-8"?>\n<DeviceInfo version="2.0">\n<deviceName>yard</deviceName>\n<firmwareVersion>V5.7.15</firmwareVersion>\n<firmwareReleasedDate>build 231028</firmwareReleasedDate>\n</DeviceInfo>\n';
    expectNamed(identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n${body}`), 'hikvision', 'body.hikvision-firmware-build-date');
  });

  it('names nobody from a date-valued firmwareReleasedDate', () => {
    const body = '<DeviceInfo><firmwareVersion>1.2</firmwareVersion><firmwareReleasedDate>2019-07-01</firmwareReleasedDate></DeviceInfo>';
    expect(ruleIds(identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n${body}`))).not.toContain('body.hikvision-firmware-build-date');
  });
});

describe('alertStream parts pasted on their own (a multipart body: boundary, part headers, document)', () => {
  // The part form of Hikvision's /ISAPI/Event/notification/alertStream as pasted in openhab/openhab-addons #15126
  // (capture dev/hikvision-isapi-241), cut here to the namespace line.
  const part = (xml: string) => `--boundary\r\nContent-Type: application/xml; charset="UTF-8"\r\nContent-Length: 549\r\n\r\n${xml}\r\n`;

  it('reads the document inside the part', () => {
    const r = identifyText('isapi', part('<EventNotificationAlert version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">\n<ipAddress>192.168.1.64</ipAddress>\n<eventType>videoloss</eventType>\n</EventNotificationAlert>'));
    expectNamed(r, 'hikvision', 'isapi.hikvision-namespace');
  });

  it('reads each of several parts', () => {
    const two = part('<EventNotificationAlert><eventType>videoloss</eventType></EventNotificationAlert>') + part('<EventNotificationAlert><dynChannelID>6</dynChannelID></EventNotificationAlert>') + '--boundary--\r\n';
    expectNamed(identifyText('http', two), 'hikvision', 'body.hikvision-dyn-channel-id');
  });

  it('leaves a boundary without part headers, or a part of another document, alone', () => {
    expect(identifyText('http', '--boundary\n\n<EventNotificationAlert xmlns="http://www.hikvision.com/ver20/XMLSchema"/>\n').manufacturer).toBeNull();
    expect(identifyText('http', part('<Alert xmlns="http://example.com/ns"><type>x</type></Alert>')).manufacturer).toBeNull();
  });
});

describe("ISAPI's JSON capabilities: \"@opt\": [...]", () => {
  it('names Hikvision from a capability document (synthetic, the AttendanceMode capability an integration observed)', () => {
    const body = '{"AttendanceMode": {"mode": {"@opt": ["disable", "manual", "auto", "manualAndAuto"]}, "reqAttendanceStatus": {"@opt": [true, false]}}}';
    expectNamed(identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n${body}`), 'hikvision', 'body.hikvision-isapi-json-capability');
  });

  it("names nobody from an xmltodict print of an opt attribute (a string)", () => {
    const r = identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n{"field": {"@opt": "a,b", "#text": "a"}}');
    expect(ruleIds(r)).not.toContain('body.hikvision-isapi-json-capability');
  });
});

describe("SNMP: a Hikvision recorder's sysDescr", () => {
  it("names Hikvision from 'Hikvision company products' (synthetic walk lines, the value LibreNMS's hikvision-nvr definition matches)", () => {
    const walk = 'SNMPv2-MIB::sysDescr.0 = STRING: Hikvision company products\nSNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.50001\n';
    expectNamed(identifyText('snmp', walk), 'hikvision', 'snmp.hikvision-sysdescr');
  });

  it('names nobody from the 50001 sysObjectID alone (another agent uses the number too)', () => {
    const walk = 'SNMPv2-MIB::sysDescr.0 = STRING: ITC\nSNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.50001\n';
    expect(identifyText('snmp', walk).manufacturer).not.toBe('hikvision');
  });
});

describe('ISAPI capability elements: isSupport<Feature> with true/false', () => {
  it('names Hikvision from a namespace-less DeviceCap (synthetic, elements of hikvision_next DS-2TD1228-2-QA System/capabilities)', () => {
    const body = '<DeviceCap version="2.0"><SysCap><isSupportDst>true</isSupportDst><NetworkCap><isSupportEZVIZ>true</isSupportEZVIZ></NetworkCap></SysCap></DeviceCap>';
    expectNamed(identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n${body}`), 'hikvision', 'body.hikvision-isapi-issupport');
  });

  it('names nobody from script variables or JSON booleans', () => {
    const page = '<html><script>var isSupportWebGL = true; var cfg = {"isSupportWebp": true};</script></html>';
    expect(ruleIds(identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${page}`))).not.toContain('body.hikvision-isapi-issupport');
  });
});
