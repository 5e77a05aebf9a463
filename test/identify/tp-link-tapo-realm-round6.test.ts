// Issue 14, round 6 (attr-d): TP-Link camera realms on RTSP and HTTP, end to end through identify.
// Device texts are real with sources named; where a whole reply is not public, the reply around a real value is
// synthetic (said so per test).
import { describe, expect, it } from 'vitest';
import { readCapture } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const HIGH_RISK = ['hikvision', 'dahua', 'uniview', 'huawei', 'zte', 'xiongmai'];
const capture = (name: string) => readCapture(name, 'dev');

describe('TP-Link camera realms, round 6', () => {
  it("a Tapo C110's RTSP 401 with the mixed-case realm 'TP-Link IP-Camera' names TP-Link, a camera (capture dev/tapo-rtsp-41, koush/scrypted #441)", () => {
    const c = capture('tapo-rtsp-41.json');
    const r = expectNamed(identifyText(c.protocol, c.payload), 'tp-link', 'tp-link.camera-realm');
    expect(r.deviceType).toBe('camera');
    expect(HIGH_RISK).not.toContain(r.manufacturer);
    expect(r.risk.level).not.toBe('high');
  });

  it("an HTTP 401 with 'TP-LINK IP-Camera' is a camera, not a router model 'IP-Camera' (realm from Recog http_wwwauth; the reply around it is synthetic)", () => {
    for (const realm of ['TP-LINK IP-Camera', 'TP-Link IP-Camera']) {
      const r = identifyText('http', `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="${realm}"\r\nContent-Length: 0\r\n\r\n`);
      expectNamed(r, 'tp-link', 'tp-link.camera-realm', realm);
      expect(ruleIds(r), realm).not.toContain('realm.tp-link');
      expect(r.model, realm).not.toBe('IP-Camera');
      expect(r.deviceType, realm).toBe('camera');
    }
    // A router's realm still names its model (corpus tplink-http-1, Recog http_wwwauth).
    const router = identifyText('http', 'HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="TP-LINK Wireless N Router WR841N"\r\n\r\n');
    expectNamed(router, 'tp-link', 'realm.tp-link');
  });

  it("LIVE555's method list without PAUSE (a Tapo's OPTIONS reply, capture dev/tapo-rtsp-21) names nobody: Ambarella-SDK and other servers send the same list", () => {
    const c = capture('tapo-rtsp-21.json');
    const r = identifyText(c.protocol, c.payload);
    expect(r.manufacturer).toBeNull();
    const other = identifyText('rtsp', 'RTSP/1.0 200 OK\r\nCSeq: 1\r\nPublic: OPTIONS, DESCRIBE, SETUP, TEARDOWN, PLAY, GET_PARAMETER, SET_PARAMETER\r\n\r\n');
    expect(other.manufacturer).toBeNull();
  });
});
