// Round 7 (issue 14): Dahua and Uniview signals written from what the makers' devices do in general, each checked
// end to end through identify. Inputs are synthetic: assembled from the public values the rules cite
// (fingerprints/rules/*.json examples), not copied device replies.
import { describe, expect, it } from 'vitest';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const DAHUA_PUBLIC = 'OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, TEARDOWN, SET_PARAMETER, GET_PARAMETER';
const rtspOptions = (lines: string): string => `RTSP/1.0 200 OK\r\nCSeq: 2\r\n${lines}\r\n`;
const devinfo = (m: string, model: string, fw: string, sn: string): string =>
  `<tds:GetDeviceInformationResponse><tds:Manufacturer>${m}</tds:Manufacturer><tds:Model>${model}</tds:Model>` +
  `<tds:FirmwareVersion>${fw}</tds:FirmwareVersion><tds:SerialNumber>${sn}</tds:SerialNumber></tds:GetDeviceInformationResponse>`;

describe('Dahua RTSP OPTIONS method list (synthetic replies)', () => {
  it('names Dahua from the list alone, and more firmly beside Rtsp Server/3.0', () => {
    const alone = expectNamed(identifyText('rtsp', rtspOptions(`Public: ${DAHUA_PUBLIC}\r\n`)), 'dahua', 'rtsp.dahua-public-methods');
    expect(alone.confidence).toBe('possible');
    const both = expectNamed(identifyText('rtsp', rtspOptions(`Server: Rtsp Server/3.0\r\nPublic: ${DAHUA_PUBLIC}\r\n`)), 'dahua', 'rtsp.dahua-public-methods');
    expect(both.confidence).toBe('probable');
  });
  it("does not read Axis's, LIVE555's or Hikvision's lists as Dahua's", () => {
    for (const list of [
      'OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, PAUSE, TEARDOWN, GET_PARAMETER, SET_PARAMETER, REDIRECT',
      'OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, PAUSE, GET_PARAMETER, SET_PARAMETER',
      'OPTIONS, DESCRIBE, PLAY, PAUSE, SETUP, TEARDOWN, SET_PARAMETER, GET_PARAMETER',
    ]) {
      const r = identifyText('rtsp', rtspOptions(`Public: ${list}\r\n`));
      expect(ruleIds(r), list).not.toContain('rtsp.dahua-public-methods');
      expect(r.manufacturer, list).not.toBe('dahua');
    }
  });
});

describe('Dahua device information (synthetic ONVIF replies with public values)', () => {
  it('reads the V-prefixed firmware and the Amcrest serial of an OEM unit that hides its maker', () => {
    const r = identifyText('onvif', devinfo('ONVIF', 'IP5M', 'V2.800.00AC003.0.R', 'AMC094B09882D5F152'));
    expectNamed(r, 'dahua', 'firmware.dahua-version');
    expect(ruleIds(r)).toContain('serial.amcrest-format');
  });
  it('reads recorder and PTZ model numbers without the letters the old pattern wanted', () => {
    for (const model of ['NVR5216-4KS2', 'DH-NVR5232-4KS3/I', 'SD49225XA-HNR', 'SD1A404XB-GNR']) {
      expectNamed(identifyText('onvif', devinfo('General', model, '', '')), 'dahua', 'model.dahua-family', model);
    }
  });
  it("leaves TP-Link VIGI's and Uniview's recorder numbers alone", () => {
    expect(ruleIds(identifyText('onvif', devinfo('General', 'NVR1104H-4P', '', '')))).not.toContain('model.dahua-family');
    expect(identifyText('onvif', devinfo('General', 'NVR302-16S2', '', '')).manufacturer).not.toBe('dahua');
  });
});

describe('Uniview platform-prefixed firmware (synthetic ONVIF replies with public values)', () => {
  it('names Uniview behind an OEM name from the DIPC/QIPC/GIPC firmware forms', () => {
    for (const fw of ['DIPC-B1232.9.3.C00010.251208', 'QIPC-B2202.10.17.C06222.L61.NB.250307', 'GIPC-B6202.SMD-20220629.220629']) {
      expectNamed(identifyText('onvif', devinfo('SUNBA', 'Performance-Series', fw, '')), 'uniview', 'firmware.uniview-version', fw);
    }
  });
  it('does not read another prefix or a bare platform code', () => {
    for (const fw of ['XIPC-B1232.9.3', 'DIPC-B1232']) {
      expect(ruleIds(identifyText('onvif', devinfo('SUNBA', 'X', fw, ''))), fw).not.toContain('firmware.uniview-version');
    }
  });
});

