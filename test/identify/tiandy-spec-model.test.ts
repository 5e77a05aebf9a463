// Issue 14 (attr-g): Tiandy's catalogue product name 'TC-<model> Spec:<codes>' in WS-Discovery scopes
// (tiandy.spec-model). The scope set is a real camera's (vicmaeg/onvif-discovery ScopesTestData.json); the
// ProbeMatch envelope around it is synthetic. Look-alike placeholder scopes must name nobody from the rule.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';

const probeMatch = (spec: string) => `<?xml version="1.0" encoding="UTF-8"?>
<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Body><d:ProbeMatches><d:ProbeMatch>
<d:Types>dn:NetworkVideoTransmitter</d:Types>
<d:Scopes>onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/type/audio_encoder onvif://www.onvif.org/type/ptz onvif://www.onvif.org/Profile/Streaming onvif://www.onvif.org/hardware/${spec} onvif://www.onvif.org/mfr/ipcamera onvif://www.onvif.org/location/country/china onvif://www.onvif.org/location/city/tianjin onvif://www.onvif.org/mac onvif://www.onvif.org/firmware/APP_V3.3.0.20200606 onvif://www.onvif.org/name/${spec} onvif://www.onvif.org/type/ipcamera onvif://www.onvif.org/Profile/G</d:Scopes>
<d:XAddrs>http://192.168.1.2/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`;
const id = (spec: string) => identifySample('t.json', { protocol: 'ws-discovery', payload: probeMatch(spec) });

describe('Tiandy Spec model in WS-Discovery scopes', () => {
  it("'TC-C32TS SPEC:I8/…' names Tiandy with model TC-C32TS", () => {
    const r = id('TC-C32TS%20SPEC%3AI8%2FA%2FE%2FY%2FM%2FH%2F2.7-13.5mm');
    expect(r.manufacturer).toBe('tiandy');
    expect(r.model).toBe('TC-C32TS');
    expect(r.evidence.map((e) => e.rule)).toContain('tiandy.spec-model');
  });

  it('placeholder hardware scopes and another maker model name nobody from it', () => {
    for (const s of ['IPC-model', 'TL-SC3130G', 'MSTAR_IPNC']) {
      const r = id(s);
      expect(r.evidence.map((e) => e.rule)).not.toContain('tiandy.spec-model');
      expect(r.manufacturer).not.toBe('tiandy');
    }
  });
});
