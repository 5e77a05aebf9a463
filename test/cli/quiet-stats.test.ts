// Issue 17: `--quiet` prints no progress and no summary; off a terminal (stderr a pipe, as in a log or CI) a plain
// progress line comes every --stats-every seconds. The scans run against a loopback server of our own that accepts
// and never answers, so the HTTP probe waits out its deadline: a scan of a few seconds, nothing sent elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import net from 'node:net';
import { runCli } from '../helpers/cli.js';

let server: net.Server;
let port = 0;
const held: net.Socket[] = [];
beforeAll(async () => {
  server = net.createServer((sock) => {
    held.push(sock); // accepted, never answered
    sock.on('error', () => sock.destroy());
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', () => res()));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((res) => server.close(() => res()));
});

const scan = (...extra: string[]) => runCli(['scan', '127.0.0.1', '--ports', String(port), '--modules', 'sweep,http', '--fail-on', 'none', ...extra], { timeoutMs: 90_000 });

describe('progress off a terminal and --quiet', { timeout: 120_000 }, () => {
  it('--stats-every 1: plain progress lines on stderr while the scan runs (stderr is a pipe here)', async () => {
    const r = await scan('--stats-every', '1');
    expect(r.code).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('camaudit: progress '));
    expect(lines.length, r.stderr).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(/^camaudit: progress \d+%: [01]\/1 addresses · \d+ alive · \d+ devices · \d+s/);
    expect(r.stdout).toMatch(/device\(s\) found/);
  });

  it('--quiet: nothing on stdout, no progress on stderr, the exit code as usual', async () => {
    const r = await scan('--quiet', '--stats-every', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).not.toMatch(/progress/);
  });

  it('--stats-every takes whole seconds, 0 to 86,400', async () => {
    const r = await runCli(['scan', '127.0.0.1', '--stats-every', '-5', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toMatch(/--stats-every -5: give a whole number from 0 to 86400 seconds/);
  });
});
