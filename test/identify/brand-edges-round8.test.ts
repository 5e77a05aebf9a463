// Hikvision's own brands HiLook and HiWatch (issue 14, round 8): a device that names only its brand is attributed
// to Hikvision as "possible" through the brand edge (fingerprints/brands.json, certainty strong on the brands'
// own manuals and ISAPI behaviour), never "unknown"; a brand edge still never outweighs technical evidence.
// Inputs are SYNTHETIC ONVIF GetDeviceInformation replies (standard envelope, values chosen for the test).
import { describe, expect, it } from 'vitest';
import { identifyText } from '../helpers/identify.js';

const deviceInfo = (manufacturer: string, model: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><env:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>${manufacturer}</tds:Manufacturer><tds:Model>${model}</tds:Model><tds:FirmwareVersion>1.0</tds:FirmwareVersion><tds:SerialNumber>123</tds:SerialNumber></tds:GetDeviceInformationResponse></env:Body></env:Envelope>`;

describe('Hikvision own brands named alone', () => {
  it.each([
    ['HiLook', 'synthetic-model-1'],
    ['HiWatch', 'synthetic-model-2'],
  ])('ONVIF Manufacturer %s alone → Hikvision, possible, through the brand edge', (brand, model) => {
    const r = identifyText('onvif', deviceInfo(brand, model));
    expect(r.manufacturer).toBe('hikvision');
    expect(r.brand).toBe(brand);
    expect(r.confidence).toBe('possible');
    expect(r.rationale).toContain(`brand ${brand} is an own-brand of Hikvision (strong)`);
  });

  it('a brand with only a moderate edge is still not attributed (Annke: only some of its lines are Hikvision OEM)', () => {
    const r = identifyText('onvif', deviceInfo('ANNKE', 'synthetic-model-3'));
    expect(r.manufacturer).toBeNull();
    expect(r.rationale).toMatch(/possible OEM of Hikvision \(oem-customer, certainty moderate\)/);
  });
});
