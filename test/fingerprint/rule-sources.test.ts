// The source checks the fingerprint self-test applies to every example (test/helpers/rule-sources.ts).
import { describe, expect, it } from 'vitest';
import { citedCaptures, occursInPayload, sourceProblem } from '../helpers/rule-sources.js';

describe('sourceProblem: an example names a public, checkable source', () => {
  it.each([
    'https://github.com/rroller/dahua/issues/59 (magicBox getDeviceType body)',
    'corpus hikvision-isapi-3',
    'capture dev/axis-http-12 (VAPIX param.cgi)',
    'fixtures/captures/dev/bosch-rtsp-1.json',
    'Recog http_servers (Xiongmai Tech uc-httpd example)',
    'Rapid7 Recog xml/x509_subjects.xml Axis',
    'nmap-service-probes (Hikvision IP camera httpd)',
    'nmap scripts/ubiquiti-discovery.nse',
    'nuclei template dahua-web-panel',
    'projectdiscovery/nuclei-templates http/technologies/hikvision-detect.yaml',
    'rroller/dahua issue #647',
    'home-assistant/core homeassistant/generated/zeroconf.py (_hue._tcp.local. → hue)',
    'ONVIF Core Specification 7.3.2.2',
  ])('accepts %s', (s) => {
    expect(sourceProblem(s)).toBeNull();
  });

  it.each([
    'UPnP description of Hikvision devices (protocols.md §3)',
    'Sonos Bonjour service type',
    'ISAPI deviceInfo model form',
    'Dahua NVR numbering',
    'Recog',
    'nmap',
    'Sofia/DVRIP JSON',
  ])('rejects %s', (s) => {
    expect(sourceProblem(s)).toMatch(/names no public source/);
  });

  it('rejects any citation of the blind set', () => {
    expect(sourceProblem('capture blind/axis-http-3')).toMatch(/blind/);
    expect(sourceProblem('fixtures/captures/blind/x.json')).toMatch(/blind/);
  });
});

describe('citedCaptures', () => {
  it('reads every capture form, with its set', () => {
    expect(citedCaptures('corpus dahua-ws-discovery-2; corpus cpplus-ws-discovery-1 (Dahua firmware)')).toEqual([
      { set: 'shared', name: 'dahua-ws-discovery-2' },
      { set: 'shared', name: 'cpplus-ws-discovery-1' },
    ]);
    expect(citedCaptures('capture dev/axis-http-12')).toEqual([{ set: 'dev', name: 'axis-http-12' }]);
    expect(citedCaptures('fixtures/captures/shared/hp-tls-1.json')).toEqual([{ set: 'shared', name: 'hp-tls-1' }]);
  });
  it('finds none in a URL or database citation', () => {
    expect(citedCaptures('https://github.com/AlexxIT/WebRTC/issues/305')).toEqual([]);
    expect(citedCaptures('Recog http_servers')).toEqual([]);
  });
});

describe('occursInPayload', () => {
  it('is literal: line endings and spacing count', () => {
    expect(occursInPayload('Access Error: 401', '<h2>Access Error: 401 -- Unauthorized</h2>')).toBe(true);
    expect(occursInPayload('a\nb', 'a\r\nb')).toBe(false);
    expect(occursInPayload('Login to AMC0007', 'realm="Login t\n  o AMC0007"')).toBe(false);
  });
  it('looks inside JSON payloads (strings, keys, numbers)', () => {
    expect(occursInPayload('EvoStream', { SERVER: 'EvoStream Media Server' })).toBe(true);
    expect(occursInPayload('34567', { TCPPort: 34567 })).toBe(true);
    expect(occursInPayload('Hikvision', { SERVER: 'Dahua' })).toBe(false);
  });
});
