// Whatever a prober sends, the emulator's request readers and reply builders neither throw nor answer junk:
// fast-check over random bytes and near-valid probes.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readQuestions, mdnsAnswer } from '../../src/lab/emulator/mdns.js';
import { parseHead } from '../../src/lab/emulator/request-reader.js';
import { soapOperation } from '../../src/lab/emulator/onvif.js';
import { neverSendReason } from '../../src/lab/emulator/never-send-watch.js';
import { dhipReply, dvripReply, sadpReply, ssdpReplies, wsdReply, xiongmaiReply } from '../../src/lab/emulator/discovery-replies.js';
import { parseAuthParams } from '../../src/lab/emulator/digest.js';

const runs = Number(process.env.FUZZ_RUNS ?? 300);
const syn = { source: 'camaudit emulator fuzz test (synthetic)', synthetic: true, syntheticNote: 'fuzz' };
const vars = { ip: '198.18.0.10', mac: '02:00:00:00:00:01', uuid: 'u' };
const mdns = { hostname: 'h', services: [{ type: '_http._tcp', instance: 'I', port: 80, txt: ['a=1'] }], ttl: 120, ...syn };

describe('emulator input handling (fast-check)', () => {
  it('random bytes: no reader or builder throws, and only real probes get replies', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2048 }), (arr) => {
        const b = Buffer.from(arr);
        readQuestions(b);
        mdnsAnswer(mdns, '198.18.0.10', b, true);
        parseHead(b.toString('latin1'));
        soapOperation(b.toString('utf8'));
        neverSendReason(b);
        parseAuthParams(b.toString('latin1'));
        expect(dhipReply({ json: '{}', ...syn }, b, vars).length).toBeLessThanOrEqual(b.toString('latin1', 4, 8) === 'DHIP' ? 1 : 0);
        expect(xiongmaiReply({ json: '{}', ...syn }, b, vars).length).toBeLessThanOrEqual(b[0] === 0xff ? 1 : 0);
        expect(dvripReply({ hex: '00', ...syn }, b).length).toBeLessThanOrEqual(b[0] === 0xa3 ? 1 : 0);
        wsdReply({ template: '{{relatesTo}}', ...syn }, b, vars);
        sadpReply({ template: '{{uuid}}', ...syn }, b, vars);
        ssdpReplies({ replies: [{ st: 'ssdp:all', statusLine: 'HTTP/1.1 200 OK', headers: [], lineEnding: 'crlf', ...syn }] }, b, vars);
      }),
      { numRuns: runs },
    );
  });

  it('reflected probe fields (WSD MessageID, SADP Uuid) never carry markup into the reply', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const wsd = wsdReply({ template: '<R>{{relatesTo}}</R>', ...syn }, Buffer.from(`<e><MessageID>${s}</MessageID><d:Probe/></e>`), vars);
        for (const r of wsd) expect(r.toString()).toMatch(/^<R>[^<>&"']*<\/R>$/);
        const sadp = sadpReply({ template: '<U>{{uuid}}</U>', ...syn }, Buffer.from(`<Probe><Uuid>${s}</Uuid><Types>inquiry</Types></Probe>`), vars);
        for (const r of sadp) expect(r.toString()).toMatch(/^<U>[0-9A-Za-z-]*<\/U>$/);
      }),
      { numRuns: runs },
    );
  });

  it('mDNS queries with compression loops or truncated names are read without hanging', () => {
    const loop = Buffer.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 12, 0, 1]);
    expect(readQuestions(loop)).toEqual([]);
    const truncated = Buffer.from([0, 1, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 5, 0x5f, 0x68]);
    expect(readQuestions(truncated)).toEqual([]);
  });
});