describe("Dahua CGI refusals and the old CGI's Basic realm (synthetic replies with public values)", () => {
  it('names Dahua from the two-line refusal, bare or inside an HTTP 401', () => {
    expectNamed(identifyText('dahua-cgi', 'Error\r\nInvalid Authority!\r\n'), 'dahua', 'body.dahua-cgi-refusal');
    expectNamed(identifyText('http', 'HTTP/1.1 401 Unauthorized\r\nCONTENT-LENGTH: 28\r\n\r\nError\r\nAuthorization Failed!\r\n'), 'dahua', 'body.dahua-cgi-refusal');
  });
  it('leaves the generic Bad Request form and a bare message alone', () => {
    expect(identifyText('dahua-cgi', 'Error\r\nBad Request!\r\n').manufacturer).toBeNull();
    expect(identifyText('http', 'HTTP/1.1 401 Unauthorized\r\nContent-Type: text/plain\r\n\r\nInvalid Authority!').manufacturer).toBeNull();
  });
  it('reads Basic realm="Device_CGI"', () => {
    expectNamed(identifyText('http', 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="Device_CGI"\r\n\r\n'), 'dahua', 'realm.dahua-device-cgi');
  });
});

describe("Dahua's newer header style and Uniarch's self-report (synthetic replies with public values)", () => {
  it('reads the upper-case header style with security headers between CONTENT-LENGTH and CONTENT-TYPE', () => {
    const head = 'HTTP/1.1 200 OK\r\nCONNECTION: close\r\nLast-Modified: Thu, 22 Nov 2018 16:32:26 GMT\r\nEtag: "1542904346:5519"\r\nCONTENT-LENGTH: 0\r\nP3P: CP=CAO PSA OUR\r\nX-Frame-Options: SAMEORIGIN\r\nCONTENT-TYPE: text/html\r\n\r\n';
    expectNamed(identifyText('http', head), 'dahua', 'http-server.dahua-header-shape');
    const ordinary = 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\nX-Frame-Options: SAMEORIGIN\r\nContent-Type: text/html\r\n\r\n';
    expect(ruleIds(identifyText('http', ordinary))).not.toContain('http-server.dahua-header-shape');
  });
  it('names Uniview from ONVIF Manufacturer Uniarch', () => {
    const r = identifyText('onvif', devinfo('Uniarch', 'Uho-S2E-M3', '', ''));
    expect(r.manufacturer).toBe('uniview');
  });
});

describe('nmap script blocks as Plum-Island posts them (synthetic post with the public values of D4-project/Plum-Island #204)', () => {
  const post = [
    'http-headers', '  CONNECTION: keep-alive', '  CONTENT-LENGTH: 10639', '  P3P: CP=CAO PSA OUR', '  CONTENT-TYPE: text/html', '  ', '  (Request type: HEAD)',
    'http-mm-sha-favicon', '  favicon_file: /favicon.ico', '  favicon_mmhash: 1653394551',
    'http-title', 'WEB',
    'ssl-cert', 'Subject', '    CN: 192.168.2.70', 'Issuer', '    CN: Dahua\\xC2\\xA0Device\\xC2\\xA0NVR\\xC2\\xA0CA', '    Org: Zhejiang\\xC2\\xA0Dahua\\xC2\\xA0Technology\\xC2\\xA0Co.,Ltd.',
  ].join('\n');
  it('reads the headers, the favicon hash and the escaped certificate issuer', () => {
    const r = expectNamed(identifyText('nmap', post), 'dahua', 'tls.dahua-device-ca');
    expect(ruleIds(r)).toEqual(expect.arrayContaining(['favicon.dahua-mmh3', 'http-server.dahua-header-shape']));
  });
  it('reads nothing from a script name that only appears inside a sentence', () => {
    expect(identifyText('nmap', 'we ran ssl-cert and http-title against it').manufacturer).toBeNull();
  });
});

describe('model and serial rules read identity keys in any document (synthetic LAPI-style JSON with public values)', () => {
  it('names Uniview from a DeviceModel; the 210235… SerialNumber beside it is not read from a document', () => {
    const r = identifyText('http', '{"DeviceModel":"IPC2122LR3-PF40-A","SerialNumber":"210235UEC3Q263000129"}');
    expectNamed(r, 'uniview', 'model.uniview-family');
    expect(ruleIds(r)).not.toContain('serial.uniview-format');
  });
  it("a document's 210235… serial alone names nobody: H3C and Huawei gear number serials the same way (synthetic)", () => {
    expect(identifyText('http', '{"DeviceName":"switch","SerialNumber":"210235A1JQB123000456"}').manufacturer).toBeNull();
  });
});

describe("Dahua's DH- model prefix beyond the listed families (synthetic ONVIF replies with public model numbers)", () => {
  it('names Dahua from DH-T4A-PV and DH-2H3400-ADP, and leaves listed families to model.dahua-family', () => {
    for (const model of ['DH-T4A-PV', 'DH-2H3400-ADP']) expectNamed(identifyText('onvif', devinfo('General', model, '', '')), 'dahua', 'model.dahua-dh-prefix', model);
    expect(ruleIds(identifyText('onvif', devinfo('General', 'DH-IPC-HFW1230S', '', '')))).not.toContain('model.dahua-dh-prefix');
    expect(identifyText('onvif', devinfo('General', 'DH-IPC', '', '')).manufacturer).toBeNull();
  });
});
