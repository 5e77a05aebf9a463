// `camaudit doctor` run for real: on this machine, and inside a lab namespace of our own (prefix
// plat-dr) where we control the limitations: an interface with multicast switched off, no browser
// for PDF, and an unprivileged user. Nothing is sent anywhere; doctor only binds sockets and reads.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const ENTRY = path.join(ROOT, 'src/cli/entry.ts');
const isRoot = process.getuid?.() === 0;
const hasIp = spawnSync('ip', ['-V']).status === 0;
const NS = `plat-dr-${process.pid}`;
const NS_PEER = `${NS}-p`;

interface Report {
  interfaces: Array<{ name: string; address: string; cidr: string; multicast: boolean; multicastReason?: string }>;
  checks: Array<{ id: string; status: string; detail: string; impact?: string; fix?: string }>;
  limitations: number;
}

function doctor(args: string[], opts: { ns?: string; env?: NodeJS.ProcessEnv; uid?: number } = {}) {
  const cmd = [TSX, ENTRY, 'doctor', ...args];
  const wrapped = opts.uid !== undefined ? ['setpriv', `--reuid=${opts.uid}`, `--regid=${opts.uid}`, '--clear-groups', ...cmd] : cmd;
  const full = opts.ns ? ['ip', 'netns', 'exec', opts.ns, ...wrapped] : wrapped;
  const r = spawnSync(full[0], full.slice(1), { cwd: ROOT, env: { ...process.env, ...opts.env, NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('camaudit doctor on this machine', () => {
  it('--json lists every check with a fix for each limitation, exit 0', () => {
    const r = doctor(['--json']);
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    const ids = rep.checks.map((c) => c.id);
    for (const id of ['node', 'fingerprints', 'interfaces', 'neighbours', 'privileges', 'chromium', 'nmap', 'output', 'terminal']) expect(ids).toContain(id);
    for (const c of rep.checks) if (c.status === 'limited' || c.status === 'missing') expect(c.fix, c.id).toBeTruthy();
    expect(rep.limitations).toBe(rep.checks.filter((c) => c.status === 'limited' || c.status === 'missing').length);
  }, 60_000);
  it('human output: one line per check, no ANSI escapes under NO_COLOR', () => {
    const r = doctor([]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\[ok\] Node\.js: /);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  }, 60_000);
});

describe.skipIf(!isRoot || !hasIp)('camaudit doctor inside a lab namespace (root)', () => {
  beforeAll(() => {
    const sh = (...a: string[]) => execFileSync('ip', a, { stdio: 'pipe' });
    sh('netns', 'add', NS);
    sh('netns', 'add', NS_PEER);
    // Two veth pairs, every end inside our namespaces: host interfaces are never touched.
    sh('-n', NS, 'link', 'add', 'pdrmc0', 'type', 'veth', 'peer', 'name', 'pdrmc1', 'netns', NS_PEER);
    sh('-n', NS, 'link', 'add', 'pdrno0', 'type', 'veth', 'peer', 'name', 'pdrno1', 'netns', NS_PEER);
    sh('-n', NS, 'addr', 'add', '198.18.79.1/24', 'dev', 'pdrmc0');
    sh('-n', NS, 'addr', 'add', '198.18.80.1/25', 'dev', 'pdrno0');
    sh('-n', NS, 'link', 'set', 'pdrmc0', 'up');
    sh('-n', NS, 'link', 'set', 'pdrno0', 'up');
    sh('-n', NS, 'link', 'set', 'pdrno0', 'multicast', 'off');
    // Node lists only interfaces that are up and running (carrier), so the peer ends come up too.
    sh('-n', NS_PEER, 'link', 'set', 'pdrmc1', 'up');
    sh('-n', NS_PEER, 'link', 'set', 'pdrno1', 'up');
  });
  afterAll(() => {
    for (const ns of [NS, NS_PEER]) spawnSync('ip', ['netns', 'del', ns]);
  });

  it('reports each interface with its subnet, and multicast off on one of them with the fix', () => {
    const r = doctor(['--json'], { ns: NS, env: { CAMAUDIT_CHROMIUM: '/nonexistent/chromium' } });
    expect(r.status).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    expect(rep.interfaces.map((i) => [i.name, i.address, i.cidr, i.multicast])).toEqual([
      ['pdrmc0', '198.18.79.1', '198.18.79.0/24', true],
      ['pdrno0', '198.18.80.1', '198.18.80.0/25', false],
    ]);
    const off = rep.checks.find((c) => c.id === 'multicast:pdrno0')!;
    expect(off).toMatchObject({ status: 'limited', fix: 'ip link set pdrno0 multicast on' });
    expect(off.impact).toMatch(/TCP probes still work/);
    const pdf = rep.checks.find((c) => c.id === 'chromium')!;
    expect(pdf.status).toBe('limited');
    expect(pdf.detail).toBe('no browser at /nonexistent/chromium (CAMAUDIT_CHROMIUM)');
    expect(pdf.fix).toMatch(/CAMAUDIT_CHROMIUM/);
  }, 60_000);

  it('as an unprivileged user: says scans need nothing more, lab/demo need root', () => {
    const r = doctor(['--json'], { ns: NS, uid: 65534 });
    expect(r.status, r.stderr).toBe(0);
    const rep = JSON.parse(r.stdout) as Report;
    const priv = rep.checks.find((c) => c.id === 'privileges')!;
    expect(priv.status).toBe('limited');
    expect(priv.detail).toMatch(/^uid 65534; CAP_NET_RAW no, CAP_NET_ADMIN no: enough for scanning/);
    expect(priv.fix).toBe('run lab/demo with sudo; scans need no extra privilege');
  }, 60_000);

  it('human output prints "means:" and "fix:" under each limitation and counts them', () => {
    const r = doctor([], { ns: NS, env: { CAMAUDIT_CHROMIUM: '/nonexistent/chromium' } });
    expect(r.stdout).toMatch(/\[!!\] Multicast on pdrno0: interface pdrno0 has multicast switched off/);
    expect(r.stdout).toMatch(/\n\s+fix:\s+ip link set pdrno0 multicast on\n/);
    expect(r.stdout).toMatch(/\d+ limitations? found/);
  }, 60_000);
});
