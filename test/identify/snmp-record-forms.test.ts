// Issue 14 (attr-f): SNMP system values in the forms public material prints them — snmpsim records (LibreNMS test
// data), Net-SNMP Hex-STRING, a sysDescr over several lines — and ZTE's switch sysDescr forms.
import { describe, expect, it } from 'vitest';
import { snmpSystem } from '../../src/parsers/banner.js';
import { identifySample } from '../../src/identify/identify.js';

const id = (payload: string) => identifySample('t.json', { protocol: 'snmp', payload });
const rules = (payload: string) => id(payload).evidence.map((e) => e.rule);

// sysDescr.0 of librenms/librenms tests/snmpsim/vrp_5720.snmprec, hex as written there (it holds CR LF).
const VRP_HEX =
  '53353732302d3536432d5057522d45492d41430a48756177656920566572736174696c6520526f7574696e6720506c6174666f726d20536f667477617265200d0a205652502028522920736f6674776172652c56657273696f6e20352e3137302028533537323020563230305230313043303053504336303029200d0a20436f707972696768742028432920323030372048756177656920546563686e6f6c6f6769657320436f2e2c204c74642e';

describe('snmpsim record files (OID|tag|value)', () => {
  it('a Huawei VRP switch: hex sysDescr decoded, sysObjectID read, named Huawei by both', () => {
    const payload = `1.3.6.1.2.1.1.1.0|4x|${VRP_HEX}\n1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.2011.2.23.291\n1.3.6.1.2.1.1.5.0|4|<private>\n`;
    const f = snmpSystem(payload)[0]!.fields;
    expect(String(f.sysDescr)).toMatch(/^S5720-56C-PWR-EI-AC\nHuawei Versatile Routing Platform Software/);
    expect(f.sysObjectID).toBe('1.3.6.1.4.1.2011.2.23.291');
    expect(f.sysName).toBe('<private>');
    const r = id(payload);
    expect(r.manufacturer).toBe('huawei');
    expect(rules(payload)).toEqual(expect.arrayContaining(['snmp.huawei-sysdescr', 'snmp.huawei-enterprise-oid']));
  });

  it('interface names and enterprise subtrees come from records too', () => {
    const f = snmpSystem('1.3.6.1.2.1.2.2.1.2.268435456|4|gpon-olt_1/1/1\n1.3.6.1.4.1.3902.1082.500.10.2.2.2.1.1.1|4|x\n')[0]!.fields;
    expect(f.ifDescr).toEqual(['gpon-olt_1/1/1']);
    expect(f.enterpriseOids).toEqual(['1.3.6.1.4.1.3902']);
  });
});

describe('Net-SNMP printed forms', () => {
  it('a sysDescr over several lines is read whole (unquoted and quoted)', () => {
    const unquoted = 'SNMPv2-MIB::sysDescr.0 = STRING: S5720-28X-SI-AC\nHuawei Versatile Routing Platform Software\nVRP (R) software, Version 5.170\nSNMPv2-MIB::sysName.0 = STRING: sw1';
    expect(id(unquoted).manufacturer).toBe('huawei');
    expect(snmpSystem(unquoted)[0]!.fields.sysName).toBe('sw1');
    const quoted = 'SNMPv2-MIB::sysDescr.0 = STRING: "S5720-28X-SI-AC\r\nHuawei Versatile Routing Platform Software"';
    expect(snmpSystem(quoted)[0]!.fields.sysDescr).toBe('S5720-28X-SI-AC\nHuawei Versatile Routing Platform Software');
    expect(id(quoted).manufacturer).toBe('huawei');
  });

  it('a printable Hex-STRING is decoded, over wrapped lines; a binary one is kept as written', () => {
    const hex = 'SNMPv2-MIB::sysDescr.0 = Hex-STRING: 5A 54 45 20 45 74 68 65 72 6E 65 74 20 53 77 69\n74 63 68 20 20 5A 58 52 31 30 20 35 32 35 30 2C\n20 56 65 72 73 69 6F 6E 3A 20 56 32\n';
    expect(snmpSystem(hex)[0]!.fields.sysDescr).toBe('ZTE Ethernet Switch  ZXR10 5250, Version: V2');
    expect(id(hex).manufacturer).toBe('zte');
    expect(snmpSystem('sysDescr.0 = Hex-STRING: 00 01 02')[0]!.fields.sysDescr).toBe('00 01 02');
  });

  it('the next line of a one-line value is left alone', () => {
    expect(snmpSystem('sysDescr.0 = STRING: Linux cam 3.10\nsysObjectID.0 = OID: .1.3.6.1.4.1.8072.3.2.10')[0]!.fields.sysDescr).toBe('Linux cam 3.10');
  });
});

describe('snmp.zte-switch-sysdescr', () => {
  it('ZTE Ethernet Switch and ZTE <model> Software forms name ZTE', () => {
    for (const d of ['ZTE Ethernet Switch  ZXR10 5250-52TM-H, Version: V2.05.11B23', 'ZTE ZXR10 5960 STACK Software, 5900 Version: V3.02.20.B32.P02, RELEASE SOFTWARE']) {
      const payload = `SNMPv2-MIB::sysDescr.0 = STRING: ${d}`;
      expect(id(payload).manufacturer).toBe('zte');
      expect(rules(payload)).toContain('snmp.zte-switch-sysdescr');
    }
  });
  it('the same words without ZTE, and other makers, name nobody', () => {
    expect(id('sysDescr.0 = STRING: Ethernet Switch 2850-26TM, Version: V1.1.12.U').manufacturer).toBeNull();
    expect(id('sysDescr.0 = STRING: DES-3200-28 Fast Ethernet Switch').manufacturer).not.toBe('zte');
  });
});
