// `camaudit identify` on fragments in the forms people publish them (issue 14 item 4), each read end to end
// through identifySample (label → unwrap → forms → sniff → documents → rules → attribution) or the CLI.
// Real published fragments name their source; synthetic ones say "synthetic" and what they are built from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { identifySample, type IdentifyResult } from '../../src/identify/identify.js';
import { evidenceFromSample } from '../../src/identify/input.js';
import { routeOf } from '../../src/identify/protocols.js';
import { capturePayload, readCapture } from '../helpers/captures.js';
import { runCli } from '../helpers/cli.js';
import { expectNamed } from '../helpers/identify.js';

const FRAGMENTS = path.join(import.meta.dirname, 'fragments');
const fragment = (name: string): string => readFileSync(path.join(FRAGMENTS, name), 'utf8');

const id = (protocol: string, payload: unknown): IdentifyResult => identifySample('t', { protocol, payload });
/** The fields identify read, by kind (what the rules saw). */
const fields = (protocol: string, payload: unknown, kind: string): Array<Record<string, unknown>> =>
  evidenceFromSample(protocol, payload)
    .filter((e) => e.kind === kind)
    .map((e) => e.fields);
const rules = (r: IdentifyResult): Array<string | null> => r.evidence.map((e) => e.rule);

describe('header lines and bare values', () => {
  it('a WWW-Authenticate header line on its own (scottlamb/retina issue #62, a Dahua camera 401)', () => {
    const r = id('rtsp', 'WWW-Authenticate: Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"');
    expectNamed(r, 'dahua', 'realm.dahua-login-to-serial');
  });

  it('a Server header line on its own (Recog http_servers example "uc-httpd 1.0.0", Xiongmai)', () => {
    const r = id('http', 'Server: uc-httpd 1.0.0');
    expectNamed(r, 'xiongmai', 'http-server.uc-httpd');
  });

  it('several header lines with no status line (the headers of corpus hikvision-http-3, status line removed)', () => {
    const wire = capturePayload('hikvision-http-3');
    const headersOnly = wire.split(/\r?\n\r?\n/)[0]!.split(/\r?\n/).slice(1).join('\r\n');
    expect(headersOnly).not.toMatch(/^HTTP\//);
    const r = id('http', headersOnly);
    expect(r.manufacturer).toBe('hikvision');
    expect(r.evidence.find((e) => e.field === 'http.server')?.value).toBe('DNVRS-Webs');
  });

  it('a bare header value (Recog http_servers "DNVRS-Webs", "Hikvision-Webs"; "App-webs/" from corpus hikvision-http-3 family)', () => {
    for (const v of ['DNVRS-Webs', 'Hikvision-Webs', 'App-webs/']) {
      const r = id('http', v);
      expect(r.manufacturer, v).toBe('hikvision');
    }
  });

  it('a header line with the body pasted right under it, the blank line lost (capture dev/hikvision-http-215, a 401 copied out of Wireshark on jishuzhan.net)', () => {
    const wire = capturePayload('hikvision-http-215', 'dev');
    expect(wire).toMatch(/^WWW-Authenticate: [^\n]*\r?\n<!DOCTYPE html>/);
    const r = id('http', wire);
    expectNamed(r, 'hikvision', 'realm.hikvision-ip-camera-code');
    const ev = evidenceFromSample('http', wire).find((e) => e.kind === 'http')!;
    expect(ev.notes).toContain('decoded form: the blank line between the headers and the body put back');
    expect(String(ev.fields.body)).toMatch(/^<!DOCTYPE html>/);
  });

  it('a header with a folded value, or a body that already follows a blank line, is left as it is (synthetic)', () => {
    const folded = 'Server: a\r\nX-Note: one\r\n two\r\n\r\n<html></html>';
    const ev = evidenceFromSample('http', folded).find((e) => e.kind === 'http')!;
    expect(ev.notes).not.toContain('decoded form: the blank line between the headers and the body put back');
    expect(ev.fields.server).toBe('a');
    expect(String(ev.fields.body)).toBe('<html></html>');
  });

  it('a WWW-Authenticate value alone (corpus tplink-http-1) stays a realm, not a Server value', () => {
    const ev = fields('http', capturePayload('tplink-http-1'), 'http');
    expect(ev[0]!['auth.realm']).toBe('TP-LINK Wireless N Router WR841N');
    expect(ev[0]!.server).toBeUndefined();
  });
});

describe('bodies with no status line, whole or cut off', () => {
  it('an HTML page alone (corpus hikvision-http-2)', () => {
    expect(fields('http', capturePayload('hikvision-http-2'), 'http')[0]!.title).toBe('Document Error: Unauthorized');
  });

  it('an ISAPI XML document in any namespace-bearing form (capture dev/hikvision-isapi-15, SessionLoginCap)', () => {
    const r = id('isapi', capturePayload('hikvision-isapi-15', 'dev'));
    expectNamed(r, 'hikvision', 'isapi.hikvision-namespace');
  });

  it('a JSON body labelled http (GainSec/DigitalAlly-ThermoVu-Uniview-Security-Research NOTES/LAPI.md: LAPI DeviceBasicInfo of a Uniview-made ThermoVu)', () => {
    const lapi = '{\n  "Response": {\n    "ResponseURL": "/LAPI/V1.0/System/DeviceBasicInfo",\n    "DeviceType": "IPC",\n    "ProductModel": "OET-213H-NB-WH",\n    "SerialNo": "210235B8GR321B000XXX",\n    "FirmwareVersion": "IPC_G6103-B0011P05D1812"\n  }\n}';
    const r = id('http', lapi);
    expect(r.manufacturer).toBe('uniview');
    expect(rules(r)).toEqual(expect.arrayContaining(['body.uniview-lapi', 'firmware.uniview-version']));
  });

  it('truncated JSON: the Sofia login reply of alexshpilkin/dvrip test_dvrip.py, cut mid-value (truncation synthetic)', () => {
    const whole = '{ "AliveInterval" : 21, "ChannelNum" : 4, "DataUseAES" : false, "DeviceType " : "HVR", "ExtraChannel" : 0, "Ret" : 100, "SessionID" : "0x00000057" }';
    for (const cut of [whole, whole.slice(0, 120), whole.slice(0, 100)]) {
      const r = id('dvrip', cut);
      expect(r.manufacturer, cut).toBe('xiongmai');
      expect(rules(r)).toContain('doc.xiongmai-sofia');
    }
  });

  it('truncated XML: the DeviceInfo of mezz64/pyHik test/test_isapi.py cut inside <serialNumber> (truncation synthetic)', () => {
    const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<DeviceInfo version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">\n    <deviceName>Test Camera</deviceName>\n    <model>DS-2CD2142FWD-I</model>\n    <serialNumber>DS-2CD2142FWD-I2017';
    const r = id('http', xml);
    expect(r.manufacturer).toBe('hikvision');
    expect(r.model).toBe('DS-2CD2142FWD-I');
  });
});

describe('dumps: curl -v, loggers, transcripts', () => {
  it('curl -v TLS notes and request lines (rroller/dahua issue #647): the issuer names Dahua', () => {
    const dump = [
      '* Connected to 192.168.20.92 (192.168.20.92) port 443',
      '* SSL connection using TLSv1.2 / ECDHE-RSA-AES256-GCM-SHA384',
      '* Server certificate:',
      '*  subject: CN=192.168.20.92; C=CN',
      '*  start date: Aug  5 11:29:38 2024 GMT',
      '*  expire date: Jul 30 11:29:38 2054 GMT',
      '*  issuer: CN=NVR; C=CN; ST=Zhejiang; L=Hangzhou; O=ZheJiang Dahua Technology CO.,LTD.; OU=NVR',
      '*  SSL certificate verify result: unable to get local issuer certificate (20), continuing anyway.',
      "* Server auth using Digest with user 'XX'",
      '> GET /cgi-bin/configManager.cgi?action=setConfig&Lighting_V2%5B3%5D%5B0%5D%5B1%5D.Mode=Off HTTP/1.1',
      '> Host: 192.168.20.92',
    ].join('\n');
    const r = id('http', dump);
    expectNamed(r, 'dahua', 'tls.dahua-device-ca');
    expect(fields('http', dump, 'tls')[0]!['issuer.O']).toBe('ZheJiang Dahua Technology CO.,LTD.');
  });

  it("curl -v '< ' response lines are read as a reply, not as an HTTP/0.9 body (capture dev/tvt-http-11, mcw0/PoC TVT advisory)", () => {
    const ev = fields('http', capturePayload('tvt-http-11', 'dev'), 'http');
    expect(ev[0]).toMatchObject({ status: 200, contentType: 'text/xml', version: 'HTTP/1.1' });
    expect(ev.some((f) => f.version === 'HTTP/0.9')).toBe(false);
  });

  it('a curl -v RTSP dump (Ullaakut/cameradar issue #199, a Hanwha iPOLiS camera)', () => {
    const dump = '*   Trying 10.132.250.29...\n* TCP_NODELAY set\n* Connected to 10.132.250.29 (10.132.250.29) port 554 (#0)\n> DESCRIBE rtsp://:@10.132.250.29:554/profile2/media.smp RTSP/1.0\nCSeq: 1\nAccept: application/sdp\n\n< RTSP/1.0 401 Unauthorized\n< CSeq: 1\n< Date: Thu, 23 May 2019 02:55:10 GMT\n< Expires: Thu, 23 May 2019 02:55:10 GMT\n< Cache-Control: must-revalidate\n< WWW-Authenticate: Digest realm="iPOLiS", nonce="2CB39FCBBE5843DA3430129B4EA1414C"\n< \n* Connection #0 to host 10.132.250.29 left intact';
    const r = id('rtsp', dump);
    expect(r.manufacturer).toBe('hanwha');
  });

  it('a request/reply transcript with CR/LF written as text (scottlamb/retina issue #62)', () => {
    const t = 'DESCRIBE rtsp://192.168.8.20:554/cam/realmonitor?channel=1&subtype=0 RTSP/1.0\\r\\n\nAccept: application/sdp\\r\\n\nCSeq: 1\\r\\n\nUser-Agent: Retina mp4 example\\r\\n\n\\r\\n\n\nRTSP/1.0 401 Unauthorized\\r\\n\nCSeq: 1\\r\\n\nWWW-Authenticate: Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"\\r\\n\n\\r\\n';
    const r = id('rtsp', t);
    expect(r.manufacturer).toBe('dahua');
    expect(fields('rtsp', t, 'rtsp')[0]).toMatchObject({ status: 401, 'auth.realm': 'Login to 4K01FD2PAJ6E3FF' });
  });

  it('a logger-marked dump (corpus uniview-http-2: <<< RESPONSE <<<)', () => {
    expect(fields('http', capturePayload('uniview-http-2'), 'http')[0]!.server).toBe('gSOAP/2.7');
  });

  it('timestamped Home Assistant-style lines, [debug] prefixes and urllib3 lines (synthetic, around the realm of scottlamb/retina issue #62)', () => {
    const ha = [
      '2023-01-01 10:00:00.123 DEBUG (MainThread) [custom_components.dahua] <<< RESPONSE <<<',
      '2023-01-01 10:00:00.124 DEBUG (MainThread) [custom_components.dahua] HTTP/1.1 401 Unauthorized',
      '2023-01-01 10:00:00.125 DEBUG (MainThread) [custom_components.dahua] WWW-Authenticate: Digest realm="Login to 4K01FD2PAJ6E3FF", qop="auth"',
    ].join('\n');
    const bracket = ['[debug] HTTP/1.1 401 Unauthorized', '[debug] Server: DNVRS-Webs', '[debug] Content-Length: 0'].join('\n');
    const urllib3 = [
      'DEBUG:urllib3.connectionpool:Starting new HTTP connection (1): 192.168.1.64:80',
      'DEBUG:urllib3.connectionpool:http://192.168.1.64:80 "GET /ISAPI/System/deviceInfo HTTP/1.1" 401 None',
      "send: b'GET /ISAPI/System/deviceInfo HTTP/1.1\\r\\nHost: 192.168.1.64\\r\\n\\r\\n'",
      "reply: 'HTTP/1.1 401 Unauthorized\\r\\n'",
      'header: Server: App-webs/',
      'header: WWW-Authenticate: Digest qop="auth", realm="IP Camera(C6380)", nonce="4e54"',
    ].join('\n');
    expect(id('https', ha).manufacturer).toBe('dahua');
    expect(id('http', bracket).manufacturer).toBe('hikvision');
    const r = id('http', urllib3);
    expect(r.manufacturer).toBe('hikvision');
    expect(fields('http', urllib3, 'http')[0]!.path).toBe('/ISAPI/System/deviceInfo');
  });

  it('a Python logging line with an xmltodict OrderedDict of the userCheck 401 (capture dev/hikvision-isapi-17, Tedyst/HikLoad issue #7)', () => {
    const r = id('isapi', capturePayload('hikvision-isapi-17', 'dev'));
    expectNamed(r, 'hikvision', 'body.hikvision-usercheck');
  });

  it('a 401 userCheck body inside an http capture (synthetic: the userCheck body of Tedyst/HikLoad issue #7 behind a Hikvision Webs 401 header)', () => {
    const wire = 'HTTP/1.1 401 Unauthorized\r\nServer: Webs\r\nContent-Type: application/xml; charset="UTF-8"\r\nWWW-Authenticate: Digest realm="c504892f438ee5f2114e9fdd", qop="auth"\r\n\r\n<?xml version="1.0" encoding="UTF-8" ?>\n<userCheck>\n<statusValue>401</statusValue>\n<statusString>Unauthorized</statusString>\n</userCheck>\n';
    const r = id('http', wire);
    expectNamed(r, 'hikvision', 'body.hikvision-usercheck');
  });

  it('an ISAPI namespace inside an http capture (synthetic header around the StreamingChannelList of mezz64/pyHik test/test_isapi.py)', () => {
    const wire = 'HTTP/1.1 200 OK\r\nContent-Type: application/xml\r\n\r\n<?xml version="1.0" encoding="UTF-8"?>\n<StreamingChannelList version="2.0" xmlns="http://www.isapi.org/ver20/XMLSchema">\n<StreamingChannel version="2.0"><id>101</id><channelName>Camera 01</channelName></StreamingChannel>\n</StreamingChannelList>';
    expect(id('http', wire).manufacturer).toBe('hikvision');
  });
});

describe('printed structures', () => {
  it("dict-printed JSON with True/False/None (capture dev/dahua-rpc2-12, naveenrobo/dahua-ip-cam-sdk issue #6: {'error': …, 'result': False})", () => {
    const r = id('rpc2', capturePayload('dahua-rpc2-12', 'dev'));
    expectNamed(r, 'dahua', 'doc.dahua-rpc2');
  });

  it("a Python-printed Sofia reply (OpenIPC/python-dvr README.md: {'Name': 'OPFeedBook', 'Ret': 100, 'SessionID': '0x00000018'})", () => {
    const r = id('sofia', "{'Name': 'OPFeedBook', 'Ret': 100, 'SessionID': '0x00000018'}");
    expect(r.manufacturer).toBe('xiongmai');
  });

  it('a DHIP frame dump with the RPC2 login challenge (capture dev/imou-dhip-11, rroller/dahua issue #6)', () => {
    const r = id('dhip', capturePayload('imou-dhip-11', 'dev'));
    expect(r.manufacturer).toBe('dahua');
    expect(fields('dhip', capturePayload('imou-dhip-11', 'dev'), 'doc')[0]).toMatchObject({ shape: 'rpc2', realm: 'Login to 907F3C6C73FEDA77' });
  });

  it('a quoted Python string literal with \\r\\n escapes (synthetic: the version of capture dev/dahua-rpc2-11 printed as a Python str)', () => {
    const t = "'version=2.800.15OG004.0.R\\r\\nBuildDate=2020-10-19'";
    expect(id('dahua-cgi', t).manufacturer).toBe('dahua');
    expect(fields('dahua-cgi', t, 'dahuacgi')[0]).toMatchObject({ version: '2.800.15OG004.0.R', BuildDate: '2020-10-19' });
  });

  it('several JSON values printed one after another (capture dev/dahua-rpc2-11, ItsNotGoodName/dahua-rpc README.md)', () => {
    const r = id('rpc2', capturePayload('dahua-rpc2-11', 'dev'));
    expectNamed(r, 'dahua', 'firmware.dahua-version');
  });
});

describe('tool printouts', () => {
  it('comma-separated `Key: value` pairs on one line (capture dev/hiwatch-isapi-1, centreon/centreon-plugins issue #4734): the serial format names Hikvision', () => {
    const r = id('isapi', capturePayload('hiwatch-isapi-1', 'dev'));
    expectNamed(r, 'hikvision', 'serial.hikvision-format');
  });

  it('identity keys in `Key: value` lines name the maker they state, and a broad value names nobody (synthetic printouts: UNIVIEW; ONVIF/General/NONE/H264)', () => {
    expect(id('http', 'Manufacturer: UNIVIEW\nModel: IPC322LR3-VSPF28-D\nFirmwareVersion: IPC_G6103-B0011P05D1812').manufacturer).toBe('uniview');
    for (const broad of ['ONVIF', 'General', 'NONE', 'H264']) {
      const r = id('http', `Manufacturer: ${broad}\nModel: IPC\nSerialNumber: 123456789`);
      expect(r.manufacturer, broad).toBeNull();
    }
  });

  it('a DahuaConsole `device` listing (capture dev/imou-dvrip-1, rroller/dahua issue #6): the firmware naming names Dahua', () => {
    const r = id('dvrip', capturePayload('imou-dvrip-1', 'dev'));
    expectNamed(r, 'dahua', 'firmware.dahua-version');
  });

  it('a Python tuple of bare values (capture dev/amcrest-dahua-cgi-14, tchellomello/python-amcrest issue #207)', () => {
    const r = id('dahua-cgi', capturePayload('amcrest-dahua-cgi-14', 'dev'));
    expect(r.manufacturer).toBe('dahua');
    expect(fields('dahua-cgi', capturePayload('amcrest-dahua-cgi-14', 'dev'), 'doc')[0]!.values).toContain('2.800.0000000.15.R');
  });

  it("a trace whose only realm is the one the client's Authorization repeats (capture dev/lorex-rtsp-1, AlexxIT/go2rtc issue #1594)", () => {
    const r = id('rtsp', capturePayload('lorex-rtsp-1', 'dev'));
    expectNamed(r, 'dahua', 'realm.dahua-login-to-serial');
  });

  it('go2rtc lines inside Home Assistant log lines (capture dev/ezviz-rtsp-3, AlexxIT/WebRTC issue #551): both prefixes come off', () => {
    expect(fields('rtsp', capturePayload('ezviz-rtsp-3', 'dev'), 'rtsp')[0]).toMatchObject({ status: 200, contentBase: 'rtsp://192.168.x.x:554/h264_stream/' });
  });
});

describe('documents inside other text', () => {
  it("JSON replies inside a dissector's table of messages (capture dev/dahua-dvrip-2, r4bit999/dvrip-analysis Netzob output)", () => {
    const r = id('dvrip', capturePayload('dahua-dvrip-2', 'dev'));
    expectNamed(r, 'dahua', 'doc.dahua-rpc2');
  });

  it("a quoted literal with escaped line ends inside such a table: DVRIP's Realm/Random login challenge (capture dev/dahua-dvrip-1)", () => {
    const r = id('dvrip', capturePayload('dahua-dvrip-1', 'dev'));
    expect(r.manufacturer).toBe('dahua');
    expect(fields('dvrip', capturePayload('dahua-dvrip-1', 'dev'), 'doc')[0]).toMatchObject({ shape: 'dvrip-login', realm: 'Login to 421592117ae7e3d0347d203dc8e04774' });
  });
});

describe('certificates and distinguished names', () => {
  const want = 'CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN'; // Recog x509_subjects
  it('OpenSSL 1.1+ `subject=C = CN, …`, OpenSSL 1.0 `/C=CN/…`, RFC 4514, nmap ssl-cert (the Recog x509_subjects Hikvision subject in each form)', () => {
    for (const [p, dn] of [
      ['tls', 'subject=C = CN, ST = ZheJiang, L = HangZhou, O = HIKVISION, OU = DVRNVR, CN = www.hikvision.com'],
      ['x509', 'subject= /C=CN/ST=ZheJiang/L=HangZhou/O=HIKVISION/OU=DVRNVR/CN=www.hikvision.com'],
      ['certificate', want],
      ['cert', '| ssl-cert: Subject: commonName=www.hikvision.com/organizationName=HIKVISION/stateOrProvinceName=ZheJiang/countryName=CN'],
      ['x509_subjects', want],
    ] as const) {
      const r = id(p, dn);
      expect(r.manufacturer, dn).toBe('hikvision');
    }
  });

  it('`openssl x509 -text` output (made with the openssl CLI from the Recog x509_subjects Hikvision subject)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-x509text-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '30', '-subj', '/C=CN/ST=ZheJiang/L=HangZhou/O=HIKVISION/OU=DVRNVR/CN=www.hikvision.com'], { stdio: 'ignore' });
      const text = execFileSync('openssl', ['x509', '-in', path.join(dir, 'c.pem'), '-noout', '-text'], { encoding: 'utf8' });
      const r = id('x509', text);
      expect(r.manufacturer).toBe('hikvision');
      const tls = fields('x509', text, 'tls')[0]!;
      expect(tls).toMatchObject({ subject: want, issuer: want, keyBits: 2048, keyType: 'rsa', selfSigned: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('nmap renderings', () => {
  it('a service fingerprint (SF-Port…%r(GetRequest,…,"escaped")) is unescaped and its reply read (KostasEreksonas/Besder-6024PB-XMA501-ip-camera-security-investigation README.md)', () => {
    const sf = fragment('besder-xma501-nmap-sf.txt');
    const http = fields('nmap', sf, 'http');
    expect(http[0]).toMatchObject({ status: 200, title: 'NETSurveillance WEB', contentType: 'text/html' });
    expect(http.length).toBe(2); // GetRequest and HTTPOptions
    expect(() => id('nmap', sf)).not.toThrow();
  });

  it('a service fingerprint with a Server header names the maker (synthetic: the Besder reply with the Recog http_servers value uc-httpd 1.0.0)', () => {
    const sf = 'SF-Port80-TCP:V=7.98%I=7%D=1/20%Time=696FBCEC%P=x86_64-pc-linux-gnu%r(GetR\nSF:equest,5A,"HTTP/1\\.0\\x20200\\x20OK\\r\\nServer:\\x20uc-httpd\\x201\\.0\\.0\\r\\nContent-type:\\x20text/html\\r\\n\\r\\n<title>NETSurveillance\\x20WEB</title>");';
    expect(id('banner', sf).manufacturer).toBe('xiongmai');
  });

  it('nmap fingerprint-strings blocks (Ullaakut/cameradar issue #181: RTSP Server "ALi feng"; ant-thomas/zsgx1hacks issue #35: telnet banner)', () => {
    const rtspNse = '554/tcp  open   rtsp\n| fingerprint-strings:\n|   FourOhFourRequest:\n|     RTSP/1.0 505 RTSP Version Not Supported\n|     Server: ALi feng/2.1.0_rc1\n|     Date: Week 4, 1 Mon0 0070 22:12:16 GMT\n|   RTSPRequest:\n|     RTSP/1.0 400 Bad Request\n|     Server: ALi feng/2.1.0_rc1\n|_    Date: Week 4, 1 Mon0 0070 22:12:06 GMT';
    expect(fields('nmap', rtspNse, 'rtsp').map((f) => f.server)).toEqual(['ALi feng/2.1.0_rc1', 'ALi feng/2.1.0_rc1']);
    const telnetNse = '23/tcp   open  telnet\n| fingerprint-strings: \n|   NULL: \n|_    CAMERA login:';
    expect(fields('nmap', telnetNse, 'telnet')[0]!.banner).toBe('CAMERA login:');
  });
});

describe('labels: synonyms, Recog file names and unknown labels never fail', () => {
  it('every synonym the brief names has a route (issue 20: wsd, upnp, dvrip are reachable)', () => {
    const want: Record<string, string> = {
      https: 'http', onvif: 'onvif', soap: 'onvif', wsd: 'ws-discovery', upnp: 'upnp-xml', dvrip: 'dvrip', sofia: 'dvrip', rpc2: 'rpc2', lapi: 'lapi',
      x509: 'tls', cert: 'tls', certificate: 'tls', banner: 'banner', http_servers: 'http.server', html_title: 'http.title', http_wwwauth: 'http.wwwauth',
      rtsp_servers: 'rtsp.server', x509_subjects: 'tls.subject', x509_issuers: 'tls.issuer', ssh_banners: 'ssh.banner', ftp_banners: 'ftp.banner',
      telnet_banners: 'telnet.banner', snmp_sysdescr: 'snmp.sysDescr', snmp_sysobjid: 'snmp.sysObjectID', sip_banners: 'sip.server',
      sip_user_agents: 'sip.userAgent', 'mdns_device-info_txt': 'mdns.txt', favicons: 'favicon', 'HTTP': 'http', 'x509_subjects.xml': 'tls.subject', gopher: 'sniff',
    };
    for (const [label, route] of Object.entries(want)) expect(routeOf(label), label).toBe(route);
  });

  it('wsd, upnp and dvrip labels read their payloads (corpus hikvision-ws-discovery-2, asus-upnp-xml-1; Dahua 5050 hex and Xiongmai JSON under dvrip)', () => {
    expect(id('wsd', capturePayload('hikvision-ws-discovery-2')).manufacturer).toBe('hikvision');
    expect(fields('upnp', capturePayload('asus-upnp-xml-1'), 'upnp')[0]!.manufacturer).toBe(readCapture('asus-upnp-xml-1').payload.match(/<manufacturer>([^<]*)</)![1]);
    expect(id('dvrip', capturePayload('xiongmai-xiongmai-6')).manufacturer).toBe('xiongmai');
  });

  it('Recog example values under Recog file names (Recog http_wwwauth, rtsp_servers, x509_subjects, favicons, http_servers)', () => {
    expect(id('http_wwwauth', 'Basic realm="hikvision"').manufacturer).toBe('hikvision');
    expect(id('rtsp_servers', 'Dahua Rtsp Server').manufacturer).toBe('dahua');
    expect(id('x509_subjects', 'CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN').manufacturer).toBe('hikvision');
    expect(id('favicons', '89b932fcc47cf4ca3faadb0cfdef89cf').manufacturer).toBe('hikvision');
    expect(id('http_servers', 'DNVRS-Webs').manufacturer).toBe('hikvision');
    expect(fields('html_title', 'NETSurveillance WEB', 'http')[0]!.title).toBe('NETSurveillance WEB');
  });

  it('banner fields other helpers write rules for (Recog ssh_banners, ftp_banners, telnet_banners, sip_banners, sip_user_agents, dhcp_vendor_class, snmp_sysobjid)', () => {
    expect(fields('ssh_banners', 'HUAWEI-1.5', 'ssh')[0]).toMatchObject({ banner: 'HUAWEI-1.5' });
    expect(fields('ssh', 'SSH-2.0-HUAWEI-1.5\r\n', 'ssh')[0]).toMatchObject({ banner: 'HUAWEI-1.5', protocolVersion: '2.0' });
    expect(fields('ftp_banners', 'HES_CPE FTP server (GNU inetutils 1.4.1) ready.', 'ftp')[0]!.banner).toBe('HES_CPE FTP server (GNU inetutils 1.4.1) ready.');
    expect(fields('ftp', '220 HES_CPE FTP server (GNU inetutils 1.4.1) ready.\r\n', 'ftp')[0]).toMatchObject({ code: 220, banner: 'HES_CPE FTP server (GNU inetutils 1.4.1) ready.' });
    expect(fields('telnet_banners', '192.0.0.64 login:', 'telnet')[0]!.banner).toBe('192.0.0.64 login:');
    expect(fields('sip_banners', 'Huawei SoftX3000 V300R006', 'sip')[0]!.server).toBe('Huawei SoftX3000 V300R006');
    expect(fields('sip_user_agents', 'Huawei-HomeGateway/V100R001', 'sip')[0]!.userAgent).toBe('Huawei-HomeGateway/V100R001');
    expect(fields('dhcp_vendor_class', 'HUAWEI:android:ABC', 'dhcp')[0]!.vendorClass).toBe('HUAWEI:android:ABC');
    expect(fields('snmp_sysobjid', '1.3.6.1.4.1.311.1.1.3.1.2', 'snmp')[0]!.sysObjectID).toBe('1.3.6.1.4.1.311.1.1.3.1.2');
  });

  it('snmpwalk output (capture dev/dahua-snmp-11, librenms/librenms issue #8126): sysDescr and the enterprise OID in numeric form', () => {
    expect(fields('snmp', capturePayload('dahua-snmp-11', 'dev'), 'snmp')[0]).toMatchObject({ sysDescr: 'NVR', sysObjectID: '1.3.6.1.4.1.1004849.3.2.10', sysName: '(none)' });
  });

  it('DHCP options from tcpdump -v and dhcpdump text (synthetic, Fingerbank-style parameter list)', () => {
    const td = '  Vendor-Class (60), length 12: "udhcp 1.19.4"\n  Hostname (12), length 16: "IPC-C056E3A1B2C3"\n  Parameter-Request (55), length 4:\n    Subnet-Mask (1), Default-Gateway (3), Domain-Name-Server (6), Hostname (12)';
    expect(fields('dhcp', td, 'dhcp')[0]).toMatchObject({ vendorClass: 'udhcp 1.19.4', hostname: 'IPC-C056E3A1B2C3', paramList: '1,3,6,12' });
    const dd = 'OPTION:  60 ( 12) Vendor class identifier   udhcp 1.19.4\nOPTION:  12 ( 16) Host name                 IPC-C056E3A1B2C3\nOPTION:  55 (  4) Parameter Request List      1 (Subnet mask)\n                                            3 (Routers)\n                                            6 (DNS server)\n                                           12 (Host name)';
    expect(fields('dhcp', dd, 'dhcp')[0]).toMatchObject({ vendorClass: 'udhcp 1.19.4', hostname: 'IPC-C056E3A1B2C3', paramList: '1,3,6,12' });
  });

  it('an unknown label is sniffed, and a payload nothing reads says so instead of failing', () => {
    expect(id('gopher', 'Server: DNVRS-Webs').manufacturer).toBe('hikvision');
    const r = id('gopher', 'nothing a device would say here, just words');
    expect(r.manufacturer).toBeNull();
    expect(r.rationale).toMatch(/not recognised|no evidence/);
  });
});

describe('MACs inside identifiers go to the OUI look-up, marked derived', () => {
  it('the node of a version-1 UUID (synthetic UDN with a Hikvision OUI, c0:56:e3)', () => {
    const r = id('upnp', '<root xmlns="urn:schemas-upnp-org:device-1-0"><device><deviceType>urn:schemas-upnp-org:device:Basic:1</deviceType><friendlyName>cam</friendlyName><UDN>uuid:2c59b0a0-1dd2-11b2-8080-c056e3a1b2c3</UDN></device></root>');
    expect(r.manufacturer).toBe('hikvision');
    expect(r.confidence).toBe('possible');
    expect(r.rationale).toMatch(/derived from upnp\.udn/);
  });

  it('a realm that names the device by its MAC (synthetic "Login to 4C11BF123ABC", a Dahua OUI)', () => {
    const r = id('http', 'WWW-Authenticate: Digest realm="Login to 4C11BF123ABC"');
    expect(r.manufacturer).toBe('dahua');
    expect(r.evidence.some((e) => e.field === 'oui.org')).toBe(true);
  });

  it('a random version-4 UUID gives no MAC', () => {
    const r = id('upnp', '<root xmlns="urn:schemas-upnp-org:device-1-0"><device><friendlyName>x</friendlyName><UDN>uuid:2c59b0a0-1dd2-41b2-8080-c056e3a1b2c3</UDN></device></root>');
    expect(r.evidence.some((e) => e.field === 'oui.org')).toBe(false);
  });
});

// Tool output around a device's reply, each built around the values of a real capture (named in each test; the
// wrapper is the tool's published format, the values the capture's).
describe('tool records and client logs around a reply', () => {
  const wire = capturePayload('hikvision-http-3');
  const [head] = wire.split(/\r?\n\r?\n/);
  const [statusLine, ...headerLines] = head!.split(/\r?\n/);
  const pairs = headerLines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as const);
  const code = Number(/\s(\d{3})\b/.exec(statusLine!)![1]);

  it('a HAR log (browser devtools / proxy export) of the reply of corpus hikvision-http-3', () => {
    const har = { log: { entries: [{ request: { method: 'GET', url: 'http://192.0.2.1/', headers: [{ name: 'User-Agent', value: 'Mozilla/5.0' }, { name: 'Cookie', value: 'x=1' }] }, response: { status: code, statusText: 'OK', headers: pairs.map(([name, value]) => ({ name, value })), content: { mimeType: 'text/html', text: '<html></html>' } } }] } };
    const r = id('http', JSON.stringify(har, null, 2));
    expect(r.manufacturer).toBe('hikvision');
    expect(r.evidence.find((e) => e.field === 'http.server')?.value).toBe('DNVRS-Webs');
    // The request's headers are the client's: no message is made of them.
    expect(evidenceFromSample('http', JSON.stringify(har)).filter((e) => e.kind === 'http' && e.fields.server !== undefined)).toHaveLength(1);
  });

  it("a scanner's header map (zgrab2 / Censys: lower-case keys, underscores, lists) with the realm of corpus amcrest-rtsp-1", () => {
    const realm = /realm="(Login t\s*o [^"]+)"/.exec(capturePayload('amcrest-rtsp-1'))![1]!.replace(/\s+/g, ' ').replace('Login t o', 'Login to');
    const zgrab = { ip: '192.0.2.1', data: { http: { status: 'success', result: { response: { status_code: 401, headers: { server: ['Webs'], www_authenticate: [`Digest realm="${realm}", qop="auth"`] } } } } } };
    const r = id('http', JSON.stringify(zgrab));
    expectNamed(r, 'dahua', 'realm.dahua-login-to-serial');
  });

  it('a reply kept as a string in JSON (Shodan `data`) — the whole of corpus hikvision-http-3', () => {
    const r = id('http', JSON.stringify({ ip_str: '192.0.2.1', port: 80, data: wire, transport: 'tcp' }));
    expect(r.manufacturer).toBe('hikvision');
    expect(evidenceFromSample('http', JSON.stringify({ data: wire })).some((e) => e.notes?.some((n) => /kept as a string in JSON/.test(n)))).toBe(true);
  });

  it('JSON with headers that name no server, or a client request only, makes no message', () => {
    expect(evidenceFromSample('http', JSON.stringify({ headers: { 'Content-Type': 'text/html', Date: 'x' } })).some((e) => e.kind === 'http' && e.fields.headers !== undefined)).toBe(false);
    expect(evidenceFromSample('http', JSON.stringify({ request: { headers: [{ name: 'Cookie', value: 'a=b' }] } })).some((e) => e.kind === 'http' && e.fields.headers !== undefined)).toBe(false);
  });

  it('hostile JSON (nesting 100,000 deep, 100,000 headers) is read within its bounds and never throws', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => evidenceFromSample('http', deep)).not.toThrow();
    const many = JSON.stringify({ status: 200, headers: Array.from({ length: 100_000 }, (_, i) => ({ name: `X-H${i}`, value: 'v' })).concat([{ name: 'Server', value: 'App-webs/' }]) });
    expect(() => evidenceFromSample('http', many)).not.toThrow();
  });

  it('`ssh -v` (OpenSSH) and PuTTY event logs name the server: the identification of dev/zte-ssh-31; the client\'s own version is never read', () => {
    const idLine = capturePayload('zte-ssh-31', 'dev').trim();
    const software = idLine.replace(/^SSH-2\.0-/, '');
    const openssh = ['OpenSSH_8.9p1 Ubuntu-3ubuntu0.6, OpenSSL 3.0.2 15 Mar 2022', 'debug1: Connecting to 192.0.2.1 [192.0.2.1] port 22.', 'debug1: Connection established.', 'debug1: Local version string SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6', `debug1: Remote protocol version 2.0, remote software version ${software}`, `debug1: compat_banner: no match: ${software}`, 'debug1: Authenticating to 192.0.2.1:22 as \'admin\''].join('\n');
    const putty = ['2024-05-02 10:00:01 Connecting to 192.0.2.1 port 22', '2024-05-02 10:00:01 We claim version: SSH-2.0-PuTTY_Release_0.80', `2024-05-02 10:00:01 Remote version: ${idLine}`, '2024-05-02 10:00:01 Using SSH protocol version 2'].join('\n');
    for (const [name, log] of [['openssh', openssh], ['putty', putty]] as const) {
      const r = id('ssh', log);
      expect(r.manufacturer, name).toBe('zte');
      expect(r.evidence.find((e) => e.field === 'ssh.banner')?.value, name).toBe(software);
    }
    // The client's own line alone names nobody.
    expect(id('ssh', 'debug1: Local version string SSH-2.0-OpenSSH_8.9p1 Ubuntu-3ubuntu0.6').manufacturer).toBeNull();
  });

  it('avahi-browse -r output (human-readable and -p) with the instance and service of corpus hikvision-mdns-2', () => {
    const instance = 'HIKVISION DS-2CD2955FWD-IS - 236286152';
    expect(capturePayload('hikvision-mdns-2')).toContain(`${instance}._CGI._tcp.local`);
    const human = [`+   eth0 IPv4 ${instance}                 _CGI._tcp            local`, `=   eth0 IPv4 ${instance}                 _CGI._tcp            local`, '   hostname = [HIKVISION.local]', '   address = [10.0.1.215]', '   port = [80]', '   txt = []'].join('\n');
    const parsable = `=;eth0;IPv4;${instance.replace(/ /g, '\\032')};_CGI._tcp;local;HIKVISION.local;10.0.1.215;80;`;
    for (const [name, text] of [['human', human], ['parsable', parsable]] as const) {
      const r = id('mdns', text);
      expect(r.manufacturer, name).toBe('hikvision');
      expect(r.model, name).toBe('DS-2CD2955FWD-IS');
      expect(fields('mdns', text, 'mdns')[0]!.instance, name).toBe(instance);
    }
  });

  it("a browser's developer tools copy of the response headers of corpus hikvision-http-3 (one line each, and name and value on two lines)", () => {
    const general = ['General', 'Request URL: http://192.0.2.1/', 'Request Method: GET', `Status Code: ${code} OK`, 'Remote Address: 192.0.2.1:80', ''];
    const oneLine = [...general, 'Response Headers', ...pairs.map(([k, v]) => `${k}: ${v}`), 'Request Headers', 'Accept: text/html', 'User-Agent: Mozilla/5.0'].join('\n');
    const twoLines = [...general, 'Response Headers', ...pairs.flatMap(([k, v]) => [`${k}:`, v]), 'Request Headers', 'Accept:', 'text/html'].join('\n');
    for (const [name, text] of [['one line', oneLine], ['two lines', twoLines]] as const) {
      const r = id('http', text);
      expect(r.manufacturer, name).toBe('hikvision');
      expect(r.evidence.find((e) => e.field === 'http.server')?.value, name).toBe('DNVRS-Webs');
    }
  });
});

// Printed header maps and scanner outputs, each built around the values of a real capture (named in each test).
describe('printed header maps and scanner outputs', () => {
  const wire = capturePayload('hikvision-http-3');
  const [head] = wire.split(/\r?\n\r?\n/);
  const [statusLine, ...headerLines] = head!.split(/\r?\n/);
  const pairs = headerLines.map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trim()] as const);
  const server = pairs.find(([k]) => /^server$/i.test(k))![1];
  const code = /\s(\d{3})\b/.exec(statusLine!)![1]!;
  const q = (v: string): string => `'${v.replace(/'/g, "\\'")}'`;
  const serverOf = (r: IdentifyResult): unknown => r.evidence.find((e) => e.field === 'http.server')?.value;

  it("the headers of corpus hikvision-http-3 printed by Python (dict, CaseInsensitiveDict), Node's util.inspect and Go's fmt", () => {
    const py = `{${pairs.map(([k, v]) => `${q(k)}: ${q(v)}`).join(', ')}}`;
    const forms = {
      python: py,
      'CaseInsensitiveDict': `CaseInsensitiveDict(${py})`,
      node: `{\n${pairs.map(([k, v]) => `  ${/^[a-z]+$/i.test(k) ? k.toLowerCase() : q(k.toLowerCase())}: ${q(v)}`).join(',\n')}\n}`,
      go: `map[${pairs.map(([k, v]) => `${k}:[${v}]`).join(' ')}]`,
    };
    for (const [name, text] of Object.entries(forms)) {
      const r = id('http', text);
      expect(r.manufacturer, name).toBe('hikvision');
      expect(serverOf(r), name).toBe(server);
    }
    // A printed object with a `server` key that is no header map (most keys are no header names) names nobody.
    expect(id('http', "{'server': 'App-webs/', 'port': 123, 'interval': 60, 'enabled': True}").manufacturer).toBeNull();
  });

  it("scanner summaries in JSON: httpx's webserver and Shodan's http object, with the Server of corpus hikvision-http-3", () => {
    expect(serverOf(id('http', JSON.stringify({ url: 'http://192.0.2.1', status_code: Number(code), webserver: server, title: '' })))).toBe(server);
    expect(serverOf(id('http', JSON.stringify({ ip_str: '192.0.2.1', port: 80, http: { server, title: 'index', html: '<html></html>' } })))).toBe(server);
  });

  it('wget -S (headers indented by two spaces) around the head of corpus hikvision-http-3', () => {
    const text = ['--2024-01-01 10:00:00--  http://192.0.2.1/', 'Connecting to 192.0.2.1:80... connected.', 'HTTP request sent, awaiting response... ', ...head!.split(/\r?\n/).map((l) => `  ${l}`), 'Length: unspecified [text/html]'].join('\n');
    expect(serverOf(id('http', text))).toBe(server);
  });

  it('WhatWeb, masscan, Metasploit, Nikto and Nessus outputs with the Server of corpus hikvision-http-3', () => {
    const escaped = head!.split(/\r?\n/).join('\\x0d\\x0a') + '\\x0d\\x0a\\x0d\\x0a';
    const forms = {
      whatweb: `http://192.0.2.1 [${code} OK] Country[RESERVED][ZZ], HTTPServer[${server}], IP[192.0.2.1], Title[Index]`,
      masscan: `Discovered open port 80/tcp on 192.0.2.1\nBanner on port 80/tcp on 192.0.2.1: [http] ${escaped}`,
      metasploit: `[*] Running module against 192.0.2.1\n[+] 192.0.2.1:80 ${server} ( Powered by nothing )\n[*] Scanned 1 of 1 hosts (100% complete)`,
      nikto: `- Nikto v2.1.6\n+ Target IP:          192.0.2.1\n+ Target Hostname:    192.0.2.1\n+ Target Port:        80\n+ Server: ${server}\n+ The anti-clickjacking X-Frame-Options header is not present.`,
      nessus: `The remote web server type is :\n\n${server}`,
    };
    for (const [name, text] of Object.entries(forms)) {
      const r = id('http', text);
      expect(r.manufacturer, name).toBe('hikvision');
      expect(serverOf(r), name).toBe(server);
    }
    // Scanners' own conclusions are not read: a WhatWeb line with a plugin name only, Metasploit lines of other modules.
    expect(id('http', 'http://192.0.2.1 [200 OK] Hikvision-Camera, IP[192.0.2.1]').manufacturer).toBeNull();
    expect(id('http', '[+] 192.0.2.1:80 - Hikvision IP camera found').manufacturer).toBeNull();
  });

  it("Metasploit's ssh_version line with the identification of dev/zte-ssh-31", () => {
    const idLine = capturePayload('zte-ssh-31', 'dev').trim();
    const r = id('ssh', `[+] 192.0.2.1:22 - SSH server version: ${idLine} ( service.version=1.0 service.vendor=ZTE )`);
    expect(r.manufacturer).toBe('zte');
    expect(r.evidence.find((e) => e.field === 'ssh.banner')?.value).toBe(idLine.replace(/^SSH-2\.0-/, ''));
  });

  it("VLC's live555 log (a status line after the log's own label) with the realm of corpus amcrest-rtsp-1", () => {
    const realm = /realm="(Login t\s*o [^"]+)"/.exec(capturePayload('amcrest-rtsp-1'))![1]!.replace(/\s+/g, ' ').replace('Login t o', 'Login to');
    const log = `[00007f1c8c000c80] live555 demux debug: RTSP response: RTSP/1.0 401 Unauthorized\nCSeq: 3\nWWW-Authenticate: Digest realm="${realm}", nonce="5ae62bb61f1f"\n\n[00007f1c8c000c80] live555 demux error: Failed to connect with rtsp://192.0.2.1:554/`;
    const r = id('rtsp', log);
    expectNamed(r, 'dahua', 'realm.dahua-login-to-serial');
  });
});

