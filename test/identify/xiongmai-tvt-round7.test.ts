// Issue 14, round 7 (r4): Xiongmai and TVT forms end to end through identify.
// - An nmap scan pasted into a blog post whose lines each open with `<br/>` (the HTML rendering keeps the tags):
//   the port table is read once the tags are dropped. The rows are quoted from a public post on a Xiongmai DVR
//   (GitHub code search "<br/>34567/tcp open"); the shorter variants are synthetic.
// - TVT's documented RTSP path /chID=<n>&streamType=main|sub&linkType=tcp (CamioCam/rtsp PR #173 citing TVT's
//   NV9000 quick-start guide; pytvt's test URL). The replies around the paths are synthetic.
import { describe, expect, it } from 'vitest';
import { capturePayload } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const brScan = [
  '<br/>Nmap scan report for 192.168.100.15',
  '<br/>Host is up (0.0050s latency).',
  '<br/>Not shown: 65527 closed ports',
  '<br/>',
  '<br/>PORT      STATE    SERVICE        VERSION',
  '<br/>',
  '<br/>23/tcp    open     telnet         BusyBox telnetd',
  '<br/>81/tcp    open     http           uc-httpd 1.0.0',
  '<br/>445/tcp   filtered microsoft-ds',
  '<br/>4090/tcp  open     ssl/omasgport?',
  '<br/>9527/tcp  open     unknown',
  '<br/>9528/tcp  open     unknown',
  '<br/>34567/tcp open     dhanalakshmi?',
  '<br/>34599/tcp open     unknown',
].join('\n');

const describeReply = (base: string): string =>
  `RTSP/1.0 200 OK\r\nCSeq: 2\r\nContent-Base: ${base}\r\nContent-Type: application/sdp\r\nContent-Length: 90\r\n\r\nv=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=Session\r\nm=video 0 RTP/AVP 96\r\na=control:trackID=1\r\n`;

