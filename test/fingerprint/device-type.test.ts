// Device type from the evidence, independent of the maker (src/fingerprint/device-type.ts), and the OUI's weight.
// Observations are built here; field values are real where a capture is named, else marked synthetic.
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.js';
import { attributeHost } from '../../src/fingerprint/attribute.js';
import { concludeType, typeWeightOf, DEFAULT_TYPE_WEIGHT, type TypeSignal } from '../../src/fingerprint/device-type.js';
import { identifySample } from '../../src/identify/identify.js';
import { capturePayload, readCapture } from '../helpers/captures.js';

const obs = (kind: string, fields: Observation['fields'], port?: number): Observation => ({ host: '198.18.0.10', module: kind, kind, fields, at: '2026-12-07T00:00:00.000Z', ...(port ? { port } : {}) });
const host = (...openPorts: number[]) => obs('host', { alive: true, openPorts, reason: 'open' });

describe('identify on a plain RTSP OPTIONS reply (issue 16)', () => {
  it('uniview-rtsp-1 (RTSP/1.0 200 OK + a generic Public list): a camera (probable), risk unknown with reason and checks', () => {
    const r = identifySample('uniview-rtsp-1.json', { protocol: 'rtsp', payload: capturePayload('uniview-rtsp-1') });
    expect(r.manufacturer).toBeNull();
    expect(r.deviceType).toBe('camera');
    expect(r.deviceTypeConfidence).toBe('probable');
    expect(r.risk.level).toBe('unknown');
    expect(r.risk.reason).toBe('answers RTSP (a video streaming protocol); no maker evidence');
    expect(r.risk.checks?.join('; ')).toMatch(/label.*invoice.*web page/);
  });

  it('RTSP with an H.264 video SDP (hikvision-rtsp-1 without its Hikvision header line) reads "answers RTSP with H264 video" and is confirmed', () => {
    const payload = capturePayload('hikvision-rtsp-1').split('\n').filter((l) => !l.startsWith('a=Media_header')).join('\n');
    const r = identifySample('synthetic-cut.json', { protocol: 'rtsp', payload });
    expect(r.deviceType).toBe('camera');
    expect(r.deviceTypeConfidence).toBe('confirmed');
    expect(r.deviceTypeRationale).toMatch(/answers RTSP with H264 video/);
  });

  it('an ONVIF gSOAP reply cut inside its namespaces (uniview-http-2) is video equipment: unknown, not none', () => {
    expect(readCapture('uniview-http-2').device_type).toBe('camera');
    const r = identifySample('uniview-http-2.json', { protocol: 'http', payload: capturePayload('uniview-http-2') });
    expect(r.deviceType).toBe('camera');
    expect(r.risk.level).toBe('unknown');
  });
});

