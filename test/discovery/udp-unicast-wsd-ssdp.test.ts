// WS-Discovery and SSDP by unicast against loopback responders replaying corpus payloads (no interfaces
// in the context, so nothing is multicast from the host).
import { createSocket, type Socket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestContext } from '../helpers/context.js';
import { makeWsdModule } from '../../src/discovery/wsd/module.js';
import { makeSsdpModule } from '../../src/discovery/ssdp/module.js';
import { capturePayload } from '../helpers/captures.js';

const corpus = (name: string) => capturePayload(name);
const sockets: Socket[] = [];
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});

async function responder(address: string, reply: Buffer): Promise<{ port: number; requests: Buffer[] }> {
  const s = createSocket('udp4');
  sockets.push(s);
  const requests: Buffer[] = [];
  s.on('message', (msg, r) => {
    requests.push(msg);
    s.send(reply, r.port, r.address);
  });
  await new Promise<void>((res) => s.bind(0, address, () => res()));
  return { port: s.address().port, requests };
}

describe('WS-Discovery and SSDP by unicast (loopback)', () => {
  it('WSD: two probes (with and without Types) x3, one observation', async () => {
    const r = await responder('127.0.77.9', Buffer.from(corpus('hikvision-ws-discovery-2.json')));
    const { ctx, observations } = makeTestContext({ unicastTargets: ['127.0.77.9'], discoveryWindowMs: 450 });
    const t0 = Date.now();
    await makeWsdModule(r.port).run!(ctx);
    expect(Date.now() - t0).toBeLessThan(950);
    expect(r.requests).toHaveLength(6);
    expect(r.requests.filter((b) => b.toString().includes('dn:NetworkVideoTransmitter tds:Device'))).toHaveLength(3);
    expect(observations).toHaveLength(1);
    expect(String(observations[0].fields.endpoint)).toMatch(/^urn:uuid:/);
  });

  it('SSDP: ssdp:all and upnp:rootdevice x3, the Axis reply parsed', async () => {
    const r = await responder('127.0.77.10', Buffer.from(corpus('axis-ssdp-1.json')));
    const { ctx, observations } = makeTestContext({ unicastTargets: ['127.0.77.10'], discoveryWindowMs: 450 });
    await makeSsdpModule(r.port).run!(ctx);
    expect(r.requests.map((b) => /^ST: (\S+)/m.exec(b.toString())?.[1]).sort()).toEqual(['ssdp:all', 'ssdp:all', 'ssdp:all', 'upnp:rootdevice', 'upnp:rootdevice', 'upnp:rootdevice']);
    expect(observations).toHaveLength(1);
    expect(observations[0].fields.location).toBe('http://192.168.1.102:45895/rootdesc1.xml');
  });
});
