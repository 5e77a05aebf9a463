// Probes against loopback servers replaying real Dahua-family and Xiongmai captures from fixtures/captures/shared (source kept
// in each file). The corpus stores these in a tool's decoded form or without their framing, so each server re-frames
// the captured values; the framing is marked synthetic where it is used.
import { describe, it, expect, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTestContext } from '../helpers/context.js';
import { isRoot } from '../helpers/netns.js';
import { rtspPort } from '../../src/probes/rtsp.js';
import { probeDeviceService } from '../../src/probes/onvif-preauth.js';
import { vendorPathsModule } from '../../src/probes/vendor-paths.js';
import { inspectRequest } from '../../src/probes/never-send.js';
import { closeLater, closeServers, serve } from './servers.js';
import { sample } from './corpus.js';

afterEach(closeServers);

/** ngrep rendering back to wire text: payload lines are indented two spaces and wrapped, '..' is CRLF. */
function ngrepToWire(text: string): string {
  const payload = text.split('\n').slice(1).map((l) => l.replace(/^ {2}/, '')).join('');
  return payload.replace(/, \.{4}$/, '').replace(/\.\./g, '\r\n');
}

describe('Dahua-family and Xiongmai captures through the probes', () => {
  it('Amcrest RTSP 401 (amcrest-rtsp-1, ngrep): realm "Login to <serial>" from OPTIONS and DESCRIBE', async () => {
    const wire = ngrepToWire(sample('amcrest-rtsp-1.json').payload);
    expect(wire).toMatch(/^RTSP\/1\.0 401 Unauthorized\r\nCSeq: 1\r\nWWW-Authenticate: Digest realm="Login to AMC0007RVY5EQ6DV29"/);
    // The capture was cut after the nonce; the end of the header block is synthetic framing.
    const s = await serve((sock, req) => sock.end(wire.replace('CSeq: 1', `CSeq: ${/CSeq: (\d+)/.exec(req)?.[1] ?? 1}`) + '\r\n\r\n'));
    const { ctx, observations } = makeTestContext();
    await rtspPort(ctx, s.host, s.port);
    expect(observations.map((o) => [o.fields.method, o.fields.status, o.fields['auth.realm']])).toEqual([
      ['OPTIONS', 401, 'Login to AMC0007RVY5EQ6DV29'],
      ['DESCRIBE', 401, 'Login to AMC0007RVY5EQ6DV29'],
    ]);
    for (const r of s.requests) expect(r).not.toMatch(/authorization/i);
  });

  it('Dahua RTSP Server header (dahua-rtsp-1, header value only; status line and CSeq synthetic)', async () => {
    const server = sample('dahua-rtsp-1.json').payload;
    const s = await serve((sock) => sock.end(`RTSP/1.0 200 OK\r\nCSeq: 1\r\nServer: ${server}\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY\r\n\r\n`));
    const { ctx, observations } = makeTestContext();
    await rtspPort(ctx, s.host, s.port);
    expect(observations[0].fields).toMatchObject({ method: 'OPTIONS', server: 'Dahua Rtsp Server', public: ['OPTIONS', 'DESCRIBE', 'SETUP', 'PLAY'] });
  });

  it('Xiongmai ONVIF GetDeviceInformation answered without credentials (xiongmai-onvif-devinfo-1; envelope head synthetic)', async () => {
    const tail = sample('xiongmai-onvif-devinfo-1.json').payload;
    const head = '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl">';
    const bodies: string[] = [];
    const srv = http.createServer((req, res) => {
      let b = '';
      req.on('data', (d: Buffer) => (b += d.toString()));
      req.on('end', () => {
        bodies.push(b);
        res.setHeader('Content-Type', 'application/soap+xml');
        if (b.includes('GetDeviceInformation')) res.end(`${head}\n${tail}>`);
        else res.end(`${head}<s:Body><tds:GetSystemDateAndTimeResponse/></s:Body></s:Envelope>`);
      });
    });
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    closeLater(() => new Promise<void>((r) => srv.close(() => r())));
    const { ctx, observations } = makeTestContext();
    await probeDeviceService(ctx, '127.0.0.1', `http://127.0.0.1:${(srv.address() as AddressInfo).port}/onvif/device_service`);
    const info = observations.find((o) => o.fields.method === 'GetDeviceInformation');
    expect(info?.fields).toMatchObject({ manufacturer: 'H264', model: 'XM530_50X50-WG_8M', authenticated: false, status: 200 });
    expect(String(info?.fields.firmwareVersion)).toMatch(/^V5\.00\.R02/);
    expect(bodies.filter((b) => b.includes('GetDeviceInformation'))).toHaveLength(1); // one try, not a guess
    for (const b of bodies) expect(b).not.toMatch(/UsernameToken|Security/);
  });

  // The vendor paths run on web ports only, so this "device" listens on port 80 of an address of our own (root).
  it.skipIf(!isRoot)('Dahua XVR magicBox getDeviceType answered without credentials (dahua-http-2; HTTP framing synthetic)', async () => {
    const body = sample('dahua-http-2.json').payload;
    const s = await serve((sock, req) => {
      const p = /^GET (\S+)/.exec(req)?.[1] ?? '';
      if (p === '/cgi-bin/magicBox.cgi?action=getDeviceType') sock.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
      else sock.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    }, { host: '127.125.27.1', port: 80 });
    const { ctx, observations } = makeTestContext();
    await vendorPathsModule.probeHost!(ctx, { ip: s.host, openPorts: [80], observations: [] });
    const cgi = observations.find((o) => o.kind === 'dahuacgi');
    expect(cgi?.fields).toMatchObject({ type: 'DH-XVR5108C-X', authenticated: false, status: 200 });
    expect(observations.find((o) => o.kind === 'http' && o.fields.probe === 'dahua-magicbox-devicetype')?.fields.status).toBe(200);
    expect(observations.find((o) => o.kind === 'http' && o.fields.probe === 'hik-login-page')?.fields.status).toBe(404);
    for (const r of s.requests) expect(inspectRequest(r).allowed, r).toBe(true);
  });

  // A real Hikvision/Ezviz device keeps its SDK port 8000 (a web-port number) open and silent until it gets its own
  // binary header. The vendor paths must give up on such a port after one request, not wait out the deadline 8 times.
  it.skipIf(!isRoot)('a silent port 8000: the vendor paths stop after the first request times out', async () => {
    const s = await serve(() => {}, { host: '127.125.27.2', port: 8000 });
    const { ctx, observations, stats } = makeTestContext({ limits: { probeDeadlineMs: 1000 } });
    const t0 = Date.now();
    await vendorPathsModule.probeHost!(ctx, { ip: s.host, openPorts: [8000], observations: [] });
    const took = Date.now() - t0;
    expect(stats.get('http-paths', 'connections')).toBe(1);
    expect(stats.get('http-paths', 'portSkippedNoReply')).toBe(1);
    expect(observations).toEqual([]);
    expect(took).toBeLessThan(3000); // one 1 s deadline; 8 paths in rounds of 2 took ≥ 4 s before
  });
});
