// Issue 14, attr-a: signals the broad public fingerprint databases (Greenbone NASL detections, nuclei, FingerprintHub,
// scanner tables) agree on, read end to end through identify. The quoted page lines are real (sources named in the
// rules' examples); the HTTP reply around them is synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';

const reply = (body: string, headers = 'Content-Type: text/html') => `HTTP/1.1 200 OK\r\n${headers}\r\n\r\n${body}`;
const id = (body: string, headers?: string) => identifySample('t.json', { protocol: 'http', payload: reply(body, headers) });
const rules = (r: ReturnType<typeof id>) => r.evidence.map((e) => e.rule);

describe('Xiongmai NETSurveillance login page cookie', () => {
  const loginPage = `<html xmlns="http://www.w3.org/1999/xhtml">\n<head>\n<title>Login</title>\n<script type="text/javascript" src="m.jsp"></script>\n<script type="text/javascript">\n   var gHashCookie = new Hash.Cookie('NetSuveillanceWebCookie',{duration: 30});\nvar settings = {\n    username:''\n    }\n</script></head><body></body></html>`;

  it('the /Login.htm page with the misspelt Hash.Cookie name names Xiongmai (Wireshark Q&A 57454; Greenbone detection)', () => {
    const r = id(loginPage);
    expect(r.manufacturer).toBe('xiongmai');
    expect(rules(r)).toContain('body.xiongmai-netsurveillance-cookie');
  });

  it('a correctly spelt or generic MooTools cookie names nobody', () => {
    expect(id(loginPage.replace('NetSuveillanceWebCookie', 'NetSurveillanceWebCookie')).manufacturer).toBeNull();
    expect(id(loginPage.replace('NetSuveillanceWebCookie', 'WebCookie')).manufacturer).toBeNull();
  });
});
