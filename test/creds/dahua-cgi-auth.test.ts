// Dahua magicBox.cgi with Digest against a loopback server that enforces its own test credentials and counts
// requests. The device body is synthetic (built here), not a captured response.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { dahuaCgiAuthModule } from '../../src/creds/dahua-cgi.js';
import { DEFAULT_LIMITS, type Credential, type ScanContext } from '../../src/core/module.js';
import type { Observation } from '../../src/core/observation.js';

const SENTINEL = 'S3ntinel-Pa55-do-not-log';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
let server: Server;
let port = 0;
const log: { url: string; auth?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    log.push({ url: req.url ?? '', auth: req.headers.authorization });
    const a = req.headers.authorization ?? '';
    const p = Object.fromEntries([...a.matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1], m[2]]));
    const ha1 = md5(`admin:lab:${SENTINEL}`);
    const ok = p.response === md5(`${ha1}:n1:${p.nc}:${p.cnonce}:auth:${md5(`GET:${p.uri}`)}`);
    if (!ok) {
      res.writeHead(401, { 'WWW-Authenticate': 'Digest realm="lab", qop="auth", nonce="n1"' });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    const action = new URL(req.url ?? '/', 'http://x').searchParams.get('action');
    // getVendor echoes the Authorization header back, like a hostile or buggy device.
    const bodies: Record<string, string> = {
      getSystemInfo: 'deviceType=IPC-HDW3549H\r\nserialNumber=SYNTH0001\r\nprocessor=SYNTH\r\n',
      getSoftwareVersion: 'version=2.800.0000000.13.R,build:2020-10-26\r\n',
      getVendor: `vendor=Dahua\r\nnote=${a}\r\n`,
      getDeviceType: 'type=IPC-HDW3549H\r\n',
    };
    res.end(bodies[action ?? ''] ?? '');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function scan(password: string): Promise<Observation[]> {
  const out: Observation[] = [];
  const cred: Credential = { username: 'admin', password, label: 'file entry 1' };
  const ctx = {
    credentialsFor: () => [cred],
    signal: new AbortController().signal,
    limits: { ...DEFAULT_LIMITS, probeDeadlineMs: 3000 },
    limiter: { run: <T>(_k: string, fn: () => Promise<T>) => fn() },
    emit: (o: Observation) => out.push(o),
  } as unknown as ScanContext;
  const seen: Observation = { host: '127.0.0.1', module: 'http', kind: 'dhip', fields: { }, at: '' };
  await dahuaCgiAuthModule.probeHost!(ctx, { ip: '127.0.0.1', openPorts: [port], observations: [seen, { ...seen, kind: 'http', port, fields: {} }] });
  return out;
}

describe('dahua-cgi-auth (loopback Digest server)', () => {
  it('right credential: authenticated isapi observation with model and firmware; echoed Authorization removed', async () => {
    log.length = 0;
    const out = await scan(SENTINEL);
    const cgi = out.filter((o) => o.kind === 'dahuacgi');
    expect(cgi.map((o) => o.fields.action)).toEqual(['getSystemInfo', 'getSoftwareVersion', 'getVendor', 'getDeviceType']);
    expect(cgi.every((o) => o.fields.authenticated === true)).toBe(true);
    expect(JSON.stringify(cgi.map((o) => o.fields))).toContain('build:2020-10-26');
    expect(out.filter((o) => o.kind === 'credential').map((o) => o.fields.outcome)).toEqual(['accepted']);
    const text = JSON.stringify(out);
    expect(text).not.toContain(SENTINEL);
    expect(text).not.toMatch(/Digest username/i);
    expect(text).not.toContain('response=');
  });
  it('wrong credential: "credentials rejected" after exactly one attempt', async () => {
    log.length = 0;
    const out = await scan('wrong-password');
    expect(out.map((o) => [o.kind, o.fields.outcome])).toEqual([['credential', 'credentials rejected']]);
    expect(log.filter((r) => r.auth)).toHaveLength(1);
    expect(log).toHaveLength(2); // one challenge request, one login attempt
  });
});
