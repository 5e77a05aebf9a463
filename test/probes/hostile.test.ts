// Probes against hostile servers on 127.0.0.1: nothing may crash, hang or pass its deadline.
import { describe, it, expect, afterEach } from 'vitest';
import { makeTestContext } from '../helpers/context.js';
import { exchange } from '../../src/probes/raw-client.js';
import { bannerPort, httpBannerModule } from '../../src/probes/http-banner.js';
import { certOfPort, tlsCertModule, tlsPortsOf, TLS_CANDIDATE_PORTS } from '../../src/probes/tls-cert.js';
import { rtspPort } from '../../src/probes/rtsp.js';
import { bannerPorts, browserRequest, WEB_PORTS } from '../../src/probes/web.js';
import { startServer, makeCert, type TestServer } from './servers.js';

let servers: TestServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});
async function serve(...a: Parameters<typeof startServer>): Promise<TestServer> {
  const s = await startServer(...a);
  servers.push(s);
  return s;
}

describe('hostile servers', () => {
  it('endless body: cut at the byte cap, marked truncated, fast', async () => {
    const s = await serve((sock) => {
      sock.write('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><title>flood</title>');
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = (): void => {
        while (!sock.destroyed && sock.write(chunk));
        if (!sock.destroyed) sock.once('drain', pump);
      };
      pump();
    });
    const { ctx, observations } = makeTestContext();
    const t0 = Date.now();
    await bannerPort(ctx, s.host, s.port);
    const took = Date.now() - t0;
    const http = observations.filter((o) => o.kind === 'http');
    expect(http).toHaveLength(1);
    expect(http[0].fields.bodyTruncated).toBe(true);
    expect(http[0].fields.title).toBe('flood');
    expect(http[0].fields.bodyBytes as number).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    expect(http[0].notes?.join(' ')).toMatch(/truncated at 327680 bytes/);
    expect(took).toBeLessThan(3000);
  });

  it('slow drip (headers 1 byte per 100 ms): cut at the deadline ± 10 %', async () => {
    const s = await serve((sock) => {
      const text = 'HTTP/1.1 200 OK\r\nServer: drip\r\n' + 'X-Pad: aaaaaaaa\r\n'.repeat(100);
      let i = 0;
      const t = setInterval(() => {
        if (sock.destroyed || i >= text.length) return clearInterval(t);
        sock.write(text[i++]);
      }, 100);
      sock.on('close', () => clearInterval(t));
    });
    const { ctx } = makeTestContext({ limits: { probeDeadlineMs: 2000 } });
    const t0 = Date.now();
    const r = await exchange(ctx, { module: 'test', host: s.host, port: s.port, request: browserRequest(s.host, s.port, 'http', '/') });
    const took = Date.now() - t0;
    expect(r.timedOut).toBe(true);
    expect(r.notes).toContain('deadline 2000 ms reached');
    expect(r.data.length).toBeGreaterThan(5);
    expect(r.data.length).toBeLessThan(30);
    expect(took).toBeGreaterThanOrEqual(1800);
    expect(took).toBeLessThanOrEqual(2200);
  });

  it('1 byte/s headers through the banner probe: cut at the deadline ± 10 %, nothing invented', async () => {
    const s = await serve((sock) => {
      const text = 'HTTP/1.1 200 OK\r\nServer: drip\r\n\r\n';
      let i = 0;
      const t = setInterval(() => (sock.destroyed || i >= text.length ? clearInterval(t) : sock.write(text[i++])), 1000);
      sock.on('close', () => clearInterval(t));
    });
    const { ctx, observations } = makeTestContext({ limits: { probeDeadlineMs: 2500 } });
    const t0 = Date.now();
    await bannerPort(ctx, s.host, s.port);
    const took = Date.now() - t0;
    // GET / stopped at 2500 ms; a port that timed out gets no favicon request after it.
    expect(took).toBeGreaterThanOrEqual(2500 * 0.9);
    expect(took).toBeLessThanOrEqual(2500 * 1.1);
    expect(s.requests).toHaveLength(1);
    const [o] = observations;
    expect(o.fields.statusLine).toMatch(/^HT/);
    expect(o.fields.status).toBeUndefined();
    expect(o.notes).toContain('deadline 2500 ms reached');
    expect(observations.filter((x) => x.kind === 'favicon')).toEqual([]);
  }, 15_000);

  it('bare-LF headers and HTTP/0.9 are read', async () => {
    const lf = await serve((sock) => sock.end('HTTP/1.0 200 OK\nServer: Webs\nContent-Type: text/html\n\n<html><title>WEB SERVICE</title></html>'));
    const h09 = await serve((sock) => sock.end('<html><head><title>NETSurveillance WEB</title></head></html>'));
    const { ctx, observations } = makeTestContext();
    await bannerPort(ctx, lf.host, lf.port);
    await bannerPort(ctx, h09.host, h09.port);
    const [a, b] = observations.filter((o) => o.kind === 'http');
    expect(a.fields).toMatchObject({ status: 200, server: 'Webs', title: 'WEB SERVICE', headerNames: ['Server', 'Content-Type'] });
    expect(b.fields).toMatchObject({ version: 'HTTP/0.9', title: 'NETSurveillance WEB', scheme: 'http', path: '/' });
  });

  it('redirect loop: at most 3 hops, each recorded, loop noted; other hosts never contacted', async () => {
    let n = 0;
    const s = await serve((sock, req) => {
      n++;
      const p = /^GET (\S+)/.exec(req)?.[1];
      const next = p === '/' ? '/a' : p === '/a' ? '/b' : '/a';
      sock.end(`HTTP/1.1 302 Found\r\nLocation: ${next}\r\nContent-Length: 0\r\n\r\n`);
    });
    const { ctx, observations } = makeTestContext();
    await bannerPort(ctx, s.host, s.port);
    const http = observations.filter((o) => o.kind === 'http');
    expect(http.map((o) => o.fields.path)).toEqual(['/', '/a', '/b']);
    expect(http[2].fields.redirects).toEqual([`http://${s.host}:${s.port}/a`, `http://${s.host}:${s.port}/b`]);
    expect(http[2].notes).toContain('redirect loop stopped');
    expect(n).toBe(3 + 1); // three pages + /favicon.ico

    const off = await serve((sock) => sock.end('HTTP/1.1 301 Moved\r\nLocation: http://192.0.2.99/\r\nContent-Length: 0\r\n\r\n'));
    const t = makeTestContext();
    await bannerPort(t.ctx, off.host, off.port);
    const o = t.observations.filter((x) => x.kind === 'http');
    expect(o).toHaveLength(1);
    expect(o[0].notes).toContain('redirect to another host not followed');
    expect(t.stats.get('http', 'connections')).toBe(1);
    expect(t.stats.get('favicon', 'connections')).toBe(1);
    expect(off.requests.map((r) => r.split(' ')[1])).toEqual(['/', '/favicon.ico']);
  });

  it('connection reset and refused ports: no throw, no observation', async () => {
    const s = await serve((sock) => sock.resetAndDestroy());
    const { ctx, observations } = makeTestContext();
    const r = await exchange(ctx, { module: 'test', host: s.host, port: s.port, request: 'GET / HTTP/1.1\r\n\r\n' });
    expect(r.error).toBe('ECONNRESET');
    await bannerPort(ctx, s.host, s.port);
    await s.close();
    await bannerPort(ctx, s.host, s.port);
    await rtspPort(ctx, s.host, s.port);
    expect(observations).toEqual([]);
  });

  it('TLS handshake stall: ends at the handshake timeout (= connect timeout, +60 % slack for a loaded CI) with no certificate, noted', async () => {
    const s = await serve(() => {}, { waitForRequest: false });
    const { ctx, observations, stats } = makeTestContext({ limits: { probeDeadlineMs: 4000, connectTimeoutMs: 1000 } });
    const t0 = Date.now();
    expect(await certOfPort(ctx, s.host, s.port)).toBe(false);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(900);
    expect(took).toBeLessThanOrEqual(1600);
    // No certificate evidence, only a note-carrying `probe` observation the report shows on the device.
    expect(observations.map((o) => [o.kind, o.fields.outcome])).toEqual([['probe', 'handshake-stalled']]);
    expect(observations[0]!.notes?.join(' ')).toMatch(/TLS handshake stalled/);
    expect(stats.get('tls', 'handshakeTimeout')).toBe(1);
  });

  it('TLS on any open port: a certificate on an unusual port is read; a silent non-TLS port gives no note; 80 and RTSP are never tried', async () => {
    const tlsOdd = await serve((sock) => sock.end(), { tls: makeCert('/O=Dahua/CN=Dahua Device NVR CA'), waitForRequest: false });
    const silent = await serve(() => {}, { waitForRequest: false });
    expect(TLS_CANDIDATE_PORTS).not.toContain(tlsOdd.port);
    expect(TLS_CANDIDATE_PORTS).not.toContain(silent.port);
    const { ctx, observations, stats } = makeTestContext({ limits: { connectTimeoutMs: 800 } });
    await tlsCertModule.probeHost!(ctx, { ip: tlsOdd.host, openPorts: [tlsOdd.port, silent.port], observations: [] });
    expect(observations.map((o) => [o.kind, o.port])).toEqual([['tls', tlsOdd.port]]);
    expect(observations[0].fields['subject.CN']).toBe('Dahua Device NVR CA');
    expect(stats.get('tls', 'handshakeTimeout')).toBe(1);
    expect(tlsPortsOf([80, 443, 554, 8554, 8000, 37777, 34567, 7447])).toEqual([443, 8000, 37777, 34567]);
  });

  it('the banner runs on any open port not known to speak another protocol (e.g. one added with --ports)', async () => {
    const s = await serve((sock) => sock.end('HTTP/1.1 200 OK\r\nServer: odd-port\r\nContent-Length: 0\r\n\r\n'));
    expect(WEB_PORTS).not.toContain(s.port);
    const { ctx, observations } = makeTestContext();
    await httpBannerModule.probeHost!(ctx, { ip: s.host, openPorts: [s.port], observations: [] });
    expect(observations.find((o) => o.kind === 'http' && o.port === s.port)?.fields.server).toBe('odd-port');
    expect(bannerPorts([554, 37777, 34567, 8554, 80, 9999, 443])).toEqual([80, 443, 9999]);
  });

  it('RTSP server that never ends its reply is cut at the deadline', async () => {
    const s = await serve((sock) => {
      sock.write('RTSP/1.0 200 OK\r\nCSeq: 1\r\n');
    });
    const { ctx, observations } = makeTestContext({ limits: { probeDeadlineMs: 1000 } });
    const t0 = Date.now();
    await rtspPort(ctx, s.host, s.port);
    expect(Date.now() - t0).toBeLessThan(2 * 1000 + 300);
    expect(observations.length).toBeGreaterThan(0);
    expect(observations[0].notes).toContain('deadline 1000 ms reached');
  });

  it('aborting the scan stops a probe at once', async () => {
    const s = await serve(() => {});
    const ac = new AbortController();
    const { ctx } = makeTestContext({ signal: ac.signal });
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 200);
    const r = await exchange(ctx, { module: 'test', host: s.host, port: s.port, request: 'GET / HTTP/1.1\r\n\r\n' });
    expect(r.error).toBe('aborted');
    expect(Date.now() - t0).toBeLessThan(700);
  });
});