const streamUri = (uri: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns:tt="http://www.onvif.org/ver10/schema" xmlns:trt="http://www.onvif.org/ver10/media/wsdl"><env:Body><trt:GetStreamUriResponse><trt:MediaUri><tt:Uri>${uri}</tt:Uri><tt:Timeout>PT60S</tt:Timeout></trt:MediaUri></trt:GetStreamUriResponse></env:Body></env:Envelope>`;

describe('nmap pasted as HTML lines (<br/> tags), round 7 (r4)', () => {
  it('the port table of a Xiongmai DVR behind <br/> tags names Xiongmai (uc-httpd and the Sofia port)', () => {
    for (const protocol of ['nmap', 'text']) {
      const r = expectNamed(identifyText(protocol, brScan), 'xiongmai', 'nmap.xiongmai-uc-httpd', protocol);
      expect(ruleIds(r), protocol).toContain('nmap.xiongmai-sofia-port');
    }
  });

  it('tags closing the lines (`…<br>`) and entities are read the same way (synthetic)', () => {
    const t = ['PORT      STATE SERVICE VERSION<br>', '80/tcp    open  http    uc-httpd 1.0.0<br>', '554/tcp   open  rtsp    H264DVR rtspd 1.0<br>', '34567/tcp open  dhanalakshmi?<br>', '|_http-title: NETSurveillance WEB &amp; more<br>'].join('\n');
    expectNamed(identifyText('nmap', t), 'xiongmai', 'nmap.xiongmai-h264dvr');
  });

  it('two tagged lines are not a rendered paste; a page with structure is left as a page (synthetic)', () => {
    const two = ['<br/>PORT      STATE SERVICE VERSION', '<br/>80/tcp    open  http    uc-httpd 1.0.0'].join('\n');
    expect(identifyText('nmap', two).manufacturer).toBeNull();
    const page = `<html><body>\n${brScan}\n</body></html>`;
    expect(ruleIds(identifyText('http', page))).not.toContain('nmap.xiongmai-sofia-port');
  });

  it('long runs of tags stay linear (synthetic worst case)', () => {
    const t = `${'<br>'.repeat(200_000)}x\n${' <br'.repeat(100_000)}\n${brScan}`;
    const start = Date.now();
    identifyText('nmap', t);
    expect(Date.now() - start).toBeLessThan(5000);
  });

  it('the same table without the Xiongmai rows names nobody (synthetic)', () => {
    const other = brScan.split('\n').filter((l) => !/uc-httpd|34567/.test(l)).join('\n');
    expect(identifyText('nmap', other).manufacturer).toBeNull();
  });
});

describe("TVT's RTSP path /chID=<n>&streamType=…, round 7 (r4)", () => {
  it('as Content-Base of a DESCRIBE reply names TVT, possible alone (synthetic reply)', () => {
    const r = expectNamed(identifyText('rtsp', describeReply('rtsp://192.168.1.20:554/chID=1&streamType=main&linkType=tcp/')), 'tvt', 'rtsp.tvt-chid-path');
    expect(r.confidence).toBe('possible');
  });

  it('as an ONVIF GetStreamUri, with the query written after /? (synthetic envelope)', () => {
    expectNamed(identifyText('onvif', streamUri('rtsp://192.168.1.20:554/?chID=2&amp;streamType=sub&amp;linkType=tcp')), 'tvt', 'rtsp.tvt-chid-path');
  });

  it("other makers' paths and the AAC fmtp streamtype parameter name nobody as TVT (synthetic)", () => {
    for (const base of ['rtsp://192.168.1.20:554/cam/realmonitor?channel=1&subtype=0/', 'rtsp://192.168.1.20:554/Streaming/Channels/101/', 'rtsp://192.168.1.20:554/ch=1&streamType=main/']) {
      expect(ruleIds(identifyText('rtsp', describeReply(base))), base).not.toContain('rtsp.tvt-chid-path');
    }
    const aac = describeReply('rtsp://192.168.1.20:554/live/').replace('a=control:trackID=1\r\n', 'a=control:trackID=1\r\nm=audio 0 RTP/AVP 97\r\na=fmtp:97 streamtype=5;profile-level-id=1;mode=AAC-hbr\r\n');
    expect(ruleIds(identifyText('rtsp', aac))).not.toContain('rtsp.tvt-chid-path');
  });
});

describe("Xiongmai device details as a write-up's Markdown list, and the R-board names, round 7 (r4)", () => {
  // Quoted from a public write-up's ONVIF device details (GitHub code search "XM530_80X30T_8M"); serial as masked there.
  const md = [
    'Using ONVIF metadata, the following device details were obtained:',
    '',
    '*   **Manufacturer:** H264',
    '*   **Model:** XM530\\_80X30T\\_8M',
    '*   **Firmware:**  ',
    '    `V5.00.R02.000309ED.10010.348700..ONVIF 2.41`',
    '*   **Serial Number:** `<masked_by_Me>`',
    '*   **Hardware ID:** `00001`',
  ].join('\n');

  it('bold keys, escaped underscores, backticks and a value on the next line are read as Key: value lines', () => {
    for (const protocol of ['onvif', 'text']) {
      const r = expectNamed(identifyText(protocol, md), 'xiongmai', 'firmware.xiongmai-version', protocol);
      expect(ruleIds(r), protocol).toContain('model.xiongmai-board');
    }
  });

  it('the **Key**: value order is read too; a list with one bold key is left alone (synthetic)', () => {
    const other = ['- **Manufacturer**: H264', '- **Model**: `XM530_R80X20-PQ_8M`'].join('\n');
    expectNamed(identifyText('onvif', other), 'xiongmai', 'model.xiongmai-board');
    expect(identifyText('text', '- **Manufacturer**: H264\n- Model XM530_R80X20-PQ_8M').manufacturer).toBeNull();
  });

  it('the broad manufacturer alone names nobody; a printed Model line with a board name does (synthetic)', () => {
    expect(identifyText('onvif', ['- **Manufacturer:** H264', '- **Model:** IPC', '- **Hardware ID:** 00001'].join('\n')).manufacturer).toBeNull();
    expectNamed(identifyText('text', 'Manufacturer:     H264\nModel:            XM530_R80X30-PQ_8M\nHardware ID:      00001\n'), 'xiongmai', 'model.xiongmai-board');
  });
});

describe("TVT NVMS-9000's reply header set and handshake string, round 7 (r4)", () => {
  it('the config reply on TCP/4567 (capture dev/tvt-http-179) names TVT by its header set, possible alone', () => {
    const r = expectNamed(identifyText('http', capturePayload('tvt-http-179.json', 'dev')), 'tvt', 'http-server.tvt-authinfo-header');
    expect(r.confidence).toBe('possible');
  });

  it('the same header set without AuthInfo, or with standard capitals, names nobody (synthetic)', () => {
    for (const h of ['Content-type: text/xml\r\nContent-Length: 12\r\nConnection: close', 'Content-Type: text/xml\r\nContent-Length: 12\r\nConnection: close\r\nAuthInfo: ']) {
      expect(ruleIds(identifyText('http', `HTTP/1.1 200 OK\r\n${h}\r\n\r\n<response/>`)), h).not.toContain('http-server.tvt-authinfo-header');
    }
  });

  it("the handshake GUID in a body names TVT; another GUID does not (synthetic replies)", () => {
    expectNamed(identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{D79E94C5-70F0-46BD-965B-E17497CCB598} 1'), 'tvt', 'body.tvt-nvms-handshake-guid');
    expect(identifyText('http', 'HTTP/1.1 200 OK\r\nContent-Length: 40\r\n\r\n{9FC4C546-402B-9C48-9DCB-508290053027}').manufacturer).toBeNull();
  });
});

describe("Xiongmai's fixed SDP origin line (o=- 38990265062388 38990265062388), round 7 (r4)", () => {
  // The SDP is quoted from gortsplib's SDP test (a camera's DESCRIBE reply); the RTSP head is synthetic.
  const sdp = ['v=0', 'o=- 38990265062388 38990265062388 IN IP4 192.168.1.142', 's=RTSP Session', 'c=IN IP4 192.168.1.142', 't=0 0', 'a=control:*', 'a=range:npt=0-',
    'm=video 0 RTP/AVP 96', 'a=rtpmap:96 H264/90000 ', 'a=range:npt=0-', 'a=framerate:0S', 'a=fmtp:96 profile-level-id=64000c; packetization-mode=1; sprop-parameter-sets=Z2QADKw7ULBLQgAAAwACAAADAD0I,aO48gA==', 'a=framerate:25', 'a=control:trackID=3', ''].join('\r\n');
  const reply = (body: string, server = ''): string => `RTSP/1.0 200 OK\r\nCSeq: 3\r\n${server ? `Server: ${server}\r\n` : ''}Content-Type: application/sdp\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

  it('names Xiongmai, possible alone and probable beside the H264DVR server name; the bare SDP too', () => {
    expect(expectNamed(identifyText('rtsp', reply(sdp)), 'xiongmai', 'rtsp.xiongmai-sdp-origin').confidence).toBe('possible');
    expect(expectNamed(identifyText('rtsp', reply(sdp, 'H264DVR 1.0')), 'xiongmai', 'rtsp.xiongmai-sdp-origin').confidence).toBe('probable');
    expectNamed(identifyText('rtsp', sdp), 'xiongmai', 'rtsp.xiongmai-sdp-origin');
  });

  it('another origin, or the constant only once, names nobody (synthetic)', () => {
    for (const o of ['o=- 1408034724628258 1408034724628258 IN IP4 192.168.0.204', 'o=- 38990265062388 1 IN IP4 192.168.1.142']) {
      expect(identifyText('rtsp', reply(sdp.replace(/^o=.*$/m, o))).manufacturer, o).toBeNull();
    }
  });
});

