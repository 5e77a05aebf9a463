// Round 2 of issue 14: general maker signals read end to end through identify, with the near misses that must
// name nobody. Device texts are real (sources named); none is tuned to one capture's bytes.
import { describe, expect, it } from 'vitest';
import { parse as parseRtsp } from '../../src/parsers/rtsp.js';
import { parse as parseDoc } from '../../src/parsers/doc.js';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { evidenceFromSample } from '../../src/identify/input.js';
import { expectNamed } from '../helpers/identify.js';

const id = (protocol: string, payload: string) => identifySample('t.json', { protocol, payload });
const capture = (name: string, set: 'shared' | 'dev' = 'dev') => {
  const c = readCapture(name, set);
  return identifySample(`${name}.json`, { protocol: c.protocol, payload: c.payload });
};

// scottlamb/retina src/client/testdata: hikvision_describe.txt (a Hikvision camera) and anpviz_sdp.txt (an
// Anjvision-made camera whose LIVE555 server copies Hikvision's IMKH media header). Bodies cut after the header.
const HIKVISION_DESCRIBE = [
  'RTSP/1.0 200 OK', 'CSeq: 1', 'Content-Type: application/sdp', 'Content-Base: rtsp://192.168.5.106:554/Streaming/Channels/101/', 'Content-Length: 902', '',
  'v=0', 'o=- 1620251477190769 1620251477190769 IN IP4 192.168.5.106', 's=Media Presentation', 'e=NONE', 'b=AS:5050', 't=0 0',
  'a=control:rtsp://192.168.5.106:554/Streaming/Channels/101/?transportmode=unicast&profile=Profile_1', 'm=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000',
  'a=Media_header:MEDIAINFO=494D4B48010100000400010000000000000000000000000000000000000000000000000000000000;', 'a=appversion:1.0', '',
].join('\r\n');
const ANPVIZ_SDP = [
  'v=0', 'o=- 1109162014219182 1109162014219192 IN IP4 x.y.z.w', 's=RTSP/RTP stream from anjvision ipcamera', 'e=NONE', 'c=IN IP4 0.0.0.0',
  'a=tool:LIVE555 Streaming Media v2011.05.25 CHAM.LI@ANJVISION.COM', 't=0 0', 'a=range:npt=0-', 'a=control:*', 'm=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000',
  'a=control:trackID=1', 'a=Media_header:MEDIAINFO=494D4B48010100000400010010710110401F000000FA000000000000000000000000000000000000;', 'a=appversion:1.0', '',
].join('\n');

