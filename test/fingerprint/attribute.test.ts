// Attribution behaviour on synthetic observations (built in the test; field values noted where real).
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.js';
import { attributeHost, groupDevices, maskSerial } from '../../src/fingerprint/attribute.js';

const obs = (kind: string, fields: Observation['fields'], host = '198.18.0.10'): Observation => ({ host, module: kind, kind, fields, at: '2026-11-28T00:00:00.000Z' });

describe('attributeHost', () => {
  it('an OUI alone gives at most "possible", marked as supporting evidence', () => {
    const a = attributeHost([obs('neigh', { mac: '54:c4:15:00:00:01' })]);
    expect(a.manufacturer).toBe('hikvision');
    expect(a.confidence).toBe('possible');
    expect(a.rationale).toMatch(/OUI only/);
  });

  it('self-reported device info is confirmed, with model, firmware and a masked serial under redact', () => {
    const a = attributeHost([obs('onvif', { manufacturer: 'HIKVISION', model: 'DS-2CD2143G0-I', firmwareVersion: 'V5.5.0 build 170725', serialNumber: 'DS-2CD2143G0-I20170101AAWR123456789' })], { redact: true });
    expect(a.manufacturer).toBe('hikvision');
    expect(a.confidence).toBe('confirmed');
    expect(a.model).toBe('DS-2CD2143G0-I');
    expect(a.firmware).toBe('V5.5.0 build 170725');
    expect(a.serial).toBe(maskSerial('DS-2CD2143G0-I20170101AAWR123456789'));
    expect(a.serial).not.toContain('AAWR1234');
    expect(JSON.stringify(a.evidence)).not.toContain('20170101AAWR123456789');
    expect(a.deviceType).toBe('camera');
  });

  it('labelled brand and real maker both appear (Amcrest realm → Dahua)', () => {
    const a = attributeHost([obs('rtsp', { 'auth.realm': 'Login to AMC0007RVY5EQ6DV29', server: '' })]);
    expect(a.manufacturer).toBe('dahua');
    expect(a.brand).toBe('Amcrest');
    expect(a.rationale).toMatch(/^labelled Amcrest, made by Dahua/);
  });

  it('conflicting makers are reported and lower the confidence', () => {
    const a = attributeHost([obs('http', { server: 'DNVRS-Webs' }), obs('rtsp', { server: 'Dahua Rtsp Server' })]);
    expect(a.conflicts.length).toBe(1);
    expect(a.confidence).toBe('possible');
  });

  it('a brand alone with only weak certainty names no maker ("possible OEM of")', () => {
    // A DHIP Vendor field is only a label (brand capture); Techview's Dahua edge is weak in brands.json.
    const a = attributeHost([obs('dhip', { Vendor: 'Techview' })]);
    expect(a.manufacturer).toBeNull();
    expect(a.brand).toBe('Techview');
    expect(a.rationale).toMatch(/possible OEM of Dahua/);
  });

  it('a brand alone with a strong edge names the maker, but only as "possible"', () => {
    // CP PLUS → Dahua is strong (IPVM Dahua OEM directory, on-disk OSD title; oem-map.md row 29).
    const a = attributeHost([obs('wsd', { 'scope.name': 'CPPLUS', scopes: [] })]);
    expect(a.manufacturer).toBe('dahua');
    expect(a.confidence).toBe('possible');
    expect(a.rationale).toMatch(/brand CP PLUS is an oem-customer of Dahua \(strong\)/);
  });

  it('non-cameras come out "other" with their maker', () => {
    const a = attributeHost([obs('ssdp', { server: 'Linux UPnP/1.0 Sonos/63.2-88230 (ZPS16)' })]);
    expect(a.manufacturer).toBe('sonos');
    expect(a.deviceType).toBe('other');
  });

  it('a MAC a rule reads out of an identifier goes to the OUI look-up, as supporting evidence only', () => {
    // UniFi Protect names its re-stream session after the camera MAC (hjdhjd/homebridge-unifi-protect issue #119).
    const a = attributeHost([obs('rtsp', { server: 'EvoStream Media Server (www.evostream.com)', 'sdp.sessionName': 'FCECDA8FD993_0' })]);
    expect(a.manufacturer).toBe('ubiquiti');
    expect(a.confidence).toBe('possible');
    expect(a.evidence.some((e) => e.rule === 'oui.ubiquiti' && e.value === 'Ubiquiti Inc')).toBe(true);
    // The third-party server alone names nobody.
    expect(attributeHost([obs('rtsp', { server: 'EvoStream Media Server (www.evostream.com)' })]).manufacturer).toBeNull();
  });

  it('a captured MAC already seen in an observation is looked up once', () => {
    const a = attributeHost([obs('neigh', { mac: 'ac:cc:8e:27:00:99' }), obs('http', { 'auth.realm': 'AXIS_ACCC8E270099' })]);
    expect(a.manufacturer).toBe('axis');
    expect(a.evidence.filter((e) => e.rule === 'oui.axis').length).toBe(1);
  });

  it('no evidence gives no maker and no confidence', () => {
    const a = attributeHost([obs('http', { server: 'nginx' })]);
    expect(a.manufacturer).toBeNull();
    expect(a.confidence).toBeNull();
  });

  it('hostile strings do not crash, hang or leak control characters into the rationale', () => {
    const huge = 'A'.repeat(2_000_000);
    const t0 = Date.now();
    const a = attributeHost([obs('http', { server: `Hikvision-Webs\x1b[31m<script>alert(1)</script>${huge}`, 'auth.realm': huge, body: huge })]);
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(a.manufacturer).toBe('hikvision');
    expect(a.rationale).not.toMatch(/\x1b/);
    expect(a.rationale.length).toBeLessThan(500);
  });
});

describe('groupDevices', () => {
  it('joins observations by IP, MAC, ONVIF endpoint UUID and serial', () => {
    const groups = groupDevices([
      obs('http', { server: 'x' }, '198.18.0.1'),
      obs('sadp', { MAC: '54-c4-15-9a-38-74', DeviceSN: 'SERIAL123456' }, '198.18.0.1'),
      obs('neigh', { mac: '54:c4:15:9a:38:74' }, '198.18.0.2'),
      obs('onvif', { serialNumber: 'SERIAL123456' }, '198.18.0.3'),
      obs('wsd', { endpoint: 'urn:uuid:11111111-2222-3333-4444-555555555555' }, '198.18.0.4'),
      obs('wsd', { endpoint: 'urn:uuid:11111111-2222-3333-4444-555555555555' }, '198.18.0.5'),
      obs('http', { server: 'y' }, '198.18.0.6'),
    ]);
    expect(groups.map((g) => g.map((o) => o.host))).toEqual([
      ['198.18.0.1', '198.18.0.1', '198.18.0.2', '198.18.0.3'],
      ['198.18.0.4', '198.18.0.5'],
      ['198.18.0.6'],
    ]);
  });
});

describe('brand edges', () => {
  it('a Lorex-labelled device with Dahua firmware evidence is Dahua-made, and the former ownership is explained', () => {
    const a = attributeHost([obs('dhip', { method: 'client.notifyDevInfo', Vendor: 'Lorex' })]);
    expect(a.manufacturer).toBe('dahua');
    expect(a.brand).toBe('Lorex');
    expect(a.rationale).toMatch(/labelled Lorex, made by Dahua/);
    expect(a.rationale).toMatch(/formerly Dahua-owned brand \(2018-02-06 to 2022-11-24\)/);
  });
});
