// Issue 14, round 3: RTSP forms of camera makers outside the high-risk list, read end to end through identify.
// Device texts are real (sources named); where only a URI is public, the reply around it is marked synthetic.
// Each maker named here must never come out high-risk, and the generic forms next to them must name nobody.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { expectNamed } from '../helpers/identify.js';

const id = (protocol: string, payload: string) => identifySample('t.json', { protocol, payload });
const rules = (r: ReturnType<typeof id>) => r.evidence.map((e) => e.rule);

// scottlamb/retina src/client/testdata/vstarcam_describe.txt (a VStarcam camera's DESCRIBE 200), fmtp line cut.
const VSTARCAM_DESCRIBE = [
  'RTSP/1.0 200 OK', 'Cseq: 2', 'Date: Tue, Jul 27 2021 21:49:55 GMT', 'Content-Type: application/sdp', 'Content-Length: 403', '',
  'v=0', 'o=VSTC 3836411392 3836411392 IN IP4 192.168.1.198', 's=streamed by the VSTARCAM RTSP server', 'e=NONE', 'c=IN IP4 0.0.0.0', 't=0 0',
  'm=video 0 RTP/AVP 96', 'b=AS:1536', 'a=control:track0', 'a=rtpmap:96 H264/90000', 'm=audio 0 RTP/AVP 8', 'b=AS:64', 'a=control:track1', 'a=rtpmap:8 PCMA/8000/1', '',
].join('\r\n');

// bluenviron/gortsplib pkg/sdpunmarshaler/sdpunmarshaler_test.go, "issue gortsplib/501 (Avigilon cameras)", first media only.
const AVIGILON_SDP = [
  'v=0', 'o=- 1705180917694 1705180917694 IN IP4 192.168.1.63', 's=Live', 't=0 0', 'm=audio 0 RTP/AVP 0', 'c=IN IP4 192.168.1.63',
  'a=control:rtsp://192.168.1.63/defaultPrimary/micCfg0/trackID=9?mtu=1440&streamType=u', 'a=recvonly', '',
].join('\r\n');

describe('RTSP forms of other camera makers', () => {
  it("VStarcam's own RTSP server (session name and VSTC origin) names VStarcam, not a high-risk maker", () => {
    const r = id('rtsp', VSTARCAM_DESCRIBE);
    expectNamed(r, 'vstarcam', 'vstarcam.rtsp-sdp');
    expect(r.risk.level).not.toBe('high');
  });

  it("Avigilon's defaultPrimary control path names Avigilon, possible alone", () => {
    const r = id('rtsp', AVIGILON_SDP);
    expect(r.manufacturer).toBe('avigilon');
    expect(r.confidence).toBe('possible');
    expect(rules(r)).toContain('avigilon.rtsp-default-primary');
    expect(r.risk.level).not.toBe('high');
  });

  it("Bosch's rtsp_tunnel path names Bosch (synthetic reply around the URI a Bosch FLEXIDOME returned, 0x524A/onvif-go CAMERA_TEST_REPORT.md)", () => {
    const r = id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.168.1.201/rtsp_tunnel?p=0&line=1&inst=1&vcd=2\r\n\r\n');
    expectNamed(r, 'bosch', 'bosch.rtsp-tunnel-path');
  });

  it('near misses name nobody: a LIVE555 session name, a generic /stream1 or /live path, an anonymous origin', () => {
    // scottlamb/retina src/client/testdata/anpviz_sdp.txt session and origin; koush/scrypted #1014 /stream1 (a TP-Link VIGI).
    const live555 = ['v=0', 'o=- 1109162014219182 1109162014219192 IN IP4 x.y.z.w', 's=RTSP/RTP stream from anjvision ipcamera', 't=0 0', 'a=control:*', ''].join('\r\n');
    for (const p of [live555, 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Base: rtsp://10.0.0.44:554/stream1/\r\n\r\n', 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nContent-Base: rtsp://192.168.1.17/live/\r\n\r\n']) {
      const r = id('rtsp', p);
      expect(rules(r).filter((x) => /vstarcam|avigilon|bosch/.test(x ?? ''))).toEqual([]);
    }
  });
});

// bluenviron/gortsplib pkg/sdpunmarshaler/sdpunmarshaler_test.go, "issue mediamtx/85 (SONY SNC-WR630)", fmtp line cut.
const SONY_SDP = [
  'v=0', 'o=- 12345 1 IN IP4 10.21.61.139', 's=Sony RTSP Server', 't=0 0', 'a=range:npt=now-', 'c=IN IP4 0.0.0.0', 'm=video 0 RTP/AVP 105',
  'a=rtpmap:105 H264/90000', 'a=control:trackID=1', 'a=recvonly', 'a=framerate:25.0', '',
].join('\r\n');

describe('RTSP forms, round 3 batch 2', () => {
  it("Sony's SDP session name names Sony; a generic 'RTSP Server' session names nobody", () => {
    const r = id('rtsp', SONY_SDP);
    expectNamed(r, 'sony', 'sony.rtsp-sdp-session');
    expect(id('rtsp', SONY_SDP.replace('Sony RTSP Server', 'RTSP Server')).manufacturer).toBeNull();
  });

  it("Huawei's /LiveMedia/ch1/Media1 path is Huawei, possible alone (synthetic reply around a URI from public Huawei camera configurations)", () => {
    const r = id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://10.8.72.77:554/LiveMedia/ch1/Media1/\r\n\r\n');
    expect(r.manufacturer).toBe('huawei');
    expect(r.confidence).toBe('possible');
    expect(rules(r)).toContain('rtsp.huawei-livemedia-path');
    // Uniview-made firmware's /media/video1 (scottlamb/retina geovision_sdp.txt) is not Huawei.
    expect(rules(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.168.5.237/media/video1/\r\n\r\n'))).not.toContain('rtsp.huawei-livemedia-path');
  });

  it("MOBOTIX's stream names name MOBOTIX, never a high-risk maker (synthetic reply around CamioCam/rtsp cameras/paths.csv's URI)", () => {
    const r = id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.168.1.30:554/mobotix.h264/\r\n\r\n');
    expectNamed(r, 'mobotix', 'mobotix.rtsp-path');
    expect(r.risk.level).not.toBe('high');
  });
});
