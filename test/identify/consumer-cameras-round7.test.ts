// Issue 14, round 7: consumer camera makers from what their devices do in general, end to end through identify.
// TP-Link's fixed SDP origin and smart-coding attribute, TP-Link's WS-Discovery endpoint reference, and FFmpeg's trace
// log form (`line='…'`) read as the reply it quotes. Device values are real with sources named; where a whole reply is
// not public the reply around the real values is synthetic (said so per test).
import { describe, expect, it } from 'vitest';
import { readCapture } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const HIGH_RISK = ['hikvision', 'dahua', 'uniview', 'huawei', 'zte', 'xiongmai', 'tiandy', 'tvt'];

// scottlamb/retina src/client/testdata/tplink_sdp.txt (a TP-Link camera's SDP), lines as published.
const TPLINK_SDP = [
  'v=0', 'o=- 14665860 31787219 1 IN IP4 192.168.2.29', 's=Session streamed by "TP-LINK RTSP Server"', 't=0 0',
  'm=video 0 RTP/AVP 96', 'c=IN IP4 0.0.0.0', 'b=AS:4096', 'a=range:npt=0-', 'a=control:track1', 'a=rtpmap:96 H265/90000',
  'm=audio 0 RTP/AVP 8', 'a=rtpmap:8 PCMA/8000', 'a=control:track2',
];

