// Issue 14 (attr-d, round 6): ONVIF replies other than GetDeviceInformation. A GetStreamUri tt:Uri is the same
// evidence as an RTSP Content-Base (the RTSP path rules read onvif.uris), a GetSnapshotUri tt:Uri carries the
// maker's snapshot path, GetScopes scope items are WS-Discovery scopes (read by the wsd.scope rules), and a
// GetProfiles reply's tokens name nobody. Envelopes below quote public replies: liyanhui1998/go-onvif
// examples/test.go (a HIKVISION DS-2CD3T45P1-I), the Dahua snapshot path as GitHub code search shows it, the scope
// set of corpus hikvision-ws-discovery-2; the rest are dev captures.
import { describe, expect, it } from 'vitest';
import { capturePayload } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const media = (response: string, uri: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:trt="http://www.onvif.org/ver10/media/wsdl"><env:Body><trt:${response}Response><trt:MediaUri><tt:Uri>${uri}</tt:Uri><tt:InvalidAfterConnect>false</tt:InvalidAfterConnect><tt:InvalidAfterReboot>false</tt:InvalidAfterReboot><tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:${response}Response></env:Body></env:Envelope>`;

describe('ONVIF GetStreamUri: the RTSP path rules read the tt:Uri', () => {
  it('Hikvision Streaming/Channels path (liyanhui1998/go-onvif, DS-2CD3T45P1-I)', () => {
    const r = identifyText('onvif', media('GetStreamUri', 'rtsp://10.1.1.200:554/Streaming/Channels/101?transportmode=unicast&amp;profile=Profile_1'));
    expectNamed(r, 'hikvision', 'rtsp.hikvision-stream-path');
  });

  it('Xiongmai user=…_password=…_channel=…_stream=….sdp path, author-redacted (capture dev/xiongmai-onvif-streamuri-61)', () => {
    expectNamed(identifyText('onvif', capturePayload('xiongmai-onvif-streamuri-61.json', 'dev')), 'xiongmai', 'rtsp.xiongmai-user-password-path');
  });

  it('Bosch rtsp_tunnel path, a non-high-risk maker (capture dev/bosch-onvif-streamuri-61)', () => {
    expectNamed(identifyText('onvif', capturePayload('bosch-onvif-streamuri-61.json', 'dev')), 'bosch', 'bosch.rtsp-tunnel-path');
  });

  it('the same reply inside an HTTP 200 (a scanner or a client log with the status line)', () => {
    const body = media('GetStreamUri', 'rtsp://192.168.81.220:554/cam/realmonitor?channel=1&amp;subtype=0&amp;unicast=true&amp;proto=Onvif');
    const r = identifyText('onvif', `HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\n\r\n${body}`);
    expectNamed(r, 'dahua', 'rtsp.dahua-realmonitor-path');
  });

  it('a white-label path names nobody (Bessky-style /live/ch00_0)', () => {
    const r = identifyText('onvif', media('GetStreamUri', 'rtsp://192.168.1.10:554/live/ch00_0'));
    expect(r.manufacturer).toBeNull();
  });
});

describe('ONVIF GetSnapshotUri', () => {
  it('Hikvision /onvif-http/snapshot?Profile_1 (liyanhui1998/go-onvif)', () => {
    expectNamed(identifyText('onvif', media('GetSnapshotUri', 'http://10.1.1.200/onvif-http/snapshot?Profile_1')), 'hikvision', 'onvif.hikvision-snapshot-path');
  });

  it('Dahua /onvifsnapshot/media_service/snapshot?channel=1&subtype=0', () => {
    expectNamed(identifyText('onvif', media('GetSnapshotUri', 'http://192.168.42.183/onvifsnapshot/media_service/snapshot?channel=1&amp;subtype=0')), 'dahua', 'onvif.dahua-snapshot-path');
  });

  it('Bosch snap.jpg names no high-risk maker (capture dev/bosch-onvif-snapshoturi-61)', () => {
    const r = identifyText('onvif', capturePayload('bosch-onvif-snapshoturi-61.json', 'dev'));
    expect(['hikvision', 'dahua', 'xiongmai']).not.toContain(r.manufacturer);
    expect(ruleIds(r)).not.toContain('onvif.hikvision-snapshot-path');
  });

  it('a snapshot path in a client preset list is not a reply: plain text names nobody', () => {
    const r = identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"hikvision": ["/onvif-http/snapshot?Profile_1"]');
    expect(ruleIds(r)).not.toContain('onvif.hikvision-snapshot-path');
  });
});

describe('ONVIF GetScopes: scope items reach the WS-Discovery scope rules', () => {
  it('HIKVISION name scope (scope set of corpus hikvision-ws-discovery-2)', () => {
    const items = [
      'onvif://www.onvif.org/type/video_encoder', 'onvif://www.onvif.org/Profile/Streaming', 'onvif://www.onvif.org/hardware/DS-2CD3955FWD-IWS',
      'onvif://www.onvif.org/name/HIKVISION%20DS-2CD3955FWD-IWS', 'onvif://www.onvif.org/location/city/hangzhou',
    ];
    const body = items.map((i) => `<tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>${i}</tt:ScopeItem></tds:Scopes>`).join('');
    const r = identifyText('onvif', `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body><tds:GetScopesResponse>${body}</tds:GetScopesResponse></s:Body></s:Envelope>`);
    expectNamed(r, 'hikvision', 'wsd.hikvision-name');
    expect(r.model).toBe('DS-2CD3955FWD-IWS');
  });
});

describe('ONVIF GetProfiles: tokens name nobody', () => {
  it('an XM530 camera’s PROFILE_000 tokens alone leave the maker unknown (capture dev/xiongmai-onvif-profiles-61)', () => {
    expect(identifyText('onvif', capturePayload('xiongmai-onvif-profiles-61.json', 'dev')).manufacturer).toBeNull();
  });

  it('Bosch numeric tokens with its ONVIF envelope name nobody; only the profile names (Profile_L1S1 …, round 7) name Bosch (capture dev/bosch-onvif-profiles-61)', () => {
    const r = identifyText('onvif', capturePayload('bosch-onvif-profiles-61.json', 'dev'));
    expect(r.manufacturer).toBe('bosch');
    expect(r.evidence.filter((e) => e.rule && e.rule !== 'signal.onvif').map((e) => e.rule)).toEqual(['bosch.onvif-profile-name']);
  });
});
