// Issue 14: Dahua's newer realm form, 'Login to ' plus 32 lower-case hex digits, read end to end through identify
// on the HTTP (web/ONVIF service) and RTSP replies that carry it. The realm values are real (sources named in the
// rule's examples); the replies around them are synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { ruleIds as rules, expectNamed, onvif401 } from '../helpers/identify.js';


const rtsp401 = (wwwAuthenticate: string) =>
  identifySample('t.json', {
    protocol: 'rtsp',
    payload: `RTSP/1.0 401 Unauthorized\r\nCSeq: 2\r\nWWW-Authenticate: ${wwwAuthenticate}\r\n\r\n`,
  });

describe('Dahua realm Login to <32 hex>', () => {
  it('the ONVIF service challenge of a DH-P40A2-WT names Dahua (an Android ONVIF client\'s log)', () => {
    const r = onvif401('Digest realm="Login to 0ae5e3a55d6b36d0d35a0f5c751f450a",qop="auth",nonce="xLD0t71uLsrD79BuhFBjZZYkYXr_yr4U29J4Y2QEY1wjOYR/NU96Y5o4OfW61qcO", opaque="", stale="false"');
    expectNamed(r, 'dahua', 'realm.dahua-login-to-hex');
  });

  it('the same realm form on RTSP names Dahua', () => {
    const r = rtsp401('Digest realm="Login to 421592117ae7e3d0347d203dc8e04774", nonce="0e8957f070e7fba5ab3bc6eea59bc656"');
    expectNamed(r, 'dahua', 'realm.dahua-login-to-hex');
  });

  it('the serial form is read by the serial rule only', () => {
    const r = rtsp401('Digest realm="Login to 4K01FD2PAJ6E3FF", nonce="203c8d27b595204504dfa65fd22586bd"');
    expectNamed(r, 'dahua', 'realm.dahua-login-to-serial');
    expect(rules(r)).not.toContain('realm.dahua-login-to-hex');
  });

  it('upper-case, short or word realms after "Login to" name nobody', () => {
    expect(onvif401('Digest realm="Login to device", qop="auth", nonce="abc123", opaque="xyz"').manufacturer).toBeNull();
    expect(onvif401('Digest realm="Login to 0ae5e3a55d6b36d0d35a0f5c751f450", qop="auth", nonce="abc123"').manufacturer).toBeNull();
    expect(rules(onvif401('Digest realm="Login to 0AE5E3A55D6B36D0D35A0F5C751F450A", qop="auth", nonce="abc123"'))).not.toContain('realm.dahua-login-to-hex');
  });
});
