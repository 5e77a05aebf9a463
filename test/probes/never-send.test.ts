import { describe, it, expect } from 'vitest';
import { inspectRequest, inspectParts, assertAllowed } from '../../src/probes/never-send.js';
import { loadVendorPaths } from '../../src/probes/vendor-paths.js';
import { browserRequest } from '../../src/probes/web.js';
import { rtspRequest } from '../../src/probes/rtsp.js';
import { soapEnvelope, PREAUTH_METHODS } from '../../src/probes/onvif-preauth.js';

describe('never-send guard (policy.md §4.4)', () => {
  it('refuses every listed exploit, however encoded', () => {
    const refused = [
      'GET /system/deviceInfo?auth=YWRtaW46MTEK HTTP/1.1\r\n\r\n',
      'GET /System/deviceInfo?x=1&%61uth=YWRtaW46MTEK HTTP/1.1\r\n\r\n',
      'GET /ISAPI/Security/userCheck?auth=YWRtaW46MTEK HTTP/1.1\r\n\r\n',
      'PUT /SDK/webLanguage HTTP/1.1\r\n\r\n<language>$(id>webLib/x)</language>',
      'GET /SDK//webLanguage HTTP/1.1\r\n\r\n',
      'POST /RPC2_Login HTTP/1.1\r\n\r\n{"method":"global.login","params":{"userName":"admin","clientType":"NetKeyboard"}}',
      'POST /RPC2_Login HTTP/1.1\r\n\r\n{"method":"global.login","params":{"loginType":"Loopback","ipAddr":"127.0.0.1"}}',
      'GET / HTTP/1.1\r\nAuthorization: Basic YWRtaW46MTIzNDU=\r\n\r\n',
      'DESCRIBE rtsp://x/ RTSP/1.0\r\nAuthorization: Digest username="admin"\r\n\r\n',
      'GET /current_config/passwd HTTP/1.1\r\n\r\n',
      'DELETE / HTTP/1.1\r\n\r\n',
      // A malformed escape or broken UTF-8 next to the payload does not stop the decoding (byte by byte, no catch).
      'GET /System/deviceInfo?x=%E0%A4%A&%2561uth=YWRtaW46MTEK HTTP/1.1\r\n\r\n',
      'GET /SDK/%77eb%4Canguage%ZZ HTTP/1.1\r\n\r\n',
    ];
    for (const r of refused) expect(inspectRequest(r).allowed, r).toBe(false);
    expect(() => assertAllowed(refused[0])).toThrow(/never-send guard/);
    expect(inspectParts({ method: 'POST', url: 'http://198.18.0.10/onvif/device_service', body: '<wsse:Security><wsse:UsernameToken/></wsse:Security>' }).allowed).toBe(false);
  });

  it('allows every request the probes actually make', () => {
    const paths = loadVendorPaths();
    expect(paths.length).toBeGreaterThanOrEqual(6);
    for (const p of ['/', '/favicon.ico', ...paths.map((x) => x.path)]) expect(inspectRequest(browserRequest('198.18.0.10', 80, 'http', p)).allowed, p).toBe(true);
    expect(inspectRequest(rtspRequest('OPTIONS', '198.18.0.10', 554, 1)).allowed).toBe(true);
    expect(inspectRequest(rtspRequest('DESCRIBE', '198.18.0.10', 554, 2)).allowed).toBe(true);
    for (const m of PREAUTH_METHODS) expect(inspectParts({ method: 'POST', url: 'http://198.18.0.10/onvif/device_service', body: soapEnvelope(m) }).allowed, m).toBe(true);
  });

  it('the vendor path data file itself holds nothing from the list', () => {
    const paths = loadVendorPaths();
    expect(paths.map((p) => p.path)).not.toContain('/SDK/webLanguage');
    for (const p of paths) expect(p.why.length).toBeGreaterThan(20);
  });
});