// Packet bytes in the dump formats people paste, made with each tool's layout from the bytes of corpus
// hikvision-http-3 (tcpdump and Wireshark forms with an IPv4/TCP header in front, written for the test).
describe('packet bytes as pasted: hex dumps, hex streams, tcpdump -A', () => {
  const wire = Buffer.from(capturePayload('hikvision-http-3'), 'latin1');
  const ipTcp = Buffer.from('450001340000400040060000c0a80140c0a80102005013880000000100000001501800ff00000000', 'hex');
  const packet = Buffer.concat([ipTcp, wire]);
  const ascii = (b: Buffer): string => [...b].map((c) => (c >= 32 && c < 127 ? String.fromCharCode(c) : '.')).join('');
  const rows = (b: Buffer, line: (chunk: Buffer, offset: number) => string): string => {
    const out: string[] = [];
    for (let i = 0; i < b.length; i += 16) out.push(line(b.subarray(i, i + 16), i));
    return out.join('\n');
  };
  const pairs = (c: Buffer): string => (c.toString('hex').match(/.{1,4}/g) ?? []).join(' ');
  const bytes = (c: Buffer): string => [...c].map((x) => x.toString(16).padStart(2, '0')).join(' ');
  const forms: Record<string, string> = {
    xxd: rows(wire, (c, o) => `${o.toString(16).padStart(8, '0')}: ${pairs(c).padEnd(39)}  ${ascii(c)}`),
    'hexdump -C': rows(wire, (c, o) => `${o.toString(16).padStart(8, '0')}  ${bytes(c.subarray(0, 8)).padEnd(23)}  ${bytes(c.subarray(8)).padEnd(23)}  |${ascii(c)}|`),
    'tcpdump -X': '13:45:01.123456 IP 192.0.2.1.80 > 192.0.2.2.5000: Flags [P.], seq 1:253, ack 1, win 255, length 252\n' + rows(packet, (c, o) => `\t0x${o.toString(16).padStart(4, '0')}:  ${pairs(c).padEnd(39)}  ${ascii(c)}`),
    'Wireshark hex dump': rows(packet, (c, o) => `${o.toString(16).padStart(4, '0')}   ${bytes(c).padEnd(47)}   ${ascii(c)}`),
    'hex stream': packet.toString('hex'),
    'tcpdump -A': '13:45:01.123456 IP 192.0.2.1.80 > 192.0.2.2.5000: Flags [P.], seq 1:253, ack 1, win 255, length 252\n' + [...packet].map((c) => (c === 10 ? '\n' : c >= 32 && c < 127 ? String.fromCharCode(c) : '.')).join(''),
  };

  it('xxd, hexdump -C, tcpdump -X, Wireshark hex dump, hex stream and tcpdump -A of the bytes of corpus hikvision-http-3', () => {
    for (const [name, text] of Object.entries(forms)) {
      const r = id('http', text);
      expect(r.manufacturer, name).toBe('hikvision');
      expect(r.evidence.find((e) => e.field === 'http.server')?.value, name).toBe('DNVRS-Webs');
    }
  });

  it('a dump whose offsets do not run on, or of bytes with no message in them, makes no message; a large one is bounded', () => {
    expect(id('http', '0000  48 54 54 50\n0040  2f 31 2e 31\n').manufacturer).toBeNull();
    expect(id('http', rows(Buffer.alloc(64, 0x41), (c, o) => `${o.toString(16).padStart(8, '0')}: ${pairs(c)}`)).manufacturer).toBeNull();
    const big = rows(Buffer.alloc(2 * 1024 * 1024, 0x2e), (c, o) => `${o.toString(16).padStart(8, '0')}: ${pairs(c)}`);
    expect(() => evidenceFromSample('http', big)).not.toThrow();
  });
});

