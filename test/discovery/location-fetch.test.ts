// UPnP LOCATION fetch against loopback HTTP servers (127.0.0.1 / 127.0.0.2 / 127.0.0.3; nothing leaves the
// host). The description served is the real capture corpus/axis-upnp-xml-1; the SSDP reply in the module
// test is the real capture corpus/axis-ssdp-1 with only its LOCATION host/port rewritten to the loopback server.
import { createServer, type Server, type ServerResponse } from 'node:http';
import { createSocket, type Socket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTestContext } from '../helpers/context.js';
import { createLocationFetcher, locationRefusal, LOCATION_BODY_MAX } from '../../src/discovery/ssdp/location-fetch.js';
import { makeSsdpModule } from '../../src/discovery/ssdp/module.js';
import { makeObservation, type Observation } from '../../src/core/observation.js';
import { upnpLocationModule } from '../../src/discovery/ssdp/location-host.js';
import { Limiter } from '../../src/core/limiter.js';
import { readCapture } from '../helpers/captures.js';

const corpus = (name: string) => readCapture(name);
const AXIS_XML = corpus('axis-upnp-xml-1').payload;

interface Srv { server: Server; port: number; hits: string[] }
async function serve(host: string, route: (path: string, res: ServerResponse) => void): Promise<Srv> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    route(req.url ?? '', res);
  });
  await new Promise<void>((r) => server.listen(0, host, () => r()));
  return { server, port: (server.address() as AddressInfo).port, hits };
}

let main: Srv;
let other: Srv;
const other_port = (): number => other.port;
const timers: NodeJS.Timeout[] = [];
beforeAll(async () => {
  other = await serve('127.0.0.2', (_p, res) => res.end(AXIS_XML));
  main = await serve('127.0.0.1', (path, res) => {
    if (path.split('?')[0] === '/desc.xml') return void res.end(AXIS_XML);
    if (path === '/huge.xml') {
      res.write('<?xml version="1.0"?><root><device><friendlyName>huge</friendlyName><manufacturer>X</manufacturer><modelDescription>');
      const chunk = 'a'.repeat(64 * 1024);
      let n = 0;
      const pump = (): void => {
        while (n < 64) { n++; if (!res.write(chunk)) return void res.once('drain', pump); }
        res.end('</modelDescription></device></root>');
      };
      return pump();
    }
    if (path === '/slow.xml') {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.write('<?xml version="1.0"?><root><device><friendlyName>slow</friendlyName>');
      timers.push(setTimeout(() => res.end('</device></root>'), 20_000)); // never within the deadline
      return;
    }
    if (path === '/stall.xml') {
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      res.write('<?xml version="1.0"?><ro');
      timers.push(setTimeout(() => res.end(), 20_000));
      return;
    }
    if (path === '/redirect.xml') {
      res.writeHead(302, { Location: `http://127.0.0.2:${other.port}/desc.xml` });
      return void res.end();
    }
    res.writeHead(404);
    res.end();
  });
});
afterAll(async () => {
  timers.forEach(clearTimeout);
  for (const s of [main, other]) { s.server.closeAllConnections(); await new Promise((r) => s.server.close(r)); }
});

const ssdpObs = (host: string, location: string): Observation => makeObservation(host, 'ssdp', { kind: 'ssdp', fields: { status: 'HTTP/1.1 200 OK', location } }, { port: 1900 });

async function fetchAll(locations: Array<[string, string]>, o: { deadlineMs?: number; maxFetches?: number } = {}) {
  const t = makeTestContext({ inScope: (ip) => ip.startsWith('127.') });
  const fetcher = createLocationFetcher(t.ctx, { deadlineAt: Date.now() + (o.deadlineMs ?? 2500), maxFetches: o.maxFetches });
  const ssdp = locations.map(([host, loc]) => ssdpObs(host, loc));
  const t0 = Date.now();
  for (const s of ssdp) fetcher.consider(s);
  await fetcher.settle();
  return { ...t, ssdp, took: Date.now() - t0 };
}

