// Issue 14, round 6 (attr-e): Axis's and Bosch's ONVIF media forms end to end through identify. AXIS OS answers
// GetStreamUri with /onvif-media/media.amp and GetSnapshotUri with /onvif-cgi/jpg/image.cgi; Bosch answers
// GetSnapshotUri with /snap.jpg?JpegCam=<n>. The envelopes around the public URIs are synthetic (the Bosch one is
// capture dev/bosch-onvif-snapshoturi-61); the URIs are quoted from the sources the rules cite.
import { describe, expect, it } from 'vitest';
import { capturePayload } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const media = (response: string, uri: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:trt="http://www.onvif.org/ver10/media/wsdl"><env:Body><trt:${response}Response><trt:MediaUri><tt:Uri>${uri}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:${response}Response></env:Body></env:Envelope>`;

describe('Axis and Bosch ONVIF media URIs, round 6 (attr-e)', () => {
  it("AXIS OS's GetStreamUri /onvif-media/media.amp names Axis, never a high-risk maker", () => {
    const r = expectNamed(identifyText('onvif', media('GetStreamUri', 'rtsp://10.0.0.35/onvif-media/media.amp?profile=profile_1_h264&amp;sessiontimeout=60&amp;streamtype=unicast')), 'axis', 'axis.rtsp-media-amp');
    expect(r.risk.level).not.toBe('high');
  });

  it("the AXIS OS GStreamer server's SDP: stock GStreamer lines name nobody, its onvif-media control URL names Axis", () => {
    // Session lines as an RTSP client's comment quotes a camera's SDP (GitHub code search); fmtp and tail synthetic.
    const sdp = ['v=0', 'o=- 1 1 IN IP4 10.229.86.28', 's=Session streamed with GStreamer', 'i=rtsp-server', 't=0 0', 'a=tool:GStreamer', 'a=type:broadcast', 'a=range:npt=now-',
      'a=control:rtsp://10.229.86.28:554/onvif-media/media.amp?profile=profile_1_h264&sessiontimeout=60&streamtype=unicast',
      'm=video 0 RTP/AVP 96', 'c=IN IP4 0.0.0.0', 'b=AS:50000', 'a=rtpmap:96 H264/90000', ''].join('\r\n');
    const r = expectNamed(identifyText('rtsp', sdp), 'axis', 'axis.rtsp-media-amp');
    expect(r.risk.level).not.toBe('high');
    const stock = sdp.replace(/onvif-media\/media\.amp/g, 'test');
    expect(identifyText('rtsp', stock).manufacturer).toBeNull();
  });

  it("AXIS OS's GetSnapshotUri /onvif-cgi/jpg/image.cgi names Axis, possible alone; another CGI tree names nobody", () => {
    const r = expectNamed(identifyText('onvif', media('GetSnapshotUri', 'http://10.0.0.35/onvif-cgi/jpg/image.cgi?resolution=1920x1080&amp;compression=30')), 'axis', 'onvif.axis-snapshot-path');
    expect(r.confidence).toBe('possible');
    expect(ruleIds(identifyText('onvif', media('GetSnapshotUri', 'http://192.168.1.10/cgi-bin/jpg/image.cgi')))).not.toContain('onvif.axis-snapshot-path');
  });

  it("Bosch's GetSnapshotUri /snap.jpg?JpegCam=<n> names Bosch (capture dev/bosch-onvif-snapshoturi-61); a bare /snap.jpg names nobody", () => {
    const r = expectNamed(identifyText('onvif', capturePayload('bosch-onvif-snapshoturi-61.json', 'dev')), 'bosch', 'onvif.bosch-snapshot-path');
    expect(r.confidence).toBe('possible');
    expect(r.risk.level).not.toBe('high');
    expectNamed(identifyText('onvif', media('GetSnapshotUri', 'http://10.50.1.1/snap.jpg?JpegCam=1&amp;JpegSize=X')), 'bosch', 'onvif.bosch-snapshot-path');
    for (const u of ['http://192.168.1.10/snap.jpg', 'http://192.168.1.10/snap.jpg?JpegSize=XL']) {
      expect(identifyText('onvif', media('GetSnapshotUri', u)).manufacturer).toBeNull();
    }
  });
});

describe("Hanwha's SUNAPI snapshot URI in an ONVIF reply, round 6 (attr-e)", () => {
  it('/stw-cgi/video.cgi?msubmenu=snapshot names Hanwha, possible alone; another CGI names nobody (synthetic envelopes around public URIs)', () => {
    const r = expectNamed(identifyText('onvif', media('GetSnapshotUri', 'http://192.168.1.20:80/stw-cgi/video.cgi?msubmenu=snapshot&amp;action=view&amp;Profile=1&amp;Channel=0')), 'hanwha', 'onvif.hanwha-sunapi-snapshot-path');
    expect(r.confidence).toBe('possible');
    expect(r.risk.level).not.toBe('high');
    expect(identifyText('onvif', media('GetSnapshotUri', 'http://192.168.1.10/cgi-bin/video.cgi?msubmenu=jpg')).manufacturer).toBeNull();
  });
});
