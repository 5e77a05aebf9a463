// Unicast discovery against loopback responders (127.0.77.x, ports chosen by the OS): no multicast or
// broadcast leaves the host because the context has no interfaces. Replies replay corpus payloads.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestContext } from '../helpers/context.js';
import { makeSadpModule } from '../../src/discovery/sadp/module.js';
import { makeDhipModule } from '../../src/discovery/dhip/module.js';
import { makeXiongmaiModule } from '../../src/discovery/xiongmai/module.js';
import { dhipHeader } from '../../src/parsers/dhip.js';
import { xmHeader, XM_SEARCH_REPLY } from '../../src/parsers/xiongmai.js';
import { closeResponders, responder } from '../helpers/udp-responder.js';
import { runUdpDiscovery } from '../../src/discovery/udp.js';
import { capturePayload } from '../helpers/captures.js';

const corpus = (name: string) => capturePayload(name);

afterEach(closeResponders);

describe('UDP discovery by unicast (loopback)', () => {
  it('SADP: sends the inquiry 3 times within the window, emits one deduped observation, ends on time', async () => {
    const sadp = await responder('127.0.77.5', () => [Buffer.from(corpus('ezviz-sadp-1.json'))]);
    const { ctx, observations, stats } = makeTestContext({ unicastTargets: ['127.0.77.5'], discoveryWindowMs: 600 });
    const t0 = Date.now();
    await makeSadpModule(sadp.port).run!(ctx);
    const took = Date.now() - t0;
    expect(took).toBeLessThan(600 + 500);
    expect(sadp.requests).toHaveLength(3);
    expect(sadp.requests[0].toString()).toMatch(/<Types>inquiry<\/Types>/);
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({ host: '127.0.77.5', module: 'sadp', kind: 'sadp', port: sadp.port });
    expect(observations[0].fields.DeviceSN).toBe('CS-C6TC-32WFR0120170327CCCH738231995');
    expect(observations[0].raw).toContain('<ProbeMatch>');
    expect(stats.get('sadp', 'duplicate')).toBe(2);
  });

  it('DHIP: framed reply found; lying-length and out-of-scope replies counted, not emitted', async () => {
    const body = Buffer.from(corpus('intelbras-dhip-1.json'));
    const liar = dhipHeader(body.length + 1000);
    const dhip = await responder('127.0.77.6', () => [Buffer.concat([dhipHeader(body.length), body]), Buffer.concat([liar, body])]);
    const { ctx, observations, stats } = makeTestContext({ unicastTargets: ['127.0.77.6'], discoveryWindowMs: 400 });
    await makeDhipModule(dhip.port).run!(ctx);
    expect(dhip.requests[0].subarray(4, 8).toString()).toBe('DHIP');
    expect(observations.filter((o) => o.kind === 'dhip')).toHaveLength(1);
    expect(observations.find((o) => o.kind === 'probe')?.notes).toEqual(['dhip replies dropped: 1 unreadable (malformed, truncated or lying lengths)']);
    expect(observations[0].fields.Vendor).toBe('Intelbras');
    expect(stats.get('dhip', 'malformed')).toBe(1);

    const scoped = makeTestContext({ unicastTargets: ['127.0.77.6'], discoveryWindowMs: 300, inScope: () => false });
    await makeDhipModule(dhip.port).run!(scoped.ctx);
    expect(scoped.observations).toHaveLength(0);
    expect(scoped.stats.get('dhip', 'outOfScope')).toBeGreaterThan(0);
  });

  it('Xiongmai: 1530 request, 1531 reply with NetWork.NetCommon', async () => {
    const json = Buffer.from(corpus('xiongmai-xiongmai-2.json').replace(/^#\s?/gm, ''));
    const xm = await responder('127.0.77.7', () => [Buffer.concat([xmHeader(XM_SEARCH_REPLY, json.length), json])]);
    const { ctx, observations } = makeTestContext({ unicastTargets: ['127.0.77.7'], discoveryWindowMs: 300 });
    await makeXiongmaiModule(xm.port).run!(ctx);
    expect(xm.requests[0].readUInt16LE(14)).toBe(1530);
    expect(observations).toHaveLength(1);
    expect(observations[0].fields).toMatchObject({ messageId: 1531, MAC: '00:12:31:08:bb:97', HostIP: '192.168.11.109' });
  });

  it('a flood of distinct replies stays bounded and the module still ends within window + 0.5 s', async () => {
    let n = 0;
    const flood = await responder('127.0.77.8', () => Array.from({ length: 200 }, () => Buffer.from(`<ProbeMatch><DeviceSN>${n++}</DeviceSN></ProbeMatch>`)));
    const { ctx, observations, stats } = makeTestContext({ unicastTargets: ['127.0.77.8'], discoveryWindowMs: 500, limits: { maxRepliesPerModule: 50 } });
    const t0 = Date.now();
    await makeSadpModule(flood.port).run!(ctx);
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(observations.filter((o) => o.kind === 'sadp')).toHaveLength(50);
    expect(stats.get('sadp', 'dropped')).toBeGreaterThan(0);
    expect(observations.filter((o) => o.kind === 'probe').flatMap((o) => o.notes)).toEqual([expect.stringMatching(/^sadp replies dropped: .*reply cap/)]);
  });
  it('a reply that makes the parser throw is dropped with a note saying why; a failing target source is a scan note', async () => {
    const r = await responder('127.0.77.8', () => [Buffer.from('synthetic reply')]);
    const { ctx, observations, stats } = makeTestContext({
      unicastTargets: () => (async function* () { yield '127.0.77.8'; throw new Error('target feed broke'); })(),
      discoveryWindowMs: 300,
    });
    const spec = { module: 'synthetic-udp', port: r.port, probes: [Buffer.from('probe')], parse: (): never => { throw new RangeError('offset out of range'); } };
    await runUdpDiscovery(ctx, spec);
    expect(observations.map((o) => [o.kind, o.notes])).toEqual([
      ['probe', ['synthetic-udp replies dropped: 1 unreadable (malformed, truncated or lying lengths; first: reading it failed: offset out of range)']],
    ]);
    expect(stats.notes()).toEqual(['synthetic-udp: unicast targets ended early: target feed broke']);
  });
});
