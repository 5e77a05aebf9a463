// Round 7: Hikvision signals read in general, not from one capture: the realm that is the product model, the
// recorders' DVRNVRDVS realm, ISAPI DeviceInfo's encoderVersion, the ISAPI Time zone form (CST±h:mm:ss), the JSON
// searches' responseStatusStrg, and a SIP message's body (GB28181 MANSCDP) read as a document. Header values and
// bodies are the public forms the rules' examples cite; status lines, SIP headers and XML around them are synthetic.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const http401 = (www: string): string => `HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nWWW-Authenticate: ${www}\r\n\r\n`;

describe('realm = Hikvision product model', () => {
  it('an HTTP Digest challenge whose realm is a DS- model names Hikvision, with the model', () => {
    const r = expectNamed(identifyText('http', http401('Digest qop="auth", realm="DS-2CD2310FD-I", nonce="4e555130516a6b304e546f784e7a49334e7a417a59513d3d"')), 'hikvision', 'realm.hikvision-model');
    expect(r.model).toBe('DS-2CD2310FD-I');
  });

  it('an RTSP 401 (synthetic around a recorder realm) and a bare header line', () => {
    const rtsp = 'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="DS-7608NI-K2", nonce="b7c41e0a9d3f625814ae7c0b6d29f4e1", stale="FALSE"\r\n\r\n';
    expectNamed(identifyText('rtsp', rtsp), 'hikvision', 'realm.hikvision-model');
    expectNamed(identifyText('http', 'WWW-Authenticate: Basic realm="DS-2CD2T45D-I8"'), 'hikvision', 'realm.hikvision-model');
  });

  it('a family prefix, D-Link DCS and Synology DS realms name no Hikvision', () => {
    expect(identifyText('http', http401('Digest realm="DS-2CD", nonce="abc123", qop="auth"')).manufacturer).toBeNull();
    expect(identifyText('http', http401('Basic realm="DCS-2530L"')).manufacturer).toBe('d-link');
    expect(identifyText('http', http401('Basic realm="DS918+"')).manufacturer).not.toBe('hikvision');
  });
});

describe('DVRNVRDVS realm', () => {
  it('the Basic and the Digest forms name Hikvision', () => {
    expectNamed(identifyText('http', http401('Basic realm="DVRNVRDVS"')), 'hikvision', 'realm.hikvision-dvrnvrdvs');
    expectNamed(identifyText('http', http401('Digest realm="DVRNVRDVS", domain="::", qop="auth", nonce="16c2671a88d919b48d011bfe56765a0e:1540569274326", opaque="", algorithm="MD5", stale="FALSE"')), 'hikvision', 'realm.hikvision-dvrnvrdvs');
  });

  it("Uniview's NVRDVR stays Uniview", () => {
    expect(identifyText('http', http401('Digest realm="NVRDVR", nonce="x"')).manufacturer).toBe('uniview');
  });
});

describe('ISAPI documents without their namespace', () => {
  it('a DeviceInfo fragment with encoderVersion names Hikvision (XML and JSON)', () => {
    expectNamed(identifyText('isapi', '<DeviceInfo version="2.0">\n<firmwareVersion>V4.0.1</firmwareVersion>\n<encoderVersion>V1.0</encoderVersion>\n<encoderReleasedDate>build 000000</encoderReleasedDate>\n</DeviceInfo>'), 'hikvision', 'isapi.hikvision-encoder-version');
    expectNamed(identifyText('http', '{"DeviceInfo": {"model": "X", "encoderVersion": "V7.3", "encoderReleasedDate": "build 240621"}}'), 'hikvision', 'body.hikvision-encoder-version');
  });

  it("PSIA's logicVersion names nobody", () => {
    expect(identifyText('isapi', '<DeviceInfo version="1.0"><firmwareVersion>V1</firmwareVersion><logicVersion>V1.0</logicVersion></DeviceInfo>').manufacturer).toBeNull();
  });

  it('the Time document with a CST±h:mm:ss zone names Hikvision; POSIX and GMT zones do not', () => {
    expectNamed(identifyText('isapi', '<Time version="1.0">\n<timeMode>NTP</timeMode>\n<timeZone>CST-3:00:00</timeZone>\n</Time>'), 'hikvision', 'body.hikvision-isapi-timezone');
    expectNamed(identifyText('http', '<Time><timeMode>NTP</timeMode><timeZone>CST+5:00:00DST01:00:00,M3.2.0/02:00:00,M11.1.0/02:00:00</timeZone></Time>'), 'hikvision', 'body.hikvision-isapi-timezone');
    expect(identifyText('http', '<Time><timeMode>NTP</timeMode><timeZone>CST6CDT</timeZone></Time>').manufacturer).toBeNull();
    expect(identifyText('http', '<Time><timeZone>GMT+08:00</timeZone></Time>').manufacturer).toBeNull();
  });

  it('a JSON search reply with responseStatusStrg names Hikvision; the XML form alone does not', () => {
    const json = '{\n  "CardInfoSearch": {\n    "searchID": "doc-card-1",\n    "responseStatusStrg": "NO MATCH",\n    "numOfMatches": 0,\n    "totalMatches": 0\n  }\n}';
    expectNamed(identifyText('http', json), 'hikvision', 'body.hikvision-response-status-strg');
    expect(identifyText('http', '<CMSearchResult><responseStatus>true</responseStatus><responseStatusStrg>MORE</responseStatusStrg></CMSearchResult>').manufacturer).toBeNull();
  });
});

