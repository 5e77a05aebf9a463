// Channel-list readers (issue 19) on recorders' replies from public sources (fixtures/recorders: Hikvision ISAPI
// replies of real NVRs and a DVR from maciej-or/hikvision_next, Dahua RemoteDevice replies from client code) and on
// hostile input: bounded, linear, never throwing, never keeping a password or user name a recorder stores.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  dahuaCameraStates,
  dahuaProductDefinition,
  dahuaRemoteDeviceSlots,
  dahuaRemoteDevices,
  isapiCapabilities,
  isapiInputProxyChannels,
  isapiInputProxyStatus,
  isapiVideoInputs,
  withoutCameraSecrets,
  CHANNELS_MAX,
} from '../../src/parsers/recorder-channels.js';
import { recorderReply } from '../helpers/fixtures.js';

const PROXY = '/ISAPI/ContentMgmt/InputProxy/channels';
const CAPS = '/ISAPI/System/capabilities';
const REMOTE = '/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice';

describe('ISAPI InputProxy channels', () => {
  it('DS-7732NI-M4: 18 cameras, Hikvision SDK and ONVIF ones, with what the recorder learnt of each; no user name kept', () => {
    const items = isapiInputProxyChannels(recorderReply('hikvision-ds-7732ni-m4', PROXY));
    expect(items.map((i) => i.channel)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
    expect(items[0]!.fields).toMatchObject({ via: 'isapi', channel: 1, analogue: false, name: 'Cucina', proxyProtocol: 'HIKVISION', address: '1.0.0.94', port: 8000, model: 'DS-2CD2055FWD-I', serialNumber: 'DS-2CD2055FWD-I00000000AAWR000000000', firmwareVersion: 'V5.6.6 build 210625' });
    const onvif = items.filter((i) => i.fields.proxyProtocol === 'ONVIF');
    expect(onvif.map((i) => i.channel)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
    // The recorder fills an all-zero serial for cameras that did not give one: no serial, not a shared identity.
    expect(onvif[0]!.fields).toMatchObject({ model: 'JVSWO708-PO300M2', port: 6688 });
    expect(onvif[0]!.fields.serialNumber).toBeUndefined();
    expect(JSON.stringify(items)).not.toMatch(/userName|admin/);
  });

  it('DS-7608NXI-I2: four channels, the fourth without model, serial or firmware', () => {
    const items = isapiInputProxyChannels(recorderReply('hikvision-ds-7608nxi-i2', PROXY));
    expect(items).toHaveLength(4);
    expect(items[3]!.fields).toEqual({ via: 'isapi', channel: 4, analogue: false, name: 'gate', proxyProtocol: 'HIKVISION', address: '1.0.0.238', port: 8000, srcInputPort: '1' });
  });

  it('a DVR with no IP camera lists none', () => {
    expect(isapiInputProxyChannels(recorderReply('hikvision-ids-7208hqhi-m1', PROXY))).toEqual([]);
  });

  it('status: online per channel, from the element wherever it sits (synthetic status in the SDK form)', () => {
    const s = isapiInputProxyStatus(recorderReply('synthetic-hikvision-inputproxy-status', '/ISAPI/ContentMgmt/InputProxy/channels/status'));
    expect([...s.entries()].map(([k, v]) => [k, v.online])).toEqual([[1, true], [2, true], [3, false], [4, true]]);
    expect(isapiInputProxyStatus('<InputProxyChannelStatusList><InputProxyChannelStatus><id>2</id><sourceInputPortDescriptor><online>false</online></sourceInputPortDescriptor></InputProxyChannelStatus></InputProxyChannelStatusList>').get(2)?.online).toBe(false);
  });
});

describe('ISAPI analogue inputs and capabilities', () => {
  it('iDS-7208HQHI-M1: eight inputs, seven with a video signal (cameras of unknown make), one NO VIDEO', () => {
    const items = isapiVideoInputs(recorderReply('hikvision-ids-7208hqhi-m1', '/ISAPI/System/Video/inputs/channels'));
    expect(items).toHaveLength(8);
    expect(items.every((i) => i.analogue && i.fields.analogue === true)).toBe(true);
    expect(items.filter((i) => i.fields.online === true).map((i) => i.channel)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(items[7]!.fields).toMatchObject({ channel: 8, signal: 'NO VIDEO', online: false });
  });

  it('capabilities: inputProxyNums and videoInputPortNums as the recorders report them', () => {
    expect(isapiCapabilities(recorderReply('hikvision-ds-7608nxi-i2', CAPS))).toEqual({ inputProxyNums: '8', videoInputPortNums: '0', document: 'capabilities' });
    expect(isapiCapabilities(recorderReply('hikvision-ds-7732ni-m4', CAPS))).toMatchObject({ inputProxyNums: '32' });
    expect(isapiCapabilities(recorderReply('hikvision-ids-7208hqhi-m1', CAPS))).toMatchObject({ inputProxyNums: '10', videoInputPortNums: '8' });
    expect(isapiCapabilities(recorderReply('hikvision-ds-7608nxi-i2', '/ISAPI/System/deviceInfo'))).toBeNull();
  });
});

describe('Dahua RemoteDevice and camera state', () => {
  it('DH-NVR4216-HDS2: one enabled camera on channel 1; disabled placeholder slots are empty channels; no user name kept', () => {
    const items = dahuaRemoteDevices(recorderReply('dahua-dh-nvr4216-hds2', REMOTE));
    expect(items).toHaveLength(1);
    expect(items[0]!.fields).toEqual({
      via: 'dahuacgi', channel: 1, analogue: false, address: '192.168.2.13', name: '<摄像头1>', port: 37777, ProtocolType: 'Dahua2', Vendor: 'Private', model: 'IPC-HDW1025C', serialNumber: '<序列号1>', mac: '08:ed:ed:28:8f:97',
    });
  });

  it('NVR6XX-4KS2: two Hikvision cameras over ONVIF; an all-ones MAC is no MAC; the disabled slot is no camera', () => {
    const items = dahuaRemoteDevices(recorderReply('dahua-nvr6xx-4ks2', REMOTE));
    expect(items.map((i) => [i.channel, i.fields.model, i.fields.serialNumber, i.fields.mac ?? null])).toEqual([
      [1, 'DS-2CD1143G0-I', 'DS-2CD1143G0-I20211208AAWRJ21084244', null],
      [2, 'DS-2CD1143G0-I', 'DS-2CD1143G0-I20211208AAWRJ21084253', null],
    ]);
    expect(items[0]!.fields).toMatchObject({ Vendor: 'Onvif', firmwareVersion: 'V5.7.1 build 211102' });
  });

  it('RemoteDevice slot count: one slot per IP channel, empty ones included (highest slot + 1)', () => {
    // A 16-channel NVR's published table numbers its slots up to _15 (the model says 16 too).
    expect(dahuaRemoteDeviceSlots(recorderReply('dahua-dh-nvr4216-hds2', REMOTE))).toBe(16);
    // The NVR6XX-4KS2 test constant stops at slot 3; the lab serves the 32 slots its source states.
    expect(dahuaRemoteDeviceSlots(recorderReply('dahua-nvr6xx-4ks2', REMOTE))).toBe(4);
    expect(dahuaRemoteDeviceSlots('table.RemoteDevice[7].Enable=false\r\n')).toBe(8);
    for (const junk of ['', 'Error\r\nBad Request!', 'table.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_9999.Enable=false', 'table.ChannelTitle[3].Name=IPC']) expect(dahuaRemoteDeviceSlots(junk), junk).toBeNull();
  });

  it('generic DeviceType values name no model', () => {
    const body = 'table.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_3.Enable=true\ntable.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_3.Address=10.1.1.3\ntable.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_3.DeviceType=IP Camera\n';
    expect(dahuaRemoteDevices(body)[0]!.fields.model).toBeUndefined();
    expect(dahuaRemoteDevices(body)[0]!.channel).toBe(4);
  });

  it('getCameraState: 0-based channels become 1-based, Connected is online (synthetic client test double)', () => {
    const s = dahuaCameraStates(recorderReply('synthetic-dahua-camera-state', '/cgi-bin/LogicDeviceManager.cgi?action=getCameraState&uniqueChannels[0]=-1'));
    expect([...s.entries()].sort()).toEqual([[1, true], [2, false], [5, true]]);
  });

  it('getProductDefinition: MaxRemoteInputChannels and VideoInChannels, in the table.ProductDefinition. and the bare table. forms', () => {
    const def = recorderReply('synthetic-dahua-product-definition', '/cgi-bin/magicBox.cgi?action=getProductDefinition&name=MaxRemoteInputChannels');
    expect(dahuaProductDefinition(def)).toEqual({ MaxRemoteInputChannels: 16, VideoInChannels: 0 });
    // The form a CP Plus DVR answered with, as its integrator recorded it (channels.json source).
    expect(dahuaProductDefinition('table.MaxRemoteInputChannels=3\r\n')).toEqual({ MaxRemoteInputChannels: 3 });
    for (const junk of ['', 'Error\r\nBad Request!', 'table.MaxRemoteInputChannels=-1', 'table.MaxRemoteInputChannels=99999', 'table.MaxRemoteInputChannels=16x']) expect(dahuaProductDefinition(junk), junk).toBeNull();
  });
});

describe('secrets a recorder keeps for its cameras never reach a raw excerpt', () => {
  it('XML elements and key=value lines', () => {
    const xml = recorderReply('hikvision-ds-7732ni-m4', PROXY).replace('<userName>admin</userName>', '<userName>admin</userName><password>hunter2-sentinel</password>');
    const clean = withoutCameraSecrets(xml);
    expect(clean).not.toContain('hunter2-sentinel');
    expect(clean).not.toMatch(/<userName>admin</);
    const kv = withoutCameraSecrets('table.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_0.Password=12345\ntable.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_0.UserName=admin\nx.Address=1.2.3.4');
    expect(kv).toBe('table.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_0.Password=(removed)\ntable.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_0.UserName=(removed)\nx.Address=1.2.3.4');
  });
});

describe('hostile replies', () => {
  it('never throw, never keep more than CHANNELS_MAX items, values bounded', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 4000 }), (s) => {
        for (const f of [isapiInputProxyChannels, isapiVideoInputs, dahuaRemoteDevices]) {
          const out = f(s);
          expect(out.length).toBeLessThanOrEqual(CHANNELS_MAX);
        }
        isapiInputProxyStatus(s);
        isapiCapabilities(s);
        dahuaCameraStates(s);
        dahuaProductDefinition(s);
        withoutCameraSecrets(s);
      }),
      { numRuns: 300 },
    );
  });

  // Linear readers finish these at once; a rescan from every opening tag would not finish within the test timeout.
  it('100,000 unterminated items and 20,000 slots: capped, with no value over 256 characters', () => {
    const open = '<InputProxyChannelList>' + '<InputProxyChannel><id>1</id>'.repeat(100_000);
    expect(isapiInputProxyChannels(open)).toHaveLength(0);
    const many = '<InputProxyChannelList>' + Array.from({ length: 2000 }, (_, i) => `<InputProxyChannel><id>${(i % 4000) + 1}</id><name>${'x'.repeat(300)}</name></InputProxyChannel>`).join('') + '</InputProxyChannelList>';
    const items = isapiInputProxyChannels(many);
    expect(items).toHaveLength(CHANNELS_MAX);
    expect(String(items[0]!.fields.name).length).toBeLessThanOrEqual(256);
    const slots = Array.from({ length: 20_000 }, (_, i) => `table.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_${i}.Enable=true\ntable.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_${i}.Address=10.0.${i >> 8 & 255}.${i & 255}`).join('\n');
    expect(dahuaRemoteDevices(slots).length).toBeLessThanOrEqual(CHANNELS_MAX);
  });

  it('a DOCTYPE is refused before anything is read', () => {
    expect(isapiInputProxyChannels('<!DOCTYPE x [<!ENTITY a "b">]><InputProxyChannelList><InputProxyChannel><id>1</id></InputProxyChannel></InputProxyChannelList>')).toEqual([]);
  });
});
