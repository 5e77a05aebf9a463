// paramiko's transport log (netmiko, scrapli, webssh print it at DEBUG/INFO) names the SSH server's identification:
// `Remote version/idstring: SSH-2.0-X` and `Connected (version 2.0, client X)` (paramiko transport.py; logs pasted in
// ktbyers/netmiko #2251, paramiko/paramiko #1818). identify reads it as the identification line (src/identify/unwrap-logs.ts).
import { describe, expect, it } from 'vitest';
import { capturePayload } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const idLine = capturePayload('zte-ssh-31', 'dev').trim();
const software = idLine.replace(/^SSH-2\.0-/, '');

describe('paramiko transport log as an SSH identification', () => {
  it('the DEBUG idstring line with the logging module prefix names the server (identification of dev/zte-ssh-31)', () => {
    const log = [
      'DEBUG:paramiko.transport:starting thread (client mode): 0x1a2b3c4d',
      'DEBUG:paramiko.transport:Local version/idstring: SSH-2.0-paramiko_3.4.0',
      `DEBUG:paramiko.transport:Remote version/idstring: ${idLine}`,
      `INFO:paramiko.transport:Connected (version 2.0, client ${software})`,
    ].join('\n');
    const r = expectNamed(identifyText('ssh', log), 'zte', 'ssh.zte');
    expect(r.evidence.find((e) => e.field === 'ssh.banner')?.value).toBe(software);
  });

  it('the INFO line alone (no idstring line), under a tornado-style prefix, gives the same identification', () => {
    const r = expectNamed(identifyText('ssh', `[I 240102 10:00:01 transport:1944] Connected (version 2.0, client ${software})\n`), 'zte', 'ssh.zte');
    expect(r.evidence.find((e) => e.field === 'ssh.banner')?.value).toBe(software);
  });

  it("an empty software version (paramiko prints 'client -') is VRP's SSH-2.0-- quirk: possible Huawei, never more", () => {
    const r = identifyText('ssh', 'DEBUG:paramiko.transport:Remote version/idstring: SSH-2.0--\nINFO:paramiko.transport:Connected (version 2.0, client -)\n');
    expect(r.manufacturer).toBe('huawei');
    expect(r.confidence).toBe('possible');
    expect(ruleIds(r)).toContain('ssh.huawei-empty-version');
  });

  it("the client's own idstring never names anyone, and another maker's server is not high-risk (netmiko #2251: Cisco-1.25)", () => {
    expect(identifyText('ssh', 'DEBUG:paramiko.transport:Local version/idstring: SSH-2.0-paramiko_2.7.2\n').manufacturer).toBeNull();
    const cisco = identifyText('ssh', 'DEBUG:paramiko.transport:Remote version/idstring: SSH-2.0-Cisco-1.25\nINFO:paramiko.transport:Connected (version 2.0, client Cisco-1.25)\n');
    expect(cisco.manufacturer).toBe('cisco');
    // paramiko's kex lines are dropped, not read as server text
    const withKex = identifyText('ssh', `DEBUG:paramiko.transport:Remote version/idstring: ${idLine}\nDEBUG:paramiko.transport:kex algos:['diffie-hellman-group14-sha1'] server key:['ssh-rsa']\n`);
    expect(withKex.evidence.every((e) => !String(e.value).includes('kex algos'))).toBe(true);
  });

  it("ssh-audit's '(gen) banner:' line names the server; its findings are never read as server text", () => {
    const out = ['# general', `(gen) banner: ${idLine}`, `(gen) software: ${software}`, '(gen) compatibility: OpenSSH 7.3+, Dropbear SSH 2016.73+', '# key exchange algorithms', '(kex) diffie-hellman-group14-sha1 -- [warn] using weak hashing algorithm'].join('\n');
    const r = expectNamed(identifyText('ssh', out), 'zte', 'ssh.zte');
    expect(r.evidence.find((e) => e.field === 'ssh.banner')?.value).toBe(software);
    // ssh-audit run on a stock server (its README example) names nobody
    expect(identifyText('ssh', '# general\n(gen) banner: SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\n(gen) software: OpenSSH 9.6p1\n').manufacturer).toBeNull();
  });
});
