// Issue 14 (attr-f batch 3): a maker's own name in the ONVIF name scope is read by the generated self-reported rule
// even when that maker has a hand-written rule on the same field reading something else (a model family). Before,
// any such rule suppressed it: `onvif://www.onvif.org/name/Sony` (a camera vendor table, GitHub code search
// https://github.com/search?type=code&q=%22onvif.org%2Fname%2FSony%22) and `…/name/VIVOTEK` (two ONVIF vendor
// guessers' tests, GitHub code search https://github.com/search?type=code&q=%22onvif.org%2Fname%2FVIVOTEK%22)
// named nobody, though `…/name/AXIS` named Axis.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';

const probeMatch = (scopes: string): string =>
  '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><SOAP-ENV:Body><d:ProbeMatches><d:ProbeMatch><wsa:EndpointReference><wsa:Address>urn:uuid:1</wsa:Address></wsa:EndpointReference><d:Types>dn:NetworkVideoTransmitter</d:Types>' +
  `<d:Scopes>${scopes}</d:Scopes><d:XAddrs>http://192.168.0.100/onvif/device_service</d:XAddrs><d:MetadataVersion>1</d:MetadataVersion></d:ProbeMatch></d:ProbeMatches></SOAP-ENV:Body></SOAP-ENV:Envelope>`;
const id = (scopes: string) => identifySample('t.json', { protocol: 'ws-discovery', payload: probeMatch(scopes) });

describe('maker names in the WS-Discovery name scope', () => {
  it.each([
    ['onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/Sony', 'sony'],
    ['onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/VIVOTEK', 'vivotek'],
  ])('%s names %s through its generated self-reported rule', (scopes, maker) => {
    const r = id(scopes);
    expect(r.manufacturer).toBe(maker);
    expect(r.evidence.map((e) => e.rule)).toContain(`self-reported.${maker}`);
  });

  it('one statement is still counted once: a hand-written rule that reads the name keeps it (Axis, Hikvision)', () => {
    const axis = id('onvif://www.onvif.org/name/AXIS onvif://www.onvif.org/hardware/P1346').evidence.map((e) => e.rule);
    expect(axis.filter((r) => String(r).includes('axis'))).toEqual(['self-reported.axis']);
    const hik = id('onvif://www.onvif.org/name/HIKVISION').evidence.map((e) => e.rule);
    expect(hik).toContain('wsd.hikvision-name');
    expect(hik).not.toContain('self-reported.hikvision');
  });

  it('a name with a model after it is not a whole maker name (the model rule reads it, as before)', () => {
    const r = id('onvif://www.onvif.org/hardware/FD9187-HT onvif://www.onvif.org/name/VIVOTEK%20FD9187-HT');
    expect(r.manufacturer).toBe('vivotek');
    expect(r.evidence.map((e) => e.rule)).not.toContain('self-reported.vivotek');
  });
});
