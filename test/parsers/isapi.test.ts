import { describe, it, expect } from 'vitest';
import { parse } from '../../src/parsers/isapi.js';
import { fromDecodedTcp } from '../../src/parsers/decoded-tcp.js';
import { sample } from '../probes/corpus.js';

describe('isapi parser', () => {
  it('camera deviceInfo (hikvision-isapi-2) and isapi.org NVR (hikvision-isapi-3)', () => {
    expect(parse(sample('hikvision-isapi-2.json').payload)[0].fields).toMatchObject({
      namespace: 'http://www.hikvision.com/ver20/XMLSchema', model: 'DS-2CD2386G2-IU', macAddress: '14:92:3c:4f:f8:42', firmwareVersion: 'V5.7.14', firmwareReleasedDate: 'build 231028', deviceType: 'IPCamera',
    });
    expect(parse(sample('hikvision-isapi-3.json').payload)[0].fields).toMatchObject({ namespace: 'http://www.isapi.org/ver20/XMLSchema', deviceType: 'NVR' });
  });
  it('cut OEM reply (hikvision-isapi-6): std-cgi namespace, model', () => {
    expect(parse(sample('hikvision-isapi-6.json').payload)[0].fields).toMatchObject({ namespace: 'http://www.std-cgi.com/ver20/XMLSchema', model: 'ACR4-40' });
  });
  it('decoded dict forms (hikvision-isapi-10, hikvision-isapi-5)', () => {
    expect(fromDecodedTcp('isapi', sample('hikvision-isapi-10.json').payload)[0].fields).toMatchObject({ model: 'DS-2SC3Q140MY-TE', manufacturer: 'hikvision', OEMCode: '1' });
    expect(fromDecodedTcp('isapi', sample('hikvision-isapi-5.json').payload)[0].fields).toMatchObject({ model: 'iDS-7204HUHI-M1/E', deviceType: 'DVR' });
  });
  it('unauthenticated userCheck reply (synthetic) and non-ISAPI input', () => {
    const uc = '<?xml version="1.0" encoding="UTF-8"?><userCheck version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema"><statusValue>401</statusValue><statusString>Unauthorized</statusString></userCheck>';
    expect(parse(uc)[0].fields).toEqual({ authenticated: false, namespace: 'http://www.hikvision.com/ver20/XMLSchema', statusValue: '401', statusString: 'Unauthorized' });
    expect(parse('<html></html>')).toEqual([]);
  });
});
