// Issue 14, round 6 (attr-g): RTSP forms of camera makers outside the high-risk list, end to end through identify.
// Where only a URI is public, the reply around it is synthetic (said so per test); device texts are real, sources named.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const reply = (contentBase: string) => `RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: ${contentBase}\r\nContent-Type: application/sdp\r\n\r\n`;

// scottlamb/retina src/client/testdata/geovision_sdp.txt (retina issue #33: a GeoVision GV-EBD4701, ONVIF Manufacturer 'GeoVision_2').
const GEOVISION_UNIVIEW_MADE_SDP = [
  'v=0', 'o=- 1001 1 IN IP4 192.168.5.237', 's=VCP IPC Realtime stream', 'm=video 0 RTP/AVP 105', 'c=IN IP4 192.168.5.237',
  'a=control:rtsp://192.168.5.237/media/video1/video', 'a=rtpmap:105 H264/90000', 'a=recvonly', 'm=application 0 RTP/AVP 107',
  'c=IN IP4 192.168.5.237', 'a=control:rtsp://192.168.5.237/media/video1/metadata', 'a=rtpmap:107 vnd.onvif.metadata/90000',
  'a=fmtp:107 DecoderTag=h3c-v3 RTCP=0', 'a=recvonly', '',
].join('\n');

describe('RTSP forms of other camera makers, round 6', () => {
  it("GeoVision's own /CH001.sdp stream names GeoVision, possible alone (synthetic reply around CamioCam/rtsp's GV-VS2400 URI)", () => {
    const r = expectNamed(identifyText('rtsp', reply('rtsp://192.168.3.111:8554/CH001.sdp/')), 'geovision', 'geovision.rtsp-ch-sdp-path');
    expect(r.confidence).toBe('possible');
    expect(r.risk.level).not.toBe('high');
    expect(ruleIds(identifyText('rtsp', reply('rtsp://192.168.3.111:554/ch01.264/')))).not.toContain('geovision.rtsp-ch-sdp-path');
  });

  it("VIVOTEK's /live<ch>s<stream>.sdp names VIVOTEK; D-Link's /live1.sdp and the bare /live.sdp name nobody (synthetic replies around CamioCam/rtsp's CC8130 URI)", () => {
    const r = expectNamed(identifyText('rtsp', reply('rtsp://192.168.1.16:554/live1s1.sdp/')), 'vivotek', 'vivotek.rtsp-live-stream-sdp-path');
    expect(r.confidence).toBe('possible');
    for (const p of ['rtsp://192.168.1.16:554/live1.sdp/', 'rtsp://192.168.1.16:554/live.sdp/']) {
      const n = identifyText('rtsp', reply(p));
      expect(ruleIds(n)).not.toContain('vivotek.rtsp-live-stream-sdp-path');
      expect(n.manufacturer).toBeNull();
    }
  });

  it("Panasonic's realm on the RTSP server names Panasonic, in a 401 and as the realm a client's Authorization repeats (deepch/RTSPtoWeb #83)", () => {
    // Synthetic 401 around the realm; the transcript below is the SETUP request and the camera's 200 reply.
    const challenge = 'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="Panasonic network device", nonce="4a7a34dc7e6d82b097f61f636b2ab81b"\r\n\r\n';
    expectNamed(identifyText('rtsp', challenge), 'panasonic', 'panasonic.network-device-realm');
    const transcript = [
      'SETUP rtsp://192.168.1.5/MediaInput/h264/trackID=1 RTSP/1.0', 'CSeq: 4',
      'Authorization: Digest username="zf", realm="Panasonic network device", nonce="4a7a34dc7e6d82b097f61f636b2ab81b", uri="rtsp://192.168.1.5/MediaInput/h264/trackID=1", response="cad54fecce5595b47808e71b0a360d9b"',
      'Transport: RTP/AVP/TCP;unicast;interleaved=0-1', 'User-Agent: Lavf58.76.100', '',
      'RTSP/1.0 200 OK', 'CSeq: 4', 'Connection: Keep-Alive', 'Date: Tue, 08 Feb 2022 19:25:37 GMT', 'Session: 6084719271315754061331544451080;timeout=120', '',
    ].join('\n');
    const r = expectNamed(identifyText('rtsp', transcript), 'panasonic', 'panasonic.network-device-realm');
    expect(r.risk.level).not.toBe('high');
  });

  it("GeoVision's Uniview-made line: its SDP is Uniview's to the byte (retina #33), so only Uniview's SDP rules read it; GeoVision's path rule and the /media/video path name nobody", () => {
    const r = identifyText('rtsp', GEOVISION_UNIVIEW_MADE_SDP);
    const ids = ruleIds(r);
    expect(ids).not.toContain('geovision.rtsp-ch-sdp-path');
    // The shared /media/video<n> path (Uniview, Sony SNC-EM, Arecont, GeoVision's Uniview-made lines) only types the device.
    expect(identifyText('rtsp', reply('rtsp://192.168.5.237/media/video1/')).manufacturer).toBeNull();
    // What names Uniview here is the VCP session and the h3c decoder tag (see docs/signals.md, GeoVision).
    expect(ids).toEqual(expect.arrayContaining(['rtsp.uniview-vcp-session', 'rtsp.uniview-h3c-decodertag']));
  });

  it("AXIS's own RTSP server answers OPTIONS with its alphabetical method list, OPTIONS left out: Axis, possible alone; GStreamer's and LIVE555's lists name nobody", () => {
    // The OPTIONS reply of AXIS VAPIX's RTSP API documentation (copies found by GitHub code search), as printed there.
    const vapix = 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nSession: 12345678\r\nPublic: DESCRIBE, GET_PARAMETER, PAUSE, PLAY, SETUP, SET_PARAMETER, TEARDOWN\r\nDate: Wed, 16 Jul 2008 12:48:48 GMT\r\n\r\n';
    const r = expectNamed(identifyText('rtsp', vapix), 'axis', 'axis.rtsp-public-methods');
    expect(r.confidence).toBe('possible');
    // dev/axis-rtsp-31's GStreamer list (AXIS OS 10+, any GStreamer server) and LIVE555's stock list.
    for (const pub of ['OPTIONS, DESCRIBE, ANNOUNCE, GET_PARAMETER, PAUSE, PLAY, RECORD, SETUP, SET_PARAMETER, TEARDOWN', 'OPTIONS, DESCRIBE, GET_PARAMETER, PAUSE, PLAY, SETUP, SET_PARAMETER, TEARDOWN', 'OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, SET_PARAMETER']) {
      const n = identifyText('rtsp', `RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: ${pub}\r\n\r\n`);
      expect(ruleIds(n)).not.toContain('axis.rtsp-public-methods');
    }
  });

  it("Samsung Techwin's NET-i RTSP realm names Hanwha, never a high-risk maker (synthetic 401 in nmap-service-probes' SNB-2000 form, nonce from a public client's comment)", () => {
    const r = expectNamed(identifyText('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 0\r\nCache-Control: must-revalidate\r\nWWW-Authenticate: Digest realm="NET-i", nonce="0000000000000000000000007CB7AA10"\r\n\r\n'), 'hanwha', 'hanwha.rtsp-net-i-realm');
    expect(r.risk.level).not.toBe('high');
    expect(ruleIds(identifyText('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 0\r\nWWW-Authenticate: Digest realm="NET", nonce="0000000000000000000000007CB7AA10"\r\n\r\n'))).not.toContain('hanwha.rtsp-net-i-realm');
  });

  it('the RTSP parser keeps the Public method list as sent (order and spacing) beside the parsed methods', async () => {
    const { parse } = await import('../../src/parsers/rtsp.js');
    const f = parse('RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic:  DESCRIBE,GET_PARAMETER , PLAY\r\n\r\n')[0]!.fields;
    expect(f.publicLine).toBe('DESCRIBE,GET_PARAMETER , PLAY');
    expect(f.public).toEqual(['DESCRIBE', 'GET_PARAMETER', 'PLAY']);
    expect(String(parse(`RTSP/1.0 200 OK\r\nPublic: ${'PLAY, '.repeat(500)}\r\n\r\n`)[0]!.fields.publicLine).length).toBe(512);
  });
});
