// Behaviour hooks: a handler registered by kind is called at the connection, response or datagram point the
// profile names, can send its own bytes or fall back to the stored response; unknown kinds stop start-up.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { registerBehaviour, behaviourKinds, type BehaviourContext } from '../../src/lab/emulator/behaviours.js';
import { startEmulator, type RunningEmulator } from '../../src/lab/emulator/emulator.js';
import { sadpProbe, tcpExchange, udpExchange } from '../../src/lab/emulator/selfcheck.js';

const work = mkdtempSync(path.join(tmpdir(), 'emut-beh-'));
const IP = '127.43.95.10';
const calls: Array<{ phase: string; protocol: string; port: number; bytes: number }> = [];
const record = (ctx: BehaviourContext): void => {
  calls.push({ phase: ctx.phase, protocol: ctx.protocol, port: ctx.port, bytes: ctx.request.length });
};

registerBehaviour('test-connection-banner', (ctx) => {
  record(ctx);
  ctx.send(`BANNER ${String(ctx.behaviour.word)}\r\n`);
  ctx.socket!.end();
});
registerBehaviour('test-response-prefix-then-default', (ctx) => {
  record(ctx);
  ctx.send('X-Prefix: yes\r\n');
  ctx.serveDefault();
});
registerBehaviour('test-datagram-twice', (ctx) => {
  record(ctx);
  ctx.serveDefault();
  ctx.send(Buffer.from('second'));
});
registerBehaviour('test-throws', () => {
  throw new Error('handler bug');
});

// SYNTHETIC profile (not a capture) whose responses carry behaviours.
const syn = { source: 'camaudit emulator test (synthetic)', synthetic: true, syntheticNote: 'made up for the behaviour test' };
const ok = (body: string, behaviour?: object) => ({ statusLine: 'HTTP/1.1 200 OK', headers: ['Content-Length: {{contentLength}}', 'Connection: close'], body, ...(behaviour ? { behaviour } : {}), ...syn });
const profile = {
  id: 'synthetic-behaviours',
  offset: 210,
  mac: '02:00:5e:40:00:01',
  truth: { manufacturer: null, brand: null, model: null, firmware: null, deviceType: 'camera', risk: 'unknown', basis: [] },
  http: [
    { port: 80, routes: [{ path: '/', response: ok('root') }, { path: '/slow', response: ok('late', { kind: 'delay', ms: 150 }) }, { path: '/prefixed', response: ok('body', { kind: 'test-response-prefix-then-default' }) }, { path: '/bug', response: ok('never', { kind: 'test-throws' }) }] },
    { port: 8081, behaviour: { kind: 'test-connection-banner', word: 'hello' }, routes: [{ path: '/', response: ok('unused') }] },
  ],
  sadp: { template: '<ProbeMatch><Uuid>{{uuid}}</Uuid></ProbeMatch>', behaviour: { kind: 'test-datagram-twice' }, ...syn },
};
const profileFile = path.join(work, 'synthetic-behaviours.json');
writeFileSync(profileFile, JSON.stringify(profile));
const errors: string[] = [];
let emu: RunningEmulator;

const config = (file: string, ip = IP) => ({
  devices: [{ id: 'synthetic-behaviours', profileFile: file, ip, mac: '02:00:5e:40:00:01', ifname: 'lo' }],
  subnet: '198.18.0.0/24',
  scannerIp: '198.18.0.2',
  stateDir: work,
  requestLog: null,
  multicast: false,
});

beforeAll(async () => {
  emu = await startEmulator(config(profileFile), { onError: (where, e) => errors.push(`${where}: ${(e as Error).message}`) });
});
afterAll(async () => {
  await emu?.stop();
  rmSync(work, { recursive: true, force: true });
});

const get = async (port: number, target: string): Promise<string> =>
  (await tcpExchange({ host: IP, port, request: `GET ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n` })).data.toString();

describe('behaviour hooks', () => {
  it('connection phase: the handler owns the raw socket, with its parameters', async () => {
    expect(await get(8081, '/')).toBe('BANNER hello\r\n');
    expect(calls.at(-1)).toEqual({ phase: 'connection', protocol: 'http', port: 8081, bytes: 0 });
  });

  it('response phase: the handler sees the request and can fall back to the stored response', async () => {
    const got = await get(80, '/prefixed');
    expect(got).toBe('X-Prefix: yes\r\nHTTP/1.1 200 OK\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody');
    expect(calls.at(-1)?.phase).toBe('response');
    expect(calls.at(-1)?.bytes).toBeGreaterThan(20);
  });

  it('built-in delay answers the stored response after the delay', async () => {
    const t0 = performance.now();
    const got = await get(80, '/slow');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    expect(got.endsWith('\r\n\r\nlate')).toBe(true);
  });

  it('datagram phase: the handler can send the stored reply and more, from the device address', async () => {
    const probe = sadpProbe();
    const replies = await udpExchange({ to: IP, port: 37020, payload: probe.payload, waitMs: 200 });
    expect(replies.map((r) => r.data.toString())).toEqual([`<ProbeMatch><Uuid>${probe.uuid}</Uuid></ProbeMatch>`, 'second']);
    expect(replies.every((r) => r.from === `${IP}:37020`)).toBe(true);
  });

  it('a throwing handler closes that connection, is reported, and the device keeps serving', async () => {
    const got = await tcpExchange({ host: IP, port: 80, request: 'GET /bug HTTP/1.1\r\nHost: x\r\n\r\n' });
    expect(got.data.length).toBe(0);
    expect(errors.some((e) => e.includes('handler bug'))).toBe(true);
    expect(await get(80, '/')).toMatch(/\r\n\r\nroot$/);
  });

  it('an unknown behaviour kind stops start-up with a one-line error naming the file', async () => {
    const bad = path.join(work, 'synthetic-unknown-kind.json');
    writeFileSync(bad, JSON.stringify({ ...profile, sadp: { ...profile.sadp, behaviour: { kind: 'no-such-kind' } } }));
    await expect(startEmulator(config(bad, '127.43.95.11'))).rejects.toThrow(/synthetic-unknown-kind\.json: unknown behaviour kind "no-such-kind"/);
  });

  it('behaviourModules are imported at start so their kinds can be used', async () => {
    const mod = path.join(work, 'extra-behaviour.mjs');
    const registry = path.resolve(__dirname, '../../src/lab/emulator/behaviours.ts');
    writeFileSync(mod, `import { registerBehaviour } from ${JSON.stringify(registry)};\nregisterBehaviour('test-from-module', (ctx) => ctx.serveDefault());\n`);
    const f = path.join(work, 'synthetic-module-kind.json');
    writeFileSync(f, JSON.stringify({ ...profile, sadp: { ...profile.sadp, behaviour: { kind: 'test-from-module' } } }));
    const e2 = await startEmulator({ ...config(f, '127.43.95.12'), behaviourModules: [mod] });
    try {
      expect(behaviourKinds()).toContain('test-from-module');
      const replies = await udpExchange({ to: '127.43.95.12', port: 37020, payload: sadpProbe('U-1').payload, waitMs: 150 });
      expect(replies.map((r) => r.data.toString())).toEqual(['<ProbeMatch><Uuid>U-1</Uuid></ProbeMatch>']);
    } finally {
      await e2.stop();
    }
  });
});
