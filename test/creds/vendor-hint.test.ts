// Credentials for one maker are offered only to hosts whose replies hint at that maker; our own vendor-path
// request (recorded as `path`/`probe` on the observation) must not count as a hint.
import { describe, it, expect } from 'vitest';
import { makeObservation } from '../../src/core/observation.js';
import { hostShows, vendorPathAnswered } from '../../src/creds/vendor-hint.js';

const DAHUA = /dahua|dh-|magicbox|rpc2|37777/i;
const HIK = /hikvision|ezviz|isapi|webs|dnvrs|hikcgi/i;

// An Axis camera answering the vendor-path probes with its usual Digest challenge (realm as Axis sends it).
const axis401 = (path: string, probe: string) =>
  makeObservation('127.0.0.1', 'http-paths', { kind: 'http', fields: { path, probe, status: 401, server: 'Apache', 'auth.scheme': 'Digest', 'auth.realm': 'AXIS_ACCC8E270AD8' } }, { port: 80 });

describe('vendor hints for credentialed modules', () => {
  it('a 401 at our magicBox/ISAPI request paths is not a Dahua/Hikvision hint', () => {
    const obs = [axis401('/cgi-bin/magicBox.cgi?action=getDeviceType', 'dahua-magicbox-devicetype'), axis401('/ISAPI/System/deviceInfo', 'hik-isapi-deviceinfo')];
    expect(hostShows(obs, ['dhip', 'dahuacgi'], DAHUA)).toBe(false);
    expect(hostShows(obs, ['sadp', 'isapi'], HIK)).toBe(false);
  });
  it('what the device itself says still counts', () => {
    const hik = makeObservation('127.0.0.1', 'http', { kind: 'http', fields: { path: '/', status: 200, server: 'App-webs/' } }, { port: 80 });
    const dahuaRealm = makeObservation('127.0.0.1', 'rtsp', { kind: 'rtsp', fields: { status: 401, server: 'Rtsp Server/3.0', 'auth.realm': 'Login to 4M0A3D5PAZ7D6F2' } }, { port: 554 });
    const dhip = makeObservation('127.0.0.1', 'dhip', { kind: 'dhip', fields: { method: 'client.notifyDevInfo' } });
    expect(hostShows([hik], ['sadp', 'isapi'], HIK)).toBe(true);
    expect(hostShows([dhip], ['dhip', 'dahuacgi'], DAHUA)).toBe(true);
    expect(hostShows([dahuaRealm], ['dhip', 'dahuacgi'], DAHUA)).toBe(false);
  });
});

describe('a vendor path that exists is a hint; one that every path answers alike is not', () => {
  const at = (path: string, status: number) => makeObservation('127.0.0.1', 'http-paths', { kind: 'http', fields: { path, status, server: 'webserver' } }, { port: 80 });
  it('401 at /ISAPI/ while other paths 404: ISAPI exists', () => {
    expect(vendorPathAnswered([at('/', 404), at('/ISAPI/System/deviceInfo', 401)], '/ISAPI/')).toBe(true);
  });
  it('401 everywhere (a device that challenges every path): no hint', () => {
    expect(vendorPathAnswered([at('/', 401), at('/ISAPI/System/deviceInfo', 401), at('/cgi-bin/magicBox.cgi?action=getDeviceType', 401)], '/ISAPI/')).toBe(false);
    expect(vendorPathAnswered([at('/', 401), at('/cgi-bin/magicBox.cgi?action=getDeviceType', 401)], '/cgi-bin/magicBox.cgi')).toBe(false);
  });
  it('404 at the vendor path: no hint', () => {
    expect(vendorPathAnswered([at('/', 200), at('/ISAPI/System/deviceInfo', 404)], '/ISAPI/')).toBe(false);
  });
});
