// Issue 14, web fingerprint lists of the scanning community (round 2: EHole, kscan/FOFA, yaklang iotdevfp,
// chainreactors templates, WhatWeb, Greenbone, a Tiandy firmware write-up), read end to end through identify.
// The quoted values are the ones the sources name (see the rules' examples); the replies around them are synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { ruleIds as rules, expectNamed } from '../helpers/identify.js';

const html = (body: string) => identifySample('t.json', { protocol: 'http', payload: `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${body}` });

describe('Dahua RTSP Basic realm DahuaRtsp (Greenbone, yaklang iotdevfp, FOFA)', () => {
  const rtsp401 = (realm: string) => identifySample('t.json', {
    protocol: 'rtsp',
    payload: `RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nServer: Rtsp Server/2.0\r\nWWW-Authenticate: Basic realm="${realm}"\r\n\r\n`,
  });

  it('names Dahua on an RTSP 401', () => {
    const r = rtsp401('DahuaRtsp');
    expectNamed(r, 'dahua', 'realm.dahua-rtsp-basic');
  });

  it('a generic RTSP realm does not fire it', () => {
    for (const realm of ['RtspServer', 'device', 'LIVE555 Streaming Media']) expect(rules(rtsp401(realm))).not.toContain('realm.dahua-rtsp-basic');
  });
});

describe('Dahua web client cookie names on the root page (webhacks, FOFA, Dahua clients)', () => {
  it('the page script that sets DHLangCookie30 / DHVideoWHMode names Dahua', () => {
    const r = html('<html><head><title>WEB SERVICE</title><script>$.cookie("DHLangCookie30", lang); $.cookie("DHVideoWHMode", "Adaptive Window");</script></head></html>');
    expectNamed(r, 'dahua', 'body.dahua-web-cookies');
  });

  it('Xiongmai\'s NETSurveillance cookie is not read as Dahua', () => {
    const r = html("<script>var gHashCookie = new Hash.Cookie('NetSuveillanceWebCookie',{duration: 30});</script>");
    expect(rules(r)).not.toContain('body.dahua-web-cookies');
    expect(r.manufacturer).not.toBe('dahua');
  });
});

describe('Hikvision HCNet ActiveX codebase of older DVR/DVS pages (embedded-device table, FOFA)', () => {
  it('NewHCNetActiveX.cab names Hikvision', () => {
    const r = html('<html><head><title>newocx</title></head><body><OBJECT classid="clsid:7B43048F-DA7A-458F-AF35-D825BDBB6816" codebase="../codebase/NewHCNetActiveX.cab#version=1,0,0,1"></OBJECT></body></html>');
    expectNamed(r, 'hikvision', 'body.hikvision-hcnet-activex');
  });

  it('the DM365 white-label NetVideoOCX.cab page names nobody through it', () => {
    const r = html('<object style="width: 450px; height: 350px;" id="NetOCX" codebase="video/NetVideoOCX.cab" classid="clsid:1FB5A5AA-3750-421C-BEA3-6E52FC5F7843" name="ocx"></object>');
    expect(rules(r)).not.toContain('body.hikvision-hcnet-activex');
    expect(r.manufacturer).not.toBe('hikvision');
  });
});

describe('Tiandy web client title and device certificates (zb3/tiandy-research, yaklang iotdevfp)', () => {
  it('the ActiveX web client title names Tiandy (possible alone)', () => {
    for (const title of ['Net Video Browser', '网络视频浏览器']) {
      const r = html(`<html><head><meta charset="gb2312"><title>${title}</title></head><body><object id="NvsVideo"></object></body></html>`);
      expectNamed(r, 'tiandy', 'tiandy.net-video-browser-title');
    }
  });

  it('other camera titles do not fire it', () => {
    for (const title of ['NETSurveillance WEB', 'Network Video Recorder Login', 'Net Video Browser Pro']) expect(rules(html(`<title>${title}</title>`))).not.toContain('tiandy.net-video-browser-title');
  });

  it('both firmware certificates name Tiandy', () => {
    for (const subject of ['C=CN, ST=Tianjin, O=Tiandy Tech, CN=dvr_ui', 'C=CN, ST=Tianjin, L=Tianjin, O=Tiandy Tech Ltd, CN=NetDevice']) {
      const r = identifySample('t.json', { protocol: 'tls', payload: subject });
      expectNamed(r, 'tiandy', 'tls.tiandy-device-cert');
    }
  });
});

