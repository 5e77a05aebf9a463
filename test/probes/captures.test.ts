// Probes against loopback servers that replay real corpus captures (each keeps its `source`).
import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash } from 'node:crypto';
import { makeTestContext } from '../helpers/context.js';
import { bannerPort } from '../../src/probes/http-banner.js';
import { certOfPort } from '../../src/probes/tls-cert.js';
import { rtspPort } from '../../src/probes/rtsp.js';
import { probeDeviceService } from '../../src/probes/onvif-preauth.js';
import { vendorPathsModule } from '../../src/probes/vendor-paths.js';
import { hostModules } from '../../src/probes/index.js';
import { shodanFaviconHash } from '../../src/probes/mmh3.js';
import { inspectRequest } from '../../src/probes/never-send.js';
import { closeLater, closeServers, makeCert, serve } from './servers.js';
import { sample } from './corpus.js';

afterEach(closeServers);

describe('probes against replayed captures', () => {
  it('Hikvision NVR banner (hikvision-http-3): Server DNVRS-Webs lands in the observation', async () => {
    const cap = sample('hikvision-http-3.json').payload;
    const s = await serve((sock) => sock.end(cap));
    const { ctx, observations } = makeTestContext();
    await bannerPort(ctx, s.host, s.port);
    const o = observations.find((x) => x.kind === 'http')!;
    expect(o.fields).toMatchObject({ scheme: 'http', path: '/', status: 200, server: 'DNVRS-Webs' });
    expect(o.port).toBe(s.port);
    expect(o.raw).toContain('DNVRS-Webs');
    // The request the device saw was a plain browser-like GET /.
    expect(s.requests[0]).toMatch(/^GET \/ HTTP\/1\.1\r\nHost: 127\.0\.0\.1:\d+\r\nUser-Agent: Mozilla\/5\.0/);
  });

  it('Axis 401 (axis-http-4): realm AXIS_<MAC>', async () => {
    const cap = sample('axis-http-4.json').payload + '\r\n';
    const s = await serve((sock) => sock.end(cap));
    const { ctx, observations } = makeTestContext();
    await bannerPort(ctx, s.host, s.port);
    expect(observations.find((x) => x.kind === 'http')!.fields['auth.realm']).toBe('AXIS_ACCC8E270099');
  });

  it('RTSP 401s (hanwha-rtsp-1, hikvision-rtsp-3, axis-rtsp-1): OPTIONS then DESCRIBE, realm kept, no credentials sent', async () => {
    for (const [file, realm] of [['hanwha-rtsp-1.json', 'iPOLiS'], ['hikvision-rtsp-3.json', 'IP Camera(C1214)'], ['axis-rtsp-1.json', 'AXIS_ACCC8E0CBE87']] as const) {
      const cap = sample(file).payload;
      const s = await serve((sock) => sock.end(cap));
      const { ctx, observations } = makeTestContext();
      await rtspPort(ctx, s.host, s.port);
      expect(observations.map((o) => o.fields.method)).toEqual(['OPTIONS', 'DESCRIBE']);
      expect(observations[1].fields['auth.realm']).toBe(realm);
      expect(s.requests[1]).toMatch(/^DESCRIBE rtsp:\/\/127\.0\.0\.1:\d+\/ RTSP\/1\.0\r\nCSeq: 2\r\n/);
      for (const r of s.requests) {
        expect(r).not.toMatch(/authorization/i);
        expect(inspectRequest(r).allowed).toBe(true);
      }
    }
  });

  it('TLS certificate with the Hikvision DVR default subject (hikvision-tls-1), made with openssl', async () => {
    const s = await serve((sock) => sock.end(), { tls: makeCert('/C=CN/ST=ZheJiang/L=HangZhou/O=HIKVISION/OU=DVRNVR/CN=www.hikvision.com'), waitForRequest: false });
    const { ctx, observations } = makeTestContext();
    const t0 = Date.now();
    expect(await certOfPort(ctx, s.host, s.port)).toBe(true);
    expect(Date.now() - t0).toBeLessThan(1500);
    const [o] = observations;
    expect(o.fields.subject).toBe(sample('hikvision-tls-1.json').payload);
    expect(o.fields).toMatchObject({ keyType: 'ec', keyBits: 256, selfSigned: true });
    expect(o.fields.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(String(o.fields.validTo)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('HTTPS banner on a TLS port, favicon hashes (synthetic icon bytes)', async () => {
    const icon = Buffer.from(Array.from({ length: 1150 }, (_, i) => (i * 7) % 256));
    const page = '<html><head><title></title><link rel="icon" href="/img/dev.ico"></head></html>';
    const s = await serve((sock, req) => {
      const p = /^GET (\S+)/.exec(req)?.[1];
      if (p === '/favicon.ico' || p === '/img/dev.ico') sock.end(Buffer.concat([Buffer.from(`HTTP/1.1 200 OK\r\nContent-Type: image/x-icon\r\nContent-Length: ${icon.length}\r\n\r\n`), icon]));
      else sock.end(`HTTP/1.1 200 OK\r\nServer: App-webs/\r\nContent-Length: ${page.length}\r\n\r\n${page}`);
    }, { tls: makeCert('/CN=198.18.0.10/C=CN') });
    const { ctx, observations } = makeTestContext();
    await bannerPort(ctx, s.host, s.port); // not a TLS-first port: plain HTTP fails, TLS is detected
    const http = observations.find((o) => o.kind === 'http');
    expect(http?.fields).toMatchObject({ scheme: 'https', server: 'App-webs/', title: '' });
    const fav = observations.filter((o) => o.kind === 'favicon');
    expect(fav.map((o) => o.fields.path)).toEqual(['/favicon.ico', '/img/dev.ico']);
    expect(fav[0].fields).toMatchObject({ mmh3: String(shodanFaviconHash(icon)), md5: createHash('md5').update(icon).digest('hex'), size: 1150 });
  });

  it('ONVIF pre-auth against a SOAP server answering with the real Dahua device information (dahua-onvif-devinfo-1)', async () => {
    const devinfo = sample('dahua-onvif-devinfo-1.json').payload;
    const seen: string[] = [];
    const srv = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push(body);
        const env = (inner: string): string => `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body>${inner}</s:Body></s:Envelope>`;
        res.setHeader('Server', 'gSOAP/2.7');
        res.setHeader('Content-Type', 'application/soap+xml');
        if (body.includes('GetDeviceInformation')) res.end(env(devinfo));
        else if (body.includes('GetSystemDateAndTime')) res.end(env('<tds:GetSystemDateAndTimeResponse><tds:SystemDateAndTime><tt:DateTimeType>NTP</tt:DateTimeType></tds:SystemDateAndTime></tds:GetSystemDateAndTimeResponse>'));
        else {
          res.statusCode = 400;
          res.end(env('<s:Fault><s:Code><s:Value>s:Sender</s:Value></s:Code><s:Reason><s:Text>not supported</s:Text></s:Reason></s:Fault>'));
        }
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    closeLater(() => new Promise<void>((r) => srv.close(() => r())));
    const port = (srv.address() as AddressInfo).port;
    const { ctx, observations } = makeTestContext();
    await probeDeviceService(ctx, '127.0.0.1', `http://127.0.0.1:${port}/onvif/device_service`);
    expect(seen).toHaveLength(4);
    for (const b of seen) expect(b).not.toMatch(/UsernameToken|Security/);
    const info = observations.find((o) => o.fields.method === 'GetDeviceInformation')!;
    expect(info.fields).toMatchObject({ status: 200, server: 'gSOAP/2.7', manufacturer: 'Dahua', model: 'IPC-HDW1025C', authenticated: false });
    expect(observations.find((o) => o.fields.method === 'GetCapabilities')?.fields.fault).toBe('not supported | s:Sender');
  });

  it('vendor paths: every request passes the guard, ISAPI 401 body parsed, at most 4 connections at once', async () => {
    const s = await serve((sock, req) => {
      const p = /^GET (\S+)/.exec(req)?.[1] ?? '';
      setTimeout(() => {
        if (p.startsWith('/ISAPI/')) {
          const b = '<?xml version="1.0" encoding="UTF-8"?><userCheck version="2.0" xmlns="http://www.hikvision.com/ver20/XMLSchema"><statusValue>401</statusValue><statusString>Unauthorized</statusString></userCheck>';
          sock.end(`HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Digest realm="DS-2CD2386G2-IU", qop="auth"\r\nContent-Length: ${b.length}\r\n\r\n${b}`);
        } else sock.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
      }, 50);
    });
    const { ctx, observations } = makeTestContext();
    // Two "ports" of one host, both served by the same listener: the host-wide cap must hold.
    await Promise.all([
      vendorPathsModule.probeHost!(ctx, { ip: s.host, openPorts: [], observations: [] }),
      ...[1, 2, 3].map(() => bannerPort(ctx, s.host, s.port)),
      ...[1, 2, 3].map(() => rtspPort(ctx, s.host, s.port)),
    ]);
    expect(s.maxConcurrent).toBeLessThanOrEqual(4);
    expect(s.maxConcurrent).toBeGreaterThan(1);
    for (const r of s.requests) expect(inspectRequest(r).allowed, r).toBe(true);
    void observations;
  });

  it('registry: five stage-1 host modules with the contract shape', () => {
    expect(hostModules.map((m) => m.name)).toEqual(['http', 'http-paths', 'tls', 'rtsp', 'onvif']);
    for (const m of hostModules) expect(m).toMatchObject({ type: 'host', stage: 1 });
  });
});
