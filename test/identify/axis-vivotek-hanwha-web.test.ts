// Issue 14 (attr-i): HTTP forms of camera makers outside the high-risk list, read end to end through identify.
// Axis's ONVIF web-service realm AXIS_WS_<MAC> (realm.axis-mac), Vivotek's getparam.cgi reply (system_info_* lines,
// vivotek.getparam-system-info) and Hanwha/Samsung's iPolis realm on HTTP (rtsp.hanwha-ipolis-realm). The realm,
// nonce and parameter values are the public ones the rules cite; the status lines and headers around them are
// synthetic. Also: AVTECH and GeoVision replies (public values) must never be put on a high-risk maker.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds as rules } from '../helpers/identify.js';

const challenge = (protocol: 'http' | 'rtsp', wwwAuthenticate: string) =>
  identifyText(
    protocol,
    protocol === 'http'
      ? `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: ${wwwAuthenticate}\r\nContent-Length: 0\r\n\r\n`
      : `RTSP/1.0 401 Unauthorized\r\nCSeq: 3\r\nWWW-Authenticate: ${wwwAuthenticate}\r\n\r\n`,
  );

describe('Axis ONVIF web-service realm AXIS_WS_<MAC>', () => {
  it('an HTTP 401 with realm AXIS_WS_<MAC> names Axis and hands the MAC to the OUI look-up', () => {
    const r = challenge('http', 'Digest realm="AXIS_WS_ACCC8E3A0A8F", nonce="000057c3Y810622bff50b36005eb5efeae118626a161bf", stale=FALSE');
    expectNamed(r, 'axis', 'realm.axis-mac');
    expect(rules(r)).toContain('oui.axis');
    expect(r.risk.level).not.toBe('high');
  });

  it('the RTSP 401 of onvif-media/media.amp (realm AXIS_WS_<MAC>) names Axis too', () => {
    const r = challenge('rtsp', 'Digest realm="AXIS_WS_ACCC8E2105E2", nonce="004a7345Y951522c1e3ba51dd0566d20e09583f0aea9aa9", stale=FALSE');
    expectNamed(r, 'axis', 'realm.axis-mac');
  });

  it('the VAPIX realm AXIS_<MAC> still names Axis', () => {
    expectNamed(challenge('http', 'Digest realm="AXIS_B8A44F631339", nonce="abc", qop="auth"'), 'axis', 'realm.axis-mac');
  });

  it('AXIS realms without a MAC name nobody through the rule', () => {
    for (const realm of ['AXIS_X', 'AXIS_WS', 'AXIS_ABC', 'AXIS_WS_ACCC8E3A0A8', 'AXIS']) {
      expect(rules(challenge('http', `Digest realm="${realm}", nonce="abc"`))).not.toContain('realm.axis-mac');
    }
  });
});

