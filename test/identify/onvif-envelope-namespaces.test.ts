// Issue 14 (attr-b): namespaces declared on ONVIF SOAP envelopes and WS-Discovery ProbeMatches. Hikvision's
// event-topic namespace (xmlns:tnshik="http://www.hikvision.com/2011/event/topics") is copied verbatim into the
// namespace tables of white-label ONVIF servers, so it names no maker alone. The envelope below is the namespace
// header of a GetCapabilities reply in roboflow/inference's ONVIF sink workflow test (a camera with hbgk_ext,
// TelexCapabilities and tplt:Plus extensions), trimmed to the namespaces that matter and a one-profile body.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { expectNamed } from '../helpers/identify.js';

const rules = (r: ReturnType<typeof identifySample>) => r.evidence.map((e) => e.rule);

const whiteLabel = `<?xml version="1.0" encoding="UTF-8"?>
<SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tplt="http://www.onvif.org/ver10/plus/schema" xmlns:tpl="http://www.onvif.org/ver10/plus/wsdl" xmlns:ewsd="http://www.onvifext.com/onvif/ext/ver10/wsdl" xmlns:exsd="http://www.onvifext.com/onvif/ext/ver10/schema" xmlns:tnshik="http://www.hikvision.com/2011/event/topics" xmlns:hikwsd="http://www.onvifext.com/onvif/ext/ver10/wsdl" xmlns:hikxsd="http://www.onvifext.com/onvif/ext/ver10/schema">
<SOAP-ENV:Body><trt:GetProfilesResponse><trt:Profiles token="MainStream" fixed="false"><tt:Name>MainStream</tt:Name></trt:Profiles></trt:GetProfilesResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>`;

describe('Hikvision event-topic namespace on ONVIF envelopes', () => {
  it('a white-label camera envelope declaring tnshik/hikwsd/hikxsd names no maker (roboflow/inference ONVIF sink test)', () => {
    for (const r of [
      identifySample('t.json', { protocol: 'onvif', payload: whiteLabel }),
      identifySample('t.json', { protocol: 'http', payload: `HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml; charset=utf-8\r\n\r\n${whiteLabel}` }),
    ]) {
      expect(r.manufacturer).toBeNull();
      expect(rules(r)).not.toContain('isapi.hikvision-namespace');
      expect(rules(r)).toContain('wsd.hikvision-namespace');
    }
  });

  it('the namespace alone on an ONVIF envelope (maker not stated) is camera evidence only (capture dev/hikvision-onvif-11, hammeraj/onvif fixture)', () => {
    const d = JSON.parse(readFileSync('fixtures/captures/dev/hikvision-onvif-11.json', 'utf8')) as { protocol: string; payload: string };
    const r = identifySample('t.json', { protocol: d.protocol, payload: d.payload });
    expect(r.manufacturer).toBeNull();
    expect(rules(r)).toContain('wsd.hikvision-namespace');
  });

  it('a Hikvision ProbeMatch is still named by its name scope and model, not by the namespace (corpus hikvision-ws-discovery-2)', () => {
    const d = JSON.parse(readFileSync('fixtures/captures/shared/hikvision-ws-discovery-2.json', 'utf8')) as { protocol: string; payload: string };
    const r = identifySample('t.json', { protocol: d.protocol, payload: d.payload });
    expectNamed(r, 'hikvision', 'wsd.hikvision-name');
  });

  it('the ISAPI namespaces still name Hikvision in any document', () => {
    const r = identifySample('t.json', { protocol: 'isapi', payload: '<?xml version="1.0" encoding="UTF-8"?>\n<DeviceInfo version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema">\n<deviceName>IP CAMERA</deviceName>\n</DeviceInfo>' });
    expectNamed(r, 'hikvision', 'isapi.hikvision-namespace');
  });
});
