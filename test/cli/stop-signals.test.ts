// SIGTERM and SIGHUP stop a scan the way the first Ctrl-C does (issue 18): new work stops, the partial result is
// written marked incomplete, exit 3; a second signal quits at once (128 + its number). Before, both ended the
// process with nothing written. Network namespace test (run under flock /tmp/camaudit-lab.lock): the scan targets
// a blackhole so the sweep is still busy when the signal arrives.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { createNs, deleteNs, ip, isRoot, nsName } from '../helpers/netns.js';

describe.skipIf(!isRoot)('SIGTERM and SIGHUP during a sweep', { timeout: 60_000 }, () => {
  const ns = nsName('stps');
  beforeAll(() => {
    createNs(ns);
    ip('-n', ns, 'link', 'add', 'bh0', 'type', 'veth', 'peer', 'name', 'bh1');
    ip('-n', ns, 'link', 'set', 'bh0', 'up', 'arp', 'off');
    ip('-n', ns, 'link', 'set', 'bh1', 'up');
    ip('-n', ns, 'addr', 'add', '198.18.9.1/32', 'dev', 'lo');
    ip('-n', ns, 'route', 'add', '198.18.9.0/24', 'dev', 'bh0');
  });
  afterAll(() => deleteNs(ns));

  const scan = (out: string, signals: { sig: NodeJS.Signals; after: RegExp }[]) => {
    const sent = new Set<number>();
    return runCli(['scan', '198.18.9.0/24', '--concurrency', '16', '--connect-timeout', '5000', '--out', out, '--format', 'json', '--log-level', 'info'], {
      prefix: ['ip', 'netns', 'exec', ns],
      onStderr: (soFar, pid) => {
        signals.forEach((s, i) => {
          if (sent.has(i) || !s.after.test(soFar)) return;
          sent.add(i);
          // The first one a moment after the scan started (its handlers are installed by then).
          setTimeout(() => process.kill(pid, s.sig), i === 0 ? 800 : 0);
        });
      },
      timeoutMs: 45_000,
    });
  };

  it.each(['SIGTERM', 'SIGHUP'] as const)('the first %s writes a partial result marked incomplete, exit 3', async (sig) => {
    const out = mkdtempSync(path.join(tmpdir(), `camaudit-${sig}-`));
    const r = await scan(out, [{ sig, after: /scan started/ }]);
    expect(r.signal).toBeNull();
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(new RegExp(`stopping .*${sig}`));
    const file = path.join(out, 'report.json');
    expect(existsSync(file)).toBe(true);
    const result = JSON.parse(readFileSync(file, 'utf8'));
    expect(result.scan.complete).toBe(false);
    expect(result.scan.options.stopReason).toBe('interrupted');
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('a second %s quits at once: exit %i, no result', async (sig, code) => {
    const out = mkdtempSync(path.join(tmpdir(), `camaudit-${sig}2-`));
    const r = await scan(out, [
      { sig, after: /scan started/ },
      { sig, after: /stopping/ },
    ]);
    expect(r.code).toBe(code);
    expect(existsSync(path.join(out, 'report.json'))).toBe(false);
  });
});