describe("Vivotek getparam.cgi reply (system_info_* lines)", () => {
  const reply = (body: string) => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n${body}`);

  it("an IP8131W's four-line reply names Vivotek with the model", () => {
    const r = reply("system_info_modelname='IP8131W'\r\nsystem_info_extendedmodelname='IP8131W'\r\nsystem_info_serialnumber='0002D1322F7D'\r\nsystem_info_firmwareversion='IP8131-VVTK-0100e7'\r\n");
    expectNamed(r, 'vivotek', 'vivotek.getparam-system-info');
    expect(r.model).toBe('IP8131W');
    expect(r.risk.level).not.toBe('high');
  });

  it('a one-line model reply names Vivotek (CC8160, IB9389-EH)', () => {
    for (const [line, model] of [["system_info_modelname='CC8160'", 'CC8160'], ["system_info_modelname='IB9389-EH'", 'IB9389-EH']] as const) {
      const r = reply(`${line}\r\n`);
      expectNamed(r, 'vivotek', 'vivotek.getparam-system-info', line);
      expect(r.model, line).toBe(model);
    }
  });

  it("the serial number line in Vivotek's OUI names Vivotek", () => {
    expectNamed(reply("system_info_serialnumber='0002D1043FD9'\n"), 'vivotek', 'vivotek.getparam-system-info');
  });

  it('empty values, other keys, other OUIs and other makers\' model forms name nobody through the rule', () => {
    for (const body of [
      "system_info_modelname=''\n",
      "modelname='IP8131W'\n",
      "system_info_serialnumber='001122334455'\n",
      "system_info_modelname='DS-2CD2032-I'\n",
      "system_info_modelname='IPC'\n",
    ]) {
      expect(rules(reply(body)), body).not.toContain('vivotek.getparam-system-info');
    }
  });
});

describe('Hanwha / Samsung iPolis realm on HTTP', () => {
  it("Greenbone's quoted header (realm iPolis) and the SUNAPI realm iPolis_<MAC> name Hanwha", () => {
    expectNamed(challenge('http', 'Digest realm="iPolis", nonce="88b833d46115b6c94957bd925b7cb1bc", qop="auth"'), 'hanwha', 'rtsp.hanwha-ipolis-realm');
    expectNamed(challenge('http', 'Digest realm="iPolis_00-09-18-52-39-00", nonce="b42f8a4229a68761bdf247d3f03d5618", qop="auth"'), 'hanwha', 'rtsp.hanwha-ipolis-realm');
  });

  it('the two header lines of the Korean SUNAPI post (realm elided after iPolis_) name Hanwha', () => {
    const r = identifyText(
      'http',
      'WWW-Authenticate: Digest realm="iPolis_...", charset="UTF-8", algorithm="SHA-256", qop="auth"\nWWW-Authenticate: Digest realm="iPolis_...", charset="UTF-8", algorithm="MD5", qop="auth"\n',
    );
    expectNamed(r, 'hanwha', 'rtsp.hanwha-ipolis-realm');
  });
});

describe('AVTECH and GeoVision replies never come out high-risk', () => {
  const samples: Array<[string, string]> = [
    // A Stack Overflow question's raw AVTECH reply (Server header as quoted).
    ['avtech server', 'HTTP/1.0 200 OK\r\nServer: Linux/2.x UPnP/1.0 Avtech/1.0\r\nExpires: 0\r\nPragma: no-cache\r\nConnection: close\r\nContent-Type: video/mpeg4\r\nContent-Length: 5\r\n\r\n0\nOK'],
    // Scanner tables: '::: Login :::' with the Avtech server; Greenbone's VerifyCode error; an AVTECH unsupported-machine page.
    ['avtech login title', 'HTTP/1.1 200 OK\r\nServer: Linux/2.x UPnP/1.0 Avtech/1.0\r\nContent-Type: text/html\r\n\r\n<html><head><title>::: Login :::</title></head></html>'],
    ['avtech verify code', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nERROR: Verify Code is incorrect'],
    ['avtech unsupported', "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\nThis machine is not supported, please visit 'www.avtech.com.tw' for more details."],
    ['avtech machine.cgi', 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nFirmware.Version=1011-1005-1008-1002\nMACAddress=00:0E:53:xx:xx:xx\nProduct.Type=DVR\nProduct.ID=308B'],
    // GeoVision: its server names, its login title, and the Angular login template a scanner table labels GeoVision.
    ['geovision ipcam server', 'HTTP/1.1 200 OK\r\nServer: GeoVision IPCam\r\nContent-Type: text/html\r\n\r\n<html><head><TITLE>GeoVision Inc. - IP Camera</TITLE></head></html>'],
    ['geovision geohttpserver', 'HTTP/1.1 200 OK\r\nServer: GeoHttpServer\r\nContent-Type: text/html\r\n\r\n<html></html>'],
    ['geovision angular login', 'HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>Login</title></head><body><span ng-bind="oLan.login"></span><span>{{szErrorTip}}</span><span ng-bind="oLan.anonymous"></span></body></html>'],
  ];
  const highRisk = new Set(['hikvision', 'dahua', 'uniview', 'xiongmai', 'tiandy', 'tvt', 'huawei', 'zte', 'hytera', 'kedacom']);

  it.each(samples)('%s', (_label, payload) => {
    const r = identifyText('http', payload);
    expect(highRisk.has(String(r.manufacturer))).toBe(false);
    expect(r.risk.level).not.toBe('high');
  });
});

describe('Hanwha (Wisenet) web viewer: title and start path', () => {
  const page = (body: string) => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${body}`);
  const redirect = (location: string) => identifyText('http', `HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`);

  it("the title 'Wisenet WEBVIEWER' names Hanwha", () => {
    expectNamed(page('<html><head><title>Wisenet WEBVIEWER</title></head></html>'), 'hanwha', 'hanwha.title');
  });

  it('a redirect to /wmf/index.html or /home/monitoring.cgi names Hanwha', () => {
    expectNamed(redirect('/wmf/index.html'), 'hanwha', 'hanwha.web-viewer-path');
    expectNamed(redirect('http://192.168.1.100/home/monitoring.cgi'), 'hanwha', 'hanwha.web-viewer-path');
  });

  it("the web viewer's start script (../wmf/index.html, ../home/monitoring.cgi) names Hanwha", () => {
    expectNamed(page('<html><head><script>location.href = "../wmf/index.html";</script></head></html>'), 'hanwha', 'hanwha.web-viewer-path');
    expectNamed(page("<script>$rootScope.monitoringPath = '../home/monitoring.cgi';</script>"), 'hanwha', 'hanwha.web-viewer-path');
  });

  it('other paths and generic viewer titles name nobody through these rules', () => {
    for (const r of [
      page('<html><head><meta http-equiv="refresh" content="0; url=/static/wmf/index.html"></head></html>'),
      page('<a href="/monitoring.cgi">live</a>'),
      redirect('/wmf/index.htm'),
      page('<html><head><title>WEBVIEWER</title></head></html>'),
    ]) {
      expect(rules(r)).not.toContain('hanwha.web-viewer-path');
      expect(rules(r)).not.toContain('hanwha.title');
    }
  });
});

