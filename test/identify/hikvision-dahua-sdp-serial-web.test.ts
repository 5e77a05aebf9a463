// Issue 14: Hikvision's fixed SDP fmtp line, Hikvision's serial layout under OEM model
// codes, and Dahua's web-client bundle on the root page, each read end to end through identify, with the near
// misses that must name nobody. Device texts are real (sources named in the rules and below).
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { expectNamed } from '../helpers/identify.js';

const id = (protocol: string, payload: string) => identifySample('t.json', { protocol, payload });
const rules = (r: ReturnType<typeof id>) => r.evidence.map((e) => e.rule);

describe('RTSP: Hikvision writes a fixed fmtp line under "Media Presentation"', () => {
  it('dev/hikvision-rtsp-22 (a Hikvision DESCRIBE without the IMKH media header) is Hikvision', () => {
    const c = readCapture('hikvision-rtsp-22', 'dev');
    const r = identifySample('hikvision-rtsp-22.json', { protocol: c.protocol, payload: c.payload });
    expectNamed(r, 'hikvision', 'rtsp.hikvision-sdp-fmtp');
  });

  it('with the IMKH media header too (scottlamb/retina hikvision_describe.txt) it is confirmed', () => {
    const sdp = [
      'RTSP/1.0 200 OK', 'CSeq: 1', 'Content-Type: application/sdp', 'Content-Length: 902', '',
      'v=0', 'o=- 1620251477190769 1620251477190769 IN IP4 192.168.5.106', 's=Media Presentation', 'e=NONE', 'b=AS:5050', 't=0 0',
      'm=video 0 RTP/AVP 96', 'c=IN IP4 0.0.0.0', 'b=AS:5000', 'a=recvonly', 'a=rtpmap:96 H264/90000',
      'a=fmtp:96 profile-level-id=420029; packetization-mode=1; sprop-parameter-sets=Z00AKZpkA8ARPyzUBAQFAAADA+gAAOpgBA==,aO48gA==',
      'a=Media_header:MEDIAINFO=494D4B48010100000400010000000000000000000000000000000000000000000000000000000000;', 'a=appversion:1.0', '',
    ].join('\r\n');
    const r = id('rtsp', sdp);
    expect(r.manufacturer).toBe('hikvision');
    expect(r.confidence).toBe('confirmed');
    expect(rules(r)).toEqual(expect.arrayContaining(['rtsp.hikvision-sdp-fmtp', 'rtsp.hikvision-mediainfo']));
  });

  it("an Axis SDP (same session name, Axis's parameter order) names nobody", () => {
    const axis = [
      'RTSP/1.0 200 OK', 'CSeq: 2', 'Content-Type: application/sdp', '',
      'v=0', 'o=- 1269257289197834 1269257289197834 IN IP4 10.10.11.48', 's=Media Presentation', 'e=NONE', 'c=IN IP4 0.0.0.0', 't=0 0',
      'm=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000',
      'a=fmtp:96 packetization-mode=1; profile-level-id=420029; sprop-parameter-sets=Z0IAKeNQFAe2AtwEBAaQeJEV,aM48gA==', '',
    ].join('\r\n');
    const r = id('rtsp', axis);
    expect(rules(r)).not.toContain('rtsp.hikvision-sdp-fmtp');
    expect(r.manufacturer).not.toBe('hikvision');
  });
});

describe("Hikvision's serial layout under an OEM model code", () => {
  it('an ONVIF GetDeviceInformation of an OEM unit (Manufacturer "General") is Hikvision by its serial', () => {
    // Serial from maciej-or/hikvision_next issue #36 (an Annke I61DR); Manufacturer 'General' names nobody.
    const body = [
      '<tds:GetDeviceInformationResponse><tds:Manufacturer>General</tds:Manufacturer><tds:Model>I61DR</tds:Model>',
      '<tds:FirmwareVersion>V5.4.5 build 170123</tds:FirmwareVersion><tds:SerialNumber>I61DR20161217AAWR691257591</tds:SerialNumber>',
      '<tds:HardwareId>88</tds:HardwareId></tds:GetDeviceInformationResponse>',
    ].join('');
    const r = id('onvif', body);
    expectNamed(r, 'hikvision', 'serial.hikvision-oem-format');
  });

  it('a Dahua serial or a Bosch number in the same field is not read as one', () => {
    const body = (sn: string) => `<tds:GetDeviceInformationResponse><tds:Manufacturer>General</tds:Manufacturer><tds:Model>IPC</tds:Model><tds:SerialNumber>${sn}</tds:SerialNumber></tds:GetDeviceInformationResponse>`;
    expect(rules(id('onvif', body('2J01018PAA00813')))).not.toContain('serial.hikvision-oem-format');
    expect(id('onvif', body('404754734001050102')).manufacturer).toBeNull();
  });
});

