import { describe, it, expect } from 'vitest';
import { parse } from '../../src/parsers/onvif.js';
import { fromDecodedTcp } from '../../src/parsers/decoded-tcp.js';
import { sample } from '../probes/corpus.js';
import { capturePayload } from '../helpers/captures.js';

const dev = (name: string): { payload: string } => ({ payload: capturePayload(name, 'dev') });

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
  it('media replies: stream/snapshot URIs (entities decoded, redaction placeholders kept), profile tokens (dev captures)', () => {
    expect(parse(dev('bosch-onvif-streamuri-61.json').payload)[0].fields).toMatchObject({ method: 'GetStreamUri', uris: ['rtsp://192.168.1.201/rtsp_tunnel?p=0&line=1&inst=1&vcd=2'] });
    expect(parse(dev('bosch-onvif-snapshoturi-61.json').payload)[0].fields.uris).toEqual(['http://192.168.1.201/snap.jpg?JpegCam=1']);
    expect(parse(dev('xiongmai-onvif-streamuri-61.json').payload)[0].fields.uris).toEqual(['rtsp://<camera-ip>:554/user=admin_password=<password_hash>_channel=0_stream=0.sdp?real_stream']);
    expect(parse(dev('xiongmai-onvif-profiles-61.json').payload)[0].fields).toMatchObject({ method: 'GetProfiles', profileTokens: ['PROFILE_000', 'PROFILE_001', 'PROFILE_002'] });
    const ns = parse(dev('bosch-onvif-profiles-61.json').payload)[0].fields.namespaces as string[];
    expect(ns).toContain('http://www.onvif.org/ver10/media/wsdl');
  });
  it('GetScopes becomes wsd scope evidence; GetHostname and GetNetworkProtocols are kept (synthetic SOAP)', () => {
    const scopes = '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><tds:GetScopesResponse><tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>onvif://www.onvif.org/type/video_encoder</tt:ScopeItem></tds:Scopes><tds:Scopes><tt:ScopeDef>Configurable</tt:ScopeDef><tt:ScopeItem>onvif://www.onvif.org/name/HIKVISION%20DS-2CD2386G2</tt:ScopeItem></tds:Scopes><tds:Scopes><tt:ScopeDef>Fixed</tt:ScopeDef><tt:ScopeItem>onvif://www.onvif.org/hardware/DS-2CD2386G2</tt:ScopeItem></tds:Scopes></tds:GetScopesResponse></s:Body></s:Envelope>';
    const out = parse(scopes);
    expect(out.map((e) => e.kind)).toEqual(['onvif', 'wsd']);
    expect(out[0].fields.method).toBe('GetScopes');
    expect(out[1].fields).toMatchObject({ 'scope.name': 'HIKVISION DS-2CD2386G2', 'scope.hardware': 'DS-2CD2386G2', 'scope.type': ['video_encoder'] });
    const host = '<s:Envelope><s:Body><tds:GetHostnameResponse><tds:HostnameInformation><tt:FromDHCP>false</tt:FromDHCP><tt:Name>IPC-1</tt:Name></tds:HostnameInformation></tds:GetHostnameResponse></s:Body></s:Envelope>';
    expect(parse(host)[0].fields.hostname).toBe('IPC-1');
    const np = '<s:Envelope><s:Body><tds:GetNetworkProtocolsResponse><tds:NetworkProtocols><tt:Name>HTTP</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>80</tt:Port></tds:NetworkProtocols><tds:NetworkProtocols><tt:Name>RTSP</tt:Name><tt:Enabled>true</tt:Enabled><tt:Port>554</tt:Port></tds:NetworkProtocols></tds:GetNetworkProtocolsResponse></s:Body></s:Envelope>';
    expect(parse(np)[0].fields.networkProtocols).toEqual(['HTTP 80', 'RTSP 554']);
  });
  it('hostile media replies stay bounded: many URIs, huge token lists, an unclosed Uri', () => {
    const many = `<Envelope><Body><GetStreamUriResponse>${'<tt:Uri>rtsp://a/b</tt:Uri>'.repeat(5000)}<tt:Uri>${'<x>'.repeat(20000)}</GetStreamUriResponse></Body></Envelope>`;
    const t0 = performance.now();
    expect((parse(many)[0].fields.uris as string[]).length).toBe(16);
    const toks = `<Envelope><Body><GetProfilesResponse>${'<trt:Profiles token="p" fixed="true">'.repeat(3000)}${'<trt:Profiles '.repeat(3000)}</GetProfilesResponse></Body></Envelope>`;
    expect(parse(toks)[0].fields.profileTokens).toEqual(['p']);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
