// `camaudit scan` end to end on loopback addresses of our own (127.125.25.0/29): the CLI against a server that
// replays a real Hikvision NVR banner (corpus hikvision-http-3, source kept in the file) on port 80. Checks what an
// IT officer relies on: the JSON result on stdout, exit 1 for high-risk finds and --fail-on, report files in
// --out, --log-file / --log-json, and --modules. Only host probes are selected (no UDP discovery modules), so
// nothing but TCP to 127.125.25.x is sent. Port 80 needs root.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { isRoot } from '../helpers/netns.js';
import { startServer, type TestServer } from '../probes/servers.js';
import { sample } from '../probes/corpus.js';
import { inspectRequest } from '../../src/probes/never-send.js';

const DEVICE = '127.125.25.2';
const SCOPE = '127.125.25.1-3';
const HOST_MODULES = 'sweep,http,http-paths,tls,rtsp,onvif';

describe.skipIf(!isRoot)('camaudit scan on loopback (built from source, root for port 80)', () => {
  let server: TestServer;
  const work = mkdtempSync(path.join(tmpdir(), 'camaudit-gp25-'));

  beforeAll(async () => {
    const cap = sample('hikvision-http-3.json');
    // The capture ends at "Connection:" (its header block was cut by the tool that saved it); the probe reads to close.
    const banner = cap.payload.replace(/Connection:$/, 'Connection: close\r\n\r\n');
    server = await startServer((sock) => sock.end(banner), { host: DEVICE, port: 80 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('--json: the result on stdout, the Hikvision banner attributed, exit 1 (high risk found, default --fail-on high)', async () => {
    const logFile = path.join(work, 'scan.log');
    const r = await runCli(['scan', SCOPE, '--ports', '80', '--modules', HOST_MODULES, '--json', '--log-level', 'info', '--log-file', logFile, '--log-json'], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.scan.complete).toBe(true);
    expect(result.summary.hostsScanned).toBe(3);
    // Loopback answers every address (refused = alive), only .2 has the open port.
    expect(result.summary.hostsAlive).toBe(3);
    const dev = result.devices.find((d: { ip: string }) => d.ip === DEVICE);
    expect(JSON.stringify(dev)).toMatch(/DNVRS-Webs/);
    expect(dev.risk.level).toBe('high');
    expect(result.scan.modules).toEqual(HOST_MODULES.split(','));
    // The policies the verdicts were computed against are recorded (default: every built-in policy).
    expect(result.scan.options.policies).toEqual(expect.arrayContaining(['us-ndaa-889', 'uk-cabinet-office-2022-11-24']));
    // What reached the "device": GET / and the vendor paths, ONVIF pre-auth POSTs; nothing the never-send guard refuses.
    const lines0 = server.requests.map((q) => q.split('\r\n', 1)[0]);
    expect(lines0).toContain('GET / HTTP/1.1');
    expect(lines0).toContain('POST /onvif/device_service HTTP/1.1');
    expect(lines0.every((l) => /^(GET|POST) \/\S* HTTP\/1\.1$/.test(l)), lines0.join('; ')).toBe(true);
    for (const q of server.requests) expect(inspectRequest(q).allowed, q).toBe(true);
    // --log-file with --log-json: JSON lines in the file, nothing of the log on stderr.
    const lines = readFileSync(logFile, 'utf8').trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.map((l) => JSON.parse(l).msg)).toContain('scan started');
    expect(r.stderr).not.toMatch(/scan started/);
  }, 100_000);

  it('--fail-on none exits 0 with the same find; --out writes the report files and says so', async () => {
    const out = path.join(work, 'out');
    const r = await runCli(['scan', SCOPE, '--ports', '80', '--modules', HOST_MODULES, '--fail-on', 'none', '--out', out, '--format', 'json,csv'], { timeoutMs: 90_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['report.csv', 'report.json']);
    expect(r.stdout).toMatch(/Reports written: .*report\.json/);
    expect(JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')).devices.some((d: { ip: string }) => d.ip === DEVICE)).toBe(true);
    expect(readFileSync(path.join(out, 'report.csv'), 'utf8')).toContain(DEVICE);
  }, 100_000);

  it('an unknown --modules name is a one-line usage error naming the known ones, before anything is sent', async () => {
    const before = server.requests.length;
    const r = await runCli(['scan', SCOPE, '--ports', '80', '--modules', 'sweep,nosuch']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown module\(s\) nosuch; known: sweep, .*http/);
    expect(server.requests.length).toBe(before);
  });
});
