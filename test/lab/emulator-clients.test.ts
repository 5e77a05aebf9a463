// What the emulator does with odd or hostile clients: never-send requests are flagged in the request log
// (the device-side witness for policy.md §4.4), credentials are logged by user name only, and garbage on every
// port neither crashes nor wedges a device.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { startEmulator, type RunningEmulator } from '../../src/lab/emulator/emulator.js';
import { readRequestLog } from '../../src/lab/emulator/request-log.js';
import { neverSendReason } from '../../src/lab/emulator/never-send-watch.js';
import { dhipSearch, sadpProbe, tcpExchange, udpExchange } from '../../src/lab/emulator/selfcheck.js';

const work = mkdtempSync(path.join(tmpdir(), 'emut-cli-'));
const IP = '127.43.96.10';
const logFile = path.join(work, 'requests.jsonl');
// SYNTHETIC profile (not a capture).
const syn = { source: 'camaudit emulator test (synthetic)', synthetic: true, syntheticNote: 'made up for the client test' };
const ok = { statusLine: 'HTTP/1.1 200 OK', headers: ['Content-Length: {{contentLength}}'], body: 'ok', ...syn };
const profileFile = path.join(work, 'synthetic-clients.json');
writeFileSync(
  profileFile,
  JSON.stringify({
    id: 'synthetic-clients',
    offset: 211,
    mac: '02:00:5e:50:00:01',
    truth: { manufacturer: null, brand: null, model: null, firmware: null, deviceType: 'camera', risk: 'unknown', basis: [] },
    credentials: { username: 'u', password: 'secret-never-logged' },
    http: [{ port: 80, routes: [{ path: '/', match: 'prefix', response: ok }] }],
    rtsp: [{ port: 554, responses: { OPTIONS: { statusLine: 'RTSP/1.0 200 OK', headers: ['CSeq: {{cseq}}'], ...syn } } }],
    sadp: { template: '<ProbeMatch><Uuid>{{uuid}}</Uuid></ProbeMatch>', ...syn },
    dhip: { json: '{"params":{"deviceInfo":{}}}', ...syn },
  }),
);

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    devices: [{ id: 'synthetic-clients', profileFile, ip: IP, mac: '02:00:5e:50:00:01', ifname: 'lo' }],
    subnet: '198.18.0.0/24',
    scannerIp: '198.18.0.2',
    stateDir: work,
    requestLog: logFile,
    multicast: false,
  });
});
afterAll(async () => {
  await emu?.stop();
  rmSync(work, { recursive: true, force: true });
});

const send = (raw: string | Buffer, port = 80) => tcpExchange({ host: IP, port, request: raw, timeoutMs: 1000 });

describe('never-send witness', () => {
  it('recognises the §4.4 list and nothing ordinary', () => {
    expect(neverSendReason('GET /system/deviceInfo?auth=YWRtaW46MTEK HTTP/1.1\r\n\r\n')).toMatch(/CVE-2017-7921/);
    expect(neverSendReason('GET /System/deviceInfo?x=1&%61uth=YQ HTTP/1.1\r\n\r\n')).toMatch(/CVE-2017-7921/);
    expect(neverSendReason('PUT /SDK/webLanguage HTTP/1.1\r\n\r\n<language>$(id)</language>')).toMatch(/CVE-2021-36260/);
    expect(neverSendReason('POST /RPC2_Login HTTP/1.1\r\n\r\n{"method":"global.login","params":{"clientType":"NetKeyboard"}}')).toMatch(/CVE-2021-33044/);
    expect(neverSendReason('POST /RPC2_Login HTTP/1.1\r\n\r\n{"method":"global.login","params":{"loginType":"Loopback","ipAddr":"127.0.0.1"}}')).toMatch(/33045/);
    expect(neverSendReason('GET /ISAPI/System/deviceInfo HTTP/1.1\r\nAuthorization: Digest username="u"\r\n\r\n')).toBeUndefined();
    expect(neverSendReason('GET /doc/page/login.asp?_1234 HTTP/1.1\r\n\r\n')).toBeUndefined();
    expect(neverSendReason(dhipSearch())).toBeUndefined();
  });

  it('flags such requests in the request log; logs user names, never passwords', async () => {
    await send('GET /system/deviceInfo?auth=YWRtaW46MTEK HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await send('PUT /SDK/webLanguage HTTP/1.1\r\nHost: x\r\nContent-Length: 9\r\nConnection: close\r\n\r\n<x>$(id)<');
    await send(`GET /private HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ${Buffer.from('admin:secret-never-logged').toString('base64')}\r\nConnection: close\r\n\r\n`);
    await send('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    await new Promise((r) => setTimeout(r, 100));
    const log = readRequestLog(logFile).filter((e) => e.protocol === 'http');
    expect(log.map((e) => e.neverSend ?? '-')).toEqual(['CVE-2017-7921 ?auth= bypass', 'CVE-2021-36260 /SDK/webLanguage', '-', '-']);
    expect(log[2].user).toBe('admin');
    expect(JSON.stringify(readRequestLog(logFile))).not.toContain('secret-never-logged');
  });
});

describe('hostile clients', () => {
  it('garbage, oversized heads and half requests on TCP ports do not stop the device', async () => {
    expect((await send(randomBytes(4096))).data.length).toBe(0);
    expect((await send(`GET /${'a'.repeat(20_000)} HTTP/1.1\r\n`)).data.length).toBe(0); // no end of head, over the cap
    expect((await send('GET / HTTP/1.1\r\nContent-Length: 999999999\r\n\r\n')).data.length).toBe(0);
    expect((await send(randomBytes(2048), 554)).data.length).toBe(0);
    // A client that opens and says nothing does not block others.
    const idle = net.connect({ host: IP, port: 80 });
    await new Promise((r) => idle.once('connect', r));
    const after = await send('GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(after.data.toString()).toBe('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok');
    idle.destroy();
  });

  it('a hostile CSeq is not reflected beyond its digits', async () => {
    const got = await send('OPTIONS * RTSP/1.0\r\nCSeq: 5<script>\r\n\r\n', 554);
    expect(got.data.toString()).toBe('RTSP/1.0 200 OK\r\nCSeq: 5\r\n\r\n');
  });

  it('random datagrams on every UDP port get no reply and the device still answers real probes', async () => {
    for (const port of [37020, 37810]) {
      for (let i = 0; i < 20; i++) expect(await udpExchange({ to: IP, port, payload: randomBytes(1 + (i * 97) % 1500), waitMs: 5 })).toHaveLength(0);
    }
    expect(await udpExchange({ to: IP, port: 37020, payload: sadpProbe('X-1').payload, waitMs: 100 })).toHaveLength(1);
    expect(await udpExchange({ to: IP, port: 37810, payload: dhipSearch(), waitMs: 100 })).toHaveLength(1);
  });
});
