// Digest against the RFC 2617 §3.5 and RFC 7616 §3.9.1 worked examples; WSSE digest against an
// independent recomputation and the ONVIF formula.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { digestAuthorization, parseChallenge } from '../../src/creds/digest.js';
import { passwordDigest, usernameTokenHeader } from '../../src/creds/wsse.js';

describe('HTTP Digest', () => {
  it('RFC 2617 §3.5 example (MD5, qop auth)', () => {
    const c = parseChallenge('Digest realm="testrealm@host.com", qop="auth,auth-int", nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"')!;
    expect(c).toMatchObject({ algorithm: 'MD5', qop: 'auth' });
    const a = digestAuthorization(c, { username: 'Mufasa', password: 'Circle Of Life', method: 'GET', uri: '/dir/index.html', cnonce: '0a4f113b' });
    expect(a).toContain('response="6629fae49393a05397450978507c4ef1"');
    expect(a).toContain('opaque="5ccc069c403ebaf9f0171e9517f40e41"');
  });
  it('RFC 7616 §3.9.1 example (SHA-256 preferred over MD5 when both offered)', () => {
    const c = parseChallenge([
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
      'Digest realm="http-auth@example.org", qop="auth, auth-int", algorithm=MD5, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    ])!;
    expect(c.algorithm).toBe('SHA-256');
    const a = digestAuthorization(c, { username: 'Mufasa', password: 'Circle of Life', method: 'GET', uri: '/dir/index.html', cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ' });
    expect(a).toContain('response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1"');
  });
  it('not Digest / auth-int only → null; Basic alongside Digest is skipped', () => {
    expect(parseChallenge('Basic realm="x"')).toBeNull();
    expect(parseChallenge('Digest realm="x", nonce="n", qop="auth-int"')).toBeNull();
    expect(parseChallenge(undefined)).toBeNull();
    expect(parseChallenge('Basic realm="a", Digest realm="b", nonce="n"')).toMatchObject({ realm: 'b', qop: null });
  });
});

describe('WS-Security UsernameToken digest', () => {
  it('base64(sha1(nonce + created + password)), nonce sent as base64', () => {
    const nonce = Buffer.from('0123456789abcdef');
    const created = '2026-11-28T23:00:00Z';
    const expected = createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created), Buffer.from('pw')])).digest('base64');
    expect(passwordDigest(nonce, created, 'pw')).toBe(expected);
    const x = usernameTokenHeader({ username: 'a<b', password: 'pw', nonce, created });
    expect(x).toContain(`>${expected}</wsse:Password>`);
    expect(x).toContain(`>${nonce.toString('base64')}</wsse:Nonce>`);
    expect(x).toContain('a&#60;b');
    expect(x).not.toContain('>pw<');
  });
});
