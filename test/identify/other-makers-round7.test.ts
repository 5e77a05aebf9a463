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