describe("TP-Link's RTSP server: fixed SDP origin and smart-coding attribute", () => {
  it('the origin line names TP-Link, a camera, when the session name is missing (retina tplink_sdp.txt with its s= line taken out: synthetic cut)', () => {
    const sdp = TPLINK_SDP.filter((l) => !l.startsWith('s=')).join('\r\n') + '\r\n';
    const r = expectNamed(identifyText('rtsp', sdp), 'tp-link', 'tp-link.rtsp-sdp-origin');
    expect(ruleIds(r)).not.toContain('tp-link.rtsp-sdp');
    expect(r.deviceType).toBe('camera');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  it('the whole SDP is confirmed by origin and session name together', () => {
    const r = expectNamed(identifyText('rtsp', TPLINK_SDP.join('\r\n') + '\r\n'), 'tp-link', 'tp-link.rtsp-sdp-origin');
    expect(ruleIds(r)).toContain('tp-link.rtsp-sdp');
  });

  it('a=smart_encoder:virtualIFrame=1 names TP-Link (a VIGI C250 SDP as a Swift client quotes it, s= and o= lines taken out: synthetic cut)', () => {
    const sdp = ['v=0', 't=0 0', 'a=smart_encoder:virtualIFrame=1', 'm=video 0 RTP/AVP 96', 'c=IN IP4 0.0.0.0', 'b=AS:4096',
      'a=range:npt=0-', 'a=control:track1', 'a=rtpmap:96 H265/90000', 'm=audio 0 RTP/AVP 8', 'a=control:track2', ''].join('\r\n');
    expectNamed(identifyText('rtsp', sdp), 'tp-link', 'tp-link.rtsp-smart-encoder');
  });

  it("LIVE555's time-based origin of other makers names nobody through these rules (dev/reolink-rtsp-32 keeps Reolink)", () => {
    const c = readCapture('reolink-rtsp-32.json', 'dev');
    const r = identifyText(c.protocol, c.payload);
    expect(ruleIds(r)).not.toContain('tp-link.rtsp-sdp-origin');
    expect(r.manufacturer).toBe('reolink');
    // Origin session id alone, other version digits: synthetic near-miss.
    const near = identifyText('rtsp', 'v=0\r\no=- 14665861 31787219 1 IN IP4 10.0.0.2\r\ns=Session\r\nt=0 0\r\n');
    expect(ruleIds(near)).not.toContain('tp-link.rtsp-sdp-origin');
  });
});

describe("TP-Link's WS-Discovery endpoint reference (uuid:3fa1fe68-b915-4053-a3e1-<MAC>)", () => {
  // Synthetic ProbeMatch around real values: the scopes and port of a Tapo C210 as an ONVIF CLI's README lists it
  // (name/C210, hardware/C210, location/Hong Kong, :2020) and that README's endpoint id (GitHub code search).
  const probeMatch = (address: string, port = 2020) => [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:wsdd="http://schemas.xmlsoap.org/ws/2005/04/discovery">',
    '<SOAP-ENV:Body><wsdd:ProbeMatches><wsdd:ProbeMatch>',
    `<wsa:EndpointReference><wsa:Address>${address}</wsa:Address></wsa:EndpointReference>`,
    '<wsdd:Types>tdn:NetworkVideoTransmitter</wsdd:Types>',
    '<wsdd:Scopes>onvif://www.onvif.org/name/C210 onvif://www.onvif.org/hardware/C210 onvif://www.onvif.org/Profile/S onvif://www.onvif.org/location/Hong%20Kong</wsdd:Scopes>',
    `<wsdd:XAddrs>http://192.168.1.14:${port}/onvif/device_service</wsdd:XAddrs><wsdd:MetadataVersion>1</wsdd:MetadataVersion>`,
    '</wsdd:ProbeMatch></wsdd:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>',
  ].join('\n');

  it('names TP-Link, a camera, even on another port and with scopes that carry no maker', () => {
    const r = expectNamed(identifyText('ws-discovery', probeMatch('uuid:3fa1fe68-b915-4053-a3e1-a8294833fe3c', 8000)), 'tp-link', 'tp-link.wsd-endpoint-uuid');
    expect(r.deviceType).toBe('camera');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  it('the dev capture of IOTechSystems/onvif (TP-IPC, port 2020) is now confirmed', () => {
    const c = readCapture('tplink-ws-discovery-21.json', 'dev');
    const r = expectNamed(identifyText(c.protocol, c.payload), 'tp-link', 'tp-link.wsd-endpoint-uuid');
    expect(r.confidence).toBe('confirmed');
  });

  it('another endpoint uuid names nobody through this rule (synthetic uuid)', () => {
    const r = identifyText('ws-discovery', probeMatch('uuid:7d04ff31-61e6-11f0-a00c-0123456789ab', 8000));
    expect(ruleIds(r)).not.toContain('tp-link.wsd-endpoint-uuid');
    // Round 8: the Tapo scopes themselves (location/Hong Kong, TP-Link's factory location) now name TP-Link, possible alone.
    expect(ruleIds(r)).toContain('tp-link.wsd-location-hong-kong');
    expect(r.confidence).toBe('possible');
  });
});

describe("FFmpeg's trace log: header lines quoted as line='…'", () => {
  // The form of FFmpeg's RTSP demuxer at -loglevel trace as homebridge-camera-ffmpeg #267, nyanmisaka/ffmpeg-rockchip
  // #155 and AlexxIT/StreamAssist #19 show it (byte notes `ret=1 c=52 [R]`, `Last message repeated`, a lone `]` where
  // a CR/LF was printed). The realm is the one StreamAssist #19's Tapo log repeats in its Digest Authorization; the
  // arrangement of the reply lines is synthetic.
  const trace = (realm: string) => [
    '[rtsp @ 0x32a43e0] Sending:', 'DESCRIBE rtsp://192.168.1.10:554/stream2 RTSP/1.0', 'Accept: application/sdp', 'CSeq: 2', 'User-Agent: Lavf60.16.100', '', '--',
    '[rtsp @ 0x32a43e0] ret=1 c=52 [R]', '[rtsp @ 0x32a43e0] ret=1 c=54 [T]', ']rtsp @ 0x32a43e0] ret=1 c=0d [', '[rtsp @ 0x32a43e0] ret=1 c=0a [', ']',
    "[rtsp @ 0x32a43e0] line='RTSP/1.0 401 Unauthorized'", '[rtsp @ 0x32a43e0] ret=1 c=43 [C]', "[rtsp @ 0x32a43e0] line='CSeq: 2'",
    '    Last message repeated 1 times', "[rtsp @ 0x32a43e0] line='Date: Fri, Nov 17 2023 03:53:38 GMT'",
    `[rtsp @ 0x32a43e0] line='WWW-Authenticate: Basic realm="${realm}"'`, "[rtsp @ 0x32a43e0] line=''", '',
  ].join('\n');

  it("the realm inside line='…' is read (TP-Link IP-Camera → TP-Link, a camera)", () => {
    const r = expectNamed(identifyText('rtsp', trace('TP-Link IP-Camera')), 'tp-link', 'tp-link.camera-realm');
    expect(r.deviceType).toBe('camera');
  });

  it('the same log with a stock realm names nobody', () => {
    expect(identifyText('rtsp', trace('LIVE555 Streaming Media')).manufacturer).toBeNull();
  });

  it("ijkplayer's logcat form (GSYVideoPlayer #592): the MAC realm goes to the OUI look-up", () => {
    // Lines as posted in CarGuo/GSYVideoPlayer #592 (an ijkplayer log of a 401 to OPTIONS on /unicast/c45/s0/live/forward).
    const log = [
      "11-15 16:15:20.770 6405-6490/com.example.gsyvideoplayer V/IJKMEDIA: line='WWW-Authenticate: Basic realm=\"48ea6362afe8\"'",
      '11-15 16:15:20.770 6405-6490/com.example.gsyvideoplayer V/IJKMEDIA: ret=1 c=0d []',
      "11-15 16:15:20.770 6405-6490/com.example.gsyvideoplayer V/IJKMEDIA: line=''",
      '11-15 16:15:20.770 6405-6490/com.example.gsyvideoplayer E/IJKMEDIA: **method OPTIONS failed: 401 Unauthorized**',
    ];
    // The thread's quoted text starts after the status line; a status line is needed for the form to be read, so the
    // one the error line reports is put before it (synthetic line).
    const withStatus = ["11-15 16:15:20.770 6405-6490/com.example.gsyvideoplayer V/IJKMEDIA: line='RTSP/1.0 401 Unauthorized'", ...log].join('\n');
    const r = identifyText('rtsp', withStatus);
    expect(ruleIds(r)).toContain('realm.mac-digits');
    // Without any quoted status line the form is not taken (nothing else in the text is a reply).
    expect(ruleIds(identifyText('rtsp', log.join('\n')))).not.toContain('realm.mac-digits');
  });
});

describe("client logs that open a message after their own marker or label", () => {
  it("mediamtx's debug log as a path's RTSP source ([c->s] request, [s->c] reply after its prefix) is read (bluenviron/mediamtx #3116, a TP-Link camera)", () => {
    // Lines as posted in the issue comment (cut after the 401).
    const log = [
      '2024/04/28 06:49:18 DEB [path tplink] [RTSP source] [c->s] OPTIONS rtsp://192.168.1.13/stream1 RTSP/1.0', 'CSeq: 1', 'User-Agent: gortsplib',
      '2024/04/28 06:49:18 DEB [path tplink] [RTSP source] [s->c] RTSP/1.0 200 OK', 'CSeq: 1', 'Date: Sun, Apr 28 2024 06:49:17 GMT',
      'Public: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, SET_PARAMETER, MULTITRANS',
      '2024/04/28 06:49:18 DEB [path tplink] [RTSP source] [c->s] DESCRIBE rtsp://192.168.1.13/stream1 RTSP/1.0', 'Accept: application/sdp', 'CSeq: 2', 'User-Agent: gortsplib',
      '2024/04/28 06:49:18 DEB [path tplink] [RTSP source] [s->c] RTSP/1.0 401 Unauthorized', 'CSeq: 2', 'Date: Sun, Apr 28 2024 06:49:17 GMT',
      'WWW-Authenticate: Basic realm="TP-LINK IP-Camera"', 'WWW-Authenticate: Digest realm="TP-LINK IP-Camera", nonce="6100befdab6f407276c35030a302430b"', '',
    ].join('\n');
    const r = expectNamed(identifyText('rtsp', log), 'tp-link', 'tp-link.camera-realm');
    expect(ruleIds(r)).toContain('rtsp.tp-link-multitrans');
  });

  it("mediamtx's own replies as a server (Server: gortsplib, realm IPCAM; mediamtx #3867, bold markup kept) are read and name nobody", () => {
    const log = [
      '2024/10/11 21:20:13 DEB [RTSP] [conn 91.193.177.93:21564] [c->s] DESCRIBE rtsp://217.197.117.81:9311/test RTSP/1.0', 'CSeq: 1', 'User-Agent: AndroidXMedia3/1.4.1', '',
      '**2024/10/11 21:20:13 DEB [RTSP] [conn 91.193.177.93:21564] [s->c] RTSP/1.0 401 Unauthorized**', 'CSeq: 1', 'Server: gortsplib', 'WWW-Authenticate: Basic realm="IPCAM"', '',
    ].join('\n');
    const r = identifyText('rtsp', log);
    expect(ruleIds(r)).toContain('signal.rtsp');
    expect(r.manufacturer).toBeNull();
  });

  it("Scrypted's older log form behind docker compose's prefix (response headers / response body) is read", () => {
    // The prefix and labels as koush/scrypted #1018 shows them; the reply values are a TP-Link camera's (dev/tplink-rtsp-146
    // realm, retina tplink_sdp.txt origin): the arrangement is synthetic.
    const p = 'scrypted             | ';
    const log = [
      `${p}request headers DESCRIBE rtsp://192.168.1.60:554/stream1 RTSP/1.0`, `${p}Accept: application/sdp`, `${p}CSeq: 1`, `${p}User-Agent: Scrypted`, 'scrypted             |',
      `${p}response headers RTSP/1.0 401 Unauthorized`, `${p}CSeq: 1`, `${p}WWW-Authenticate: Digest realm="TP-LINK IP-Camera", nonce="ef44ef86a4b6c6c4164e456595aa7f75"`, 'scrypted             |',
    ].join('\n');
    expectNamed(identifyText('rtsp', log), 'tp-link', 'tp-link.camera-realm');
    const sdp = [
      `${p}response headers RTSP/1.0 200 OK`, `${p}Content-Type: application/sdp`, `${p}CSeq: 2`, 'scrypted             |', 'scrypted             |',
      `${p}response body v=0`, `${p}o=- 14665860 31787219 1 IN IP4 192.168.2.29`, `${p}t=0 0`, `${p}m=video 0 RTP/AVP 96`,
    ].join('\n');
    expectNamed(identifyText('rtsp', sdp), 'tp-link', 'tp-link.rtsp-sdp-origin');
  });

  it("a Wireshark 'copy as text' of the client's DESCRIBE: its Digest Authorization's realm stands for the challenge (mpromonet/webrtc-streamer #698, TL-IPC637P)", () => {
    const ws = [
      'Real Time Streaming Protocol', '    Request: DESCRIBE rtsp://x.x.x.x:554/stream2 RTSP/1.0\\r\\n', '        Method: DESCRIBE', '        URL: rtsp://x.x.x.x:554/stream2',
      '    CSeq: 4\\r\\n',
      '    Authorization: Digest username="admin", realm="TP-LINK IP-Camera", nonce="f496da2702679a4d5b29235e72cd29b1", uri="rtsp://x.x.x.x:554/stream2", response="84bffad0b254d5af9d9afbaeb4bc85bb"\\r\\n',
      '    User-Agent: LibVLC/3.0.16 (LIVE555 Streaming Media v2016.11.28)\\r\\n', '    Accept: application/sdp\\r\\n', '    \\r\\n', '',
    ].join('\n');
    expectNamed(identifyText('rtsp', ws), 'tp-link', 'tp-link.camera-realm');
    // The same request with Basic credentials carries no realm: nothing named (synthetic line).
    expect(identifyText('rtsp', ws.replace(/Authorization: Digest[^\n]*/, 'Authorization: Basic YWRtaW46YWRtaW4=\\r\\n')).manufacturer).toBeNull();
  });

  it('a compose-like bar on a few lines of other text is not taken as the prefix (synthetic)', () => {
    const text = ['a | b', 'RTSP/1.0 401 Unauthorized', 'CSeq: 1', 'WWW-Authenticate: Basic realm="TP-LINK IP-Camera"', ''].join('\n');
    expectNamed(identifyText('rtsp', text), 'tp-link', 'tp-link.camera-realm');
  });
});

describe('Ubiquiti, Reolink and Foscam names in general forms', () => {
  // Synthetic GetDeviceInformation reply around a public model value (the manufacturer left generic on purpose).
  const devinfo = (model: string) => [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><SOAP-ENV:Body>',
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>IPC</tds:Manufacturer><tds:Model>${model}</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion>`,
    '<tds:SerialNumber>00000000</tds:SerialNumber><tds:HardwareId>1.0</tds:HardwareId></tds:GetDeviceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>',
  ].join('');

  it("'UBNT Streaming Server v1.2' names Ubiquiti, a camera (the Shodan query's Server value; the reply around it is synthetic)", () => {
    const r = expectNamed(identifyText('http', 'HTTP/1.0 200 OK\r\nServer: UBNT Streaming Server v1.2\r\nContent-Type: text/html\r\n\r\n'), 'ubiquiti', 'ubiquiti.ubnt-streaming-server');
    expect(r.deviceType).toBe('camera');
    expect(ruleIds(identifyText('http', 'HTTP/1.0 200 OK\r\nServer: UBNT-WS\r\n\r\n'))).not.toContain('ubiquiti.ubnt-streaming-server');
  });

  it('a Reolink NVR model (RLN8-410) names Reolink, an NVR; a camera model stays with reolink.model', () => {
    const r = expectNamed(identifyText('onvif', devinfo('RLN8-410')), 'reolink', 'reolink.nvr-model');
    expect(r.deviceType).toBe('nvr');
    expect(r.model).toBe('RLN8-410');
    expect(ruleIds(identifyText('onvif', devinfo('RLC-410')))).not.toContain('reolink.nvr-model');
  });

  it("a Foscam FI-series model names Foscam; a short name (C1) and another maker's model containing FI do not", () => {
    const r = expectNamed(identifyText('onvif', devinfo('FI9831P V2')), 'foscam', 'foscam.fi-model');
    expect(r.model).toBe('FI9831P');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
    for (const m of ['C1', 'DFI6256TE']) expect(ruleIds(identifyText('onvif', devinfo(m))), m).not.toContain('foscam.fi-model');
  });
});

describe("TP-Link's firmware naming (<version> Build <date> Rel.<n>)", () => {
  const devinfo = (fw: string) => [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><SOAP-ENV:Body>',
    `<tds:GetDeviceInformationResponse><tds:Manufacturer>ONVIF</tds:Manufacturer><tds:Model>MODEL</tds:Model><tds:FirmwareVersion>${fw}</tds:FirmwareVersion>`,
    '<tds:SerialNumber>00000000</tds:SerialNumber><tds:HardwareId>1.0</tds:HardwareId></tds:GetDeviceInformationResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>',
  ].join('');

  it('an ONVIF reply with placeholder identity but a Tapo firmware string names TP-Link (firmware of a Tapo C310, code search; the envelope is synthetic)', () => {
    const r = expectNamed(identifyText('onvif', devinfo('1.3.5 Build 230426 Rel.65257n(4555)')), 'tp-link', 'firmware.tp-link-build');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  it("Hikvision's 'V5.7.15 build 230220' and a Build without Rel. are not read as TP-Link's", () => {
    for (const fw of ['V5.7.15 build 230220', '1.0.0 Build 230204 Test']) {
      expect(ruleIds(identifyText('onvif', devinfo(fw))), fw).not.toContain('firmware.tp-link-build');
    }
  });

  it('the python-kasa discovery capture (dev/tplink-tplink-discovery-13) reads it beside the device family', () => {
    const c = readCapture('tplink-tplink-discovery-13.json', 'dev');
    expectNamed(identifyText(c.protocol, c.payload), 'tp-link', 'firmware.tp-link-build');
  });
});

describe("Ubiquiti's certificates written as 'O=Ubiquiti Inc.'", () => {
  it("an openssl-style DN of a UniFi OS certificate names Ubiquiti (organisation from the UbiOS certificates a UDM write-up quotes; the other parts synthetic)", () => {
    const dn = 'subject=C = US, ST = New York, O = Ubiquiti Inc., CN = UbiOS RADIUS Server Certificate\nissuer=C = US, ST = New York, L = New York, O = Ubiquiti Inc., CN = UbiOS RADIUS Certificate Authority\n';
    const r = expectNamed(identifyText('tls', dn), 'ubiquiti', 'ubiquiti.tls-org-inc');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  it('another organisation starting with the same words names nobody through this rule (synthetic)', () => {
    expect(ruleIds(identifyText('tls', 'subject=O = Ubiquiti Incorporated Fans Club, CN = example\n'))).not.toContain('ubiquiti.tls-org-inc');
  });
});

describe("python-kasa's sw_ver / hw_ver keys", () => {
  it('a Kasa device\'s sw_ver is read as its firmware (capture dev/tplink-tplink-iot-11) and names TP-Link through its naming', () => {
    const c = readCapture('tplink-tplink-iot-11.json', 'dev');
    expectNamed(identifyText(c.protocol, c.payload), 'tp-link', 'firmware.tp-link-build');
  });

  it('the keys are read in any JSON (synthetic document with a real Tapo C120 firmware string)', () => {
    const r = identifyText('json', JSON.stringify({ sw_ver: '1.4.4 Build 260106 Rel.62350n', hw_ver: '1.0' }));
    expect(ruleIds(r)).toContain('firmware.tp-link-build');
  });
});

describe("GeoVision's camera web server", () => {
  it("'Server: GeoVision IPCam' names GeoVision, a camera (the value two scanners' tables give; the reply around it is synthetic)", () => {
    const r = expectNamed(identifyText('http', 'HTTP/1.1 200 OK\r\nServer: GeoVision IPCam\r\nContent-Type: text/html\r\n\r\n'), 'geovision', 'geovision.ipcam-server');
    expect(r.deviceType).toBe('camera');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
    expect(ruleIds(identifyText('http', 'HTTP/1.1 200 OK\r\nServer: IPCam\r\n\r\n'))).not.toContain('geovision.ipcam-server');
  });
});

describe('INSTAR (vendor added in round 7)', () => {
  it('the Plum-Island scan of an INSTAR camera (capture dev/instar-nmap-225) is named by its title', () => {
    const c = readCapture('instar-nmap-225.json', 'dev');
    const r = expectNamed(identifyText(c.protocol, c.payload), 'instar', 'instar.title');
    expect(r.deviceType).toBe('camera');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  it("INSTAR's documentation pages are not read as a camera (synthetic page with the wiki's title)", () => {
    const r = identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>INSTAR Wiki - Offline Page</title></head></html>');
    expect(ruleIds(r)).not.toContain('instar.title');
  });
});
