// Issue 14, round 7 (r5): camera makers outside the high-risk list, end to end through identify. Device texts are
// real with their sources named; where a reply around a public value is made up here, the test says "synthetic".
import { describe, expect, it } from 'vitest';
import { capturePayload } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

/** A synthetic client transcript: one request line, then the device's reply. */
const transcript = (request: string, reply: string) => `${request}\nCSeq: 2\nUser-Agent: test\n\n${reply}`;

describe('the RTSP URI a transcript requested, answered with success (rtsp.requestUri)', () => {
  it("an Axis camera's GStreamer RTSP server answering the integration's /axis-media/media.amp OPTIONS is Axis (capture dev/axis-rtsp-31)", () => {
    const r = expectNamed(identifyText('rtsp', capturePayload('axis-rtsp-31', 'dev')), 'axis', 'axis.rtsp-media-amp');
    expect(r.risk.level).not.toBe('high');
  });

  it('a path the device refused (404) or only challenged (401) is not read (synthetic transcripts)', () => {
    const req = 'DESCRIBE rtsp://192.168.1.10/axis-media/media.amp RTSP/1.0';
    for (const status of ['RTSP/1.0 404 Not Found', 'RTSP/1.0 401 Unauthorized']) {
      const r = identifyText('rtsp', transcript(req, `${status}\nCSeq: 2\nServer: GStreamer RTSP server\n\n`));
      expect(ruleIds(r), status).not.toContain('axis.rtsp-media-amp');
      expect(r.manufacturer, status).toBeNull();
    }
  });

  it('a 200 to a Bosch /rtsp_tunnel request names Bosch, possible alone (synthetic transcript around the onvif-go FLEXIDOME stream URI)', () => {
    const r = identifyText('rtsp', transcript('OPTIONS rtsp://192.168.1.20/rtsp_tunnel?p=0&line=1&inst=1&vcd=2 RTSP/1.0', 'RTSP/1.0 200 OK\nCSeq: 2\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\n\n'));
    expectNamed(r, 'bosch', 'bosch.rtsp-tunnel-path');
  });

  it('the stream path of a request is never read by a high-risk path rule: a 200 to /Streaming/Channels/101 names nobody (synthetic transcript)', () => {
    const r = identifyText('rtsp', transcript('OPTIONS rtsp://192.168.1.30/Streaming/Channels/101 RTSP/1.0', 'RTSP/1.0 200 OK\nCSeq: 2\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\n\n'));
    expect(r.manufacturer).toBeNull();
    expect(r.risk.level).not.toBe('high');
  });
});

