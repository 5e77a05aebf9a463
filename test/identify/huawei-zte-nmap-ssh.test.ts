// Issue 14 (attr-f batch 2): nmap's product names for Huawei and ZTE gear, and Huawei VRP's empty SSH software version.
import { describe, expect, it } from 'vitest';
import { identifySample } from '../../src/identify/identify.js';

const id = (protocol: string, payload: string) => identifySample('t.json', { protocol, payload });
const rules = (protocol: string, payload: string) => id(protocol, payload).evidence.map((e) => e.rule);

describe('nmap product names (nmap-service-probes p/…/)', () => {
  it('an -sV table naming Huawei VRP sshd / Huawei Home Gateway telnetd is Huawei', () => {
    const t = 'PORT   STATE SERVICE VERSION\n22/tcp open  ssh     Huawei VRP sshd (protocol 2.0)\n23/tcp open  telnet  Huawei Home Gateway telnetd\n';
    expect(id('nmap', t).manufacturer).toBe('huawei');
    expect(rules('nmap', t)).toContain('nmap.huawei-product');
  });
  it('an -sV table naming a ZTE router telnetd is ZTE', () => {
    const t = 'PORT   STATE SERVICE VERSION\n23/tcp open  telnet  ZTE router telnetd\n';
    expect(id('nmap', t).manufacturer).toBe('zte');
    expect(rules('nmap', t)).toContain('nmap.zte-product');
  });
  it('Huawei-3Com / H3C products and ZTE ACS software name neither', () => {
    for (const p of ['3Com SuperStack 3 Switch 4500 or Huawei Quidway AR28-09 WAP telnetd', 'H3C Comware sshd', 'ZTE Auto-Configuration Servers (ACS) http login']) {
      const r = id('nmap', `PORT   STATE SERVICE VERSION\n23/tcp open  telnet  ${p}\n`);
      expect(['huawei', 'zte']).not.toContain(r.manufacturer);
    }
  });
});

describe('ssh.huawei-empty-version', () => {
  it("'SSH-2.0--' (nmap: Huawei VRP sshd) is a possible Huawei, never more alone", () => {
    const r = id('ssh', 'SSH-2.0--\r\n');
    expect(r.manufacturer).toBe('huawei');
    expect(r.confidence).toBe('possible');
    expect(r.evidence.map((e) => e.rule)).toContain('ssh.huawei-empty-version');
  });
  it("'SSH-2.0-' and stock servers name nobody", () => {
    expect(id('ssh', 'SSH-2.0-\r\n').manufacturer).toBeNull();
    expect(id('ssh', 'SSH-2.0-OpenSSH_8.4\r\n').manufacturer).toBeNull();
  });
});
