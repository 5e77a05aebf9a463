// The emulator as the lab starts it: `node <entry> <config>` prints READY once bound (or one ERROR line and
// exit 1), stops on SIGTERM. Also measures start-up time and RSS for 50 devices on loopback (printed, not
// asserted as timings). The entry is bundled with esbuild so the process runs as plain node, as in the lab.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { loadProfiles } from '../../src/lab/profile.js';
import { readRequestLog } from '../../src/lab/emulator/request-log.js';
import { emulatorCommand } from '../../src/lab/emulator/command.js';
import { behaviourKindsIn } from '../../src/lab/emulator/emulator.js';
import { tcpExchange, udpExchange, sadpProbe, wsdProbe, dhipSearch } from '../../src/lab/emulator/selfcheck.js';
import { fixtureDir } from '../helpers/fixtures.js';

const root = path.resolve(__dirname, '../..');
const work = mkdtempSync(path.join(tmpdir(), 'emut-proc-'));
const entry = path.join(work, 'emulator.mjs');
// Behaviour-free profiles only: hostile devices are meant to stall clients, not to be counted here.
const profiles = loadProfiles(fixtureDir('devices')).filter((p) => behaviourKindsIn(p.profile).length === 0);

beforeAll(async () => {
  await build({
    entryPoints: [path.join(root, 'src/lab/emulator/run.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: entry,
    logLevel: 'silent',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}, 60_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  firstLine: string;
  ms: number;
  stderr: () => string;
}

function start(configFile: string, cmd = { command: process.execPath, args: [entry, configFile] }): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(cmd.command, cmd.args, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no READY in 20 s; stderr: ${err}`)), 20_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, firstLine: out, ms: performance.now() - t0, stderr: () => err });
      }
    });
    child.on('exit', () => {
      clearTimeout(timer);
      resolve({ child, firstLine: out, ms: performance.now() - t0, stderr: () => err });
    });
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

describe('50 devices on loopback', () => {
  const n = 50;
  const devices = Array.from({ length: n }, (_, i) => {
    const { file, profile } = profiles[i % profiles.length];
    return { id: `${profile.id}-${i}`, profileFile: file, ip: `127.43.93.${10 + i}`, mac: profile.mac, ifname: 'lo', profile };
  });
  const cfgFile = path.join(work, 'config-50.json');
  const logFile = path.join(work, 'requests-50.jsonl');
  let s: Started;

  beforeAll(async () => {
    writeFileSync(
      cfgFile,
      JSON.stringify({
        devices: devices.map(({ profile: _p, ...d }) => d),
        subnet: '198.18.0.0/24',
        scannerIp: '198.18.0.2',
        stateDir: work,
        requestLog: logFile,
        multicast: false,
      }),
    );
    s = await start(cfgFile);
  }, 30_000);
  afterAll(() => {
    if (s?.child.exitCode === null) s.child.kill('SIGKILL');
  });

  it('prints exactly READY, then serves every device; start time and RSS are printed', async () => {
    expect(s.firstLine).toBe('READY\n');
    const rss = rssMb(s.child.pid!);
    expect(rss).toBeGreaterThan(0);
    let answered = 0;
    const silent: string[] = [];
    for (const d of devices) {
      const p = d.profile;
      if (p.http?.length) {
        // A path the profile serves: captured devices without a default response close on unknown paths, as stored.
        const route = p.http[0].routes?.find((r) => !r.method || r.method === 'GET');
        const got = await tcpExchange({ host: d.ip, port: p.http[0].port, request: `GET ${route?.path ?? '/'} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, tls: !!p.http[0].tls });
        // A TLS-only profile (captured certificate, no HTTP capture) answers with its certificate.
        if (/^HTTP\/1\.[01] \d{3} /.test(got.data.toString('latin1')) || (!route && p.http[0].tls && got.cert?.subject)) answered++;
        else silent.push(`${d.id} http:${p.http[0].port}${route?.path ?? '/'}`);
      } else if (p.sadp) {
        if ((await udpExchange({ to: d.ip, port: 37020, payload: sadpProbe().payload, waitMs: 150 })).length === 1) answered++;
      } else if (p.wsDiscovery) {
        if ((await udpExchange({ to: d.ip, port: 3702, payload: wsdProbe(undefined, null).payload, waitMs: 150 })).length === 1) answered++; // untyped: every device matches
      } else if (p.dhip) {
        if ((await udpExchange({ to: d.ip, port: 37810, payload: dhipSearch(), waitMs: 150 })).length === 1) answered++;
      } else answered++; // a profile with none of these protocols: nothing to ask here
    }
    expect(silent).toEqual([]);
    expect(answered).toBe(n);
    const rssAfter = rssMb(s.child.pid!);
    const inner = /bound in (\d+) ms/.exec(s.stderr())?.[1];
    console.log(
      `[emulator bench] ${n} devices (${profiles.length} distinct profiles) on loopback: READY ${Math.round(s.ms)} ms after spawn ` +
        `(${inner} ms binding inside the process); RSS ${rss} MB at READY, ${rssAfter} MB after one request per device`,
    );
    const logged = new Set(readRequestLog(logFile).map((e) => e.device));
    expect(logged.size).toBeGreaterThanOrEqual(n - devices.filter((d) => !d.profile.http?.length && !d.profile.sadp && !d.profile.wsDiscovery && !d.profile.dhip).length);
  }, 60_000);

  it('stops on SIGTERM with exit code 0 and frees its ports', async () => {
    s.child.kill('SIGTERM');
    expect(await exitOf(s.child)).toBe(0);
    const again = await start(cfgFile);
    expect(again.firstLine).toBe('READY\n');
    again.child.kill('SIGINT');
    expect(await exitOf(again.child)).toBe(0);
  }, 30_000);
});