describe('SIP message body (GB28181 MANSCDP) read as a document', () => {
  // synthetic: a GB28181 DeviceInfo response in the MANSCDP form of the standard, with Hikvision's self-report
  const sip = (body: string): string =>
    `MESSAGE sip:34020000002000000001@3402000000 SIP/2.0\r\nVia: SIP/2.0/UDP 192.168.1.64:5060;rport;branch=z9hG4bK1\r\nFrom: <sip:34020000001320000001@3402000000>;tag=1\r\nTo: <sip:34020000002000000001@3402000000>\r\nCall-ID: 1\r\nCSeq: 20 MESSAGE\r\nContent-Type: Application/MANSCDP+xml\r\nMax-Forwards: 70\r\nUser-Agent: IP Camera\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

  it('Manufacturer and Model in the DeviceInfo response name Hikvision', () => {
    const body = '<?xml version="1.0" encoding="GB2312"?>\r\n<Response>\r\n<CmdType>DeviceInfo</CmdType>\r\n<SN>1</SN>\r\n<DeviceID>34020000001320000001</DeviceID>\r\n<Result>OK</Result>\r\n<Manufacturer>Hikvision</Manufacturer>\r\n<Model>DS-2CD2T47G1-L</Model>\r\n</Response>\r\n';
    const r = expectNamed(identifyText('sip', sip(body)), 'hikvision', 'onvif.manufacturer-hikvision');
    expect(r.evidence.map((e) => e.rule)).toContain('model.hikvision-ds');
  });

  it('a keepalive body and the generic User-Agent "IP Camera" alone name nobody', () => {
    const body = '<?xml version="1.0" encoding="GB2312"?>\r\n<Notify>\r\n<CmdType>Keepalive</CmdType>\r\n<SN>42</SN>\r\n<DeviceID>34020000001320000001</DeviceID>\r\n<Status>OK</Status>\r\n</Notify>\r\n';
    expect(identifyText('sip', sip(body)).manufacturer).toBeNull();
  });
});

describe('part 2: RTSP method list, ONVIF HardwareId, ISAPI recording search', () => {
  it("Hikvision's OPTIONS method list alone names nobody (Eyenix EN673 firmware sends it too: false-flag audit round 7); LIVE555's and the short stock list do not either", () => {
    const opt = (pub: string): string => `RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: ${pub}\r\nDate: Fri, Jul 14 2023 10:02:09 GMT\r\n\r\n`;
    const r = identifyText('rtsp', opt('OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER'));
    expect(r.manufacturer).toBeNull();
    expect(ruleIds(r)).toContain('rtsp.hikvision-public-methods');
    expect(identifyText('rtsp', opt('OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, SET_PARAMETER')).manufacturer).not.toBe('hikvision');
    expect(identifyText('rtsp', opt('OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN')).manufacturer).toBeNull();
  });

  it('with the double-space Date line Hikvision is named by the Date rule alone (possible): the method list adds no weight', () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\nDate:  Wed, Apr 08 2020 15:48:38 GMT\r\n\r\n');
    expectNamed(r, 'hikvision', 'rtsp.hikvision-date-double-space');
    expect(r.confidence).toBe('possible');
  });

  // synthetic envelope around the GetDeviceInformation values of an OEM unit that hides the maker
  const devinfo = (manufacturer: string, hw: string): string =>
    `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:GetDeviceInformationResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:Manufacturer>${manufacturer}</tds:Manufacturer><tds:Model>XYZ-100</tds:Model><tds:FirmwareVersion>1.0.0</tds:FirmwareVersion><tds:SerialNumber>0000</tds:SerialNumber><tds:HardwareId>${hw}</tds:HardwareId></tds:GetDeviceInformationResponse></s:Body></s:Envelope>`;

  it('ONVIF HardwareId 88 names Hikvision as possible; other HardwareIds do not', () => {
    const r = expectNamed(identifyText('onvif', devinfo('IPC', '88')), 'hikvision', 'onvif.hikvision-hardware-id');
    expect(r.confidence).toBe('possible');
    expect(identifyText('onvif', devinfo('IPC', '1.00')).manufacturer).toBeNull();
    expect(identifyText('onvif', devinfo('IPC', '880')).manufacturer).toBeNull();
  });

  it("an ISAPI recording search reply without its namespace (Streaming/tracks playbackURI) names Hikvision; Dahua's playback path does not", () => {
    const xml = '<CMSearchResult version="1.0">\n<responseStatus>true</responseStatus>\n<matchList><searchMatchItem>\n<trackID>101</trackID>\n<mediaSegmentDescriptor><contentType>video</contentType>\n<playbackURI>rtsp://10.10.11.56/Streaming/tracks/101/?starttime=20260724T132029Z&amp;endtime=20260724T132142Z</playbackURI>\n</mediaSegmentDescriptor></searchMatchItem></matchList></CMSearchResult>';
    expectNamed(identifyText('http', xml), 'hikvision', 'body.hikvision-cmsearch-track');
    const dahua = xml.replace('/Streaming/tracks/101/?starttime=20260724T132029Z&amp;endtime=20260724T132142Z', '/cam/playback?channel=1&amp;starttime=2024_01_01_00_00_00');
    expect(identifyText('http', dahua).manufacturer).not.toBe('hikvision');
  });
});

describe('part 3: ISAPI event alerts and access-control JSON without a namespace', () => {
  it("the alertStream heartbeat ('videoloss alarm') and a line-crossing alert name Hikvision, XML and JSON", () => {
    const xml = '<EventNotificationAlert version="2.0">\n<channelID>1</channelID>\n<eventType>videoloss</eventType>\n<eventState>inactive</eventState>\n<eventDescription>videoloss alarm</eventDescription>\n</EventNotificationAlert>';
    expectNamed(identifyText('isapi', xml), 'hikvision', 'body.hikvision-event-description');
    expectNamed(identifyText('http', '{\n  "channelID": 3,\n  "eventType": "videoloss",\n  "eventState": "inactive",\n  "eventDescription": "videoloss alarm"\n}'), 'hikvision', 'body.hikvision-event-description');
    expectNamed(identifyText('http', xml.replace(/videoloss/g, 'linedetection').replace('inactive', 'active')), 'hikvision', 'body.hikvision-event-description');
  });

  it("a generic 'Motion alarm' description and PSIA's namespaced alert name nobody", () => {
    expect(identifyText('http', '<EventNotificationAlert><eventType>VMD</eventType><eventState>active</eventState><eventDescription>Motion alarm</eventDescription></EventNotificationAlert>').manufacturer).toBeNull();
    expect(identifyText('isapi', '<EventNotificationAlert version="1.0" xmlns="urn:psialliance-org"><channelID>1</channelID><eventType>VMD</eventType></EventNotificationAlert>').manufacturer).toBeNull();
  });

  it('an access-control alert (AccessControllerEvent, employeeNoString) names Hikvision; a bare employeeNo does not', () => {
    expectNamed(identifyText('http', '{"eventType": "AccessControllerEvent", "AccessControllerEvent": {"majorEventType": 5, "subEventType": 75, "name": "John Doe", "employeeNoString": "12345", "doorNo": 1}}'), 'hikvision', 'body.hikvision-acs-json');
    expect(identifyText('http', '{"user": {"employeeNo": "12345", "name": "John Doe"}}').manufacturer).toBeNull();
  });
});

describe('part 4: the DS-2DC mini-PTZ family in model fields', () => {
  it('an ONVIF model DS-2DC… names Hikvision even when Manufacturer hides the maker (synthetic envelope)', () => {
    const xml = '<tds:GetDeviceInformationResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:Manufacturer>IPC</tds:Manufacturer><tds:Model>DS-2DC2204IW-DE3/W</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>0000</tds:SerialNumber></tds:GetDeviceInformationResponse>';
    expectNamed(identifyText('onvif', xml), 'hikvision', 'model.hikvision-ds');
    expect(identifyText('onvif', xml.replace('DS-2DC2204IW-DE3/W', 'DS-2DX2204')).manufacturer).toBeNull();
  });
});

describe('part 5: ISAPI StreamingChannel SmartCodec block without a namespace', () => {
  it("the Video block's SmartCodec element names Hikvision (possible); Dahua's SmartEncode does not", () => {
    const xml = '<StreamingChannel version="2.0">\n<id>101</id>\n<Video>\n<videoCodecType>H.265</videoCodecType>\n<maxFrameRate>2500</maxFrameRate>\n<GovLength>50</GovLength>\n<SmartCodec>\n<enabled>false</enabled>\n</SmartCodec>\n</Video>\n</StreamingChannel>';
    expectNamed(identifyText('isapi', xml), 'hikvision', 'body.hikvision-smart-codec');
    expect(identifyText('http', '{"Encode": [{"SmartEncode": true}]}').manufacturer).not.toBe('hikvision');
  });
});

describe('part 6: the serial of Hikvision access terminals and intercoms', () => {
  // synthetic envelope; the serial is a DS-K1T342MFWX's (Hikvision-Addons #148)
  const devinfo = (serial: string): string =>
    `<tds:GetDeviceInformationResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><tds:Manufacturer>ACS</tds:Manufacturer><tds:Model>X</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>${serial}</tds:SerialNumber></tds:GetDeviceInformationResponse>`;
  it('DS-K… + date + V<firmware code> + region + short serial names Hikvision; a model alone does not', () => {
    expectNamed(identifyText('onvif', devinfo('DS-K1T342MFWX20230802V031601ENJ54980396')), 'hikvision', 'serial.hikvision-terminal-format');
    expect(identifyText('onvif', devinfo('DS-K1T342MFWX')).evidence.map((e) => e.rule)).not.toContain('serial.hikvision-terminal-format');
  });
});
