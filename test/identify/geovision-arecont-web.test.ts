// Issue 14: general rules for camera makers that are not high-risk, from broad public fingerprint
// databases (Greenbone NASL detections, nuclei, scanner tables) that agree, read end to end through identify.
// The quoted values are the ones the sources name (see the rules' examples); the HTTP reply around them is synthetic.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';
import { ruleIds as rules, expectNamed } from '../helpers/identify.js';

const reply = (body: string, headers = 'Content-Type: text/html') => `HTTP/1.1 200 OK\r\n${headers}\r\n\r\n${body}`;
const id = (body: string, headers?: string) => identifySample('t.json', { protocol: 'http', payload: reply(body, headers) });

describe('GeoVision web UI login page', () => {
  it('the title Greenbone reads on /ssi.cgi/Login.htm names GeoVision', () => {
    const r = id('<HTML><HEAD><TITLE>GeoVision Inc. - IP Camera</TITLE></HEAD><BODY></BODY></HTML>');
    expectNamed(r, 'geovision', 'geovision.login-title');
  });

  it('a page pointing at the ssi.cgi login page names GeoVision (NESCA-style root-page check; mcw0 PoC)', () => {
    const r = id('<html><head><title>Index</title></head><body><a href="/ssi.cgi/Login.htm">Login</a></body></html>');
    expectNamed(r, 'geovision', 'geovision.ssi-login-path');
  });

  it('a redirect to the ssi.cgi login page names GeoVision', () => {
    const r = identifySample('t.json', { protocol: 'http', payload: 'HTTP/1.1 302 Found\r\nLocation: /ssi.cgi/Login.htm\r\nContent-Length: 0\r\n\r\n' });
    expectNamed(r, 'geovision', 'geovision.ssi-login-path');
  });

  it('generic titles and other makers\' login paths name nobody, and never Hikvision/Dahua through these rules', () => {
    for (const body of [
      '<html><head><title>IP Camera</title></head></html>',
      '<html><head><title>Index</title></head><body><a href="/Login.htm">Login</a></body></html>',
      '<html><head><title>Index</title></head><body><a href="/cgi-bin/login.cgi">Login</a></body></html>',
    ]) {
      const r = id(body);
      expect(rules(r)).not.toContain('geovision.ssi-login-path');
      expect(rules(r)).not.toContain('geovision.login-title');
    }
  });
});

describe('Arecont Vision realm', () => {
  const challenge = (realm: string) =>
    identifySample('t.json', { protocol: 'http', payload: `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm="${realm}"\r\nContent-Length: 0\r\n\r\n` });

  it('the Basic realm nmap-service-probes and the arecont-discovery NSE script read names Arecont Vision', () => {
    const r = challenge('Arecont Vision');
    expectNamed(r, 'arecont-vision', 'arecont.realm');
  });

  it('a model realm or a generic word does not fire the rule', () => {
    for (const realm of ['AV800', 'Vision', 'IP Camera']) expect(challenge(realm).evidence.map((e) => e.rule)).not.toContain('arecont.realm');
  });
});
