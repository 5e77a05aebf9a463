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
