// Issue 14, round 6 (attr-e): Bosch's and Hanwha's RTSP forms beyond their tunnel and profile paths, end to end
// through identify. Device texts are real (sources named per test); where only a URI is public, the reply around it is
// synthetic and said so.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const reply = (contentBase: string) => `RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: ${contentBase}\r\nContent-Type: application/sdp\r\n\r\n`;

// bluenviron/gortsplib PR #632 (issue #630): a Bosch FLEXIDOME IP starlight 8000i's SDP (also capture dev/bosch-rtsp-71).
const FLEXIDOME_SDP = [
  'v=0', 'o=- 0 0 IN IP4 10.100.14.102', 's=LIVE VIEW', 'c=IN IP4 0.0.0.0', 't=0 0',
  'a=control:rtsp://10.100.14.102:554/?inst=2&h26x=4', 'm=video 0 RTP/AVP 35', 'a=rtpmap:35 H264/90000',
  'a=control:rtsp://10.100.14.102:554/?inst=2&h26x=4&stream=video', 'a=recvonly',
  'a=fmtp:35 packetization-mode=1;profile-level-id=4d4029;sprop-parameter-sets=Z01AKY2NYDwBE/LgLcBDQECA,aO44gA==', '',
].join('\n');

// bruestel/openhab-addons boschsmartcam SdpTest.java: a Bosch Eyes Outdoor Camera II's SDP (address and parameter sets
// replaced by that test's author), as a DESCRIBE 200 body; the RTSP header block around it is synthetic.
const EYES_SDP = [
  'v=0', 'o=- 0 0 IN IP4 192.168.1.42', 's=LIVE VIEW', 'c=IN IP4 0.0.0.0', 't=0 0',
  'a=control:rtsp://192.168.1.42:9554/rtsp_tunnel?line=1&inst=1&enableaudio=1', 'm=video 0 RTP/AVP 35',
  'a=rtpmap:35 H264/90000', 'a=rtpmap:102 H265/90000',
  'a=control:rtsp://192.168.1.42:9554/rtsp_tunnel?line=1&inst=1&enableaudio=1&stream=video', 'a=recvonly', '',
].join('\r\n');

describe('Bosch and Hanwha RTSP forms, round 6 (attr-e)', () => {
  it("Bosch's SDP (session 'LIVE VIEW', H.264 as payload type 35) and its root query path name Bosch, probable, never a high-risk maker", () => {
    const r = expectNamed(identifyText('rtsp', FLEXIDOME_SDP), 'bosch', 'bosch.rtsp-sdp-live-view');
    expect(ruleIds(r)).toContain('bosch.rtsp-root-query-path');
    expect(r.confidence).not.toBe('possible');
    expect(r.risk.level).not.toBe('high');
    const e = expectNamed(identifyText('rtsp', `RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\n\r\n${EYES_SDP}`), 'bosch', 'bosch.rtsp-sdp-live-view');
    expect(ruleIds(e)).toContain('bosch.rtsp-tunnel-path');
  });

  it("either half of Bosch's SDP alone names nobody: 'LIVE VIEW' over a dynamic payload type, payload 35 under another session", () => {
    const dyn = FLEXIDOME_SDP.replace(/RTP\/AVP 35/, 'RTP/AVP 96').replace(/\/\?inst=2&h26x=4/g, '/live');
    expect(ruleIds(identifyText('rtsp', dyn))).not.toContain('bosch.rtsp-sdp-live-view');
    expect(identifyText('rtsp', dyn).manufacturer).toBeNull();
    const other = FLEXIDOME_SDP.replace('s=LIVE VIEW', 's=Media Presentation').replace(/\/\?inst=2&h26x=4/g, '/live');
    expect(identifyText('rtsp', other).manufacturer).toBeNull();
    // An Android app's lower-case 'Live View' session (GitHub code search).
    expect(identifyText('rtsp', 'v=0\no=- 1 1 IN IP4 0.0.0.0\ns=Live View\nt=0 0\nm=video 0 RTP/AVP 96\na=rtpmap:96 H264/90000\n').manufacturer).toBeNull();
  });

  it("Bosch's root query words (inst=, h26x=) name Bosch, possible alone (synthetic reply around CamioCam/rtsp #113's URL); other root queries name nobody", () => {
    const r = expectNamed(identifyText('rtsp', reply('rtsp://160.10.0.40/?line=3&enableaudio=3&audio_line=3&inst=2')), 'bosch', 'bosch.rtsp-root-query-path');
    expect(r.confidence).toBe('possible');
    for (const p of ['rtsp://192.168.10.10:554/?s0', 'rtsp://192.168.1.10/live?instance=1']) {
      expect(identifyText('rtsp', reply(p)).manufacturer).toBeNull();
    }
  });

  it("Hanwha's channel and ONVIF profile paths (/<ch>/profile<n>/media.smp, /onvif/profile<n>/media.smp, /0/onvif/…) name Hanwha (synthetic replies around public URIs)", () => {
    for (const p of ['rtsp://10.0.0.153:554/1/profile2/media.smp/', 'rtsp://192.168.100.3/0/profile2/media.smp/', 'rtsp://192.168.1.64:554/onvif/profile2/media.smp/', 'rtsp://10.100.3.111:554/0/onvif/profile2/media.smp/']) {
      const r = expectNamed(identifyText('rtsp', reply(p)), 'hanwha', 'hanwha.rtsp-media-smp');
      expect(r.risk.level).not.toBe('high');
    }
    for (const p of ['rtsp://192.168.1.10/live/1/profile2/media.smp/', 'rtsp://192.168.1.10/onvif-media/media.amp/']) {
      expect(ruleIds(identifyText('rtsp', reply(p)))).not.toContain('hanwha.rtsp-media-smp');
    }
  });
});
