// mDNS and DVRIP modules by unicast against loopback responders (no interfaces in the context, so nothing is
// multicast or broadcast from the host). The mDNS responder answers with records built from the values of
// corpus google-mdns-1 (re-encoded by the test; the corpus holds dig's text, not wire bytes) and announces a
// second type through the DNS-SD enumeration. The DVRIP reply is SYNTHETIC (no 5050 capture exists).
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestContext } from '../helpers/context.js';
import { makeMdnsModule } from '../../src/discovery/mdns/module.js';
import { makeDvripModule } from '../../src/discovery/dvrip/module.js';
import { MDNS_SERVICE_TYPES } from '../../src/discovery/mdns/probe.js';
import { closeResponders, responder } from '../helpers/udp-responder.js';

afterEach(closeResponders);

const enc = (labels: string[]): Buffer => Buffer.concat([...labels.map((l) => Buffer.concat([Buffer.from([Buffer.byteLength(l)]), Buffer.from(l)])), Buffer.from([0])]);
function rr(owner: string[], type: number, data: Buffer): Buffer {
  const h = Buffer.alloc(10);
  h.writeUInt16BE(type, 0);
  h.writeUInt16BE(1, 2);
  h.writeUInt32BE(10, 4);
  h.writeUInt16BE(data.length, 8);
  return Buffer.concat([enc(owner), h, data]);
}
function response(records: Buffer[]): Buffer {
  const h = Buffer.alloc(12);
  h.writeUInt16BE(0x8400, 2);
  h.writeUInt16BE(records.length, 6);
  return Buffer.concat([h, ...records]);
}
/** Question names of a query (uncompressed, as our probe writes them). */
function questions(q: Buffer): string[] {
  const out: string[] = [];
  let off = 12;
  for (let i = 0; i < q.readUInt16BE(4); i++) {
    const labels: string[] = [];
    while (q[off]) { labels.push(q.toString('utf8', off + 1, off + 1 + q[off])); off += 1 + q[off]; }
    off += 5;
    out.push(labels.join('.'));
  }
  return out;
}

describe('mDNS and DVRIP modules by unicast (loopback)', () => {
  it('mDNS: one query with the enumeration + named types (QU bit); a type learned from the enumeration is asked next', async () => {
    const cast = ['Chromecast Cumulus', '_googlecast', '_tcp', 'local'];
    const srv = Buffer.alloc(6);
    srv.writeUInt16BE(8009, 4);
    const r = await responder('127.0.77.20', (q) => {
      const names = questions(q);
      const out: Buffer[] = [];
      if (names.includes('_services._dns-sd._udp.local')) out.push(response([rr(['_services', '_dns-sd', '_udp', 'local'], 12, enc(['_googlecast', '_tcp', 'local'])), rr(['_services', '_dns-sd', '_udp', 'local'], 12, enc(['_tivo-mindrpc', '_tcp', 'local']))]));
      if (names.includes('_googlecast._tcp.local')) out.push(response([rr(['_googlecast', '_tcp', 'local'], 12, enc(cast)), rr(cast, 33, Buffer.concat([srv, enc(['Chromecast Cumulus', 'local'])])), rr(cast, 16, Buffer.concat([Buffer.from([13]), Buffer.from('md=Chromecast')]))]));
      if (names.includes('_tivo-mindrpc._tcp.local')) out.push(response([rr(['_tivo-mindrpc', '_tcp', 'local'], 12, enc(['Living Room', '_tivo-mindrpc', '_tcp', 'local']))]));
      return out;
    });
    const { ctx, observations, stats } = makeTestContext({ unicastTargets: ['127.0.77.20'], discoveryWindowMs: 600 });
    const t0 = Date.now();
    await makeMdnsModule(r.port).run!(ctx);
    expect(Date.now() - t0).toBeLessThan(600 + 500);
    expect(questions(r.requests[0])).toEqual(MDNS_SERVICE_TYPES);
    expect(r.requests[0][12 + MDNS_SERVICE_TYPES[0].length + 2 + 2] & 0x80).toBe(0x80); // QU bit on the first question's class
    expect(r.requests.some((q) => questions(q).includes('_tivo-mindrpc._tcp.local'))).toBe(true);
    const fields = observations.map((o) => o.fields);
    expect(fields).toContainEqual(expect.objectContaining({ instance: 'Chromecast Cumulus', service: '_googlecast._tcp', port: 8009, 'txt.md': 'Chromecast' }));
    expect(fields).toContainEqual(expect.objectContaining({ instance: 'Living Room', service: '_tivo-mindrpc._tcp' }));
    expect(observations.every((o) => o.host === '127.0.77.20' && o.kind === 'mdns')).toBe(true);
    expect(stats.get('mdns', 'duplicate')).toBeGreaterThan(0);
  });

  it('mDNS: a flood of distinct responses is bounded and the module still ends within window + 0.5 s', async () => {
    let n = 0;
    const flood = await responder('127.0.77.21', () => Array.from({ length: 300 }, () => response([rr([`h${n++}`, 'local'], 1, Buffer.from([10, 0, 0, 1]))])));
    const { ctx, observations, stats } = makeTestContext({ unicastTargets: ['127.0.77.21'], discoveryWindowMs: 500, limits: { maxRepliesPerModule: 100 } });
    const t0 = Date.now();
    await makeMdnsModule(flood.port).run!(ctx);
    const took = Date.now() - t0;
    console.log(`mdns flood: ${stats.get('mdns', 'received')} datagrams received, ${observations.length} kept, ${took} ms (window 500 ms)`);
    expect(took).toBeLessThan(1000);
    expect(observations.filter((o) => o.kind !== 'probe')).toHaveLength(100);
    expect(stats.get('mdns', 'dropped')).toBeGreaterThan(0);
    // What was cut is said on the device, once.
    const notes = observations.filter((o) => o.kind === 'probe').flatMap((o) => o.notes ?? []);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^mdns replies dropped: .*beyond the per-module reply cap/);
  });

  it('DVRIP: the 32-byte 0xa3 search x3; a synthetic reply parsed; a lying length counted as malformed', async () => {
    const good = Buffer.alloc(0x89 + 4);
    good[0] = 0xb3;
    good.write('SYNTH', 0x28, 'latin1');
    Buffer.from([127, 0, 77, 22]).copy(good, 0x38);
    good.writeUInt16LE(37777, 0x62);
    good.write('02:00:5e:00:00:16', 0x78, 'latin1');
    good.write('SYN1', 0x89, 'latin1');
    good.writeUInt32LE(good.length - 32, 4);
    const liar = Buffer.from(good);
    liar.writeUInt32LE(5000, 4);
    const r = await responder('127.0.77.22', () => [good, liar]);
    const { ctx, observations, stats } = makeTestContext({ unicastTargets: ['127.0.77.22'], discoveryWindowMs: 400 });
    await makeDvripModule(r.port).run!(ctx);
    expect(r.requests).toHaveLength(3);
    expect(r.requests[0].toString('hex')).toBe('a3010001' + '00'.repeat(12) + '02000000' + '00'.repeat(12));
    expect(observations.filter((o) => o.kind === 'dvrip')).toHaveLength(1);
    expect(observations[0].fields).toMatchObject({ model: 'SYN1', ip: '127.0.77.22', port: 37777, mac: '02:00:5e:00:00:16' });
    expect(stats.get('dvrip', 'malformed')).toBe(1);
    expect(observations.find((o) => o.kind === 'probe')?.notes).toEqual(['dvrip replies dropped: 1 unreadable (malformed, truncated or lying lengths)']);
  });
});
