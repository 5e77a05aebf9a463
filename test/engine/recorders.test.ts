// Recorders in the result (issue 19): capacity with no credentials, the cameras behind a recorder built from the
// channel observations the credentialed readers emit, a camera also seen on the network counted once, and the
// estate counts adding up. Observations here come from the public recorder replies of fixtures/recorders run through
// the real parsers; the SADP replies are synthetic (field names of the protocol, values of the fixture recorders).
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../src/core/observation.js';
import { buildResult } from '../../src/engine/build-result.js';
import { validateResult } from '../../src/report/schema.js';
import { dahuaRemoteDevices } from '../../src/parsers/recorder-channels.js';
import { parse as parseSadp } from '../../src/parsers/sadp.js';
import { recorderReply } from '../helpers/fixtures.js';

const at = '2026-12-07T00:00:00.000Z';
const o = (host: string, module: string, kind: string, fields: Observation['fields']): Observation => ({ host, module, kind, fields, at });
const build = (byHost: Map<string, Observation[]>) =>
  buildResult(byHost, { startedAt: at, finishedAt: at, targets: ['198.18.0.0/24'], excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 256, hostsAlive: byHost.size });

const sadpNvr = (ip: string) => parseSadp(`<ProbeMatch><DeviceDescription>DS-7616NI-K2</DeviceDescription><DeviceSN>DS-7616NI-K21620201105AAWR123456789</DeviceSN><AnalogChannelNum>0</AnalogChannelNum><DigitalChannelNum>16</DigitalChannelNum></ProbeMatch>`).map((e) => o(ip, 'sadp', e.kind, e.fields));

describe('recorders in the result', () => {
  it('no credentials: the capacity a discovery reply states, and why the list was not read', () => {
    const r = build(new Map([['198.18.0.40', sadpNvr('198.18.0.40')]]));
    const d = r.devices[0]!;
    expect(d.deviceType).toBe('nvr');
    expect(d.recorder).toMatchObject({ channels: 16, capacityBasis: 'reported', enumerated: 0, notEnumerated: 16, behind: [] });
    expect(d.recorder!.statement).toBe('16 channels: up to 16 cameras not visible from here');
    expect(d.recorder!.channelList).toBe("not read: needs the recorder's credentials (none were tried on it)");
    expect(r.summary.estate).toMatchObject({ seen: 1, recorders: 1, channels: 16, behind: 0, notEnumerated: 16 });
    expect(validateResult(r)).toEqual([]);
  });

  it('a model number alone gives the capacity, named as such', () => {
    const r = build(new Map([['198.18.0.41', [o('198.18.0.41', 'onvif', 'onvif', { method: 'GetDeviceInformation', manufacturer: 'Dahua', model: 'NVR4116HS-EI' })]]]));
    const d = r.devices[0]!;
    expect(d).toMatchObject({ manufacturer: 'dahua', deviceType: 'nvr' });
    expect(d.recorder).toMatchObject({ channels: 16, capacityBasis: 'model' });
    expect(d.recorder!.capacityWhy).toBe("model NVR4116HS-EI has 16 IP channels by its maker's model numbering (channels.model-dahua-nvr)");
  });

  it('a camera listed behind a recorder and also seen on the network is counted once (seenAs); totals add up', () => {
    const items = dahuaRemoteDevices(recorderReply('dahua-nvr6xx-4ks2', '/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice'));
    const nvr = [
      o('198.18.0.50', 'dahua-cgi-auth', 'dahuacgi', { updateSerial: 'NVR6XX-4KS2', serialNumber: '4C0048DPAJ8F3C9', action: 'getSystemInfo', authenticated: true }),
      o('198.18.0.50', 'dahua-cgi-auth', 'credential', { protocol: 'dahuacgi', outcome: 'accepted', credential: 'file entry 1' }),
      o('198.18.0.50', 'dahua-cgi-auth', 'channel-list', { via: 'dahuacgi', what: 'cameras', path: '/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice', outcome: 'read', authenticated: true }),
      ...items.map((i) => o('198.18.0.50', 'dahua-cgi-auth', 'channel', { ...i.fields, authenticated: true })),
    ];
    // The first camera is also on the office network (same serial in its own ONVIF reply).
    const cam = [o('198.18.0.60', 'onvif-auth', 'onvif', { method: 'GetDeviceInformation', manufacturer: 'HIKVISION', model: 'DS-2CD1143G0-I', serialNumber: 'DS-2CD1143G0-I20211208AAWRJ21084244', authenticated: true })];
    const r = build(new Map([['198.18.0.50', nvr], ['198.18.0.60', cam]]));
    const rec = r.devices.find((d) => d.ip === '198.18.0.50')!.recorder!;
    expect(rec.behind.map((b) => b.seenAs ?? null)).toEqual(['198.18.0.60', null]);
    const e = r.summary.estate!;
    expect(e).toMatchObject({ seen: 2, behind: 1 });
    expect(e.byMaker.Hikvision).toEqual({ seen: 1, behind: 1, total: 2 });
    expect(Object.values(e.byMaker).reduce((n, x) => n + x.total, 0)).toBe(e.seen + e.behind);
    expect(validateResult(r)).toEqual([]);
  });

  it('a behind camera without serial or MAC is named by its recorder and channel', () => {
    const items = dahuaRemoteDevices('table.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_2.Enable=true\ntable.RemoteDevice.uuid:System_CONFIG_NETCAMERA_INFO_2.Address=10.1.1.3\n');
    const obs = [...sadpNvr('198.18.0.42'), ...items.map((i) => o('198.18.0.42', 'dahua-cgi-auth', 'channel', i.fields))];
    const b = build(new Map([['198.18.0.42', obs]])).devices[0]!.recorder!.behind[0]!;
    expect(b.ids).toEqual(['behind:serial:DS-7616NI-K21620201105AAWR123456789#d3']);
    expect(b).toMatchObject({ manufacturer: null, deviceType: 'camera', deviceTypeConfidence: 'confirmed' });
    expect(b.risk.level).toBe('unknown');
  });
});
