import { describe, it, expect, beforeAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { parse, fromPeerCertificate } from '../../src/parsers/tls.js';
import { sample } from '../probes/corpus.js';

let pem = '';
beforeAll(() => {
  // A certificate carrying the real Hikvision DVR default subject (hikvision-tls-1), made with the openssl CLI.
  const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-tcp-tls-'));
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '3650',
    '-subj', '/C=CN/ST=ZheJiang/L=HangZhou/O=HIKVISION/OU=DVRNVR/CN=www.hikvision.com', '-addext', 'subjectAltName=DNS:www.hikvision.com,IP:192.0.2.64'], { stdio: 'ignore' });
  pem = readFileSync(path.join(dir, 'c.pem'), 'utf8');
  rmSync(dir, { recursive: true, force: true });
});

describe('tls parser', () => {
  it('PEM and DER give the same fields; subject in CN-first order matching the recog string', () => {
    const [e] = parse(pem);
    const s = sample('hikvision-tls-1.json');
    expect(e.fields.subject).toBe(s.payload);
    expect(e.fields['subject.CN']).toBe('www.hikvision.com');
    expect(e.fields['issuer.O']).toBe('HIKVISION');
    expect(e.fields.san).toEqual(['www.hikvision.com', '192.0.2.64']);
    expect(e.fields.keyType).toBe('rsa');
    expect(e.fields.keyBits).toBe(2048);
    expect(e.fields.selfSigned).toBe(true);
    expect(e.fields.sha256).toMatch(/^[0-9a-f]{64}$/);
    const der = new X509Certificate(pem).raw;
    expect(parse(der)[0].fields).toEqual(e.fields);
    expect(fromPeerCertificate({ raw: der })[0].fields.sha256).toBe(e.fields.sha256);
  });
  it('DN strings from the corpus (hikvision-tls-1, hp-tls-1 multi-valued OU)', () => {
    expect(parse(sample('hikvision-tls-1.json').payload)[0].fields['subject.OU']).toBe('DVRNVR');
    expect(parse(sample('hp-tls-1.json').payload)[0].fields['subject.OU']).toBe('2C413883186A+J8028E');
  });
  it('not a certificate → []; a certificate that cannot be read → a parse note saying which input and why', () => {
    expect(parse('hello')).toEqual([]);
    for (const bad of ['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----', Buffer.from([0x30, 0x82, 0xff])]) {
      const [e, ...rest] = parse(bad);
      expect(rest).toEqual([]);
      expect(e).toMatchObject({ kind: 'parse', fields: { parser: 'tls', outcome: 'error' } });
      expect(e!.notes![0]).toMatch(/^tls parser failed on \d+ (bytes|characters) ".*": \S/);
    }
  });

  it('DN forms tools print, all in the CN-first comma form rules read', () => {
    const want = 'CN=www.hikvision.com,OU=DVRNVR,O=HIKVISION,L=HangZhou,ST=ZheJiang,C=CN';
    for (const dn of [
      'C = CN, ST = ZheJiang, L = HangZhou, O = HIKVISION, OU = DVRNVR, CN = www.hikvision.com', // OpenSSL 1.1+
      '/C=CN/ST=ZheJiang/L=HangZhou/O=HIKVISION/OU=DVRNVR/CN=www.hikvision.com', // OpenSSL 1.0 oneline
      'C=CN; ST=ZheJiang; L=HangZhou; O=HIKVISION; OU=DVRNVR; CN=www.hikvision.com', // curl -v
      'commonName=www.hikvision.com/organizationalUnitName=DVRNVR/organizationName=HIKVISION/localityName=HangZhou/stateOrProvinceName=ZheJiang/countryName=CN', // nmap ssl-cert
    ]) {
      const [e] = parse(dn);
      expect(e!.fields.subject, dn).toBe(want);
      expect(e!.fields['subject.O'], dn).toBe('HIKVISION');
    }
  });
});
