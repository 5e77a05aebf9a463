// Issue 14 item 4 (round 8): forms in which people publish a device's replies that identify did not read, each read
// end to end through identifySample. Texts quoted from public threads name their source; texts that carry another
// maker's value in a real form's shape say "synthetic" and which public example they copy the shape of.
import { describe, expect, it } from 'vitest';
import { evidenceFromSample } from '../../src/identify/input.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

/** The value of `field` in the first piece of evidence of `kind` that carries it, as identify's readers produced it. */
const fieldOf = (protocol: string, text: string, kind: string, field: string): unknown =>
  evidenceFromSample(protocol, text).find((e) => e.kind === kind && e.fields[field] !== undefined)?.fields[field];

describe('Android logcat (RTSP/HTTP client libraries on Android)', () => {
  // androidx/media issue #522 (ExoPlayer RTSP UDP->TCP failover produces error 401): `adb logcat` threadtime lines of
  // media3's RtspClient with debug logging on, a Hikvision camera (/Streaming/Channels/102) answering 401 with its MAC as realm.
  const androidx522 = [
    '09:02:19.482 10058 10149 D RtspClient: SETUP rtsp://10.42.111.3:554/Streaming/Channels/102/trackID=1 RTSP/1.0',
    '09:02:19.482 10058 10149 D RtspClient: User-Agent: AndroidXMedia3/1.1.0',
    '09:02:19.482 10058 10149 D RtspClient: CSeq: 6',
    '09:02:19.482 10058 10149 D RtspClient: Transport: RTP/AVP/TCP;unicast;interleaved=0-1',
    '',
    '09:02:19.508 10058 10149 D RtspClient: RTSP/1.0 401 Unauthorized',
    '09:02:19.508 10058 10149 D RtspClient: CSeq: 6',
    '09:02:19.508 10058 10149 D RtspClient: WWW-Authenticate: Digest realm="1868cbb42b82", nonce="14dc011bcafd561132ecdcdc645673f3", stale="FALSE"',
    '09:02:19.508 10058 10149 D RtspClient: WWW-Authenticate: Basic realm="1868cbb42b82"',
    '09:02:19.508 10058 10149 D RtspClient: Date: Fri, Jul 14 2023 10:02:17 GMT',
  ].join('\n');

  it('threadtime lines (each line prefixed): the reply under the prefixes is read, its MAC realm gives the OUI', () => {
    const r = identifyText('rtsp', androidx522);
    expectNamed(r, 'hikvision', 'realm.mac-digits');
    expect(ruleIds(r)).toContain('oui.hikvision');
    expect(identifyText('sniff', androidx522).manufacturer).toBe('hikvision');
  });

  // google/ExoPlayer pull request #3854 (Add RTSP support): Android Studio's logcat before 2022, the message's first line
  // after `… 5865-6000/com.google.android.exoplayer2.demo V/Receiver: `, the rest indented four spaces.
  const exo3854 = [
    '2019-07-24 19:16:10.118 5865-6001/com.google.android.exoplayer2.demo V/Sender: DESCRIBE rtsp://userName:password@IP.IP.IP.IP:554/live RTSP/1.0',
    '    CSeq: 2',
    '    User-Agent: ExoPlayerLib/2.9.0 (Media Player for Android)',
    '    Accept: application/sdp',
    '2019-07-24 19:16:10.126 5865-6000/com.google.android.exoplayer2.demo V/Receiver: RTSP/1.0 401 Unauthorized',
    '    CSeq: 2',
    '    Date: Wed, Jul 24 2019 13:46:09 GMT',
    '    WWW-Authenticate: Digest realm="LIVE555 Streaming Media", nonce="e923a003bc0b49bea8d61b1569cb2b58"',
  ].join('\n');

  it("Android Studio's older form (first line prefixed, the rest indented): the indented headers are the reply's", () => {
    expect(fieldOf('rtsp', exo3854, 'rtsp', 'auth.realm')).toBe('LIVE555 Streaming Media');
    // LIVE555's stock realm names nobody.
    expect(identifyText('rtsp', exo3854).manufacturer).toBeNull();
    // synthetic: the same shape carrying a Dahua camera's realm (Login to <serial>, realm.dahua-login-to-serial's form).
    const dahua = exo3854.replace('LIVE555 Streaming Media', 'Login to 4K0123PAZ00001');
    expectNamed(identifyText('rtsp', dahua), 'dahua', 'realm.dahua-login-to-serial');
    expectNamed(identifyText('sniff', dahua), 'dahua', 'realm.dahua-login-to-serial');
  });

  // pedroSG94/RTSP-Server issue #100: Android Studio's logcat since 2022 (`… 30060-30620 Client com.pedro.sample I  `),
  // the message's following lines aligned under its first.
  const pedro100 = [
    '2023-11-13 18:23:10.512 30060-30620 Client                  com.pedro.sample                     I  RTSP/1.0 200 OK',
    '                                                                                                    Server: pedroSG94 Server',
    '                                                                                                    Cseq: 2',
    '                                                                                                    Public: DESCRIBE,SETUP,TEARDOWN,PLAY,PAUSE',
  ].join('\n');

  it("Android Studio's newer form (columns, the rest aligned under the message): the Server line is the reply's", () => {
    expect(fieldOf('rtsp', pedro100, 'rtsp', 'server')).toBe('pedroSG94 Server');
    // synthetic: the same shape carrying a Dahua camera's RTSP server and realm.
    const dahua = pedro100.replace('RTSP/1.0 200 OK', 'RTSP/1.0 401 Unauthorized').replace('Server: pedroSG94 Server', 'WWW-Authenticate: Digest realm="Login to 4K0123PAZ00001", nonce="1234"');
    expectNamed(identifyText('rtsp', dahua), 'dahua', 'realm.dahua-login-to-serial');
  });

  it('-v brief lines (D/Tag(pid): ) are read too; a logcat with no message in it is left to the other readers', () => {
    // synthetic: androidx #522's reply in `adb logcat -v brief` form.
    const brief = androidx522
      .split('\n')
      .filter((l) => l.includes(' RtspClient: ') && !/SETUP|User-Agent|Transport|CSeq: 6$/.test(l))
      .map((l) => l.replace(/^.* D RtspClient: /, 'D/RtspClient(10058): '))
      .join('\n');
    expectNamed(identifyText('rtsp', brief), 'hikvision', 'realm.mac-digits');
    // Plain app logging: no message start, nothing to read, no error.
    const plain = '09:02:19.482 10058 10149 D MainActivity: onResume\n09:02:19.483 10058 10149 I Player: Server: connecting';
    expect(identifyText('rtsp', plain).manufacturer).toBeNull();
  });
});

