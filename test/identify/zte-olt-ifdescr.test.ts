// Issue 14, round 3: interface names of an IF-MIB walk (ifDescr) are read, and ZTE OLTs' own port naming names ZTE.
import { describe, expect, it } from 'vitest';
import { snmpSystem } from '../../src/parsers/banner.js';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { expectNamed } from '../helpers/identify.js';

const id = (payload: string) => identifySample('t.json', { protocol: 'snmp', payload });

describe('SNMP ifDescr', () => {
  it('reads the three printed forms, distinct values, at most 8', () => {
    const walk = [
      'ifDescr.268435456 = gpon-olt_1/1/1',
      'IF-MIB::ifDescr.268435712 = STRING: gpon-olt_1/1/2',
      '.1.3.6.1.2.1.2.2.1.2.3 = STRING: "eth0"',
      'ifDescr.268435457 = gpon-olt_1/1/1',
      ...Array.from({ length: 20 }, (_, i) => `ifDescr.${i + 10} = port${i}`),
    ].join('\n');
    const f = snmpSystem(walk)[0]!.fields;
    expect(f.ifDescr).toEqual(['gpon-olt_1/1/1', 'gpon-olt_1/1/2', 'eth0', 'port0', 'port1', 'port2', 'port3', 'port4']);
  });

  it("a ZTE C300/C320 OLT's walk (dev/zte-snmp-21, librenms #13576) is ZTE", () => {
    const c = readCapture('zte-snmp-21', 'dev');
    const r = identifySample('zte-snmp-21.json', { protocol: c.protocol, payload: c.payload });
    expectNamed(r, 'zte', 'snmp.zte-olt-ifdescr');
  });

  it("other makers' and generic port names name nobody (synthetic walks: Huawei MA5800 'GPON 0/1/0', a Linux host)", () => {
    expect(id('IF-MIB::ifDescr.4194304000 = STRING: GPON 0/1/0').manufacturer).toBeNull();
    expect(id('ifDescr.1 = lo\nifDescr.2 = eth0\nifDescr.3 = PON 1/1/1').manufacturer).toBeNull();
  });
});