describe('TVT web client favicon (yaklang iotdevfp, EHole)', () => {
  it('mmh3 492290497 names TVT', () => {
    const r = identifySample('t.json', { protocol: 'favicon', payload: '492290497' });
    expectNamed(r, 'tvt', 'tvt.favicon-mmh3');
  });
});

describe('other camera makers from the same lists (WhatWeb, Greenbone, GHDB, yaklang iotdevfp)', () => {
  it('the Panasonic network device realm names Panasonic', () => {
    const r = identifySample('t.json', {
      protocol: 'http',
      payload: 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="Panasonic network device", nonce="f59ec912d10650340f08e7d9f3b21cf2", stale="false", algorithm="MD5", qop="auth"\r\nContent-Length: 0\r\n\r\n',
    });
    expectNamed(r, 'panasonic', 'panasonic.network-device-realm');
  });

  it('the MOBOTIX AG meta tags of the camera pages name Mobotix', () => {
    const r = html('<html><head><meta name="publisher" content="MOBOTIX AG, Germany"><meta name="copyright" content="MOBOTIX AG, Germany"><title>M12</title></head></html>');
    expectNamed(r, 'mobotix', 'mobotix.meta-content');
  });

  it('AVTech\'s dashed VIDEO WEB SERVER title names AVTech; the plain words do not', () => {
    const r = html('<html><head><title>--- VIDEO WEB SERVER ---</title></head></html>');
    expectNamed(r, 'avtech', 'avtech.video-web-server-title');
    expect(rules(html('<title>Video Web Server</title>'))).not.toContain('avtech.video-web-server-title');
  });

  it('none of these rules names a high-risk maker', () => {
    for (const r of [html('<title>--- VIDEO WEB SERVER ---</title>'), html('<meta name="author" content="Daniel Kabs, MOBOTIX AG, Kaiserslautern, Germany.">')]) {
      expect(['hikvision', 'dahua', 'uniview', 'xiongmai', 'tiandy', 'tvt', 'huawei', 'zte']).not.toContain(r.manufacturer);
    }
  });
});

describe('Kedacom NVR Station and TVT NVMS web clients (yaklang iotdevfp, a NASL check, the client scripts)', () => {
  it('the NVR Station web title names Kedacom', () => {
    for (const title of ['NVR Station Web', 'nvr_station Web']) {
      const r = html(`<html><head><title>${title}</title></head><body><a href="NVRStationSetup_web.exe">plugin</a></body></html>`);
      expectNamed(r, 'kedacom', 'kedacom.nvr-station-title');
    }
  });

  it('the NVMS-9000 login page language keys name TVT', () => {
    const r = html('<html><head><title></title></head><body><input id="txtUserName"><button id="btnLogin"><span id="IDCS_LOGIN_NBSP"></span></button><script>var pageLangKeys = [\'IDCS_LOGIN_NBSP\', \'IDCS_USERNAME_TIP\', \'IDCS_PASSWORD_TIP\', \'IDCS_WEB_CLIENT\'];</script></body></html>');
    expectNamed(r, 'tvt', 'body.tvt-idcs-lang-keys');
  });

  it('near misses do not fire them', () => {
    expect(rules(html('<title>NVR Station</title>'))).not.toContain('kedacom.nvr-station-title');
    expect(rules(html('<span>IDCS_LOGIN</span>'))).not.toContain('body.tvt-idcs-lang-keys');
  });
});