describe("PowerShell Invoke-WebRequest's response object (curl and iwr are its aliases in Windows PowerShell)", () => {
  // Public listings found by GitHub code search for 'RawContent        : HTTP/1.1' (the form Microsoft Learn's
  // Invoke-WebRequest page documents): a blog post's Windows PowerShell 5.1 output (Server in RawContent, header pairs in
  // Headers, values cut with '...'), a script's comment block (every line led by '# ', PowerShell 7's '…').
  const ps51 = [
    'StatusCode        : 200',
    'StatusDescription : OK',
    'Content           : {"message": "Solicitud exitosa"}',
    'RawContent        : HTTP/1.1 200 OK',
    '                    Server: nginx',
    '                    Date: Sat, 24 Jul 2021 00:00:00 GMT',
    '                    Content-Type: application/json',
    '                    Transfer-Encoding: chunked',
    '                    Connection: keep-alive',
    '                    Keep-Alive: ti...',
    'Forms             : {}',
    'Headers           : {[Server, nginx], [Date, Sat, 24 Jul 2021 00:00:00 GMT], [Content-Type, application/json], [Transfer-Encoding, chunked]...}',
    'Images            : {}',
    'RawContentLength  : ',
  ].join('\n');
  const ps7Comment = [
    '# StatusCode        :200',
    '# StatusDescription : OK',
    '# RawContent        : HTTP/1.1 200 OK',
    '#                     Server: Cowboy',
    '#                     Connection: keep-alive',
    '#                     Via: 1.1 vegur',
    '#                     Content-Type: application/json; charset=UTF-8',
    '#                     [{"suit":"SPADES","va…',
    '# Headers           : {[Server, System.String[]], [Connection, System.String[]], …}',
  ].join('\n');
  // The same search: RawContent cut right after its status line, the headers only in the Headers list.
  const headersOnly = [
    'StatusCode        : 200',
    'StatusDescription : OK',
    'Content           : {77, 90, 144, 0...}',
    'RawContent        : HTTP/1.0 200 OK...',
    'Headers           : {[Server, SimpleHTTP/0.6 Python/3.10.12], [Date, Sun, 18 Feb 2024 14:22:10 GMT], [Content-type, application/octet-stream]}',
  ].join('\n');

  it('reads the reply in RawContent (Server), the pairs of the Headers list, and drops a header PowerShell cut', () => {
    expect(fieldOf('http', ps51, 'http', 'server')).toBe('nginx');
    const headers = fieldOf('http', ps51, 'http', 'headers') as string[];
    expect(headers.some((h) => h.startsWith('Keep-Alive'))).toBe(false);
    expect(fieldOf('http', ps7Comment, 'http', 'server')).toBe('Cowboy');
    expect(fieldOf('sniff', headersOnly, 'http', 'server')).toBe('SimpleHTTP/0.6 Python/3.10.12');
  });

  it("a camera's reply in that listing names its maker", () => {
    // synthetic: Windows PowerShell's listing (the shape above) of a Hikvision camera's web server, its Server value
    // App-webs/ (http-server.hikvision-webs) in RawContent.
    const hik = ps51.replace('Server: nginx', 'Server: App-webs/').replace('[Server, nginx]', '[Server, App-webs/]');
    expectNamed(identifyText('http', hik), 'hikvision', 'http-server.hikvision-webs');
    expectNamed(identifyText('sniff', hik), 'hikvision', 'http-server.hikvision-webs');
    // synthetic: PowerShell 7 hides the Headers values; only RawContent carries them, here with a Dahua camera's 401
    // realm (realm.dahua-login-to-serial's form), under a prompt lead.
    const dahua = ps7Comment
      .replace('HTTP/1.1 200 OK', 'HTTP/1.1 401 Unauthorized')
      .replace('Server: Cowboy', 'WWW-Authenticate: Digest realm="Login to 4K0123PAZ00001", qop="auth", nonce="1234", opaque="abcd"')
      .replace(/^# /gm, 'PS> ');
    expectNamed(identifyText('http', dahua), 'dahua', 'realm.dahua-login-to-serial');
    // A header value the listing cut ('App-we...') is not read as the value.
    const cut = ps51.replace('Server: nginx', 'Server: App-we...').replace('[Server, nginx]', '[Server, App-we...]');
    expect(fieldOf('http', cut, 'http', 'server')).toBeUndefined();
  });
});

describe('a header map printed inside a Python session or log', () => {
  // GitHub code search '>>> r.headers': a README testing a uvicorn endpoint with requests (the prompt lines around the dict).
  const repl = [
    '>>> import requests',
    '>>> r = requests.get("http://localhost:8080/header/x-my-header/my-value")',
    '>>> r.headers',
    "{'date': 'Fri, 19 Jan 2024 11:26:27 GMT', 'server': 'uvicorn', 'content-length': '39', 'content-type': 'application/json', 'x-my-header': 'my-value'}",
    '>>>',
  ].join('\n');
  // GitHub code search "CIMultiDictProxy('Server'": an IPython session with aiohttp (Out[5], the response's status line
  // above its headers), and open-webui's log of a squid proxy's 403.
  const ipython = [
    'In [5]: response',
    'Out[5]:',
    '<ClientResponse(https://api.github.com) [200 OK]>',
    "<CIMultiDictProxy('Server': 'GitHub.com', 'Date': 'Mon, 27 May 2019 13:20:45 GMT', 'Content-Type': 'application/json; charset=utf-8', 'Transfer-Encoding': 'chunked', 'Status': '200 OK', 'X-RateLimit-Limit': '60', 'X-RateLimit-Remaining': '59', 'X-RateLimit-Reset': '1558966845', 'Cache-Control': 'public, max-age=60')>",
  ].join('\n');
  const squid = [
    '2025-04-10 00:45:46.166 | INFO     | open_webui.routers.ollama:get_all_models:301 - get_all_models() - {}',
    'Raw response: <bound method ClientResponse.text of <ClientResponse(http://0.0.0.0:6399/api/tags) [403 Forbidden]>',
    "<CIMultiDictProxy('Server': 'squid/5.9', 'Mime-Version': '1.0', 'Date': 'Thu, 10 Apr 2025 00:45:46 GMT', 'Content-Type': 'text/html;charset=utf-8', 'Content-Length': '3830', 'Connection': 'keep-alive')>",
  ].join('\n');

  it("reads requests' dict under a prompt, aiohttp's CIMultiDictProxy and the status its ClientResponse line gives", () => {
    expect(fieldOf('sniff', repl, 'http', 'server')).toBe('uvicorn');
    expect(fieldOf('http', ipython, 'http', 'server')).toBe('GitHub.com');
    expect(fieldOf('http', ipython, 'http', 'status')).toBe(200);
    expect(fieldOf('sniff', squid, 'http', 'server')).toBe('squid/5.9');
    expect(fieldOf('sniff', squid, 'http', 'status')).toBe(403);
  });

  it("a camera's headers in those forms name its maker; a dict that is not a header map stays a document", () => {
    // synthetic: the REPL above with a Hikvision camera's Server value (http-server.hikvision-webs).
    expectNamed(identifyText('http', repl.replace("'server': 'uvicorn'", "'server': 'App-webs/'")), 'hikvision', 'http-server.hikvision-webs');
    // synthetic: aiohttp's form of a Dahua camera's 401 (realm.dahua-login-to-serial's form).
    const dahua = squid
      .replace('[403 Forbidden]', '[401 Unauthorized]')
      .replace("'Server': 'squid/5.9'", `'WWW-Authenticate': 'Digest realm="Login to 4K0123PAZ00001", qop="auth", nonce="1234", opaque="abcd"'`);
    expectNamed(identifyText('sniff', dahua), 'dahua', 'realm.dahua-login-to-serial');
    // A dict of other keys after a prompt (zeep's device information) is not taken for headers; its keys are still read.
    const zeep = ">>> cam.devicemgmt.GetDeviceInformation()\n{'Manufacturer': 'HIKVISION', 'Model': 'DS-2CD2042WD-I', 'FirmwareVersion': 'V5.4.5 build 170124', 'SerialNumber': 'DS-2CD2042WD-I20170101AAWR123456789', 'HardwareId': '88'}";
    expect(evidenceFromSample('sniff', zeep).some((e) => e.kind === 'http' && e.fields.headers !== undefined)).toBe(false);
    expect(identifyText('sniff', zeep).manufacturer).toBe('hikvision');
  });
});

describe("Chrome developer tools' newer copy of a response (name and value on alternating lines)", () => {
  // GitHub code search 'Response headers\ncache-control': a crawler's notes pasting Chrome's General and Response
  // headers sections under Markdown headings, each name (lower-case) on its own line and its value on the next.
  const chrome = [
    '## General',
    'Request URL',
    'https://abcmart.a-rt.com/product/brand/page/main?brandNo=000003&page=1',
    'Request Method',
    'GET',
    'Status Code',
    '200 OK',
    '',
    '## Response headers',
    'cache-control',
    'no-cache',
    'content-type',
    'text/html; charset=UTF-8',
    'date',
    'Mon, 20 Jul 2026 12:59:51 GMT',
    'server',
    'ABCMART',
    'x-content-type-options',
    'nosniff',
    '',
    '## Request Headers',
    'accept',
    'text/html,application/xhtml+xml',
  ].join('\n');

  it('reads each name with the value under it, the status from General, and stops at Request Headers', () => {
    expect(fieldOf('http', chrome, 'http', 'server')).toBe('ABCMART');
    expect(fieldOf('http', chrome, 'http', 'status')).toBe(200);
    const headers = fieldOf('http', chrome, 'http', 'headers') as string[];
    expect(headers).toContain('x-content-type-options: nosniff');
    expect(headers.some((h) => h.startsWith('accept'))).toBe(false);
  });

  it("a camera's web server in that copy names its maker", () => {
    // synthetic: the copy above with a Hikvision camera's Server value (http-server.hikvision-webs).
    expectNamed(identifyText('http', chrome.replace('\nABCMART\n', '\nApp-webs/\n')), 'hikvision', 'http-server.hikvision-webs');
    // synthetic: a Dahua camera's 401 (realm.dahua-login-to-serial's form), its heading without the Markdown mark.
    const dahua = chrome
      .replace('200 OK', '401 Unauthorized')
      .replace('## Response headers', 'Response Headers')
      .replace('server\nABCMART', 'www-authenticate\nDigest realm="Login to 4K0123PAZ00001", qop="auth", nonce="1234", opaque="abcd"');
    expectNamed(identifyText('sniff', dahua), 'dahua', 'realm.dahua-login-to-serial');
  });
});

describe("GStreamer's RTSP message dump (gst_rtsp_message_dump, rtspsrc debug=true)", () => {
  // GitHub code search "key: 'CSeq', value: '": RTSP notes quoting GStreamer 1.12.3's dump of a SETUP and its 200 reply.
  const setup = [
    'RTSP request message 00000088A8FFF660',
    ' request line:',
    "   method: 'SETUP'",
    "   uri:    'rtsp://172.16.66.65/id=1/video_0'",
    "   version: '1.0'",
    ' headers:',
    "   key: 'User-Agent', value: 'GStreamer/1.12.3'",
    "   key: 'Transport', value: 'RTP/AVP/TCP;unicast;interleaved=0-1'",
    ' body:',
    'RTSP response message 00000088A8FFF6C0',
    ' status line:',
    "   code:   '200'",
    "   reason: 'OK'",
    "   version: '1.0'",
    ' headers:',
    "   key: 'CSeq', value: '3'",
    "   key: 'Session', value: '1520240922;timeout=60'",
    "   key: 'Transport', value: 'RTP/AVP/TCP;interleaved=0-1'",
    "   key: 'Cache-Control', value: 'no-cache'",
    ' body: length 0',
  ].join('\n');

  it('turns the dump back into the request and its reply (status, headers, the path the device answered)', () => {
    expect(fieldOf('rtsp', setup, 'rtsp', 'status')).toBe(200);
    expect(fieldOf('rtsp', setup, 'rtsp', 'requestUri')).toBe('rtsp://172.16.66.65/id=1/video_0');
    expect(fieldOf('sniff', setup, 'rtsp', 'headerNames')).toEqual(['CSeq', 'Session', 'Transport', 'Cache-Control']);
  });

  it("a camera's reply in the dump names its maker; the body's hex dump (gst_util_dump_mem) is read as the SDP", () => {
    // synthetic: the dump's form around a Dahua camera's 401 (realm.dahua-login-to-serial's form).
    const dahua401 = setup
      .replace("code:   '200'", "code:   '401'")
      .replace("reason: 'OK'", "reason: 'Unauthorized'")
      .replace("key: 'Session', value: '1520240922;timeout=60'", `key: 'WWW-Authenticate', value: 'Digest realm="Login to 4K0123PAZ00001", nonce="1234"'`);
    expectNamed(identifyText('rtsp', dahua401), 'dahua', 'realm.dahua-login-to-serial');
    expectNamed(identifyText('sniff', dahua401), 'dahua', 'realm.dahua-login-to-serial');
    // synthetic: a DESCRIBE reply whose SDP body (Dahua's a=packetization-supported:DH, rtsp.dahua-sdp-dh) GStreamer
    // prints as gst_util_dump_mem lines (offset, address, 16 hex bytes, the characters).
    const sdp = 'v=0\r\no=- 2251938210 2251938210 IN IP4 0.0.0.0\r\ns=Media Server\r\na=packetization-supported:DH\r\n';
    const hex = Buffer.from(sdp, 'latin1');
    const dumpLines: string[] = [];
    for (let i = 0; i < hex.length; i += 16) {
      const chunk = hex.subarray(i, i + 16);
      const bytes = [...chunk].map((b) => b.toString(16).padStart(2, '0') + ' ').join('');
      dumpLines.push(`${i.toString(16).padStart(8, '0')} (0x7f12345${(i / 16).toString(16)}0): ${bytes.padEnd(48)} ${[...chunk].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('')}`);
    }
    const describe = [
      'RTSP response message 0x7ffd5b8c9a40',
      ' status line:',
      "   code:   '200'",
      "   reason: 'OK'",
      "   version: '1.0'",
      ' headers:',
      "   key: 'CSeq', value: '2'",
      "   key: 'Content-Type', value: 'application/sdp'",
      ` body: length ${hex.length}`,
      ...dumpLines,
    ].join('\n');
    expectNamed(identifyText('rtsp', describe), 'dahua', 'rtsp.dahua-sdp-dh');
  });
});

describe('snmpwalk -Of (full textual OIDs)', () => {
  // GitHub code search 'mib-2.system.sysDescr.0 = STRING': an SNMP walkthrough printing a Ruijie AP with -Of.
  const ruijie = [
    '# snmpwalk -v2c  -c public1 -Of  192.168.110.2  ',
    '.iso.org.dod.internet.mgmt.mib-2.system.sysDescr.0 = STRING: Ruijie Indoor AP710 (802.11a/n/ac and 802.11b/g/n) By Ruijie Networks.',
    '.iso.org.dod.internet.mgmt.mib-2.system.sysObjectID.0 = OID: .iso.org.dod.internet.private.enterprises.4881.1.3.1.1.198',
  ].join('\n');

  it('reads sysDescr and sysObjectID (as a numeric OID) from the full names', () => {
    expect(fieldOf('snmp', ruijie, 'snmp', 'sysDescr')).toBe('Ruijie Indoor AP710 (802.11a/n/ac and 802.11b/g/n) By Ruijie Networks.');
    expect(fieldOf('sniff', ruijie, 'snmp', 'sysObjectID')).toBe('1.3.6.1.4.1.4881.1.3.1.1.198');
  });

  it("a camera's enterprise number in that form names its maker", () => {
    // synthetic: the walk above with Hikvision's enterprise number 39165 (snmp.hikvision-enterprise-oid).
    const hik = ruijie.replace('enterprises.4881.1.3.1.1.198', 'enterprises.39165.1.1').replace(/Ruijie Indoor AP710.*$/m, 'IP Camera');
    expectNamed(identifyText('snmp', hik), 'hikvision', 'snmp.hikvision-enterprise-oid');
  });
});

describe('a reply copied from a console with its line ends lost (header lines padded to the console width)', () => {
  // espressif/esp32-camera #146 (a comment quoting PHP's built-in server): status line and headers on one line, each
  // padded with spaces to the console's 120 columns.
  const pad = (s: string): string => s.padEnd(120);
  const esp32 = [
    'HTTP/1.1 200 OK',
    'Host: tarkodu:8001',
    'Date: Fri, 03 Dec 2021 09:14:27 GMT',
    'Connection: close',
    'X-Powered-By: PHP/7.3.29-1~deb10u1',
    'Content-Type: multipart/x-mixed-replace;boundary=123456789000000000000987654321',
    'Transfer-Encoding: chunked',
  ]
    .map(pad)
    .join('')
    .trimEnd();

  it('splits the line before each padded header', () => {
    expect(fieldOf('http', esp32, 'http', 'status')).toBe(200);
    expect(fieldOf('http', esp32, 'http', 'headers')).toContain('X-Powered-By: PHP/7.3.29-1~deb10u1');
  });

  it("a camera's reply copied that way names its maker; one header after the status line is left alone", () => {
    // synthetic: the same console copy of a Hikvision camera's 401 (Server App-webs/, http-server.hikvision-webs).
    const hik = ['HTTP/1.1 401 Unauthorized', 'Date: Fri, 03 Dec 2021 09:14:27 GMT', 'Server: App-webs/', 'Content-Length: 0'].map(pad).join('').trimEnd();
    expectNamed(identifyText('http', hik), 'hikvision', 'http-server.hikvision-webs');
    expectNamed(identifyText('sniff', hik), 'hikvision', 'http-server.hikvision-webs');
    expect(evidenceFromSample('http', `HTTP/1.1 200 OK  Note: two spaces`).some((e) => (e.notes ?? []).some((n) => n.includes('console')))).toBe(false);
  });
});

describe("node-fetch's Headers printed through util.inspect", () => {
  // GitHub code search '[Symbol(map)]: [Object: null prototype] {': a polygon.io client README's debug output.
  const polygon = [
    "Request Headers:  { Authorization: 'Bearer REDACTED' }",
    'Response Headers:  Headers {',
    '  [Symbol(map)]: [Object: null prototype] {',
    "    server: [ 'nginx/1.19.2' ],",
    "    date: [ 'Thu, 06 Jul 2023 18:34:27 GMT' ],",
    "    'content-type': [ 'application/json' ],",
    "    connection: [ 'close' ],",
    "    'x-request-id': [ '06dc97920681d8335c0451894aa1f79f' ]",
    '  }',
    '}',
  ].join('\n');

  it('reads the names and their listed values after the log text before them', () => {
    expect(fieldOf('sniff', polygon, 'http', 'server')).toBe('nginx/1.19.2');
    // synthetic: the same print of a Dahua camera's 401 challenge (realm.dahua-login-to-serial's form).
    const dahua = polygon.replace("server: [ 'nginx/1.19.2' ]", `'www-authenticate': [ 'Digest realm="Login to 4K0123PAZ00001", qop="auth", nonce="1234", opaque="abcd"' ]`);
    expectNamed(identifyText('http', dahua), 'dahua', 'realm.dahua-login-to-serial');
    // util.inspect past its depth shows `[Array]` for the values: no value, nothing read as a header value.
    const collapsed = polygon.replace(/\[ '[^']*' \]/g, '[Array]');
    expect(fieldOf('sniff', collapsed, 'http', 'server')).toBeUndefined();
  });
});

describe("OkHttp's logging (Android apps' HTTP client) under logcat prefixes", () => {
  // GitHub code search '<-- 401 Unauthorized http': an Android app's comment quoting Android Studio's logcat of
  // okhttp.OkHttpClient, and a logging library's sample with `MM-DD HH:MM:SS.mmm OkHttp  (pid): ` lines.
  const studio = [
    '2024-09-24 20:53:50.468  3008-4267  okhttp.OkHttpClient     com.example.problemdesk              I  <-- 401 Unauthorized https://timofmax1.fvds.ru/refresh-user-token (559ms)',
    '2024-09-24 20:53:50.468  3008-4267  okhttp.OkHttpClient     com.example.problemdesk              I  Server: nginx/1.27.1',
    '2024-09-24 20:53:50.469  3008-4267  okhttp.OkHttpClient     com.example.problemdesk              I  Date: Tue, 24 Sep 2024 13:54:59 GMT',
  ].join('\n');
  const lynx = [
    '09-29 12:59:45.939 OkHttp  (21743): <-- 401 UNAUTHORIZED https://httpbin.org/basic-auth/me/pass (112ms)',
    '09-29 12:59:45.939 OkHttp  (21743): Connection: keep-alive',
    '09-29 12:59:45.939 OkHttp  (21743): Server: gunicorn/19.9.0',
  ].join('\n');

  it("turns '<-- 401 Unauthorized url (ms)' and the lines under it into a reply", () => {
    expect(fieldOf('http', studio, 'http', 'server')).toBe('nginx/1.27.1');
    expect(fieldOf('http', studio, 'http', 'status')).toBe(401);
    expect(fieldOf('sniff', lynx, 'http', 'server')).toBe('gunicorn/19.9.0');
  });

  it("a camera's reply in OkHttp's log names its maker, the request's path kept", () => {
    // synthetic: OkHttp's form (request, reply, END lines) of a Hikvision camera's ISAPI 401 under -v brief prefixes.
    const hik = [
      'D/OkHttp: --> GET http://192.168.1.64/ISAPI/System/deviceInfo',
      'D/OkHttp: --> END GET',
      'D/OkHttp: <-- 401 Unauthorized http://192.168.1.64/ISAPI/System/deviceInfo (12ms)',
      'D/OkHttp: Server: App-webs/',
      'D/OkHttp: WWW-Authenticate: Digest qop="auth", realm="IP Camera(C6379)", nonce="4e5749344e7a4d79", stale="FALSE"',
      'D/OkHttp: <-- END HTTP (0-byte body)',
    ].join('\n');
    expectNamed(identifyText('http', hik), 'hikvision', 'http-server.hikvision-webs');
    expect(fieldOf('http', hik, 'http', 'path')).toBe('/ISAPI/System/deviceInfo');
  });
});

describe(".NET's HttpResponseMessage.ToString()", () => {
  // GitHub code search "ReasonPhrase: 'Unauthorized', Version: 1.1": a PowerShell session printing the exception's
  // Response (headers under braces), and a C# comment quoting the debugger's one-line form (headers joined by two spaces).
  const multi = [
    'Error: Response status code does not indicate success: 401 (Unauthorized).',
    "Response: StatusCode: 401, ReasonPhrase: 'Unauthorized', Version: 1.1, Content: System.Net.Http.HttpConnectionResponseContent, Headers:",
    '{',
    '  Date: Fri, 03 Apr 2026 20:08:18 GMT',
    '  Server: uvicorn',
    '  WWW-Authenticate: Bearer',
    '  Content-Length: 46',
    '}',
  ].join('\n');
  const oneLine =
    "        //All the error: {StatusCode: 401, ReasonPhrase: 'Unauthorized', Version: 1.1, Content: System.Net.Http.StreamContent, Headers:{  Pragma: no-cache  Cache-Control: no-cache  Date: Tue, 28 Jul 2015 14:47:03 GMT  Server: Microsoft-IIS/8.0  WWW-Authenticate: Bearer  X-Powered-By: ASP.NET  Content-Length: 61}}";

  it('reads the status and the headers, under braces or joined on one line', () => {
    expect(fieldOf('http', multi, 'http', 'server')).toBe('uvicorn');
    expect(fieldOf('http', multi, 'http', 'status')).toBe(401);
    expect(fieldOf('sniff', oneLine, 'http', 'server')).toBe('Microsoft-IIS/8.0');
    expect(fieldOf('sniff', oneLine, 'http', 'headers')).toContain('X-Powered-By: ASP.NET');
  });

  it("a camera's reply printed that way names its maker", () => {
    // synthetic: the printed form of a Dahua camera's 401 (realm.dahua-login-to-serial's form).
    const dahua = multi.replace('WWW-Authenticate: Bearer', 'WWW-Authenticate: Digest realm="Login to 4K0123PAZ00001", qop="auth", nonce="1234", opaque="abcd"');
    expectNamed(identifyText('http', dahua), 'dahua', 'realm.dahua-login-to-serial');
  });
});

describe("a reply as vendors' API manuals print it, each line closed by <CRLF>", () => {
  // JVC VN-V686 network camera API manual (manualsdump.com copy, '1.1. Basic Procedures'): the documented reply to
  // /api/video, '<CRLF>' at each line's end and two after the last header.
  const jvc = [
    '3) VN-V686 returns HTTP response.',
    'Example',
    'HTTP/1.1 200 OK<CRLF>',
    'Connection: close<CRLF>',
    'Content-Length: 27616<CRLF>',
    'Content-type: image/jpeg<CRLF>',
    'Date: Tue, 02 Oct 2007 07:33:12 GMT<CRLF>',
    'Server: JVC VN-V686 Network Camera<CRLF>',
    'x-vnv25_response:',
    'encode=jpeg&framerate=30&framesize=vga&ptz_info=off<CRLF><CRLF>',
  ].join('\n');

  it('reads the header values without the markers', () => {
    expect(fieldOf('http', jvc, 'http', 'server')).toBe('JVC VN-V686 Network Camera');
    expect(fieldOf('sniff', jvc, 'http', 'status')).toBe(200);
  });

  it("a high-risk maker's documented reply in that form names its maker", () => {
    // synthetic: the same manual form around a Hikvision 401 (Server App-webs/, realm IP Camera(<code>)).
    const hik = jvc
      .replace('HTTP/1.1 200 OK<CRLF>', 'HTTP/1.1 401 Unauthorized<CRLF>')
      .replace('Server: JVC VN-V686 Network Camera<CRLF>', 'Server: App-webs/<CRLF>\nWWW-Authenticate: Digest qop="auth", realm="IP Camera(C6379)", nonce="4e5749344e7a4d79", stale="FALSE"<CRLF>');
    const r = identifyText('http', hik);
    expectNamed(r, 'hikvision', 'realm.hikvision-ip-camera-code');
    expect(ruleIds(r)).toContain('http-server.hikvision-webs');
    expect(fieldOf('http', hik, 'http', 'server')).toBe('App-webs/');
  });
});