describe("Bosch's ONVIF media profile names (onvif.profileNames)", () => {
  it('GetProfiles naming Profile_L1S1 … is Bosch, possible (capture dev/bosch-onvif-profiles-61, FLEXIDOME indoor 5100i IR)', () => {
    const r = expectNamed(identifyText('onvif', capturePayload('bosch-onvif-profiles-61', 'dev')), 'bosch', 'bosch.onvif-profile-name');
    expect(r.confidence).toBe('possible');
  });

  it("other makers' profile names name nobody (synthetic GetProfiles replies)", () => {
    const profiles = (name: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:trt="http://www.onvif.org/ver10/media/wsdl"><SOAP-ENV:Body><trt:GetProfilesResponse><trt:Profiles token="p0" fixed="true"><tt:Name>${name}</tt:Name><tt:VideoSourceConfiguration token="v0"><tt:Name>Profile_L1S1</tt:Name><tt:UseCount>1</tt:UseCount><tt:SourceToken>s0</tt:SourceToken></tt:VideoSourceConfiguration></trt:Profiles></trt:GetProfilesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
    for (const name of ['mainStream', 'Profile_1', 'profile_1 h264', 'MediaProfile00000']) {
      const r = identifyText('onvif', profiles(name));
      expect(ruleIds(r), name).not.toContain('bosch.onvif-profile-name');
      expect(r.manufacturer, name).toBeNull();
    }
  });
});

describe('OUI owners added in round 7', () => {
  const probeMatch = (address: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>${address}</wsa:Address></wsa:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/type/video_encoder</d:Scopes><d:XAddrs>http://192.168.0.90/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
  it('a version-1 endpoint UUID whose node is a Sony Corporation or Verint MAC gives a possible maker (synthetic ProbeMatches)', () => {
    expect(identifyText('ws-discovery', probeMatch('urn:uuid:5f0e1a00-1dd2-11b2-8000-080046a1b2c3'))).toMatchObject({ manufacturer: 'sony', confidence: 'possible' });
    expect(identifyText('ws-discovery', probeMatch('urn:uuid:5f0e1a00-1dd2-11b2-8000-00079aa1b2c3'))).toMatchObject({ manufacturer: 'verint', confidence: 'possible' });
  });
});

describe("the Digest nonce form 8 hex + 'Y' + hex (rtsp.digest-nonce-y): AXIS and Truen cameras share it, so camera type only", () => {
  it('an RTSP 401 whose realm is stripped is a camera but names no maker by its nonce (synthetic: the corpus axis-rtsp-1 challenge with the realm replaced)', () => {
    const reply = 'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="Streaming Server", nonce="01f82f1eY2828699f525c781da2d528b24cd9b5f249fbb", stale=FALSE\r\nServer: GStreamer RTSP server\r\n\r\n';
    const r = identifyText('rtsp', reply);
    expect(ruleIds(r)).toContain('rtsp.digest-nonce-y');
    expect(r.manufacturer).toBeNull();
  });

  it("the nonce a client's Authorization echoes in a transcript is read; the realm beside it still names Axis (capture dev/axis-rtsp-32)", () => {
    const r = expectNamed(identifyText('rtsp', capturePayload('axis-rtsp-32', 'dev')), 'axis', 'realm.axis-mac');
    expect(ruleIds(r)).toContain('rtsp.digest-nonce-y');
  });

  it("a Truen TCAM challenge in the same form is not put on Axis (Recog http_wwwauth, Steinsvik Orbit 351)", () => {
    const r = identifyText('http', 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Orbit-351", nonce="0000040dY892418598785d2a2304a74adf22f6098f2792", stale=FALSE\r\nContent-Length: 0\r\n\r\n');
    expect(r.manufacturer).not.toBe('axis');
  });

  it("Apache's mod_auth_digest nonce (AXIS OS web pages, node-onvif #40) and plain hex nonces are not the form (synthetic 401s)", () => {
    for (const nonce of ['t6fuOp51BQA=f644e559881cb59b13221e8f9b63747f39e342c7', '534407f373af1bdff561b7b4da295354', '0000e540y89809437b0a5ebb8689182efb378ddf6b2d8f9']) {
      const r = identifyText('http', `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Login", nonce="${nonce}", qop="auth"\r\nContent-Length: 0\r\n\r\n`);
      expect(ruleIds(r), nonce).not.toContain('rtsp.digest-nonce-y');
      expect(r.manufacturer, nonce).toBeNull();
    }
  });
});

describe("older Samsung Techwin stream paths, /<codec>/media.smp (hanwha.rtsp-legacy-media-smp)", () => {
  it('a DESCRIBE answer whose Content-Base is /H264/media.smp names Hanwha (synthetic reply around the VisioForge-documented path)', () => {
    const reply = 'RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Base: rtsp://192.168.1.200/H264/media.smp/\r\nContent-Type: application/sdp\r\n\r\nv=0\r\no=- 0 0 IN IP4 192.168.1.200\r\ns=Media Presentation\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:rtsp://192.168.1.200/H264/media.smp/trackID=v\r\n';
    const r = expectNamed(identifyText('rtsp', reply), 'hanwha', 'hanwha.rtsp-legacy-media-smp');
    expect(r.risk.level).not.toBe('high');
  });

  it("Axis's /mpeg4/media.amp stays Axis's and a deeper /live/h264/media.smp names nobody through this rule (synthetic)", () => {
    const axis = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Base: rtsp://192.168.1.10/mpeg4/media.amp/\r\n\r\n');
    expect(ruleIds(axis)).not.toContain('hanwha.rtsp-legacy-media-smp');
    const deep = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Base: rtsp://192.168.1.10/live/h264/media.smp/\r\n\r\n');
    expect(ruleIds(deep)).not.toContain('hanwha.rtsp-legacy-media-smp');
  });
});

describe("SUNAPI's deviceinfo reply (hanwha.sunapi-deviceinfo)", () => {
  const text = 'Model=XND-C9083RV\nSerialNumber=ZR5K70GR700007A\nFirmwareVersion=2.11.01_20211210_R251\nBuildDate=2021.12.10\nWebURL=http://www.hanwha-security.com/\nDeviceType=NWC\nConnectedMACAddress=00:09:18:6B:71:D7\nISPVersion=1.00_211115\nCGIVersion=2.5.9\n';
  it('the key=value reply of an XND-C9083RV (a public SUNAPI note) names Hanwha and its model (synthetic HTTP framing)', () => {
    const r = expectNamed(identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n${text}`), 'hanwha', 'hanwha.sunapi-deviceinfo');
    expect(r.model).toBe('XND-C9083RV');
    expect(r.risk.level).not.toBe('high');
  });

  it('without ConnectedMACAddress, or with another DeviceType word, the rule does not fire (synthetic)', () => {
    for (const body of [text.replace(/ConnectedMACAddress=[^\n]*\n/, ''), text.replace('DeviceType=NWC', 'DeviceType=IPC')]) {
      const r = identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n${body}`);
      expect(ruleIds(r)).not.toContain('hanwha.sunapi-deviceinfo');
    }
  });
});

describe("VAPIX param.cgi's error line (axis.vapix-param-error)", () => {
  it("a 200 whose body carries '# Error: Error -1 getting param in group …' names Axis (synthetic framing around the documented line)", () => {
    const r = identifyText('http', "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n# Error: Error -1 getting param in group 'Properties.API.RTP.OnvifReplayExt'\r\n");
    expectNamed(r, 'axis', 'axis.vapix-param-error');
    expect(r.risk.level).not.toBe('high');
  });

  it('a prose mention of a parameter error names nobody (synthetic)', () => {
    const r = identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nError: getting param failed\r\n');
    expect(ruleIds(r)).not.toContain('axis.vapix-param-error');
  });
});

describe("FLIR A-series/AX8 stream paths with the overlay switch (teledyne-flir.rtsp-overlay-path)", () => {
  it('a DESCRIBE answer whose Content-Base is /avc?overlay=off names Teledyne FLIR, possible (synthetic reply around the public stream URI)', () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.168.201.15/avc?overlay=off\r\n\r\n');
    expectNamed(r, 'teledyne-flir', 'teledyne-flir.rtsp-overlay-path');
    expect(r.confidence).toBe('possible');
    expect(r.risk.level).not.toBe('high');
  });

  it('a bare /avc names nobody (synthetic)', () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.168.1.10/avc/\r\n\r\n');
    expect(ruleIds(r)).not.toContain('teledyne-flir.rtsp-overlay-path');
  });
});
