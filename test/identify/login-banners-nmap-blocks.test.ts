// Issue 14: forms identify did not read, each checked end to end on a real capture (dev set) and
// against look-alikes: an SSH session's login text with no identification string (Huawei OLT banner), a telnet
// banner with terminal escapes (ZTE C300), nmap -sV -sC output whose HTTP reply sits in a fingerprint-strings block
// beside the port table (Xiongmai camera), and the status reply of ZTE's goform modem API.
import { describe, expect, it } from 'vitest';
import { sshBanner, telnetBanner } from '../../src/parsers/banner.js';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { ruleIds as rules, expectNamed } from '../helpers/identify.js';

const capture = (name: string) => {
  const c = readCapture(name, 'dev');
  return identifySample(`${name}.json`, { protocol: c.protocol, payload: c.payload });
};

describe('SSH login text without an identification string', () => {
  it('is kept as ssh.loginBanner, apart from the identification string', () => {
    const ev = sshBanner('\n  Huawei Integrated Access Software (MA5800).\n  Copyright(C) Huawei Technologies Co., Ltd. 2002-2021. All rights reserved.\n', true);
    expect(ev[0]!.fields.loginBanner).toMatch(/^Huawei Integrated Access Software \(MA5800\)\./);
    expect(ev[0]!.fields.banner).toBeUndefined();
    expect(sshBanner('SSH-2.0-HUAWEI-1.5\r\n', true)[0]!.fields.banner).toBe('HUAWEI-1.5');
    // Not labelled SSH: never read as a login text.
    expect(sshBanner('line one\nline two')).toEqual([]);
  });

  it("a Huawei MA5800 OLT's SSH login (dev/huawei-ssh-32, dev/huawei-ssh-33) is Huawei", () => {
    for (const n of ['huawei-ssh-32', 'huawei-ssh-33']) {
      const r = capture(n);
      expectNamed(r, 'huawei', 'telnet.huawei');
    }
  });

  it('a generic Linux login text names nobody', () => {
    const r = identifySample('t.json', { protocol: 'ssh', payload: 'Welcome to Ubuntu 22.04.3 LTS (GNU/Linux 5.15.0-91-generic x86_64)\n\n * Documentation:  https://help.ubuntu.com\n' });
    expect(r.manufacturer).toBeNull();
  });
});

describe('telnet banners with terminal escapes', () => {
  it('drops CSI sequences before the banner is read', () => {
    const ev = telnetBanner('Welcome to ZXAN product C300\u0000\r\n\u001b[24;1HBMKV-C300#', true);
    expect(ev[0]!.fields.banner).toBe('Welcome to ZXAN product C300\r\nBMKV-C300#');
  });

  it("a ZTE C300 OLT's telnet bytes (dev/zte-telnet-32) are ZTE", () => {
    const r = capture('zte-telnet-32');
    expectNamed(r, 'zte', 'telnet.zte');
  });

  it('a BusyBox camera prompt with escapes names nobody', () => {
    expect(identifySample('t.json', { protocol: 'telnet', payload: '\u001b[0;32m(none) login: \u001b[0m' }).manufacturer).toBeNull();
  });
});

describe('nmap output with fingerprint-strings beside the port table', () => {
  it('reads the reply (blank line before the body restored) and the table (dev/xiongmai-nmap-31)', () => {
    const r = capture('xiongmai-nmap-31');
    expect(r.manufacturer).toBe('xiongmai');
    expect(rules(r)).toEqual(expect.arrayContaining(['title.xiongmai-netsurveillance', 'nmap.xiongmai-h264dvr']));
  });

  it('a fingerprint-strings block of a stock server beside its table names nobody', () => {
    const out = [
      'PORT   STATE SERVICE VERSION',
      '80/tcp open  http    lighttpd 1.4.59',
      '| fingerprint-strings:',
      '|   GetRequest:',
      '|     HTTP/1.0 200 OK',
      '|     Content-Type: text/html',
      '|     <html><head><title>Login</title></head></html>',
      '|_http-title: Login',
    ].join('\n');
    expect(identifySample('t.json', { protocol: 'nmap', payload: out }).manufacturer).toBeNull();
  });
});

describe("ZTE's goform modem API", () => {
  it('the modem state reply of a ZTE MF79U (dev/zte-http-31) is ZTE', () => {
    const r = capture('zte-http-31');
    expectNamed(r, 'zte', 'body.zte-goform-state');
  });

  it('the goform login result and other state keys name nobody', () => {
    for (const body of ['{"result":"3"}', '{"modem_state":"connected"}', '{"modem_main_state": 1}']) {
      expect(identifySample('t.json', { protocol: 'http', payload: `HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n${body}` }).manufacturer).toBeNull();
    }
  });
});
