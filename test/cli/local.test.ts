// `camaudit scan --local` (issue 2): the IPv4 subnets of the chosen interface (or of every non-loopback one) become
// the targets and are printed first. Runs the CLI as a dry run (nothing is sent) inside a namespace of our own
// ("gp25l-<pid>") whose only interfaces are lo, a veth pair on 198.18.77.0/24 and 198.18.78.0/25, and an "uplink"
// veth on 198.18.79.0/24 carrying the default route.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { execFileSync } from 'node:child_process';
import { runCli } from '../helpers/cli.js';
import { createNs, deleteNs, ip, isRoot, nsName } from '../helpers/netns.js';

describe.skipIf(!isRoot)('camaudit scan --local (dry run in a private namespace)', () => {
  const ns = nsName('gp25l');
  const bare = nsName('gp25b');
  beforeAll(() => {
    createNs(ns);
    createNs(bare);
    ip('-n', ns, 'link', 'add', 'gpl0', 'type', 'veth', 'peer', 'name', 'gpl1');
    ip('-n', ns, 'addr', 'add', '198.18.77.10/24', 'dev', 'gpl0');
    ip('-n', ns, 'addr', 'add', '198.18.78.10/25', 'dev', 'gpl1');
    ip('-n', ns, 'link', 'set', 'gpl0', 'up');
    ip('-n', ns, 'link', 'set', 'gpl1', 'up');
    // An "uplink" veth with the default route: whatever the CLI would send to a public address leaves through it
    // (into its peer, inside this namespace) and is counted in its tx packets. IPv6 is off so nothing else is sent.
    execFileSync('ip', ['netns', 'exec', ns, 'sysctl', '-qw', 'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1']);
    ip('-n', ns, 'link', 'add', 'gpd0', 'type', 'veth', 'peer', 'name', 'gpd1');
    ip('-n', ns, 'addr', 'add', '198.18.79.1/24', 'dev', 'gpd0');
    ip('-n', ns, 'link', 'set', 'gpd0', 'up');
    ip('-n', ns, 'link', 'set', 'gpd1', 'up');
    ip('-n', ns, 'route', 'add', 'default', 'dev', 'gpd0');
  });
  afterAll(() => {
    deleteNs(ns);
    deleteNs(bare);
  });
  const inNs = (name: string) => ({ prefix: ['ip', 'netns', 'exec', name], timeoutMs: 60_000 });

  it('without --interface: every non-loopback subnet, printed first, then the plan', async () => {
    const r = await runCli(['scan', '--local', '--dry-run'], inNs(ns));
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Local subnets: /);
    expect(lines[0]).toContain('198.18.77.0/24 (gpl0)');
    expect(lines[0]).toContain('198.18.78.0/25 (gpl1)');
    expect(lines[0]).toContain('198.18.79.0/24 (gpd0)');
    expect(r.stdout).toMatch(/addresses:\s+640/);
  });

  it('--interface picks one; with --json the plan stays pure JSON on stdout and the subnets go to stderr', async () => {
    const r = await runCli(['scan', '--local', '--interface', 'gpl1', '--dry-run', '--json'], inNs(ns));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^Local subnets: 198\.18\.78\.0\/25 \(gpl1\)$/m);
    const plan = JSON.parse(r.stdout);
    expect(plan.addresses).toBe(128);
    expect(plan.interfaces).toEqual(['gpl1 198.18.78.0/25']);
  });

  it('a public range is refused (exit 2) and not one packet leaves, though a default route exists', async () => {
    const txPackets = (): number => Number(ip('-n', ns, '-s', '-j', 'link', 'show', 'gpd0').match(/"tx":\{"bytes":\d+,"packets":(\d+)/)?.[1] ?? NaN);
    const before = txPackets();
    expect(Number.isFinite(before)).toBe(true);
    const r = await runCli(['scan', '8.8.8.0/24', '--ports', '80'], inNs(ns));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refusing public address 8\.8\.8\.0 \(256 public address\(es\) in scope\)/);
    expect(txPackets()).toBe(before);
  });

  it('an unknown interface, and a machine with only loopback, are one-line usage errors (exit 2)', async () => {
    const unknown = await runCli(['scan', '--local', '--interface', 'nosuch0', '--dry-run'], inNs(ns));
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown interface "nosuch0"/);
    const none = await runCli(['scan', '--local', '--dry-run'], inNs(bare));
    expect(none.code).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    expect(none.stderr).toMatch(/no non-loopback IPv4 interface/);
  });
});