describe('UPnP LOCATION fetch (loopback)', () => {
  it('fetches the description once per distinct LOCATION and emits a upnp observation with the location', async () => {
    expect(corpus('axis-upnp-xml-1').source.length).toBeGreaterThan(0);
    const url = `http://127.0.0.1:${main.port}/desc.xml`;
    const before = main.hits.length;
    const r = await fetchAll([['127.0.0.1', url], ['127.0.0.1', url]]);
    expect(main.hits.length - before).toBe(1);
    const upnp = r.observations.filter((o) => o.kind === 'upnp');
    expect(upnp).toHaveLength(1);
    expect(upnp[0]).toMatchObject({ host: '127.0.0.1', module: 'ssdp', port: main.port });
    expect(upnp[0].fields).toMatchObject({ manufacturer: 'AXIS', modelName: 'AXIS P3301', location: url });
    expect(upnp[0].raw).toContain('AXIS P3301');
    expect(r.stats.get('ssdp', 'locationFetched')).toBe(1);
  });

  it('a LOCATION naming another host, https, credentials, a bad port or an exploit path is noted, never fetched', async () => {
    const hitsOther = other.hits.length;
    const hitsMain = main.hits.length;
    const r = await fetchAll([
      ['127.0.0.1', `http://127.0.0.2:${other.port}/desc.xml`],
      ['127.0.0.1', `https://127.0.0.1:${main.port}/desc.xml`],
      ['127.0.0.1', `http://admin:pw@127.0.0.1:${main.port}/desc.xml`],
      ['127.0.0.1', `http://127.0.0.1:0/desc.xml`],
      ['127.0.0.1', `http://127.0.0.1:${main.port}/System/deviceInfo?auth=YWRtaW46MTEK`],
      ['127.0.0.1', 'not a url'],
    ]);
    expect(other.hits.length).toBe(hitsOther);
    expect(main.hits.length).toBe(hitsMain);
    expect(r.ssdp.map((s) => s.notes?.[0])).toEqual([
      'LOCATION points at another host (127.0.0.2), not fetched',
      'LOCATION scheme https not fetched (http only)',
      'LOCATION carries credentials, not fetched',
      'LOCATION port 0 not fetched',
      'LOCATION refused by never-send guard: CVE-2017-7921 ?auth= bypass',
      'LOCATION is not a URL',
    ]);
    expect(locationRefusal('http://127.0.0.9/x', '127.0.0.9', () => false)).toMatch(/out of scope/);
    expect(r.observations).toHaveLength(0);
  });

  it('a 4 MiB body is cut at 256 KiB, noted', async () => {
    const r = await fetchAll([['127.0.0.1', `http://127.0.0.1:${main.port}/huge.xml`]]);
    const obs = r.observations.find((o) => o.kind === 'upnp')!;
    expect(obs.fields.friendlyName).toBe('huge');
    expect(obs.notes).toContain(`body truncated at ${LOCATION_BODY_MAX} bytes`);
    expect(obs.raw!.length).toBeLessThanOrEqual(8192);
  });

  it('a body that never ends is abandoned at the deadline: what arrived is kept with a note, time bounded', async () => {
    const r = await fetchAll([['127.0.0.1', `http://127.0.0.1:${main.port}/slow.xml`]], { deadlineMs: 800 });
    console.log(`slow LOCATION body abandoned after ${r.took} ms (deadline 800 ms)`);
    expect(r.took).toBeLessThan(800 + 1500);
    expect(r.took).toBeGreaterThanOrEqual(600);
    // What arrived before the deadline is kept, with the deadline noted.
    expect(r.observations).toHaveLength(1);
    expect(r.observations[0]).toMatchObject({ kind: 'upnp', fields: { friendlyName: 'slow' } });
    expect(r.observations[0].notes?.[0]).toMatch(/deadline \d+ ms reached/);
  });

  it('a description that stalls before any parseable element becomes a probe observation (timeout)', async () => {
    const r = await fetchAll([['127.0.0.1', `http://127.0.0.1:${main.port}/stall.xml`]], { deadlineMs: 600 });
    expect(r.observations).toHaveLength(1);
    expect(r.observations[0].fields).toMatchObject({ probe: 'upnp-location', outcome: 'timeout' });
  });

  it('a redirect is not followed', async () => {
    const hitsOther = other.hits.length;
    const r = await fetchAll([['127.0.0.1', `http://127.0.0.1:${main.port}/redirect.xml`]]);
    expect(other.hits.length).toBe(hitsOther);
    const probe = r.observations.find((o) => o.kind === 'probe');
    expect(probe?.fields.outcome).toBe('redirect not followed');
    expect(probe?.notes?.[0]).toContain(`302 to http://127.0.0.2:${other.port}/desc.xml`);
    expect(r.observations.some((o) => o.kind === 'upnp')).toBe(false);
  });

  it('at most maxFetches fetches; the rest are noted', async () => {
    const r = await fetchAll([1, 2, 3].map((i) => ['127.0.0.1', `http://127.0.0.1:${main.port}/desc.xml?n=${i}`] as [string, string]), { maxFetches: 2 });
    expect(r.stats.get('ssdp', 'locationFetched')).toBe(2);
    expect(r.ssdp[2].notes?.[0]).toMatch(/2 fetches per scan reached/);
  });

  it('no limiter slot within the window → late; the host-stage module fetches it after the sweep, once', async () => {
    const url = `http://127.0.0.1:${main.port}/desc.xml?late=1`;
    const limiter = new Limiter(1, 4);
    const hold = await limiter.acquire('sweep'); // the sweep holds every slot during the window
    const t = makeTestContext({ inScope: (ip) => ip.startsWith('127.'), limiter });
    const fetcher = createLocationFetcher(t.ctx, { deadlineAt: Date.now() + 400 });
    const ssdp = ssdpObs('127.0.0.1', url);
    fetcher.consider(ssdp);
    await fetcher.settle();
    expect(t.stats.get('ssdp', 'locationLate')).toBe(1);
    expect(t.observations).toHaveLength(0);
    hold();
    const before = main.hits.length;
    await upnpLocationModule.probeHost!(t.ctx, { ip: '127.0.0.1', openPorts: [main.port], observations: [ssdp] });
    expect(main.hits.length - before).toBe(1);
    expect(t.observations).toHaveLength(1);
    expect(t.observations[0]).toMatchObject({ module: 'upnp-location', kind: 'upnp', fields: { location: url, manufacturer: 'AXIS' } });
    // Fetched now: a second host-stage pass, or one for a LOCATION the window already fetched, sends nothing.
    await upnpLocationModule.probeHost!(t.ctx, { ip: '127.0.0.1', openPorts: [main.port], observations: [ssdp] });
    const other = ssdpObs('127.0.0.1', `http://127.0.0.2:${other_port()}/desc.xml`);
    await upnpLocationModule.probeHost!(t.ctx, { ip: '127.0.0.1', openPorts: [main.port], observations: [other] });
    expect(main.hits.length - before).toBe(1);
    expect(t.observations).toHaveLength(1);
  });

  describe('through the SSDP module', () => {
    let udp: Socket;
    afterAll(() => udp?.close());
    it('an SSDP reply (axis-ssdp-1, LOCATION rewritten to loopback) leads to its description; module ends within window + 0.5 s', async () => {
      const reply = corpus('axis-ssdp-1').payload.replace('http://192.168.1.102:45895/rootdesc1.xml', `http://127.0.0.1:${main.port}/desc.xml`);
      udp = createSocket('udp4');
      udp.on('message', (_m, r) => udp.send(Buffer.from(reply), r.port, r.address));
      await new Promise<void>((res) => udp.bind(0, '127.0.0.1', () => res()));
      const t = makeTestContext({ unicastTargets: ['127.0.0.1'], discoveryWindowMs: 600 });
      const t0 = Date.now();
      await makeSsdpModule(udp.address().port).run!(t.ctx);
      const took = Date.now() - t0;
      console.log(`ssdp module with LOCATION fetch: ${took} ms (window 600 ms)`);
      expect(took).toBeLessThan(600 + 500);
      expect(t.observations.filter((o) => o.kind === 'ssdp')).toHaveLength(1);
      const upnp = t.observations.filter((o) => o.kind === 'upnp');
      expect(upnp).toHaveLength(1);
      expect(upnp[0].fields.friendlyName).toBe('AXIS P3301 - 00408CA45086');
    });
  });
});