describe('structural type signals', () => {
  it('ports: 554 with 8000 is probable; 554 alone or 37777 alone possible; 80 alone no type', () => {
    expect(attributeHost([host(80, 554, 8000)])).toMatchObject({ deviceType: 'camera', deviceTypeConfidence: 'probable' });
    expect(attributeHost([host(80, 554, 8000)]).deviceTypeRationale).toMatch(/ports 554 and 8000 open/);
    expect(attributeHost([host(554)])).toMatchObject({ deviceType: 'camera', deviceTypeConfidence: 'possible' });
    expect(attributeHost([host(37777)])).toMatchObject({ deviceType: 'camera', deviceTypeConfidence: 'possible' });
    expect(attributeHost([host(80, 443)])).toMatchObject({ deviceType: 'unknown', deviceTypeConfidence: null });
    expect(attributeHost([host(8000)])).toMatchObject({ deviceType: 'unknown', deviceTypeConfidence: null });
  });

  it('an answered RTSP port and a camera port pattern together are confirmed (two independent signals)', () => {
    const a = attributeHost([host(80, 554, 8000), obs('rtsp', { method: 'OPTIONS', status: 200, statusLine: 'RTSP/1.0 200 OK', public: ['OPTIONS', 'DESCRIBE'] }, 554)]);
    expect(a).toMatchObject({ deviceType: 'camera', deviceTypeConfidence: 'confirmed', manufacturer: null });
    // Each structural signal is evidence of its own, traceable to the observation field.
    expect(a.evidence.filter((e) => e.rule?.startsWith('signal.')).map((e) => e.field).sort()).toEqual(['host.openPorts', 'rtsp.statusLine']);
  });

  it('ONVIF: a method reply or an ONVIF ter: fault is probable; a generic SOAP fault is not evidence', () => {
    expect(attributeHost([obs('onvif', { method: 'GetSystemDateAndTime' })])).toMatchObject({ deviceType: 'camera', deviceTypeConfidence: 'probable' });
    expect(attributeHost([obs('onvif', { fault: 'Sender not Authorized | env:Sender / ter:NotAuthorized', authenticated: false })]).deviceTypeConfidence).toBe('probable');
    expect(attributeHost([obs('onvif', { fault: 'Client | soap:Client', authenticated: false })]).deviceType).toBe('unknown');
    expect(attributeHost([obs('onvif', { method: 'unknown' })]).deviceType).toBe('unknown');
  });

  it('the /onvif/device_service path answering a GET like a SOAP stack is probable; a 401 or 404 there is not', () => {
    const soap400 = obs('http', { path: '/onvif/device_service', status: 400, contentType: 'application/soap+xml; charset=utf-8', body: '' }, 80);
    expect(attributeHost([soap400]).deviceTypeConfidence).toBe('probable');
    expect(attributeHost([obs('http', { path: '/onvif/device_service', status: 401, contentType: 'text/html', body: '' }, 80)]).deviceType).toBe('unknown');
    expect(attributeHost([obs('http', { path: '/onvif/device_service', status: 404, contentType: 'application/xml', body: '' }, 80)]).deviceType).toBe('unknown');
  });

  it('channel counts: SADP digital channels → NVR, analog ≥2 → DVR; DHIP remote → NVR, inputs ≥2 → DVR; Xiongmai 1 channel stays a camera', () => {
    // Field names as protocols.md §SADP/§DHIP list them; values synthetic.
    expect(attributeHost([obs('sadp', { DeviceDescription: 'synthetic', AnalogChannelNum: '0', DigitalChannelNum: '8' })]).deviceType).toBe('nvr');
    expect(attributeHost([obs('sadp', { DeviceDescription: 'synthetic', AnalogChannelNum: '4', DigitalChannelNum: '2' })]).deviceType).toBe('dvr');
    expect(attributeHost([obs('dhip', { DeviceType: 'synthetic', VideoInputChannels: 0, RemoteVideoInputChannels: 16 })]).deviceType).toBe('nvr');
    expect(attributeHost([obs('dhip', { DeviceType: 'synthetic', VideoInputChannels: 8, RemoteVideoInputChannels: 2 })]).deviceType).toBe('dvr');
    const xm = identifySample('xiongmai-xiongmai-2.json', { protocol: 'xiongmai', payload: capturePayload('xiongmai-xiongmai-2') });
    expect(xm.deviceType).toBe('camera'); // ChannelNum 1 (real capture)
  });

  it('a Dahua access-control face terminal (intelbras-dhip-1, DeviceClass BSC) is "other", not a camera, and stays high on its maker', () => {
    const r = identifySample('intelbras-dhip-1.json', { protocol: 'dhip', payload: capturePayload('intelbras-dhip-1') });
    expect(r.deviceType).toBe('other');
    expect(r.risk.level).toBe('high');
  });

  it('hostile port lists and channel strings neither crash nor count', () => {
    const a = attributeHost([obs('host', { openPorts: ['554', 'x'] as unknown as number[] }), obs('sadp', { DigitalChannelNum: '9'.repeat(100_000) })]);
    expect(a.deviceType).toBe('camera'); // SADP answered (possible), nothing from the hostile values
    expect(a.deviceTypeConfidence).toBe('possible');
  });
});

