import { describe, it, expect } from 'vitest';
import { parse } from '../../src/parsers/onvif.js';
import { fromDecodedTcp } from '../../src/parsers/decoded-tcp.js';
import { sample } from '../probes/corpus.js';

describe('onvif parser', () => {
  it('GetDeviceInformation fragment without namespaces (dahua-onvif-devinfo-1)', () => {
    const [e] = parse(sample('dahua-onvif-devinfo-1.json').payload);
    expect(e.fields).toMatchObject({ method: 'GetDeviceInformation', manufacturer: 'Dahua', model: 'IPC-HDW1025C', serialNumber: '2J01018PAA00813', hardwareId: '1.00' });
  });
  it('cut envelope tail (xiongmai-onvif-devinfo-1) and zeep printout (hikvision-onvif-devinfo-1)', () => {
    expect(parse(sample('xiongmai-onvif-devinfo-1.json').payload)[0].fields.model).toBe('XM530_50X50-WG_8M');
    expect(fromDecodedTcp('onvif-devinfo', sample('hikvision-onvif-devinfo-1.json').payload)[0].fields).toMatchObject({ manufacturer: 'HIKVISION', model: 'DS-2DF7286-A' });
  });
  it('faults, XAddrs, MACs (synthetic SOAP)', () => {
    const fault = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">Sender not Authorized</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>';
    const [f] = parse(fault);
    expect(f.fields.fault).toBe('Sender not Authorized | s:Sender / ter:NotAuthorized');
    expect(f.fields.authenticated).toBe(false);
    const caps = '<Envelope><Body><GetCapabilitiesResponse><Capabilities><Device><XAddr>http://198.18.0.10/onvif/device_service</XAddr></Device><Media><XAddr>http://198.18.0.10/onvif/media</XAddr></Media></Capabilities></GetCapabilitiesResponse></Body></Envelope>';
    expect(parse(caps)[0].fields.xaddrs).toEqual(['http://198.18.0.10/onvif/device_service', 'http://198.18.0.10/onvif/media']);
    const ni = '<Envelope><Body><tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces><tt:Info><tt:HwAddress>44:19:b6:00:00:01</tt:HwAddress></tt:Info></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse></Body></Envelope>';
    expect(parse(ni)[0].fields.macs).toEqual(['44:19:b6:00:00:01']);
  });
  it('XML bomb / DOCTYPE is refused without expansion, deep nesting costs nothing', () => {
    const bomb = '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><Envelope><Body><GetDeviceInformationResponse><Model>&b;</Model></GetDeviceInformationResponse></Body></Envelope>';
    const out = parse(bomb);
    expect(out[0].notes).toContain('xml rejected: DOCTYPE');
    expect(out[0].fields.model).toBeUndefined();
    const t0 = performance.now();
    expect(parse('<a>'.repeat(100000) + '<GetDeviceInformationResponse><Model>x</Model>')[0].fields.model).toBe('x');
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
