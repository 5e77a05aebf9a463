// Round 6 (attr-h): Xiongmai's documented RTSP path, a Digest realm that is the device's MAC (Uniview, Hikvision),
// and replies logged on one line with their headers joined by spaces.
import { describe, expect, it } from 'vitest';
import { readCapture } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const describe200 = (contentBase: string, server = '') =>
  `RTSP/1.0 200 OK\r\n${server ? `Server: ${server}\r\n` : ''}CSeq: 2\r\nContent-Base: ${contentBase}\r\nContent-Type: application/sdp\r\n\r\nv=0\r\ns=RTSP Session\r\nm=video 0 RTP/AVP 96\r\na=control:trackID=0\r\n`;

describe("Xiongmai's /user=…&password=…&channel=…&stream=….sdp path (rtsp.xiongmai-user-password-path)", () => {
  it('names Xiongmai, possible alone, probable beside the H264DVR server name; both separators', () => {
    const alone = expectNamed(identifyText('rtsp', describe200('rtsp://10.6.3.57:554/user=admin&password=&channel=1&stream=0.sdp?real_stream/')), 'xiongmai', 'rtsp.xiongmai-user-password-path');
    expect(alone.confidence).toBe('possible');
    const withServer = expectNamed(identifyText('rtsp', describe200('rtsp://192.168.1.177:554/user=admin_password=_channel=0_stream=0.sdp?real_stream/', 'H264DVR 1.0')), 'xiongmai', 'rtsp.xiongmai-user-password-path');
    expect(withServer.confidence).toBe('probable');
  });

  it("Dahua's path, a bare user/password query and a credentials CGI name nobody through it", () => {
    for (const base of ['rtsp://192.168.0.141:554/cam/realmonitor?channel=1&subtype=0/', 'rtsp://192.0.2.10:554/user=admin&password=x/', 'rtsp://192.0.2.10/videostream.cgi?user=admin&pwd=&channel=1/']) {
      expect(ruleIds(identifyText('rtsp', describe200(base)))).not.toContain('rtsp.xiongmai-user-password-path');
    }
  });
});

describe('a 12-hex-digit Digest realm is the MAC (realm.mac-digits → OUI look-up)', () => {
  it("Uniview's RTSP realm 48ea632fc01e (wiki.zohead.com) gives Uniview through its OUI, possible only", () => {
    const r = expectNamed(identifyText('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 28\r\nWWW-Authenticate: Digest realm="48ea632fc01e", nonce="5902a8beca904f4d52f5"\r\n\r\n'), 'uniview', 'realm.mac-digits');
    expect(r.confidence).toBe('possible');
    expect(ruleIds(r)).toContain('oui.uniview');
  });

  it("Hikvision's RTSP realm b4a38201a73f (go2rtc #2232) gives Hikvision through its OUI", () => {
    const r = identifyText('rtsp', 'RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="b4a38201a73f", nonce="739ee6c7ea93532ef87d5f319b155537", stale="FALSE"\r\n\r\n');
    expectNamed(r, 'hikvision', 'realm.mac-digits');
  });

  it("Xiongmai's 16-digit realm and Dahua's 32-digit form are not read as a MAC", () => {
    for (const realm of ['4453c7aab6dbf00c', 'Login to be8c87b7ecbc1c2c89f8b4da109a4f78', 'B4A38201A73F']) {
      expect(ruleIds(identifyText('rtsp', `RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="${realm}", nonce="x44Brw345XKaKJy2UkUk4RP2sjVpSfMp"\r\n\r\n`))).not.toContain('realm.mac-digits');
    }
  });
});

describe('replies logged on one line, headers joined by spaces', () => {
  it('capture dev/dahua-rtsp-62 (html5_rtsp_player #152): the realm and the Server header are read', () => {
    const c = readCapture('dahua-rtsp-62.json', 'dev');
    const r = expectNamed(identifyText(c.protocol, c.payload), 'dahua', 'realm.dahua-login-to-serial');
    expect(ruleIds(r)).toContain('rtsp.dahua-rtsp-server-3');
  });

  it('a pasted reply without the logger label is split the same way; a value holding "Word: " stays whole', () => {
    const r = identifyText('rtsp', 'RTSP/1.0 200 OK CSeq: 2 Server: Rtsp Server/3.0 Public: OPTIONS, DESCRIBE, SETUP');
    expectNamed(r, 'dahua', 'rtsp.dahua-rtsp-server-3');
    const note = identifyText('rtsp', 'RTSP/1.0 401 Unauthorized CSeq: 1 WWW-Authenticate: Basic realm="Note: DahuaRtsp"');
    expect(ruleIds(note)).not.toContain('realm.dahua-rtsp-basic');
  });

  it('a status line standing alone, or a reply already in lines, is left as it is', () => {
    expect(identifyText('rtsp', 'RTSP/1.0 200 OK').manufacturer).toBeNull();
    expectNamed(identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 2\r\nServer: Rtsp Server/3.0\r\n\r\n'), 'dahua', 'rtsp.dahua-rtsp-server-3');
  });
});

describe("nmap's port table without a version column: Xiongmai's Sofia port 34567 (nmap.xiongmai-sofia-port)", () => {
  it('captures dev/xiongmai-nmap-61 (numenworld-ipcam) and dev/xiongmai-nmap-62 (a Hi3518 board from a Xiongmai device): Xiongmai, possible', () => {
    for (const name of ['xiongmai-nmap-61.json', 'xiongmai-nmap-62.json']) {
      const c = readCapture(name, 'dev');
      const r = expectNamed(identifyText(c.protocol, c.payload), 'xiongmai', 'nmap.xiongmai-sofia-port', name);
      expect(r.confidence, name).toBe('possible');
    }
  });

  it('with the -sV names of the same camera (H264DVR rtspd) the verdict is firmer; the XML form names the service only', () => {
    const table = 'PORT      STATE SERVICE       VERSION\n554/tcp   open  rtsp          H264DVR rtspd 1.0\n34567/tcp open  dhanalakshmi?\n';
    expect(expectNamed(identifyText('nmap', table), 'xiongmai', 'nmap.xiongmai-sofia-port').confidence).not.toBe('possible');
    const xml = '<port protocol="tcp" portid="34567"><state state="open" reason="syn-ack"/><service name="dhanalakshmi" product="unknown" method="table" conf="3"/></port>';
    expectNamed(identifyText('nmap', xml), 'xiongmai', 'nmap.xiongmai-sofia-port');
  });

  it("Dahua's 37777, other ports, a table with no 34567 and a port list outside nmap's table name nobody", () => {
    expect(identifyText('nmap', 'PORT      STATE SERVICE\n80/tcp    open  http\n37777/tcp open  unknown\n').manufacturer).toBeNull();
    expect(identifyText('nmap', 'PORT      STATE SERVICE\n34568/tcp open  unknown\n134567/tcp open  dhanalakshmi\n').manufacturer).toBeNull();
    expect(identifyText('banner', 'ports 34567/tcp open dhanalakshmi').manufacturer).toBeNull();
  });
});
