// Attribution from credentialed observations: device information read with the user's credentials
// makes the maker "confirmed", naming the observation and rule; unauthenticated-only evidence keeps
// today's levels. Observations are built here (synthetic), field values from the corpus where noted.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.js';
import { attributeHost, isAuthenticatedObservation, observationId } from '../../src/fingerprint/attribute.js';

const at = '2026-11-29T03:00:00.000Z';
const ob = (module: string, kind: string, fields: Observation['fields'], port?: number): Observation => ({
  host: '198.18.0.40', module, kind, fields, at, ...(port !== undefined ? { port } : {}),
});

// fixtures/captures/shared/dahua-http-2.json: getDeviceType body "type=DH-XVR5108C-X " (weight-75 rule alone: probable).
const dahuaType = { action: 'getDeviceType', type: 'DH-XVR5108C-X' };
// fixtures/captures/shared/dahua-http-1.json: getSystemInfo "updateSerial=XVR5108C-X" (weight-60 rule).
const dahuaInfo = { action: 'getSystemInfo', processor: 'ST7108', updateSerial: 'XVR5108C-X' };

describe('authenticated evidence in attribution', () => {
  it('unauthenticated magicBox evidence alone stays probable (today\'s level)', () => {
    const a = attributeHost([ob('http', 'dahuacgi', dahuaType, 80)]);
    expect(a.manufacturer).toBe('dahua');
    expect(a.confidence).toBe('probable');
    expect(a.evidence.some((e) => e.concludes?.includes('confidence=confirmed'))).toBe(false);
  });

  it('the same magicBox answer read with credentials is confirmed, citing observation id and rule', () => {
    const o = ob('dahua-cgi-auth', 'dahuacgi', { ...dahuaType, authenticated: true }, 80);
    const a = attributeHost([o]);
    expect(a.manufacturer).toBe('dahua');
    expect(a.confidence).toBe('confirmed');
    const row = a.evidence.find((e) => e.concludes?.includes('confidence=confirmed'));
    expect(row).toBeDefined();
    expect(row!.module).toBe('dahua-cgi-auth');
    expect(row!.rule).toBe('dahuacgi.device-type');
    expect(row!.concludes).toContain(observationId(o));
    expect(observationId(o)).toBe(`dahua-cgi-auth/dahuacgi:80@${at}`);
    expect(a.rationale).toMatch(/read with the supplied credentials/);
  });

  it('authenticated=false (device answered without asking) does not confirm', () => {
    const a = attributeHost([ob('dahua-cgi-auth', 'dahuacgi', { ...dahuaType, authenticated: false }, 80)]);
    expect(a.confidence).toBe('probable');
  });

  it('a device cannot claim authentication: the flag counts only from the credentialed modules, as a boolean', () => {
    expect(isAuthenticatedObservation(ob('http', 'dahuacgi', { ...dahuaType, authenticated: true }))).toBe(false);
    expect(isAuthenticatedObservation(ob('dahua-cgi-auth', 'dahuacgi', { ...dahuaType, authenticated: 'true' }))).toBe(false);
    expect(isAuthenticatedObservation(ob('dahua-cgi-auth', 'credential', { protocol: 'dahuacgi', outcome: 'accepted' }))).toBe(false);
    const a = attributeHost([ob('http', 'dahuacgi', { ...dahuaType, authenticated: true }, 80)]);
    expect(a.confidence).toBe('probable');
  });

  it('authenticated evidence lifts a conflicted attribution to confirmed; the rival stays listed', () => {
    // Unauthenticated only: Dahua magicBox vs a Hikvision-looking server banner → conflict lowers confidence.
    const rival = ob('http', 'http', { server: 'DNVRS-Webs' }, 80);
    const before = attributeHost([ob('http', 'dahuacgi', dahuaInfo, 80), rival]);
    expect(before.confidence).not.toBe('confirmed');
    const after = attributeHost([ob('dahua-cgi-auth', 'dahuacgi', { ...dahuaInfo, authenticated: true }, 80), ob('dahua-cgi-auth', 'dahuacgi', { ...dahuaType, authenticated: true }, 80), rival]);
    expect(after.manufacturer).toBe('dahua');
    expect(after.confidence).toBe('confirmed');
    expect(after.conflicts.join(' ')).toMatch(/Hikvision/);
  });

  it('authenticated evidence for two different makers keeps the computed level (unknown beats wrong)', () => {
    const onvifFields = { method: 'GetDeviceInformation', manufacturer: 'HIKVISION', model: 'DS-2DF7286-A' };
    const authed = attributeHost([
      ob('dahua-cgi-auth', 'dahuacgi', { ...dahuaInfo, authenticated: true }, 80),
      ob('onvif-auth', 'onvif', { ...onvifFields, authenticated: true }, 80),
    ]);
    const plain = attributeHost([ob('http', 'dahuacgi', dahuaInfo, 80), ob('onvif-preauth', 'onvif', onvifFields, 80)]);
    expect(authed.manufacturer).toBe(plain.manufacturer);
    expect(authed.confidence).toBe(plain.confidence);
    expect(authed.conflicts.filter((c) => /also indicated/.test(c))).toHaveLength(1);
    // The two sources also disagree on the model: listed, not hidden (issue 23).
    expect(authed.conflicts.filter((c) => /^model: /.test(c))).toHaveLength(1);
    expect(authed.conflicts).toHaveLength(2);
    expect(authed.evidence.some((e) => e.concludes?.includes('confidence=confirmed'))).toBe(false);
  });

  it('ONVIF GetDeviceInformation read with credentials: model, firmware, serial and the confirmed row', () => {
    // Values from fixtures/captures/shared/hikvision-onvif-devinfo-1.json (python-onvif printout of a DS-2DF7286-A).
    const o = ob('onvif-auth', 'onvif', {
      method: 'GetDeviceInformation', status: 200, authenticated: true, manufacturer: 'HIKVISION', model: 'DS-2DF7286-A',
      firmwareVersion: 'V5.1.8 build 140616', serialNumber: 'DS-2DF7286-A20140705CCWR471699220B', hardwareId: '88',
    }, 80);
    const a = attributeHost([o]);
    expect(a).toMatchObject({ manufacturer: 'hikvision', confidence: 'confirmed', model: 'DS-2DF7286-A', firmware: 'V5.1.8 build 140616', serial: 'DS-2DF7286-A20140705CCWR471699220B' });
    expect(a.evidence.find((e) => e.concludes?.includes('confidence=confirmed'))).toMatchObject({ module: 'onvif-auth', field: 'onvif.authenticated', rule: 'onvif.manufacturer-hikvision' });
  });
});