describe('RTSP: stream paths and the SDP as a whole', () => {
  it('keeps the Content-Base and the whole SDP (bounded)', () => {
    const [e] = parseRtsp(HIKVISION_DESCRIBE);
    expect(e!.fields.contentBase).toBe('rtsp://192.168.5.106:554/Streaming/Channels/101/');
    expect(e!.fields['sdp.text']).toMatch(/^v=0\no=- 1620251477190769[\s\S]*a=appversion:1\.0$/);
    const huge = 'RTSP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nv=0\r\n' + 'a=x-padding:0123456789\r\n'.repeat(5000);
    expect(String(parseRtsp(huge)[0]!.fields['sdp.text']).length).toBeLessThanOrEqual(8 * 1024);
  });

  it('a Hikvision camera SDP (Media Presentation + IMKH header + Streaming/Channels path) is Hikvision, confirmed', () => {
    const r = id('rtsp', HIKVISION_DESCRIBE);
    expect(r.manufacturer).toBe('hikvision');
    expect(r.confidence).toBe('confirmed');
    expect(r.evidence.map((e) => e.rule)).toEqual(expect.arrayContaining(['rtsp.hikvision-mediainfo', 'rtsp.hikvision-stream-path']));
  });

  it("a clone's SDP with Hikvision's IMKH media header but its own session names nobody", () => {
    const r = id('rtsp', ANPVIZ_SDP);
    expect(r.manufacturer).toBeNull();
    expect(r.evidence.map((e) => e.rule)).not.toContain('rtsp.hikvision-mediainfo');
  });

  it('Content-Base paths: ISAPI (dev/hikvision-rtsp-14) → Hikvision; /cam/realmonitor → Dahua', () => {
    expect(capture('hikvision-rtsp-14').manufacturer).toBe('hikvision');
    // scottlamb/retina src/client/testdata/dahua_describe_h264_aac_onvif.txt, headers only.
    const dahua = 'RTSP/1.0 200 OK\r\nCSeq: 3\r\nx-Accept-Dynamic-Rate: 1\r\nContent-Base: rtsp://192.168.5.111:554/cam/realmonitor?channel=1&subtype=1&unicast=true&proto=Onvif/\r\nCache-Control: must-revalidate\r\n\r\n';
    expect(id('rtsp', dahua).manufacturer).toBe('dahua');
    // scottlamb/retina gw_main_describe.txt: Dahua-like query words on another path name nobody.
    const gw = 'RTSP/1.0 200 OK\r\nServer: Rtsp Server/2.0\r\nCSeq: 1\r\nContent-Base: rtsp://192.168.1.110:5050/H264?channel=1&subtype=0&unicast=true&proto=Onvif\r\n\r\n';
    expect(id('rtsp', gw).manufacturer).toBeNull();
  });

  it('the HIK Media Server session (dev/hikvision-rtsp-31) is Hikvision', () => {
    const r = capture('hikvision-rtsp-31');
    expectNamed(r, 'hikvision', 'rtsp.hikvision-session-name');
  });
});

describe('documents: identity keys and vendor event shapes', () => {
  it("'Key:value;' printouts drop the terminator: Manufacturer:ZTE; (dev/zte-http-11) → ZTE", () => {
    const [d] = parseDoc('Manufacturer:ZTE;\nProductClass:F6600P;\nHWVer:V9.0.04;');
    expect(d!.fields.manufacturer).toBe('ZTE');
    expect(capture('zte-http-11').manufacturer).toBe('zte');
  });

  it('HiLink: the marketing name and its keys name Huawei (dev/huawei-http-14, dev/huawei-http-18)', () => {
    const h14 = capture('huawei-http-14');
    expect(h14.manufacturer).toBe('huawei');
    expect(h14.evidence.map((e) => e.rule)).toEqual(expect.arrayContaining(['product.huawei-name', 'body.huawei-hilink-device-info']));
    expect(capture('huawei-http-18').manufacturer).toBe('huawei');
    // A product name without the maker's name names nobody.
    expect(id('http', '{"devicename": "X1", "spreadname": "5G CPE Pro 2", "classify": "cpe"}').evidence.map((e) => e.rule)).not.toContain('product.huawei-name');
  });

  it("Dahua's event stream, raw and as a client printed it, is shape dahua-event (dev/amcrest-dhip-11 → Dahua)", () => {
    // rroller/dahua custom_components/dahua/__init__.py (on_receive docstring): the raw CGI event line and its data.
    const [raw] = parseDoc('Code=VideoMotion;action=Start;index=0;data={\n   "Id" : [ 0 ],\n   "RegionName" : [ "Region1" ]\n}\n');
    expect(raw!.fields).toMatchObject({ shape: 'dahua-event', path: 'VideoMotion' });
    const [dict] = parseDoc("{'name': 'Cam13', 'Code': 'VideoMotion', 'action': 'Stop', 'index': '0', 'data': {'Id': [0]}}");
    expect(dict!.fields.shape).toBe('dahua-event');
    expect(capture('amcrest-dhip-11').manufacturer).toBe('dahua');
    // Other APIs with a code and an action are not Dahua's events.
    expect(parseDoc('{"Code": "OK", "Action": "login", "Index": 1}')[0]?.fields.shape).toBeUndefined();
  });
});