describe('rule-based type signals and the conclusion', () => {
  it('self-reported ISAPI deviceType DVR beats the generic recorder name (hikvision-isapi-5 is a DVR, not an NVR)', () => {
    const r = identifySample('hikvision-isapi-5.json', { protocol: 'isapi', payload: capturePayload('hikvision-isapi-5') });
    expect(r.deviceType).toBe('dvr');
    expect(r.deviceTypeConfidence).toBe('confirmed');
  });

  it('recorder web server and certificate name a recorder (hikvision-http-3 DNVRS-Webs, hikvision-tls-1 OU=DVRNVR)', () => {
    expect(identifySample('a', { protocol: 'http', payload: capturePayload('hikvision-http-3') }).deviceType).toBe('nvr');
    expect(identifySample('b', { protocol: 'tls', payload: capturePayload('hikvision-tls-1') }).deviceType).toBe('nvr');
  });

  it('a Hikvision model in a Digest realm types the device without naming a maker (lab hikvision-isapi-2 realm)', () => {
    const a = attributeHost([obs('http', { status: 401, 'auth.realm': 'DS-2CD2386G2-IU', path: '/ISAPI/System/deviceInfo' }, 80)]);
    expect(a).toMatchObject({ deviceType: 'camera', deviceTypeConfidence: 'probable' });
  });

  it('typeWeight: stated, else the rule weight, else 60', () => {
    expect(typeWeightOf({ typeWeight: 40, weight: 90 })).toBe(40);
    expect(typeWeightOf({ weight: 80 })).toBe(80);
    expect(typeWeightOf({ weight: 0 })).toBe(DEFAULT_TYPE_WEIGHT);
    expect(typeWeightOf({ weight: 20 })).toBe(DEFAULT_TYPE_WEIGHT);
  });

  const sig = (type: TypeSignal['type'], weight: number, id = `${type}-${weight}`): TypeSignal => ({ type, weight, id, why: id });
  it('conclusion: other beats video only when stronger; a tie goes to video; a close rival is a conflict and lowers one step', () => {
    expect(concludeType([sig('other', 80), sig('camera', 60)])).toMatchObject({ deviceType: 'other', confidence: 'probable' });
    expect(concludeType([sig('other', 70), sig('camera', 60)])).toMatchObject({ deviceType: 'other', confidence: 'possible' });
    expect(concludeType([sig('other', 60), sig('camera', 60)])).toMatchObject({ deviceType: 'camera', confidence: 'possible' });
    expect(concludeType([sig('other', 60), sig('camera', 60)]).conflicts[0]).toMatch(/non-video device also indicated/);
    expect(concludeType([sig('other', 85)])).toMatchObject({ deviceType: 'other', confidence: 'confirmed' });
    expect(concludeType([])).toMatchObject({ deviceType: 'unknown', confidence: null });
  });

  it('conclusion: recorders outrank cameras; NVR against DVR by weight, with the loser named', () => {
    expect(concludeType([sig('camera', 60), sig('nvr', 40)]).deviceType).toBe('nvr');
    const c = concludeType([sig('nvr', 40), sig('dvr', 90)]);
    expect(c.deviceType).toBe('dvr');
    expect(c.conflicts[0]).toMatch(/^NVR also indicated/);
  });
});

describe('the OUI is supporting evidence: it never lifts a verdict', () => {
  const webs401 = obs('http', { status: 401, body: '<body><h2>Access Error: 401 -- Unauthorized</h2>\n<p>Authentication Error: Access Denied! Authorization required.</p>\n</body>' }, 80);
  const hikOui = obs('neigh', { mac: '54:c4:15:00:00:01' });

  it('an OUI plus one weak banner (Hikvision 401 page, weight 45) is "possible", and not high', () => {
    const without = attributeHost([webs401]);
    const withOui = attributeHost([webs401, hikOui]);
    expect(without).toMatchObject({ manufacturer: 'hikvision', confidence: 'possible' });
    expect(withOui).toMatchObject({ manufacturer: 'hikvision', confidence: 'possible' });
    expect(withOui.evidence.some((e) => e.rule === 'oui.hikvision' && /supporting only/.test(e.concludes ?? ''))).toBe(true);
  });

  it('technical evidence reaching the line by itself is probable with or without the OUI', () => {
    const realm = obs('rtsp', { 'auth.realm': 'IP Camera(C1214)' }, 554); // corpus hikvision-rtsp-3
    expect(attributeHost([realm]).confidence).toBe('probable');
    expect(attributeHost([realm, hikOui]).confidence).toBe('probable');
  });

  it('a rival OUI alone is listed as a conflict but does not lower technical evidence (an OEM camera with its brand owner’s NIC)', () => {
    const realm = obs('rtsp', { 'auth.realm': 'IP Camera(C1214)' }, 554);
    const a = attributeHost([realm, obs('neigh', { mac: 'ac:cc:8e:00:00:01' })]); // Axis OUI (synthetic host part)
    expect(a.manufacturer).toBe('hikvision');
    expect(a.confidence).toBe('probable');
    expect(a.conflicts.some((c) => /Axis also indicated/.test(c))).toBe(true);
  });

  it('attributeWith(…, { oui: false }) leaves the MAC out entirely', () => {
    expect(attributeHost([hikOui], { oui: false })).toMatchObject({ manufacturer: null, confidence: null });
  });
});
