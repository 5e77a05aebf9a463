// The registered host modules end to end against one loopback "device" (127.77.5.1, a prefix of
// our own) on its real ports 80, 443, 554 and 8899: ports chosen from openPorts, every field lands,
// everything within its deadline, nothing from the never-send list reaches the device.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import { makeTestContext } from '../helpers/context.js';
import { hostModules } from '../../src/probes/index.js';
import { inspectRequest, inspectParts } from '../../src/probes/never-send.js';
import { startServer, makeCert, type TestServer } from './servers.js';
import { sample } from './corpus.js';
import { isRoot } from '../helpers/netns.js';

const HOST = '127.77.5.1';
const servers: TestServer[] = [];
let soap: http.Server | null = null;
const soapBodies: string[] = [];

beforeAll(async () => {
  if (!isRoot) return;
  const isapi401 = sample('hikvision-isapi-2.json'); // namespace and model of the real reply; the 401 wrapper is synthetic
  const ucBody = `<?xml version="1.0" encoding="UTF-8"?><userCheck version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema"><statusValue>401</statusValue><statusString>Unauthorized</statusString></userCheck>`;
  const banner = sample('hikvision-http-3.json').payload.replace(/Connection:$/, 'Connection: close\r\n\r\n');
  servers.push(
    await startServer((sock, req) => {
      const p = /^GET (\S+)/.exec(req)?.[1] ?? '';
      if (p === '/') sock.end(banner + '<html><head><title></title></head><body></body></html>'.padEnd(480));
      else if (p === '/ISAPI/System/deviceInfo') sock.end(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="${isapi401.model}", qop="auth"\r\nContent-Length: ${ucBody.length}\r\n\r\n${ucBody}`);
      else if (p === '/doc/page/login.asp') sock.end('HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n');
      else sock.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    }, { host: HOST, port: 80 }),
  );
  servers.push(await startServer((s) => s.end(), { host: HOST, port: 443, waitForRequest: false, tls: makeCert('/C=CN/ST=ZheJiang/L=HangZhou/O=HIKVISION/OU=DVRNVR/CN=www.hikvision.com') }));
  const rtsp401 = sample('hikvision-rtsp-3.json').payload + '\n\n';
  servers.push(await startServer((s) => s.end(rtsp401), { host: HOST, port: 554 }));
  soap = http.createServer((req, res) => {
    let b = '';
    req.on('data', (d: Buffer) => (b += d));
    req.on('end', () => {
      soapBodies.push(`${req.method} ${req.url}\r\n${Object.entries(req.headers).map(([k, v]) => `${k}: ${String(v)}`).join('\r\n')}\r\n\r\n${b}`);
      res.statusCode = b.includes('GetDeviceInformation') ? 401 : 200;
      res.setHeader('Content-Type', 'application/soap+xml');
      res.end(b.includes('GetDeviceInformation')
        ? '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text>Sender not Authorized</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>'
        : '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:GetSystemDateAndTimeResponse xmlns:tds="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>');
    });
  });
  await new Promise<void>((r) => soap!.listen(8899, HOST, r));
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await new Promise<void>((r) => (soap ? soap.close(() => r()) : r()));
});

describe.skipIf(!isRoot)('stage-1 host modules against one device on its real ports', () => {
  it('plain HTTP on 443 (a TLS-first port): handshake fails, plain HTTP is tried and kept', async () => {
    const s = await startServer((sock) => sock.end('HTTP/1.1 200 OK\r\nServer: Webs\r\nContent-Length: 0\r\n\r\n'), { host: '127.77.5.2', port: 443 });
    try {
      const { ctx, observations } = makeTestContext();
      await hostModules[0].probeHost!(ctx, { ip: '127.77.5.2', openPorts: [443], observations: [] });
      expect(observations.find((o) => o.kind === 'http' && o.fields.path === '/')?.fields).toMatchObject({ scheme: 'http', server: 'Webs', status: 200 });
    } finally {
      await s.close();
    }
  });

  it('all fields land, within the deadline, no never-send request', async () => {
    const { ctx, observations, stats } = makeTestContext({ limits: { probeDeadlineMs: 2000 } });
    const target = { ip: HOST, openPorts: [80, 443, 554, 8899], observations: [] };
    const t0 = Date.now();
    await Promise.all(hostModules.map((m) => m.probeHost!(ctx, target)));
    const took = Date.now() - t0;
    expect(took).toBeLessThan(4 * 2000);
    const by = (kind: string, port: number) => observations.filter((o) => o.kind === kind && o.port === port);
    expect(by('http', 80).find((o) => o.fields.path === '/')?.fields.server).toBe('DNVRS-Webs');
    expect(by('http', 80).find((o) => o.fields.path === '/ISAPI/System/deviceInfo')?.fields['auth.realm']).toBe('DS-2CD2386G2-IU');
    expect(by('isapi', 80)[0]?.fields).toMatchObject({ authenticated: false, namespace: 'http://www.hikvision.com/ver20/XMLSchema', status: 401 });
    expect(by('http', 80).find((o) => o.fields.path === '/doc/page/login.asp')?.fields.status).toBe(200);
    expect(by('tls', 443)[0]?.fields['subject.O']).toBe('HIKVISION');
    expect(by('rtsp', 554).map((o) => o.fields['auth.realm'])).toEqual(['IP Camera(C1214)', 'IP Camera(C1214)']);
    expect(by('onvif', 8899).map((o) => o.fields.method)).toContain('GetSystemDateAndTime');
    expect(by('onvif', 8899).find((o) => o.fields.status === 401)?.fields.fault).toMatch(/Sender not Authorized/);
    for (const s of servers) for (const r of s.requests) expect(inspectRequest(r).allowed, r).toBe(true);
    for (const b of soapBodies) expect(inspectRequest(b).allowed).toBe(true);
    expect(stats.get('http', 'refusedNeverSend') + stats.get('http-paths', 'refusedNeverSend')).toBe(0);
    expect(inspectParts({ method: 'GET', url: `http://${HOST}/system/deviceInfo?auth=YWRtaW46MTEK` }).allowed).toBe(false);
  });
});
