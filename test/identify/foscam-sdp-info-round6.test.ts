// Issue 14, round 6 (attr-d): Foscam's LIVE555 stream name in the SDP session information line (i=videoMain), end to
// end through identify: in a whole DESCRIBE reply and in FFmpeg's summary of the input (FFmpeg puts i= in 'comment').
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const HIGH_RISK = ['hikvision', 'dahua', 'uniview', 'huawei', 'zte', 'xiongmai'];

describe("Foscam's SDP session information line, round 6", () => {
  it("FFmpeg's summary of a Foscam input (title 'IP Camera Video', comment 'videoMain') names Foscam, possible alone", () => {
    // Synthetic ffprobe summary around the SDP values of a Foscam C1 (luisiam/homebridge-foscamcamera #6: s=IP Camera
    // Video, i=videoMain); no public ffprobe output of a Foscam was found, FFmpeg maps s= to title and i= to comment.
    const ff = [
      "Input #0, rtsp, from 'rtsp://192.168.1.62:554/videoMain':", '  Metadata:', '    title           : IP Camera Video',
      '    comment         : videoMain', '  Duration: N/A, start: 0.000000, bitrate: N/A',
      '    Stream #0:0: Video: h264 (Main), yuv420p(progressive), 1280x720, 90k tbr, 90k tbn, 180k tbc', '',
    ].join('\n');
    const r = expectNamed(identifyText('rtsp', ff), 'foscam', 'foscam.rtsp-video-main');
    expect(r.confidence).toBe('possible');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
  });

  it('a bare SDP with i=videoMain and no Content-Base names Foscam (lines of the Go RTSP client comment, GitHub code search); i=stream1 does not', () => {
    const sdp = (info: string) => ['v=0', 'o=- 1582535758913729 1 IN IP4 192.168.1.11', 's=IP Camera Video', `i=${info}`, 't=0 0',
      'a=tool:LIVE555 Streaming Media v2014.02.10', 'a=type:broadcast', 'a=control:*', 'm=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000', 'a=control:track1', ''].join('\r\n');
    expectNamed(identifyText('rtsp', sdp('videoMain')), 'foscam', 'foscam.rtsp-video-main');
    expectNamed(identifyText('rtsp', sdp('videoSub')), 'foscam', 'foscam.rtsp-video-main');
    const other = identifyText('rtsp', sdp('stream1'));
    expect(ruleIds(other)).not.toContain('foscam.rtsp-video-main');
    expect(other.manufacturer).not.toBe('foscam');
  });
});
