// Issue 14: signals the broad public fingerprint databases (Greenbone NASL detections, nuclei, FingerprintHub,
// scanner tables) agree on, read end to end through identify. The quoted page lines are real (sources named in the
// rules' examples); the HTTP reply around them is synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { expectNamed, onvif401 } from '../helpers/identify.js';

const reply = (body: string, headers = 'Content-Type: text/html') => `HTTP/1.1 200 OK\r\n${headers}\r\n\r\n${body}`;
const id = (body: string, headers?: string) => identifySample('t.json', { protocol: 'http', payload: reply(body, headers) });

describe('Xiongmai NETSurveillance login page cookie', () => {
  const loginPage = `<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<title>Login</title>\n<script type="text/javascript" src="m.jsp"></script>\n<script type="text/javascript">\n   var gHashCookie = new Hash.Cookie('NetSuveillanceWebCookie',{duration: 30});\nvar settings = {\n    username:''\n    }\n</script></head><body></body></html>`;

  it('the /Login.htm page with the misspelt Hash.Cookie name names Xiongmai (Wireshark Q&A 57454; Greenbone detection)', () => {
    const r = id(loginPage);
    expectNamed(r, 'xiongmai', 'body.xiongmai-netsurveillance-cookie');
  });

  it('a correctly spelt or generic MooTools cookie names nobody', () => {
    expect(id(loginPage.replace('NetSuveillanceWebCookie', 'NetSurveillanceWebCookie')).manufacturer).toBeNull();
    expect(id(loginPage.replace('NetSuveillanceWebCookie', 'WebCookie')).manufacturer).toBeNull();
  });
});

describe('Hikvision HTTP Digest nonce form', () => {
  const unauthorized = (wwwAuthenticate: string) =>
    identifySample('t.json', {
      protocol: 'http',
      payload: `HTTP/1.1 401 Unauthorized\r\nDate: Fri, 21 Feb 2020 14:24:41 GMT\r\nServer: \r\nX-Frame-Options: SAMEORIGIN\r\nContent-Length: 178\r\nContent-Type: text/html\r\nConnection: close\r\nWWW-Authenticate: ${wwwAuthenticate}\r\n\r\n`,
    });

  it('a 401 whose realm is the model carries the hex-wrapped base64 nonce and names Hikvision (a Java HTTP library\'s notes)', () => {
    const r = unauthorized('Digest qop="auth", realm="DS-2CD2310FD-I", nonce="4e555130516a6b304e546f784e7a49334e7a417a59513d3d"');
    expectNamed(r, 'hikvision', 'realm.hikvision-hex-base64-nonce');
  });

  it('the classic IP Camera(code) realm and the nonce agree (Chinese ISAPI curl notes, E1518)', () => {
    const r = unauthorized('Digest qop="auth", realm="IP Camera(E1518)", nonce="4d5441324e475533595441364e6a67794d6d557a4e54633d", stale="FALSE"');
    expect(r.manufacturer).toBe('hikvision');
    expect(r.evidence.map((e) => e.rule)).toEqual(expect.arrayContaining(['realm.hikvision-hex-base64-nonce', 'realm.hikvision-ip-camera-code']));
  });

  it('32-digit MD5 nonces and a plain base64 nonce name nobody', () => {
    expect(unauthorized('Digest realm="SP1101W", nonce="4eefd0c45d40d370f4fe0b3e9d225057", qop="auth"').manufacturer).toBeNull();
    expect(unauthorized('Digest realm="example", nonce="NThiNzBiNzM6ODI5Mzk5MTQ=", qop="auth"').manufacturer).toBeNull();
  });
});

describe('Dahua ONVIF Digest nonce', () => {
  it('the onvif-digest nonce beside a newer 32-hex realm names Dahua (a C++ ONVIF tool; a Qt ONVIF client)', () => {
    const r = onvif401('Digest realm="Login to 11839e10161ff4ebab8e3260b8779f14",qop="auth",nonce="b252aWYtZGlnZXN0OjQzNDkyNzk1NDAw", opaque="", stale="false"');
    expectNamed(r, 'dahua', 'realm.dahua-onvif-digest-nonce');
  });

  it('a bare prefix or another nonce names nobody', () => {
    expect(onvif401('Digest realm="device", nonce="b252aWYtZGlnZXN0"').manufacturer).toBeNull();
    expect(onvif401('Digest realm="device", nonce="ca3a440596cc3a91f9e325547e3a208e"').manufacturer).toBeNull();
  });
});

describe('ZTE web UI test cookie', () => {
  const root = (cookie: string) =>
    identifySample('t.json', {
      protocol: 'http',
      payload: `HTTP/1.0 200 OK\r\nConnection: close\r\nCache-Control: no-cache,no-store\r\nPragma: no-cache\r\nSet-Cookie: ${cookie}\r\nServer: \r\nAccept-Ranges: bytes\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>Router</title></head></html>`,
    });

  it('Set-Cookie _TESTCOOKIESUPPORT=1 on the root page names ZTE (an nmap write-up of a ZTE F6620)', () => {
    const r = root('_TESTCOOKIESUPPORT=1; PATH=/; HttpOnly; SameSite=strict');
    expectNamed(r, 'zte', 'http-server.zte-testcookie');
  });

  it('the HTTPS variant names ZTE too; another cookie name nobody', () => {
    expect(root('_TESTCOOKIESUPPORT_HTTPS_=1; PATH=/; Secure; HttpOnly; SameSite=strict').manufacturer).toBe('zte');
    expect(root('SID=d5fae5f7; PATH=/; HttpOnly').manufacturer).toBeNull();
  });
});

describe('Huawei ONT login page cookie', () => {
  it('the script line of index.asp names Huawei (a security review of a Huawei ONT web UI)', () => {
    const r = id('<html><head><script>\nvar cookie2 = "Cookie=body:Language:english:id=-1;path=/";\ndocument.cookie = cookie2;\n</script></head></html>');
    expectNamed(r, 'huawei', 'body.huawei-ont-login-cookie');
  });

  it('another cookie script names nobody', () => {
    expect(id('<script>document.cookie = "Cookie=body:" + newValue;</script>').manufacturer).toBeNull();
  });
});

describe('Uniview LAPI Digest realm', () => {
  const lapi = (status: string, wwwAuthenticate: string) =>
    identifySample('t.json', {
      protocol: 'http',
      payload: `HTTP/1.1 ${status}\r\nContent-Type: application/json\r\nWWW-Authenticate: ${wwwAuthenticate}\r\nContent-Length: 0\r\n\r\n`,
    });

  it('realm NVRDVR names Uniview, on a 401 and on the 200 of the LAPI login (network audit notes; nuclei CVE-2024-3850)', () => {
    const r = lapi('401 Unauthorized', 'Digest realm="NVRDVR", qop="auth", nonce="1212883611"');
    expectNamed(r, 'uniview', 'realm.uniview-nvrdvr');
    expect(lapi('200 OK', 'Digest nonce="1212883611", realm="NVRDVR"').manufacturer).toBe('uniview');
  });

  it('Hikvision\'s DVRNVR word and a generic NVR realm name nobody', () => {
    expect(lapi('401 Unauthorized', 'Digest realm="DVRNVR", nonce="1212883611"').manufacturer).toBeNull();
    expect(lapi('401 Unauthorized', 'Digest realm="NVR", nonce="1212883611"').manufacturer).toBeNull();
  });
});