describe("Xiongmai's ONVIF version list in GetCapabilities, round 7 (r4)", () => {
  const caps = (versions: Array<[number, number]>): string =>
    `<?xml version="1.0" encoding="UTF-8"?>\n<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body><tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>http://192.168.1.10:8899/onvif/device_service</tt:XAddr><tt:System>${versions.map(([a, b]) => `<tt:SupportedVersions><tt:Major>${a}</tt:Major><tt:Minor>${b}</tt:Minor></tt:SupportedVersions>`).join('')}</tt:System></tt:Device></tds:Capabilities></tds:GetCapabilitiesResponse></s:Body></s:Envelope>`;
  const xm: Array<[number, number]> = [[17, 12], [16, 12], [2, 60], [2, 40], [2, 20], [2, 10], [2, 0]];

  it('the XM530 reply (capture dev/xiongmai-onvif-120, Besder XMA501) names Xiongmai, possible alone', () => {
    const r = expectNamed(identifyText('onvif', capturePayload('xiongmai-onvif-120.json', 'dev')), 'xiongmai', 'onvif.xiongmai-supported-versions');
    expect(r.confidence).toBe('possible');
    expectNamed(identifyText('onvif', caps([[21, 6], ...xm])), 'xiongmai', 'onvif.xiongmai-supported-versions');
  });

  it("other servers' lists name nobody (synthetic envelopes; the lists of public ONVIF server code and a Bessky camera)", () => {
    for (const v of [[[17, 12], [2, 6], [2, 4], [2, 0]], [[2, 50], [2, 60], [16, 6], [16, 12], [17, 6], [17, 12]], [[2, 2]], xm.slice(1)] as Array<Array<[number, number]>>) {
      expect(ruleIds(identifyText('onvif', caps(v))), JSON.stringify(v)).not.toContain('onvif.xiongmai-supported-versions');
    }
  });
});

