// Issue 14, round 3: a WS-Discovery name scope that is exactly a maker's name is the device's own statement of
// its maker (fingerprints/self-reported.json reads wsd.scope.name). The scopes are a Bosch FLEXIDOME 5100i's
// (0x524A/onvif-go test-reports/camera_test_report_Bosch_FLEXIDOME_indoor_5100i_IR_20251201_235612.json, GetScopes);
// the ProbeMatch envelope around them is synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';

const probeMatch = (name: string) => `<SOAP-ENV:Envelope><SOAP-ENV:Body><wsdd:ProbeMatches><wsdd:ProbeMatch>
<wsa:EndpointReference><wsa:Address>uuid:00000000-0000-0000-0000-000000000001</wsa:Address></wsa:EndpointReference>
<wsdd:Types>tdn:NetworkVideoTransmitter</wsdd:Types>
<wsdd:Scopes>onvif://www.onvif.org/type/Network_Video_Transmitter onvif://www.onvif.org/name/${name} onvif://www.onvif.org/location/ onvif://www.onvif.org/hardware/FLEXIDOME_indoor_5100i_IR onvif://www.onvif.org/Profile/Streaming</wsdd:Scopes>
<wsdd:XAddrs>http://192.168.1.201/onvif/device_service</wsdd:XAddrs></wsdd:ProbeMatch></wsdd:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
const id = (name: string) => identifySample('t.json', { protocol: 'ws-discovery', payload: probeMatch(name) });

describe('WS-Discovery name scope as a self-reported maker', () => {
  it('name scope "Bosch" names Bosch', () => {
    const r = id('Bosch');
    expect(r.manufacturer).toBe('bosch');
    expect(r.evidence.some((e) => e.field === 'wsd.scope.name' && e.value === 'Bosch')).toBe(true);
  });

  it('placeholder and maker_model names name nobody from the name scope', () => {
    for (const n of ['IP-Camera', 'General', 'Panasonic_BB-SC384B', 'camera-entrance']) {
      expect(id(n).evidence.filter((e) => e.field === 'wsd.scope.name' && (e.rule ?? '').startsWith('self-reported'))).toEqual([]);
    }
  });
});