describe('round 2 batch 2: Hikvision signals other makers do not send', () => {
  it("SNMP: a walk of Hikvision's private MIB (enterprise 39165) names Hikvision (dev/hikvision-snmp-21); net-snmp's own subtree names nobody", () => {
    expect(capture('hikvision-snmp-21').manufacturer).toBe('hikvision');
    const walk = '.1.3.6.1.4.1.39165.1.1.0 = STRING: "IPC7A27-ANPR"\n.1.3.6.1.4.1.39165.1.3.0 = STRING: "V5.7.80 build 220525"';
    expect(id('snmp', walk).manufacturer).toBe('hikvision');
    // The subtree must be the object walked, not a value printed on the line.
    expect(id('snmp', 'SNMPv2-MIB::sysObjectID.0 = OID: NET-SNMP-MIB::netSnmpAgentOIDs.10\n.1.3.6.1.4.1.8072.1.3.2.1.0 = INTEGER: 1').manufacturer).toBeNull();
    expect(id('snmp', 'iso.3.6.1.2.1.1.9.1.2.1 = OID: iso.3.6.1.4.1.39165.1').manufacturer).toBeNull();
  });

  it('ISAPI deviceInfo: <telecontrolID> names Hikvision even in a tail with no root or namespace (dev/hikvision-isapi-29)', () => {
    expect(capture('hikvision-isapi-29').manufacturer).toBe('hikvision');
    expect(id('http', '<DeviceInfo><deviceName>cam</deviceName><telecontrol>1</telecontrol></DeviceInfo>').manufacturer).toBeNull();
  });

  it("RTSP: Hikvision's two-space, month-first Date line (dev/hikvision-rtsp-16, dev/hikvision-rtsp-21); live555's one-space line names nobody", () => {
    expect(capture('hikvision-rtsp-16').manufacturer).toBe('hikvision');
    expect(capture('hikvision-rtsp-21').manufacturer).toBe('hikvision');
    expect(parseRtsp('RTSP/1.0 200 OK\r\nCSeq: 2\r\nDate:  Wed, Apr 26 2023 14:04:10 GMT\r\n\r\n')[0]!.fields.dateLine).toBe('Date:  Wed, Apr 26 2023 14:04:10 GMT');
    expect(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nDate: Wed, Nov 15 2023 17:03:29 GMT\r\n\r\n').manufacturer).toBeNull();
    expect(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nDate:  Mon, 01 Nov 2010 20:34:56 GMT\r\n\r\n').manufacturer).toBeNull();
  });
});

describe('round 2 batch 3: Xiongmai firmware numbering in any identity field', () => {
  it('a build id that is not hex (000809V1, 000999WP) is still Sofia numbering; a bare prefix or another scheme names nobody', () => {
    const netcommon = (v: string) => JSON.stringify({ Name: 'NetWork.NetCommon', 'NetWork.NetCommon': { HostName: 'HCAM', Version: v }, Ret: 100 });
    const r = id('dvrip', netcommon('V5.11.R02.000809V1.10010.346837.0000010'));
    expectNamed(r, 'xiongmai', 'firmware.xiongmai-version');
    expect(id('json', '{"FirmwareVersion": "V5.06.R02.000999WP.00000.140f24.0000000"}').manufacturer).toBe('xiongmai');
    expect(id('json', '{"FirmwareVersion": "V5.00.R02"}').manufacturer).toBeNull();
    expect(id('json', '{"FirmwareVersion": "V5.5.0 build 170725"}').manufacturer).not.toBe('xiongmai');
  });
});

describe('round 2 batch 4: Scrypted-style "[Label]: " log prefixes and RTSP realms', () => {
  it("a reply logged with '[Rebroadcast Plugin]: ' on every line is read as the reply (dev/tplink-rtsp-22 → TP-Link from its RTSP realm)", () => {
    const r = capture('tplink-rtsp-22');
    expectNamed(r, 'tp-link', 'tp-link.camera-realm');
    // The label-only line is the reply's blank line: what follows it is not a header.
    const logged = ['[Rebroadcast Plugin]: rtsp incoming message', '[Rebroadcast Plugin]:  RTSP/1.0 200 OK', '[Rebroadcast Plugin]: CSeq: 0', '[Rebroadcast Plugin]: ', '[Rebroadcast Plugin]: Server: x'].join('\n');
    const ev = identifySample('t.json', { protocol: 'rtsp', payload: logged });
    expect(ev.evidence.some((e) => e.field === 'rtsp.server')).toBe(false);
    expect(ev.evidence.some((e) => e.field === 'rtsp.statusLine')).toBe(true);
  });
});

describe('round 2 batch 5: a realm that is the MAC goes to the OUI look-up (supporting only)', () => {
  it("dev/hikvision-rtsp-21's RTSP realm c056e3f5d007 (a Hikvision OUI) supports Hikvision; a random 12-hex realm of no known maker adds nothing", () => {
    const r = capture('hikvision-rtsp-21');
    expect(r.evidence.some((e) => e.rule === 'oui.hikvision')).toBe(true);
    const alone = id('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="c056e3f5d007", nonce="1"\r\n\r\n');
    expect([alone.manufacturer, alone.confidence]).toEqual(['hikvision', 'possible']);
    expect(id('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="abcdef123456", nonce="1"\r\n\r\n').manufacturer).toBeNull();
  });
});

describe("round 2 batch 6: Wireshark's packet details, as blogs and write-ups print captures", () => {
  // tshark -O rtsp output of a CCTV capture, as printed in a public CTF write-up (GitHub code search
  // "Response: RTSP/1.0 401 Unauthorized\r\n"): message lines end in a written \r\n, the dissector's notes are indented deeper.
  const TSHARK_RTSP = [
    'Transmission Control Protocol, Src Port: 554, Dst Port: 56765, Seq: 1, Ack: 126, Len: 175',
    'Real Time Streaming Protocol',
    '    Response: RTSP/1.0 401 Unauthorized\\r\\n',
    '        Status: 401',
    '        [URL: rtsp://192.168.50.12:554/Streaming/Channels/101]',
    '        Response to frame: 54447',
    '    CSeq: 1',
    '    Server: Hikvision-IP-Camera/5.5.82\\r\\n',
    '    WWW-Authenticate: Digest realm="IP Camera(CAM2)", nonce="98ab01a7f0", qop="auth"\\r\\n',
    '    Content-length: 0',
    '    \\r\\n',
  ].join('\n');
  // A Hikvision camera's DESCRIBE SDP as Wireshark's field list, in a public RTSP client's source comment (GitHub code
  // search "Session Name (s): Media Presentation").
  const WIRESHARK_SDP = [
    'Session Description Protocol Version (v): 0',
    'Owner/Creator, Session Id (o): - 1571835634058165 1571835634058165 IN IP4 192.168.0.5',
    'Session Name (s): Media Presentation',
    'E-mail Address (e): NONE',
    'Session Attribute (a): control:rtsp://192.168.0.5:554/h264/ch1/main/av_stream/',
    'Media Description, name and address (m): video 0 RTP/AVP 96',
    'Media Attribute (a): rtpmap:96 H265/90000',
    'Media Attribute (a): Media_header:MEDIAINFO=494D4B48010200000400050000000000000000000000000000000000000000000000000000000000;',
    'Media Attribute (a): appversion:1.0',
  ].join('\n');

  it('the message lines of a tshark RTSP dissection are read as the reply, the notes left out', () => {
    const r = id('rtsp', TSHARK_RTSP);
    const realm = r.evidence.find((e) => e.field === 'rtsp.auth.realm');
    expect(realm?.value).toBe('IP Camera(CAM2)');
    expect(r.evidence.some((e) => e.field === 'rtsp.statusLine' && e.value === 'RTSP/1.0 401 Unauthorized')).toBe(true);
    expect(r.manufacturer).toBe('hikvision'); // the "IP Camera(<code>)" realm
  });

  it("an SDP printed as Wireshark's field list is read as SDP (Hikvision: Media Presentation + IMKH header + h264/ch1 path)", () => {
    const r = id('rtsp', WIRESHARK_SDP);
    expectNamed(r, 'hikvision', 'rtsp.hikvision-mediainfo');
    // Two fields are not an SDP.
    expect(id('rtsp', 'Session Name (s): Media Presentation\nMedia Attribute (a): recvonly').evidence.some((e) => e.field === 'rtsp.sdp.sessionName')).toBe(false);
  });

  it('a Wireshark HTTP block: status line and headers read, the dissector notes (Status Code, Expert Info) not', () => {
    const http = ['Hypertext Transfer Protocol', '    HTTP/1.1 401 Unauthorized\\r\\n', '        [Expert Info (Chat/Sequence): HTTP/1.1 401 Unauthorized\\r\\n]', '        Status Code: 401', '    Server: App-webs/\\r\\n', '    \\r\\n', 'Frame 2: 60 bytes'].join('\n');
    const ev = evidenceFromSample('http', http).filter((e) => e.kind === 'http');
    expect(ev).toHaveLength(1);
    expect(ev[0]!.fields.statusLine).toBe('HTTP/1.1 401 Unauthorized');
    expect(ev[0]!.fields.server).toBe('App-webs/');
    expect(ev[0]!.fields.headerNames).toEqual(['Server']);
  });
});

describe('round 2 batch 7: other camera makers by model number', () => {
  it('a Reolink RLC- model names Reolink where the maker field says nothing; near misses name nobody', () => {
    const info = (model: string) => `<tds:GetDeviceInformationResponse><tds:Manufacturer>IPC</tds:Manufacturer><tds:Model>${model}</tds:Model><tds:FirmwareVersion>v3.1</tds:FirmwareVersion></tds:GetDeviceInformationResponse>`;
    const r = id('onvif', info('RLC-810A'));
    expect([r.manufacturer, r.model]).toEqual(['reolink', 'RLC-810A']);
    expect(id('onvif', info('RLC-TEST')).manufacturer).toBeNull();
    expect(id('onvif', info('RLC')).manufacturer).toBeNull();
  });
});

describe('round 2 batch 8: Milesight model numbers', () => {
  it('MS-C/MS-N and four digits with a suffix names Milesight in a model field; Vivotek MS9321 and a bare prefix do not', () => {
    const info = (model: string) => `<tds:GetDeviceInformationResponse><tds:Manufacturer>IPCAM</tds:Manufacturer><tds:Model>${model}</tds:Model></tds:GetDeviceInformationResponse>`;
    expect(id('onvif', info('MS-C8164-PD')).manufacturer).toBe('milesight');
    expect(id('onvif', info('MS9321-EHV')).manufacturer).not.toBe('milesight');
    expect(id('onvif', info('MS-C')).manufacturer).toBeNull();
  });
});

describe('round 2 batch 9: GeoVision and UniFi Protect model numbers', () => {
  it('GV-<family><digits> names GeoVision and UVC-G<n>-… names Ubiquiti in a model field; USB Video Class words name nobody', () => {
    const info = (model: string) => `<tds:GetDeviceInformationResponse><tds:Manufacturer>IPC</tds:Manufacturer><tds:Model>${model}</tds:Model></tds:GetDeviceInformationResponse>`;
    expect(id('onvif', info('GV-BX2700-3V')).manufacturer).toBe('geovision');
    expect(id('onvif', info('UVC-G4-Bullet')).manufacturer).toBe('ubiquiti');
    expect(id('onvif', info('uvc-gadget')).manufacturer).toBeNull();
    expect(id('onvif', info('GV-1')).manufacturer).toBeNull();
  });
});

describe("round 2 batch 10: Xiongmai's RTSP server name", () => {
  it("Server: H264DVR 1.0 (and H264DVRRtspServer) names Xiongmai, possible alone; a codec or a generic DVR server names nobody", () => {
    // OPTIONS reply of a DVR as an RTSP client's test fixture keeps it ("issue #310, with lower-case cseq").
    const r = id('rtsp', 'RTSP/1.0 200 OK\r\nServer: H264DVR 1.0\r\ncseq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, GET_PARAMETER, PLAY, PAUSE\r\n\r\n');
    expect([r.manufacturer, r.confidence]).toEqual(['xiongmai', 'possible']);
    expect(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: H264DVRRtspServer\r\n\r\n').manufacturer).toBe('xiongmai');
    expect(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: DVR RTSP Server\r\n\r\n').manufacturer).toBeNull();
    expect(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: H264\r\n\r\n').manufacturer).toBeNull();
  });
});

describe("round 3 (attr-a) batch 1: Hikvision's SDK ability document, Dahua DHI- models, labelled firmware lines", () => {
  it('IpViewDevAbility (root, or only its closing tag when the log cut the start) names Hikvision; other ability roots name nobody', () => {
    // pergolafabio/Hikvision-Addons hikvision-doorbell/tests/assets/sdk_get_device_ability_ip_view.xml (first lines).
    const whole = '<IpViewDevAbility version="2.0">\n\t<LocalAbility>\n\t\t<inputVolume min="0" max="10"/>\n\t</LocalAbility>\n</IpViewDevAbility>';
    expect([id('http', whole).manufacturer, id('http', whole).risk.level]).toEqual(['hikvision', 'high']);
    expect(capture('hikvision-isapi-28').manufacturer).toBe('hikvision');
    expect(capture('hikvision-isapi-30').manufacturer).toBe('hikvision');
    expect(id('http', '<DeviceAbility version="2.0">\n<LocalAbility>\n<inputVolume min="0" max="10"/>\n</LocalAbility>\n</DeviceAbility>').manufacturer).toBeNull();
    expect(id('http', '<IpViewDevAbilityList>\n<item>1</item>\n</IpViewDevAbilityList>').manufacturer).toBeNull();
  });

  it('a magicBox DHI- model (international prefix) names Dahua and is cut where the model ends; generic answers name nobody', () => {
    const r = capture('dahua-dahua-cgi-23');
    expect([r.manufacturer, r.model]).toEqual(['dahua', 'DHI-VTO2311R-WP']);
    const t = id('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\ntype=DHI-NVR4108HS-4KS2\r\n');
    expect([t.manufacturer, t.model]).toEqual(['dahua', 'DHI-NVR4108HS-4KS2']);
    expect(id('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\ntype=IP Camera\r\n').manufacturer).toBeNull();
    expect(id('dahua-cgi', 'deviceType=IP Camera\nprocessor=S3LM\n').manufacturer).toBeNull();
  });

  it('a "Firmware <label>: value" line is read as the firmware (Xiongmai version form names Xiongmai); its date or a plain version names nobody', () => {
    const f = parseDoc('Firmware Build: V4.02.R11.34500140.12001.131600.00000\nBuild Date: 2016-02-04 11:20:56\n');
    expect(f[0]?.fields.firmware).toBe('V4.02.R11.34500140.12001.131600.00000');
    const r = capture('xiongmai-dvrip-21');
    expect([r.manufacturer, r.risk.level]).toEqual(['xiongmai', 'elevated']);
    expect(parseDoc('Firmware Date: 2016-02-04\nFirmware Size: 8 MB\n')[0]?.fields.firmware).toBeUndefined();
    expect(id('http', 'Firmware Version: 1.2.3\nBuild Date: 2020-01-01\n').manufacturer).toBeNull();
  });
});

describe("round 3 (attr-a) batch 2: Hikvision's EHome/ISUP envelope", () => {
  it('a PPVSPMessage document names Hikvision (dev/hikvision-ehome-22 confirmed with its serial); a generic envelope names nobody', () => {
    // Hikvision EHome SDK demo (eHomeDemoConsole.cpp): the REGISTER message a device sends, cut after the serial.
    const reg = '<?xml version="1.0" encoding="UTF-8"?> <PPVSPMessage><Version>4.0</Version><Sequence>1</Sequence><CommandType>REQUEST</CommandType><Method>REGISTER</Method><Command>REGISTER</Command><Params><NetUnitType>PU</NetUnitType></Params></PPVSPMessage>';
    const r = id('ehome', reg);
    expect([r.manufacturer, r.risk.level]).toEqual(['hikvision', 'high']);
    expect(r.evidence.some((e) => e.rule === 'doc.hikvision-ehome-ppvsp')).toBe(true);
    expect(capture('hikvision-ehome-22').confidence).toBe('confirmed');
    expect(id('ehome', '<?xml version="1.0"?><Message><Version>4.0</Version><CommandType>REQUEST</CommandType></Message>').manufacturer).toBeNull();
  });
});

describe("round 3 (attr-a) batch 3: Hikvision's PSIA self-extension namespace", () => {
  it('urn:selfextension:psiaext-ver10-xsd in an event alert names Hikvision; the PSIA standard namespace alone names nobody', () => {
    // maciej-or/hikvision_next tests/fixtures/ISAPI/EventNotificationAlert/pir.xml, serial and eventPush left out.
    const alert = (ext: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<EventNotificationAlert version="1.0"\n  xmlns="urn:psialliance-org">\n  <ipAddress>1.0.0.255</ipAddress>\n  <protocolType>HTTP</protocolType>\n  <channelID>1</channelID>\n  <eventType>PIR</eventType>\n  <eventState>active</eventState>\n  <Extensions version="1.0"\n    xmlns="urn:psialliance-org">\n${ext}  </Extensions>\n</EventNotificationAlert>`;
    const r = id('isapi', alert('    <channelNo xmlns="urn:selfextension:psiaext-ver10-xsd">1</channelNo>\n'));
    expect([r.manufacturer, r.risk.level]).toEqual(['hikvision', 'high']);
    expect(r.evidence.some((e) => e.rule === 'isapi.hikvision-selfext-namespace')).toBe(true);
    expect(id('isapi', alert('')).manufacturer).toBeNull();
    const dl = id('http', "<?xml version='1.0'?><downloadRequest version='1.0' xmlns='http://urn:selfextension:psiaext-ver10-xsd'><playbackURI>rtsp://h:554/Streaming/tracks/101</playbackURI></downloadRequest>");
    expect(dl.manufacturer).toBe('hikvision');
  });
});

describe("round 3 (attr-a) batch 4: nmap's service/version table and XML", () => {
  it("nmap's product names for Hikvision, Dahua and Xiongmai's uc-httpd name the maker; a table with no version column, a brand's or a generic server's name do not", () => {
    const table = (rows: string) => `Nmap scan report for 198.51.100.20\nHost is up (0.0012s latency).\nPORT    STATE SERVICE VERSION\n${rows}\n`;
    const hik = id('nmap', table('80/tcp  open  http    Hikvision IP camera httpd\n554/tcp open  rtsp    Hikvision DVR rtspd'));
    expect([hik.manufacturer, hik.risk.level]).toEqual(['hikvision', 'high']);
    const dahua = id('nmap', table('554/tcp open  rtsp    Dahua IP camera rtspd'));
    expect([dahua.manufacturer, dahua.risk.level]).toEqual(['dahua', 'high']);
    expect(id('nmap', table('80/tcp  open  http    uc-httpd 1.0.0')).manufacturer).toBe('xiongmai');
    // -oX output (an nmap XML document kept in another project's tests).
    const xml = '<port protocol="tcp" portid="80"><state state="open" reason="syn-ack"/>\n<service name="http" product="Hikvision IP camera httpd" devicetype="webcam" method="probed" conf="10"/></port>';
    expect(id('nmap', xml).manufacturer).toBe('hikvision');
    expect(id('nmap', 'PORT    STATE SERVICE\n80/tcp  open  http\n554/tcp open  rtsp\n').manufacturer).toBeNull();
    expect(id('nmap', table('80/tcp  open  http    GoAhead WebServer\n554/tcp open  rtsp    Lorex IP camera rtspd')).manufacturer).toBeNull();
    expect(id('nmap', table('80/tcp  open  http    Amcrest IP camera http interface')).manufacturer).toBeNull();
  });
});

describe("round 3 (attr-a) batch 5: Xiongmai's H264DVR server in nmap's names and over HTTP", () => {
  it("nmap's 'H264DVR rtspd' and an RTSP-over-HTTP reply with Server: H264DVR 1.0 name Xiongmai; a codec name does not", () => {
    expect(id('nmap', 'PORT    STATE SERVICE VERSION\n554/tcp open  rtsp    H264DVR rtspd 1.0\n').manufacturer).toBe('xiongmai');
    const tunnel = 'HTTP/1.1 200 OK\r\nContent-Type: application/x-rtsp-tunnelled\r\nServer: H264DVR 1.0\r\nConnection: close\r\nCache-Control: private\r\n\r\n';
    expect(id('http', tunnel).manufacturer).toBe('xiongmai');
    expect(id('nmap', 'PORT    STATE SERVICE VERSION\n554/tcp open  rtsp    H264 rtspd\n').manufacturer).toBeNull();
  });
});

describe("round 3 (attr-a) batch 6: Uniview's RTSP path", () => {
  it('/media/video<n> as Content-Base or control URL is camera type only (Sony SNC cameras serve it too: CamioCam/rtsp paths.csv); Uniview is named by its VCP session', () => {
    const describe = (base: string) => `RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Type: application/sdp\r\nContent-Base: ${base}\r\nContent-Length: 100\r\n\r\nv=0\r\no=- 1001 1 IN IP4 192.0.2.10\r\ns=Session\r\nt=0 0\r\nm=video 0 RTP/AVP 105\r\na=rtpmap:105 H264/90000\r\n`;
    const r = id('rtsp', describe('rtsp://192.0.2.10:554/media/video1/'));
    expect(r.manufacturer).toBeNull();
    expect(r.deviceType).toBe('camera');
    expect(r.evidence.some((e) => e.rule === 'rtsp.uniview-media-video-path')).toBe(true);
    expect(id('rtsp', describe('rtsp://192.0.2.10:554/media/live/1/1/')).manufacturer).toBeNull();
    // go2rtc issue #1663: Uniview's SDP (VCP session, h3c decoder tag) with /media/video1 control URLs.
    const sdp = 'v=0\no=- 1001 1 IN\ns=VCP IPC Realtime stream\nm=video 0 RTP/AVP 105\nc=IN\na=control:rtsp://192.168.0.60/media/video1/video\na=rtpmap:105 H264/90000\na=recvonly\n';
    const u = id('rtsp', sdp);
    expect(u.manufacturer).toBe('uniview');
    expect(u.evidence.some((e) => e.rule === 'rtsp.uniview-media-video-path')).toBe(true);
  });
});

describe("round 3 (attr-a) batch 7: nmap's default HTTP script lines", () => {
  it('http-title, http-server-header and http-auth lines are read as the title, Server and realm, so the web rules apply; script notes are not values', () => {
    const scan = (lines: string) => `PORT   STATE SERVICE\n80/tcp open  http\n${lines}\n`;
    expect(id('nmap', scan('|_http-title: NETSurveillance WEB')).manufacturer).toBe('xiongmai');
    expect(id('nmap', scan('|_http-server-header: App-webs/')).manufacturer).toBe('hikvision');
    const auth = id('nmap', scan('| http-auth: \n| HTTP/1.1 401 Unauthorized\\x0D\n|_  Digest realm=Login to 4K01FD2PAJ6E3FF nonce=8d9e qop=auth'));
    expect([auth.manufacturer, auth.risk.level]).toEqual(['dahua', 'high']);
    expect(id('nmap', scan("| http-title: Site doesn't have a title (text/html).\n|_Requested resource was /login.htm")).manufacturer).toBeNull();
    expect(id('nmap', scan('|_http-server-header: lighttpd/1.4.35')).manufacturer).toBeNull();
  });
});
