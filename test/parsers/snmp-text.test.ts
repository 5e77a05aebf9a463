// SNMP value forms beyond one printed line (src/parsers/snmp-text.ts): snmpsim records, Hex-STRING, multi-line STRING.
import { describe, expect, it } from 'vitest';
import { continuedHex, continuedString, hexText, snmprecRecords } from '../../src/parsers/snmp-text.js';

describe('hexText', () => {
  it('decodes printable text in any spacing, CR LF kept', () => {
    expect(hexText('48 75 61 77 65 69')).toBe('Huawei');
    expect(hexText('48756177656920560d0a')).toBe('Huawei V\r\n');
    expect(hexText('48:75')).toBe('Hu');
  });
  it('refuses binary, odd lengths and non-hex', () => {
    expect(hexText('488EEF7166E0')).toBeNull(); // a MAC address, not text
    expect(hexText('487')).toBeNull();
    expect(hexText('zz')).toBeNull();
    expect(hexText('')).toBeNull();
  });
});

describe('snmprecRecords', () => {
  it('reads OID|tag|value lines, 4x decoded when it is text, other tags as written', () => {
    const rec = snmprecRecords('1.3.6.1.2.1.1.1.0|4x|48756177656920\n1.3.6.1.2.1.1.2.0|6|1.3.6.1.4.1.2011.2.224.1\n1.3.6.1.2.1.1.3.0|67|28156805\n1.3.6.1.2.1.2.2.1.6.4|4x|488EEF7166E0\n');
    expect(rec).toEqual([
      { oid: '1.3.6.1.2.1.1.1.0', tag: 4, value: 'Huawei ' },
      { oid: '1.3.6.1.2.1.1.2.0', tag: 6, value: '1.3.6.1.4.1.2011.2.224.1' },
      { oid: '1.3.6.1.2.1.1.3.0', tag: 67, value: '28156805' },
      { oid: '1.3.6.1.2.1.2.2.1.6.4', tag: 4, value: '488EEF7166E0' },
    ]);
  });
  it('ignores text that is not a record', () => {
    expect(snmprecRecords('a|b|c\nsysDescr.0 = STRING: x\n1.3|4|short')).toEqual([]);
  });
});

describe('continuedString / continuedHex', () => {
  it('a quoted value runs to its closing quote, blank lines included', () => {
    expect(continuedString('"S5720', ['Huawei Versatile', '', 'Copyright"', 'next = x'])).toBe('"S5720\nHuawei Versatile\n\nCopyright"');
  });
  it('an unquoted value stops at the next object, a blank line or a prompt', () => {
    expect(continuedString('S5720', ['Huawei Versatile', 'SNMPv2-MIB::sysObjectID.0 = OID: x'])).toBe('S5720\nHuawei Versatile');
    expect(continuedString('S5720', ['', 'Huawei'])).toBe('S5720');
    expect(continuedString('S5720', ['$ snmpget x'])).toBe('S5720');
    expect(continuedString('"complete"', ['more'])).toBe('"complete"');
  });
  it('Hex-STRING continuation lines are hex pairs only', () => {
    expect(continuedHex('48 75', ['61 77', 'SNMPv2-MIB::sysName.0 = x'])).toBe('48 75 61 77');
  });
});