describe("TVT's device-search reply <multicastSearchResult>, round 7 (r4)", () => {
  // The element set as a TVT discovery module's docstring shows it (GitHub code search "multicastSearchResult"
  // IPTool); the MAC's last octets, names and addresses are synthetic.
  const reply = (root: string, model = 'TD-2708TS-C'): string =>
    `<${root}>\n  <tcpIp>\n    <devName>NVR-01</devName>\n    <ipAddr>192.168.1.100</ipAddr>\n    <macAddr>02:00:00:11:22:33</macAddr>\n  </tcpIp>\n  <port>\n    <dataPort>9008</dataPort>\n    <httpPort>80</httpPort>\n  </port>\n  <productInfo>\n    <productModel>${model}</productModel>\n    <productSeries>N9000</productSeries>\n    <softwareVer>V5.2.0</softwareVer>\n  </productInfo>\n</${root}>`;

  it('names TVT as a document and inside an HTTP reply; its TD- product model is read as a model', () => {
    const r = expectNamed(identifyText('udp', reply('multicastSearchResult')), 'tvt', 'doc.tvt-multicast-search-result');
    expect(ruleIds(r)).toContain('model.tvt-td');
    expectNamed(identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n${reply('multicastSearchResult', 'IP-5IRD4S4')}`), 'tvt', 'doc.tvt-multicast-search-result');
  });

  it('another root names nobody (synthetic)', () => {
    expect(identifyText('udp', reply('SearchResult', 'X-100')).manufacturer).toBeNull();
  });
});

describe('nmap -oX of a scan without -sV, round 7 (r4)', () => {
  const ox = (port: number, extra = ''): string => [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<nmaprun scanner="nmap" args="nmap -oX - 192.168.1.10" version="7.94">',
    '<host><status state="up" reason="arp-response"/><address addr="192.168.1.10" addrtype="ipv4"/><ports>',
    '<port protocol="tcp" portid="80"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="http" method="table" conf="3"/></port>',
    `<port protocol="tcp" portid="${port}"><state state="open" reason="syn-ack" reason_ttl="64"/><service name="dhanalakshmi" method="table" conf="3"${extra}/></port>`,
    '</ports></host></nmaprun>',
  ].join('\n');

  it("an open 34567 port names Xiongmai, possible alone, as the text table's row does (synthetic -oX)", () => {
    const r = expectNamed(identifyText('nmap', ox(34567)), 'xiongmai', 'nmap.xiongmai-sofia-port');
    expect(r.confidence).toBe('possible');
  });

  it('a closed 34567 port or another port names nobody (synthetic -oX)', () => {
    expect(identifyText('nmap', ox(34567).replace(/portid="34567"><state state="open"/, 'portid="34567"><state state="closed"')).manufacturer).toBeNull();
    expect(identifyText('nmap', ox(8000)).manufacturer).toBeNull();
  });
});