describe('emulatorCommand (source tree: node --import tsx run.ts)', () => {
  it('starts the same 50-device config, READY, and stops on SIGTERM', async () => {
    const cfg = path.join(work, 'config-50.json');
    const cmd = emulatorCommand(cfg);
    expect(cmd.args).toContain('--import');
    const s = await start(cfg, cmd);
    expect(s.firstLine).toBe('READY\n');
    console.log(`[emulator bench] 50 devices via tsx: READY ${Math.round(s.ms)} ms after spawn, RSS ${rssMb(s.child.pid!)} MB (tsx adds its loader)`);
    s.child.kill('SIGTERM');
    expect(await exitOf(s.child)).toBe(0);
  }, 30_000);
});

describe('start-up errors', () => {
  const write = (name: string, v: unknown): string => {
    const f = path.join(work, name);
    writeFileSync(f, typeof v === 'string' ? v : JSON.stringify(v));
    return f;
  };
  const base = { subnet: '198.18.0.0/24', scannerIp: '198.18.0.2', stateDir: work, requestLog: null, multicast: false };
  const p0 = profiles[0];

  it.each([
    ['missing profile file', { ...base, devices: [{ id: 'x', profileFile: path.join(work, 'nope.json'), ip: '127.43.94.10', mac: '02:00:00:00:00:01', ifname: 'lo' }] }, /nope\.json: cannot read/],
    ['unwritable request log', { ...base, requestLog: path.join(work, 'no-such-dir', 'r.jsonl'), devices: [] }, /request log .*no-such-dir.*ENOENT/],
    ['bad config JSON', '{"devices": [', /config-bad config JSON\.json/],
    ['invalid config field', { ...base, devices: [{ id: 'x', profileFile: p0.file, ip: '300.1.1.1', mac: '02:00:00:00:00:01', ifname: 'lo' }] }, /devices\.0\.ip: ip must be an IPv4 address/],
    [
      'two devices on one address',
      { ...base, devices: [0, 1].map((i) => ({ id: `d${i}`, profileFile: p0.file, ip: '127.43.94.11', mac: '02:00:00:00:00:01', ifname: 'lo' })) },
      /devices d0 and d1 both have address 127\.43\.94\.11/,
    ],
  ])('%s → one ERROR line, exit 1', async (name, cfg, pattern) => {
    const s = await start(write(`config-${name}.json`, cfg));
    expect(s.firstLine).toMatch(/^ERROR [^\n]+\n$/);
    expect(s.firstLine).toMatch(pattern);
    expect(await exitOf(s.child)).toBe(1);
    expect(s.stderr()).not.toMatch(/\n\s+at /); // no stack trace
  });
});
