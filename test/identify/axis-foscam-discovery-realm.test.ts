// Issue 14 (attr-g): two forms of camera makers outside the high-risk list, read end to end through identify.
// Axis's fixed ONVIF name scope 'AXIS <product number>' (axis.wsd-name-model) and Foscam's RTSP Digest realm
// 'Foscam IPCam Living Video' (foscam.rtsp-realm). The scope and realm values are real (sources in the rules);
// the envelopes and replies around them are synthetic. Neither may ever come out high-risk, and the near misses
// next to them must name nobody from these rules.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { ruleIds as rules, expectNamed } from '../helpers/identify.js';

const id = (protocol: string, payload: string) => identifySample('t.json', { protocol, payload });

const probeMatch = (name: string, hardware: string) => `<?xml version="1.0" encoding="UTF-8"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Body><d:ProbeMatches><d:ProbeMatch>
<d:Types>tds:Device dn:NetworkVideoTransmitter</d:Types>
<d:Scopes>onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/Profile/G onvif://www.onvif.org/hardware/${hardware} onvif://www.onvif.org/name/${name} onvif://www.onvif.org/Profile/T onvif://www.onvif.org/location/</d:Scopes>
<d:XAddrs>http://192.168.0.90/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`;

describe('Axis ONVIF name scope', () => {
  it("'AXIS%20M2036-LE' names Axis with the product number as model, never high-risk", () => {
    const r = id('ws-discovery', probeMatch('AXIS%20M2036-LE', 'M2036-LE'));
    expectNamed(r, 'axis', 'axis.wsd-name-model');
    expect(r.model).toBe('M2036-LE');
    expect(r.risk.level).not.toBe('high');
  });

  it('a friendly name, a host name and another maker name-plus-model scope do not fire it', () => {
    for (const [n, h] of [['Axis%20camera', 'M2036-LE'], ['AXIS-ACCC8E123456', 'M2036-LE'], ['HIKVISION%20DS-2CD2143', 'DS-2CD2143'], ['Panasonic_BB-SC384B', 'BB-SC384B']] as const) {
      expect(rules(id('ws-discovery', probeMatch(n, h)))).not.toContain('axis.wsd-name-model');
    }
  });
});

describe('Foscam RTSP realm', () => {
  it("the 401 realm 'Foscam IPCam Living Video' names Foscam, never high-risk", () => {
    const reply = 'RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nDate: Sun, Mar 29 2020 14:50:02 GMT\r\nWWW-Authenticate: Digest realm="Foscam IPCam Living Video", nonce="f77741eb931f26a0aaf3a01a0de5944f"\r\n\r\n';
    const r = id('rtsp', reply);
    expectNamed(r, 'foscam', 'foscam.rtsp-realm');
    expect(r.risk.level).not.toBe('high');
  });

  it("the HiSilicon SDK's realm and a generic realm name nobody from it", () => {
    for (const realm of ['HipcamRealServer', 'IP Camera']) {
      const r = id('rtsp', `RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: Digest realm="${realm}", nonce="3b27a446bfa49b0c48c3edb83139543d"\r\n\r\n`);
      expect(rules(r)).not.toContain('foscam.rtsp-realm');
    }
  });
});
