// Issue 14 (attr-f, round 6): the product class Huawei's HiLink API states in its unauthenticated replies
// (<classify> in /api/device/basic_information and /api/monitoring/status), end to end through identify on the
// public captures the rule cites; and Huawei's enterprise number minus its Huawei-3Com (H3C) branch 2011.10,
// whose Comware gear must not read as Huawei.
import { describe, expect, it } from 'vitest';
import { snmpSystem } from '../../src/parsers/banner.js';
import { identifySample } from '../../src/identify/identify.js';
import { readCapture } from '../helpers/captures.js';
import { expectNamed, identifyText, ruleIds } from '../helpers/identify.js';

const capture = (name: string) => {
  const c = readCapture(name, 'dev');
  return identifySample(`${name}.json`, { protocol: c.protocol, payload: c.payload });
};

describe('Huawei HiLink <classify>', () => {
  it('basic_information of an E5573 (mobile-wifi) and an E3372 (hilink, bare elements) is Huawei', () => {
    expectNamed(capture('huawei-http-61'), 'huawei', 'body.huawei-hilink-classify');
    expectNamed(capture('huawei-http-63'), 'huawei', 'body.huawei-hilink-classify');
  });

  it('monitoring/status of an E3372h-320 and of a bench HiLink dongle is Huawei', () => {
    expectNamed(capture('huawei-http-64'), 'huawei', 'body.huawei-hilink-classify');
    expectNamed(capture('huawei-http-65'), 'huawei', 'body.huawei-hilink-classify');
  });

  it('a B525 reply adds the classify rule to the WebUIVersion one', () => {
    const r = expectNamed(capture('huawei-http-62'), 'huawei', 'body.huawei-hilink-classify');
    expect(ruleIds(r)).toContain('body.huawei-hilink-device-info');
  });

  it('other classify elements and a JSON cpe class name nobody', () => {
    const http = (body: string) => identifyText('http', `HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\n\r\n${body}`);
    expect(http('<item><classify>news</classify><title>x</title></item>').manufacturer).toBeNull();
    expect(http('<response><classify>1</classify></response>').manufacturer).toBeNull();
    expect(http('{"classify":"cpe","id":3}').manufacturer).toBeNull();
  });
});

describe('SNMP enterprise 2011 and its Huawei-3Com branch', () => {
  const snmp = (oid: string) => identifyText('snmp', `SNMPv2-MIB::sysObjectID.0 = OID: ${oid}\n`);

  it('a Huawei sysObjectID is still Huawei', () => {
    expectNamed(snmp('SNMPv2-SMI::enterprises.2011.2.239.59'), 'huawei', 'snmp.huawei-enterprise-oid');
    expectNamed(snmp('.1.3.6.1.4.1.2011.1.1.1.12811'), 'huawei', 'snmp.huawei-enterprise-oid');
  });

  it('an H3C sysObjectID under 2011.10 is not Huawei', () => {
    for (const oid of ['.1.3.6.1.4.1.2011.10.1.10', 'SNMPv2-SMI::enterprises.2011.10.1.89']) {
      const r = snmp(oid);
      expect(r.manufacturer, oid).not.toBe('huawei');
      expect(ruleIds(r), oid).not.toContain('snmp.huawei-enterprise-oid');
    }
  });

  it("an H3C Comware sysDescr with its 2011.10 sysObjectID is not Huawei (Recog's H3C example)", () => {
    const r = identifyText('snmp', 'SNMPv2-MIB::sysDescr.0 = STRING: H3C Switch S5120-28P-SI Software Version 5.20, Release 1101P10\nSNMPv2-MIB::sysObjectID.0 = OID: SNMPv2-SMI::enterprises.2011.10.1.10\n');
    expect(r.manufacturer).not.toBe('huawei');
    expect(r.risk.level).not.toBe('high');
  });

  // h3cEntityExtCpuUsage (.2011.10.2.6.1.1.1.1.6) is what monitoring plugins poll on H3C Comware gear beside its
  // 25506 twin; hwEntityCpuUsage (.2011.5.25.31.1.1.1.1.5) is Huawei's own (HUAWEI-ENTITY-EXTENT-MIB).
  it('a walk that answers only the H3C branch keeps it apart and names nobody', () => {
    const walk = 'SNMPv2-SMI::enterprises.2011.10.2.6.1.1.1.1.6.8 = INTEGER: 5\n';
    expect(snmpSystem(walk)[0]!.fields.enterpriseOids).toEqual(['1.3.6.1.4.1.2011.10']);
    const r = identifyText('snmp', walk);
    expect(r.manufacturer).not.toBe('huawei');
    expect(ruleIds(r)).not.toContain('snmp.huawei-enterprise-oid');
    const rec = identifyText('snmp', '1.3.6.1.4.1.2011.10.2.6.1.1.1.1.6.8|2|5\n');
    expect(rec.manufacturer).not.toBe('huawei');
  });

  it("a walk that answers Huawei's own subtree is still Huawei", () => {
    const walk = 'SNMPv2-SMI::enterprises.2011.5.25.31.1.1.1.1.5.67108873 = INTEGER: 9\n';
    expect(snmpSystem(walk)[0]!.fields.enterpriseOids).toEqual(['1.3.6.1.4.1.2011']);
    expectNamed(identifyText('snmp', walk), 'huawei', 'snmp.huawei-enterprise-oid');
  });
});
