import { describe, expect, it } from 'vitest';
import { fromDecoded } from '../../src/parsers/decoded.js';
import { captureFiles, readCapture } from '../helpers/captures.js';

const samples = captureFiles('shared').map((f) => ({ file: f, ...(readCapture(f) as { protocol: string; payload: unknown }) }));

describe('fromDecoded', () => {
  const covered = ['ws-discovery', 'ssdp', 'upnp-xml', 'sadp', 'dhip', 'xiongmai'];
  for (const s of samples.filter((x) => covered.includes(x.protocol))) {
    it(`maps ${s.file}`, () => {
      const ev = fromDecoded(s.protocol, s.payload);
      expect(ev.length).toBeGreaterThan(0);
      expect(Object.keys(ev[0].fields).length).toBeGreaterThan(1);
    });
  }

  it('reads the node-onvif comment dump and the wsdiscover text output', () => {
    const cp = fromDecoded('ws-discovery', samples.find((s) => s.file === 'cpplus-ws-discovery-1.json')!.payload)[0];
    expect(cp.fields).toMatchObject({ endpoint: 'urn:uuid:66f52bf6-dd69-4aa7-b50e-21617afcfcb5', 'scope.hardware': 'CP-UNC-DA21PL3-Y' });
    const tp = fromDecoded('ws-discovery', samples.find((s) => s.file === 'tplink-ws-discovery-1.json')!.payload)[0];
    expect(tp.fields['scope.name']).toBe('VIGI-C350');
    const dh = fromDecoded('ssdp', samples.find((s) => s.file === 'dahua-ssdp-2.json')!.payload)[0];
    expect(String(dh.fields.usn)).toContain('dahuatech');
  });

  it('returns [] for unknown protocols and garbage', () => {
    expect(fromDecoded('nope', 'x')).toEqual([]);
    expect(fromDecoded('ssdp', '{not json')).toEqual([]);
    expect(fromDecoded('ws-discovery', 'hello')).toEqual([]);
  });
});