describe("TP-Link's TL-IPC camera line in model fields and WS-Discovery scopes", () => {
  const probeMatch = (name: string, hardware: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Body><d:ProbeMatches><d:ProbeMatch><d:Types>dn:NetworkVideoTransmitter</d:Types><d:Scopes>onvif://www.onvif.org/name/${name} onvif://www.onvif.org/hardware/${hardware} onvif://www.onvif.org/Profile/Streaming</d:Scopes><d:XAddrs>http://192.168.1.60/onvif/device_service</d:XAddrs></d:ProbeMatch></d:ProbeMatches></s:Body></s:Envelope>`;

  it('a TL-IPC model in the hardware scope names TP-Link with the model, never a high-risk maker', () => {
    const r = identifyText('ws-discovery', probeMatch('IPC', 'TL-IPC48AW-PLUS'));
    expectNamed(r, 'tp-link', 'tp-link.tl-ipc-model');
    expect(r.model).toBe('TL-IPC48AW-PLUS');
    expect(r.risk.level).not.toBe('high');
  });

  it('the prefix alone, an error code and a router model do not fire it', () => {
    for (const hw of ['TL-IPC', 'TL-IPC-001', 'TL-WR841N']) {
      expect(rules(identifyText('ws-discovery', probeMatch('IPC', hw))), hw).not.toContain('tp-link.tl-ipc-model');
    }
  });
});

describe('Classic Axis web UI pages (WhatWeb, AXISwebcam-recon)', () => {
  const page = (body: string) => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n${body}`);

  it('the Live View frameset names Axis', () => {
    const r = page('<HTML><FRAMESET ROWS="*,0,0"><FRAME NAME="WhatEver" SRC="/incl/whatever.shtml" SCROLLING=NO MARGINGHEIGHT=0 MARGINWIDTH=0>\n\t<FRAME NAME="Trash" SRC="/view/trash.shtml" SCROLLING=NO MARGINGHEIGHT=0 MARGINWIDTH=0></FRAMESET></HTML>');
    expectNamed(r, 'axis', 'axis.web-ui-paths');
    expect(r.risk.level).not.toBe('high');
  });

  it('a redirect to /view/viewer_index.shtml or /view/view.shtml names Axis', () => {
    for (const location of ['/view/viewer_index.shtml?id=722', 'http://192.0.2.7:8588/view/view.shtml']) {
      expectNamed(identifyText('http', `HTTP/1.1 302 Found\r\nLocation: ${location}\r\nContent-Length: 0\r\n\r\n`), 'axis', 'axis.web-ui-paths', location);
    }
  });

  it('/view/index.shtml, VAPIX paths and look-alike paths name nobody through the rule', () => {
    for (const body of ['<meta http-equiv="refresh" content="0; URL=/view/index.shtml">', '<img src="/axis-cgi/mjpg/video.cgi">', '<a href="/myview/view.shtml">x</a>', '<a href="/view/view.shtml.bak">x</a>']) {
      expect(rules(page(body)), body).not.toContain('axis.web-ui-paths');
    }
  });
});

describe("Mercury (TP-Link's Chinese brand) camera realm", () => {
  it("'MERCURY IP-Camera' on HTTP and RTSP names TP-Link, brand Mercury", () => {
    const http = challenge('http', 'Basic realm="MERCURY IP-Camera"');
    expectNamed(http, 'tp-link', 'tp-link.mercury-camera-realm');
    const rtsp = challenge('rtsp', 'Digest realm="MERCURY IP-Camera", nonce="a697d0cb548de1b33a072820fb2732ad"');
    expectNamed(rtsp, 'tp-link', 'tp-link.mercury-camera-realm');
    expect(rtsp.risk.level).not.toBe('high');
  });

  it('the bare brand word and generic realms do not fire it', () => {
    for (const realm of ['MERCURY', 'IP-Camera', 'MERCURY IP-Camera 2']) {
      expect(rules(challenge('http', `Basic realm="${realm}"`)), realm).not.toContain('tp-link.mercury-camera-realm');
    }
  });
});

describe('Milesight web UI title', () => {
  const page = (title: string) => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><head><title>${title}</title></head></html>`);

  it("'Milesight Network Camera' names Milesight", () => {
    expectNamed(page('Milesight Network Camera'), 'milesight', 'milesight.title');
  });

  it('generic and other makers\' titles of the same form do not fire it', () => {
    for (const title of ['Network Camera', 'Alphafinity Network Camera', 'Milesight']) expect(rules(page(title)), title).not.toContain('milesight.title');
  });
});
