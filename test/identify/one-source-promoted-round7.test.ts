// Issue 14, round 7: signals of high-risk makers that docs/signals.md had left out with one public source, promoted
// to rules once two or more independent public sources agreed and no other maker's device was found sending them.
// The quoted page lines are real (sources named in the rules' examples); the HTTP replies around them are synthetic.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const page = (body: string) => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${body}`);

describe('Xiongmai NETSurveillance plugin link on xmsecu.com', () => {
  // synthetic page around the real configuration lines of a Besder 6024PB-XMA501's NETSurveillanceWEB (write-up on GitHub)
  const config = `<html><head><title>Login</title><script type="text/javascript">\nvar LogoNumbers=1;\nvar LoardAddress="http://xmsecu.com:8080/ocx/NewActive.exe";//if Null download cab else download exe \nvar cabAddress="web.cab#version=1,0,0,1";\nvar DownLoadAddr="http://xmsecu.com:8080/ocx/NewActive.exe";\nvar logoString='NetSurveillance';\n</script></head><body></body></html>`;

  it('the plugin link of the root page names Xiongmai (KostasEreksonas Besder write-up; yaklang iotdevfp)', () => {
    expectNamed(page(config), 'xiongmai', 'body.xiongmai-xmsecu-plugin-link');
  });

  it('the same /ocx/ folder with another installer still names Xiongmai (alexpalyan/xmcam-local)', () => {
    expectNamed(page('<a href="http://xmsecu.com:8080/ocx/VideoPlayToolSetup.exe">download</a>'), 'xiongmai', 'body.xiongmai-xmsecu-plugin-link');
  });

  it('the installer name on another host, or the cab alone, names nobody', () => {
    const other = page(config.replaceAll('xmsecu.com', 'example.com'));
    expect(ruleIds(other)).not.toContain('body.xiongmai-xmsecu-plugin-link');
    expect(other.manufacturer).toBeNull();
    expect(page('<object codebase="web.cab#version=1,0,0,1"></object>').manufacturer).toBeNull();
  });
});

describe('Hikvision web session cookie WebSession_<10 hex>', () => {
  // synthetic reply around the real header lines a C++ HTTP parser's comment quotes (xwpcom/CoreLooper httpacker.cpp)
  const reply = (cookie: string, body = '') =>
    identifyText('http', `HTTP/1.1 200 OK\r\nServer: webserver\r\nContent-Type: application/xml\r\nSet-Cookie: ${cookie}; path=/;HttpOnly\r\n\r\n${body}`);

  it('the sessionLogin reply\'s cookie names Hikvision (CoreLooper; ISAPI notes and reports, code search)', () => {
    expectNamed(reply('WebSession_0eb6f4251b=2a65bbbaeb553b3a01a5e93c783d8fd2c67406a333eb6ffc83269ddd60843b98'), 'hikvision', 'http-server.hikvision-websession-cookie');
    expectNamed(reply('WebSession_52B5CFF078=8f67a33fa8cb3ed7a9a5df99884f2d95839476aff45c319d342b64844436c943'), 'hikvision', 'http-server.hikvision-websession-cookie');
  });

  it('other session cookies name nobody (a Java server\'s webSession, WebSessionId, no suffix)', () => {
    for (const c of ['webSession=1-xjrs6SeNeSxmJQtaTwM8gDorNiQ=:backendUser=admin', 'WebSessionId=258', 'WebSession=0123456789ABCDEF0123456789ABCDEF']) {
      const r = reply(c);
      expect(ruleIds(r), c).not.toContain('http-server.hikvision-websession-cookie');
      expect(r.manufacturer, c).toBeNull();
    }
  });
});