// nmap's other output formats, with the product nmap-service-probes gives Hikvision's web server (`p/Hikvision IP
// camera httpd/`, the name corpus and Recog-era scans print) and the Server header of corpus hikvision-http-3.
describe("nmap's grepable and XML output, and nmap output under another protocol's label", () => {
  const server = 'DNVRS-Webs';
  it('-oG (grepable): the version field of an open port', () => {
    const r = id('nmap', 'Host: 192.0.2.1 ()\tPorts: 80/open/tcp//http//Hikvision IP camera httpd/, 443/closed/tcp//https///\tIgnored State: closed (998)');
    expect(r.manufacturer).toBe('hikvision');
    expect(r.evidence.find((e) => e.field === 'nmap.product')?.value).toBe('Hikvision IP camera httpd');
  });

  it('-oX: the script elements (http-server-header, http-title) as well as the service element', () => {
    const xml = `<?xml version="1.0"?><nmaprun><host><ports><port protocol="tcp" portid="80"><state state="open"/><service name="http" method="probed"/><script id="http-server-header" output="${server}"><elem>${server}</elem></script><script id="http-title" output="Site doesn&apos;t have a title (text/html)."/></port></ports></host></nmaprun>`;
    const r = id('nmap', xml);
    expect(r.manufacturer).toBe('hikvision');
    expect(r.evidence.find((e) => e.field === 'http.server')?.value).toBe(server);
  });

  it("a port table, -oG or -oX labelled http (the protocol it scanned) is read as nmap output too, each value once", () => {
    for (const text of ['PORT   STATE SERVICE VERSION\n80/tcp open  http    Hikvision IP camera httpd\n', 'Host: 192.0.2.1 ()\tPorts: 80/open/tcp//http//Hikvision IP camera httpd/']) {
      expect(id('http', text).manufacturer, text).toBe('hikvision');
    }
    const xml = `<port protocol="tcp" portid="80"><script id="http-server-header" output="${server}"/></port>`;
    expect(id('http', xml).manufacturer).toBe('hikvision');
    expect(fields('http', xml, 'http').filter((f) => f.server !== undefined)).toHaveLength(1);
    // A reply the route reads itself keeps its own Server: the script line's copy is not added beside it.
    const withReply = `${capturePayload('hikvision-http-3')}\n|_http-server-header: ${server}`;
    expect(fields('http', withReply, 'http').filter((f) => f.server !== undefined)).toHaveLength(1);
  });
});

describe('camaudit identify (CLI) on fragment files', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-fragments-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('a Recog-labelled value, a curl dump and an unknown label: one verdict each, exit 1 (high-risk found), no error', async () => {
    const files = [
      ['a.json', { protocol: 'http_servers', payload: 'DNVRS-Webs' }],
      ['b.json', { protocol: 'http', payload: '< HTTP/1.1 200 OK\n< Server: uc-httpd 1.0.0\n< Content-Type: text/html\n<\n<title>x</title>' }],
      ['c.json', { protocol: 'gopher', payload: 'nothing here' }],
    ] as const;
    for (const [n, s] of files) writeFileSync(path.join(dir, n), JSON.stringify(s));
    const run = await runCli(['identify', '--json', ...files.map(([n]) => path.join(dir, n))]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(out.map((o) => o.manufacturer)).toEqual(['hikvision', 'xiongmai', null]);
  });
});