describe("Dahua's web client on the root page", () => {
  it('jsBase script tags under a WEB SERVICE title are Dahua, probable or better', () => {
    const page = [
      'HTTP/1.1 200 OK', 'Content-Type: text/html', '', '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd"> <html> <head> <title>WEB SERVICE</title>',
      '<script type="text/javascript" src="jsBase/lib/jquery.js"></script> <script type="text/javascript" src="debug/testPage.js"></script> <script type="text/javascript" src="jsBase/lib/jquery.pubsub.js"></script>',
      '</head></html>',
    ].join('\r\n');
    const r = id('http', page);
    expect(r.manufacturer).toBe('dahua');
    expect(['probable', 'confirmed']).toContain(r.confidence);
    expect(rules(r)).toContain('body.dahua-web-bundle');
  });

  it('the @WebVersion@ placeholder in a script URL is Dahua; a generic page names nobody', () => {
    const amcrestRoot = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><script src="jsBase/lib/jquery.js?version=@WebVersion@"></script></head></html>';
    expect(id('http', amcrestRoot).manufacturer).toBe('dahua');
    const generic = 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><script src="/js/base.js"></script><title>Login</title></head></html>';
    expect(id('http', generic).manufacturer).toBeNull();
  });
});

describe("Dahua's RTSP server name and serial layout", () => {
  it('Server: Rtsp Server/3.0 alone is a possible Dahua; with the realm Login to <serial> it is confirmed', () => {
    // OPTIONS replies quoted in public RTSP clients' notes and tests (code search "Server: Rtsp Server/3.0").
    const options = 'RTSP/1.0 200 OK\r\nCSeq: 3\r\nServer: Rtsp Server/3.0\r\n\r\n';
    const alone = id('rtsp', options);
    expect(alone.manufacturer).toBe('dahua');
    expect(alone.confidence).toBe('possible');
    expect(rules(alone)).toContain('rtsp.dahua-rtsp-server-3');
    // With Dahua's method list beside it (rtsp.dahua-public-methods, round 7) the same reply is probable.
    const withPublic = id('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 3\r\nServer: Rtsp Server/3.0\r\nPublic: OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, TEARDOWN, SET_PARAMETER, GET_PARAMETER\r\n\r\n');
    expect(withPublic.confidence).toBe('probable');
    const challenge = 'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nServer: Rtsp Server/3.0\r\nWWW-Authenticate: Digest realm="Login to 4M0747EPAA1D284", nonce="745449738fdf77164f570c37c9186b52"\r\n\r\n';
    const both = id('rtsp', challenge);
    expect(both.manufacturer).toBe('dahua');
    expect(['probable', 'confirmed']).toContain(both.confidence);
  });

  it('Rtsp Server/2.0 (a GW Security camera, scottlamb/retina gw_main_describe.txt) names nobody', () => {
    expect(id('rtsp', 'RTSP/1.0 200 OK\r\nServer: Rtsp Server/2.0\r\nCSeq: 1\r\n\r\n').manufacturer).toBeNull();
  });

  it('an OEM ONVIF reply (Manufacturer "General") with a letter-first Dahua serial is Dahua', () => {
    // Serial form of RCooLeR/DahuaBridge bridge/docs/dahua-api.md (Live NVR sample).
    const body = '<tds:GetDeviceInformationResponse><tds:Manufacturer>General</tds:Manufacturer><tds:Model>NVR</tds:Model><tds:FirmwareVersion>4.001</tds:FirmwareVersion><tds:SerialNumber>BD04CE2PAJ3B9BF</tds:SerialNumber><tds:HardwareId>1.00</tds:HardwareId></tds:GetDeviceInformationResponse>';
    const r = id('onvif', body);
    expectNamed(r, 'dahua', 'serial.dahua-format');
  });
});
