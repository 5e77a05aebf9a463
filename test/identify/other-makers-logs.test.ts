// Issue 14 (attr-c): client logs that carry other camera makers' RTSP/HTTP replies in their own shape, read end to end
// through identifySample, and the rules of those makers' forms. Dev captures are real (their sources are in the
// files); synthetic texts say "synthetic" and what they are built from. None of these makers may come out high-risk,
// and the generic values next to them must name nobody.
import { describe, expect, it } from 'vitest';
import { identifySample, type IdentifyResult } from '../../src/identify/identify.js';
import { capturePayload } from '../helpers/captures.js';
import { expectNamed } from '../helpers/identify.js';

const id = (protocol: string, payload: unknown): IdentifyResult => identifySample('t', { protocol, payload });
const dev = (name: string, protocol = 'rtsp'): IdentifyResult => id(protocol, capturePayload(name, 'dev'));
const rules = (r: IdentifyResult): Array<string | null> => r.evidence.map((e) => e.rule);
const notHigh = (r: IdentifyResult): void => expect(r.risk.level).not.toBe('high');

describe('log shapes around RTSP replies', () => {
  it("a message logged as a Python list of its lines (Home Assistant's axis library): the SDP's Axis path is read", () => {
    const r = dev('axis-rtsp-32');
    expectNamed(r, 'axis', 'axis.rtsp-media-amp');
    notHigh(r);
    // The same log's OPTIONS reply carries only GStreamer's stock server name; since round 7 the path the camera
    // answered 200 for (the integration's /axis-media/media.amp request) names Axis, the server name still does not.
    expectNamed(dev('axis-rtsp-31'), 'axis', 'axis.rtsp-media-amp');
    expect(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 4\r\nServer: GStreamer RTSP server\r\n\r\n').manufacturer).toBeNull();
  });

  it("LIVE555's client log (openRTSP, webrtc-streamer): requests without 'Sending request:', notes dropped", () => {
    const reolink = dev('reolink-rtsp-32');
    expect(reolink.manufacturer).toBe('reolink');
    expect(rules(reolink)).toEqual(expect.arrayContaining(['reolink.rtsp-preview-path', 'reolink.rtsp-preview-session']));
    const tplink = dev('tplink-rtsp-31');
    expectNamed(tplink, 'tp-link', 'tp-link.camera-realm');
    notHigh(reolink);
    notHigh(tplink);
  });

  it("RTSPtoWeb's bracketed messages after Go's log timestamps: the realm the client repeats is read", () => {
    const r = dev('tapo-rtsp-32');
    expectNamed(r, 'tp-link', 'tp-link.rtsp-streaming-media');
    notHigh(r);
  });

  it("ZoneMinder's quoted reply and SDP ('Processing DESCRIBE response header …')", () => {
    const r = dev('foscam-rtsp-31');
    expectNamed(r, 'foscam', 'foscam.hiipcam-rtsp');
    notHigh(r);
  });

  it("homebridge's log prefix and ffmpeg's SDP dump: UniFi Protect's u=/e= lines name Ubiquiti", () => {
    const r = dev('ubiquiti-rtsp-31');
    expectNamed(r, 'ubiquiti', 'ubiquiti.unifi-protect-sdp');
    notHigh(r);
    // EvoStream's lines (older Protect, hjdhjd/homebridge-unifi-protect #119) name no maker by themselves.
    expect(rules(id('rtsp', 'v=0\r\no=- 111 0 IN IP4 192.0.2.56\r\ns=Live\r\nu=www.evostream.com\r\ne=contact@evostream.com\r\nt=0 0\r\n'))).not.toContain('ubiquiti.unifi-protect-sdp');
  });

  it("ffprobe's metadata of an RTSP input: title is the session name, comment the session information", () => {
    // moeiscool/Shinobi #135 (issue description by Whytehorse, 2017-05-12): a generic server's session names nobody.
    const shinobi = [
      "Input #0, rtsp, from 'rtsp://192.168.1.198:8554/':",
      '  Metadata:',
      '    title           : Unnamed',
      '    comment         : N/A',
      '  Duration: N/A, start: 596802.819333, bitrate: N/A',
      '    Stream #0:0: Video: h264 (High), yuv420p, 1280x720, 30 tbr, 90k tbn, 180k tbc',
    ].join('\n');
    expect(id('rtsp', shinobi).manufacturer).toBeNull();
    // Synthetic: the same form around the session name of AlexxIT/go2rtc pkg/rtsp/rtsp_test.go TestBugSDP3 (a Reolink camera).
    const r = id('rtsp', shinobi.replace('Unnamed', 'Session streamed by "preview"').replace('N/A\n', 'h264Preview_01_main\n'));
    expect(r.manufacturer).toBe('reolink');
    expect(r.confidence).toBe('possible');
    expect(rules(r)).toContain('reolink.rtsp-preview-session');
  });

  it("RFC 2326's C->S / S->C direction markers (synthetic trace around the realm of AlexxIT/Blog #31)", () => {
    const trace = [
      'C->S: DESCRIBE rtsp://192.0.2.58:554/Preview_01_main RTSP/1.0',
      'CSeq: 1',
      '',
      'S->C: RTSP/1.0 401 Unauthorized',
      'CSeq: 1',
      'WWW-Authenticate: Digest realm="BC Streaming Media", nonce="c26c153c94d76930c87e8a6ff6aaa021"',
      '',
    ].join('\n');
    const r = id('rtsp', trace);
    expectNamed(r, 'reolink', 'reolink.rtsp-bc-streaming-media');
    notHigh(r);
  });
});

describe('other camera makers: round 3 (attr-c) rules', () => {
  it("TP-Link's and Reolink's own LIVE555 builds name their makers; LIVE555's stock realm names nobody", () => {
    const tp = id('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="TP-LINK Streaming Media", nonce="c8822c6beb83e9a1bbe034bed8620d19"\r\n\r\n');
    expect(tp.manufacturer).toBe('tp-link');
    const bc = id('rtsp', ['v=0', 'o=- 1680614126554766 1 IN IP4 192.168.0.3', 's=Session streamed by "preview"', 't=0 0', 'a=tool:BC Streaming Media v202210012022.10.01', 'a=type:broadcast', ''].join('\r\n'));
    expect(bc.manufacturer).toBe('reolink');
    expect(rules(bc)).toEqual(expect.arrayContaining(['reolink.rtsp-bc-streaming-media', 'reolink.rtsp-preview-session']));
    // koush/scrypted #812 (a Wyze Cam V3 on official RTSP firmware): LIVE555's stock realm.
    expect(id('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="LIVE555 Streaming Media", nonce="d27defd26f7890e5d3c94353a7e01880"\r\n\r\n').manufacturer).toBeNull();
    for (const r of [tp, bc]) notHigh(r);
  });

  it("Vivotek's VVTK-HTTP-Server names Vivotek; the realm streaming_server (Axis and Vivotek both send it) names nobody", () => {
    // Synthetic replies around the Server value of published Shodan queries (jakejarvis/awesome-shodan-queries).
    const r = id('http', 'HTTP/1.1 401 Unauthorized\r\nServer: VVTK-HTTP-Server\r\nContent-Length: 0\r\n\r\n');
    expectNamed(r, 'vivotek', 'vivotek.vvtk-http-server');
    expect(id('http', 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="streaming_server"\r\nContent-Length: 0\r\n\r\n').manufacturer).toBeNull();
  });

  it("Axis's VAPIX root.Properties listing names Axis; one such line alone does not", () => {
    const r = dev('axis-http-31', 'http');
    expectNamed(r, 'axis', 'axis.vapix-properties');
    expect(rules(dev('axis-http-32', 'http'))).toContain('axis.vapix-properties');
    expect(id('http', 'root.Properties.API.HTTP.Version=3\n').manufacturer).toBeNull();
  });

  it('Sony SNC- and Vivotek model numbers in a self-reported model field; look-alikes of other makers are left alone', () => {
    // Synthetic WS-Discovery scopes around model numbers of CamioCam/rtsp #154 (Sony) and agsh/onvif #29 (Vivotek).
    const scopes = (hw: string): string =>
      `<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/hardware/${hw} onvif://www.onvif.org/Profile/Streaming</d:Scopes>`;
    const sony = id('ws-discovery', scopes('SNC-EM632R'));
    expectNamed(sony, 'sony', 'sony.snc-model');
    const vivotek = id('ws-discovery', scopes('FD8136'));
    expectNamed(vivotek, 'vivotek', 'vivotek.model');
    for (const other of ['IPC2122LR3-PF40', 'IP8M-2496EB']) expect(rules(id('ws-discovery', scopes(other)))).not.toContain('vivotek.model');
    notHigh(sony);
    notHigh(vivotek);
  });
});

describe('WS-Discovery manufacturer scope (attr-c batch 2)', () => {
  it("a vendor's onvif://www.onvif.org/manufacturer/ scope is its own statement of its maker; a placeholder names nobody", () => {
    // vicmaeg/onvif-discovery #17 (issue description by pubpy2015, 2021-11-15): a FLIR CM-6204-11-I's scope list.
    const flir =
      '<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/type/audio_encoder onvif://www.onvif.org/hardware/CM-6204-11-I onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/Profile/G onvif://www.onvif.org/name/FLIR%20CM-6204-11-I%20K816600858 onvif://www.onvif.org/manufacturer/FLIR%20Systems onvif://www.onvif.org/manufacturer/DVTel dvtel://www.dvtel.com/quasar/gen2/quadhd flir://www.flir.com/security/</d:Scopes>';
    const r = id('ws-discovery', flir);
    expectNamed(r, 'teledyne-flir', 'self-reported.teledyne-flir');
    notHigh(r);
    // Synthetic: the same scope with a placeholder value.
    expect(id('ws-discovery', '<d:Scopes>onvif://www.onvif.org/manufacturer/IPCAM onvif://www.onvif.org/Profile/Streaming</d:Scopes>').manufacturer).toBeNull();
  });
});

describe("Panasonic's /MediaInput path (attr-c batch 2)", () => {
  it('names Panasonic, possible alone (synthetic reply around the URI of CamioCam/rtsp paths.csv, BL-C230)', () => {
    const r = id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.0.2.5/MediaInput/h264/\r\nContent-Type: application/sdp\r\n\r\n');
    expect(r.manufacturer).toBe('panasonic');
    expect(r.confidence).toBe('possible');
    expect(rules(r)).toContain('panasonic.rtsp-mediainput-path');
    expect(rules(id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: rtsp://192.0.2.5/media/video1/\r\n\r\n'))).not.toContain('panasonic.rtsp-mediainput-path');
  });
});

describe("Foscam's CGIProxy.fcgi reply envelope (attr-c batch 3)", () => {
  it('names Foscam; the result element alone names nobody', () => {
    // A Node Foscam client's test stub (GitHub code search, getMirrorAndFlipSetting), inside a synthetic 200 reply.
    const r = id('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n<CGI_Result>  <result>0</result>  <isMirror>0</isMirror>  <isFlip>0</isFlip></CGI_Result>');
    expectNamed(r, 'foscam', 'foscam.cgi-result');
    notHigh(r);
    expect(id('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n<Response><result>0</result></Response>').manufacturer).toBeNull();
  });
});

describe("TP-Link's API error space (attr-c batch 3)", () => {
  it('error_code -40401 names TP-Link; other codes name nobody', () => {
    // pytapo's test reply (GitHub code search), as a body alone and as a Python dict a log printed.
    for (const body of ['{"error_code": -40401}', "{'error_code': -40401}"]) {
      const r = id('http', body);
      expectNamed(r, 'tp-link', 'tp-link.api-error-40401');
      notHigh(r);
    }
    expect(id('http', '{"error_code": -1}').manufacturer).toBeNull();
  });
});
