// The emulator's certificate writer: Node and openssl read back the names, SAN and validity it wrote, and the
// signature verifies with the signing key.
import { describe, expect, it } from 'vitest';
import { X509Certificate, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCertificate, toPem } from '../../src/lab/emulator/x509.js';
import { certificateFor, dnToCertOrder, splitDn, splitDnRdns } from '../../src/lab/emulator/tls-certs.js';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const rfc4514 = (nodeDn: string): string => nodeDn.split('\n').reverse().join(',');

describe('x509 writer', () => {
  it('round-trips subject, issuer, SAN, validity; signature verifies', () => {
    const subject = 'CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN';
    const der = createCertificate({
      subject: dnToCertOrder(subject),
      issuer: dnToCertOrder(subject),
      publicKey: createPublicKey(privateKey),
      signingKey: privateKey,
      san: ['DNS:www.hikvision.com', 'IP:198.18.0.10', 'IP:fe80::b6a3:82ff:fe0f:d92d'],
      validDays: 365,
      notBefore: new Date('2026-01-01T00:00:00Z'),
    });
    const x = new X509Certificate(der);
    expect(rfc4514(x.subject)).toBe(subject);
    expect(rfc4514(x.issuer)).toBe(subject);
    expect(x.subjectAltName).toBe('DNS:www.hikvision.com, IP Address:198.18.0.10, IP Address:FE80:0:0:0:B6A3:82FF:FE0F:D92D');
    expect(new Date(x.validFrom).toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(new Date(x.validTo).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(x.verify(createPublicKey(privateKey))).toBe(true);
    expect(x.checkIssued(x)).toBe(true);
  });

  it('escaped commas, UTF-8 values and the CA-issued form (basicConstraints CA:FALSE) read back in openssl', () => {
    const issuer = 'CN=Dahua Device NVR CA,O=Zhejiang Dahua Technology Co.\\,Ltd.,ST=Zhejiang,L=Hangzhou,C=CN';
    expect(splitDn(issuer)[1]).toEqual(['O', 'Zhejiang Dahua Technology Co.,Ltd.']);
    const der = createCertificate({
      subject: dnToCertOrder('CN=摄像机 198.18.0.12,C=CN'),
      issuer: dnToCertOrder(issuer),
      publicKey: createPublicKey(privateKey),
      signingKey: privateKey,
      ca: false,
      validDays: 3650,
    });
    const x = new X509Certificate(der);
    expect(rfc4514(x.issuer)).toBe(issuer);
    expect(x.subject).toBe('C=CN\nCN=摄像机 198.18.0.12');
    expect(x.ca).toBe(false);
    const text = execFileSync('openssl', ['x509', '-noout', '-text', '-nameopt', 'RFC2253,-esc_msb'], { input: toPem(der), encoding: 'utf8' });
    expect(text).toContain('Issuer: CN=Dahua Device NVR CA,O=Zhejiang Dahua Technology Co.\\,Ltd.,ST=Zhejiang,L=Hangzhou,C=CN');
    expect(text).toContain('CA:FALSE');
    expect(text).toContain('Signature Algorithm: sha256WithRSAEncryption');
  });

  it('multi-valued RDN (captured HP Jetdirect subject) is one RDN with two OU values and prints back as captured', async () => {
    const subject = 'CN=HP Jetdirect 38831831,OU=2C413883186A+OU=J8028E,O=Hewlett-Packard Co.';
    expect(splitDnRdns(subject)).toEqual([['CN', 'HP Jetdirect 38831831'], [['OU', '2C413883186A'], ['OU', 'J8028E']], ['O', 'Hewlett-Packard Co.']]);
    expect(splitDn(subject)).toEqual([['CN', 'HP Jetdirect 38831831'], ['OU', '2C413883186A'], ['OU', 'J8028E'], ['O', 'Hewlett-Packard Co.']]);
    // A '+' that does not start another attribute stays in the value; an escaped one too.
    expect(splitDnRdns('CN=a+b,O=c\\+OU=d')).toEqual([['CN', 'a+b'], ['O', 'c+OU=d']]);
    const dir = mkdtempSync(path.join(tmpdir(), 'emut-x509-mv-'));
    try {
      const { cert } = await certificateFor(dir, { subject, keyBits: 1024 });
      // openssl prints the captured string: '+' unescaped means one RDN with two values (a single OU whose value
      // held '+' would print as '\\+').
      const rfc2253 = execFileSync('openssl', ['x509', '-noout', '-subject', '-nameopt', 'RFC2253'], { input: cert, encoding: 'utf8' });
      expect(rfc2253.trim()).toBe(`subject=${subject}`);
      const asn1 = execFileSync('openssl', ['asn1parse', '-i'], { input: cert, encoding: 'utf8' });
      const ouLines = asn1.split('\n').filter((l) => l.includes(':organizationalUnitName'));
      expect(ouLines).toHaveLength(4); // two OU values each in subject and (self-signed) issuer
      // Node prints the two values on one line joined by ' + ' in certificate (SET) order.
      expect(new X509Certificate(cert).subject).toBe('O=Hewlett-Packard Co.\nOU=J8028E + OU=2C413883186A\nCN=HP Jetdirect 38831831');
      // Before the fix the subject had a single OU whose value was '2C413883186A+OU=J8028E'.
      expect(new X509Certificate(cert).subject).not.toContain('2C413883186A+OU');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects an unknown DN attribute and a malformed SAN with one-line errors', () => {
    const base = { issuer: [['CN', 'x']] as Array<[string, string]>, publicKey: createPublicKey(privateKey), signingKey: privateKey, validDays: 1 };
    expect(() => createCertificate({ ...base, subject: [['FOO', 'x']] })).toThrow('unknown DN attribute "FOO"');
    expect(() => createCertificate({ ...base, subject: [['CN', 'x']], san: ['x.example'] })).toThrow(/must start with DNS:/);
  });

  it('certificateFor keeps one lab key per size and makes a certificate per request', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'emut-x509-'));
    const t0 = performance.now();
    const a = await certificateFor(dir, { subject: 'CN=a' });
    const b = await certificateFor(dir, { subject: 'CN=b', issuer: 'CN=Vendor CA' });
    console.log(`[emulator bench] key + 2 certificates: ${Math.round(performance.now() - t0)} ms`);
    expect(a.key).toBe(b.key);
    expect(new X509Certificate(a.cert).subject).toBe('CN=a');
    expect(new X509Certificate(b.cert).issuer).toBe('CN=Vendor CA');
    const t1 = performance.now();
    for (let i = 0; i < 50; i++) await certificateFor(dir, { subject: `CN=198.18.0.${10 + i},C=CN`, san: [`IP:198.18.0.${10 + i}`] });
    console.log(`[emulator bench] 50 more certificates: ${Math.round(performance.now() - t1)} ms`);
    rmSync(dir, { recursive: true, force: true });
  });
});
