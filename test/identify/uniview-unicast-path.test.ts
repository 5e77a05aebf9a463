// Issue 14: Uniview's NVR/IPC live path /unicast/c<channel>/s<stream>/live, read end to end through identify from
// the Content-Base of an RTSP DESCRIBE reply and from the SDP's control URL. The paths are the documented ones
// (sources named in the rule's examples); the replies around them are synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { ruleIds as rules, expectNamed } from '../helpers/identify.js';


const describe200 = (contentBase: string, control: string) =>
  identifySample('t.json', {
    protocol: 'rtsp',
    payload:
      `RTSP/1.0 200 OK\r\nCSeq: 3\r\nContent-Type: application/sdp\r\nContent-Base: ${contentBase}\r\n\r\n` +
      `v=0\r\no=- 1 1 IN IP4 192.0.2.20\r\ns=Session\r\nt=0 0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:${control}\r\n`,
  });

describe('Uniview live path /unicast/c<n>/s<n>/live', () => {
  it("an NVR's channel 2 main stream (frigate #7141's path) names Uniview, possible", () => {
    const r = describe200('rtsp://192.168.1.200:554/unicast/c2/s0/live/', 'rtsp://192.168.1.200:554/unicast/c2/s0/live/trackID=1');
    expectNamed(r, 'uniview', 'rtsp.uniview-unicast-live-path');
  });

  it('a three-digit channel and the sub stream are read', () => {
    const r = describe200('rtsp://192.0.2.20/unicast/c18/s1/live', 'trackID=1');
    expect(rules(r)).toContain('rtsp.uniview-unicast-live-path');
  });

  it('other paths name nobody by this rule', () => {
    for (const base of ['rtsp://192.0.2.20:554/unicast/', 'rtsp://192.0.2.20:554/live/ch00_0', 'rtsp://192.0.2.20:554/c1/b1494208846/e1494209026/replay/', 'rtsp://10.1.10.51:8554/unicast/c1-n/s0/live']) {
      expect(rules(describe200(base, 'trackID=1'))).not.toContain('rtsp.uniview-unicast-live-path');
    }
  });
});
