// The credentialed channel readers (issue 19) against loopback recorders serving the public replies of
// fixtures/recorders behind HTTP Digest: the cameras behind each recorder come out as `channel` observations and,
// through the result builder, as devices behind their recorder, attributed and rated. One login attempt per
// request and never a second after a refusal; nothing a recorder stores for its cameras (user names, passwords)
// is kept; and no connection goes anywhere but the recorder (every socket connect is recorded).
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import net from 'node:net';
import { isapiAuthModule } from '../../src/creds/isapi.js';
import { dahuaCgiAuthModule } from '../../src/creds/dahua-cgi.js';
import { DEFAULT_LIMITS, type Credential, type ScanContext } from '../../src/core/module.js';
import type { Observation } from '../../src/core/observation.js';
import { buildResult } from '../../src/engine/build-result.js';
import { validateResult } from '../../src/report/schema.js';
import { startRecorderServer, type RecorderServer } from '../helpers/recorder-server.js';

const SENTINEL = 'Rec0rder-Pa55-do-not-log';
const servers: RecorderServer[] = [];
afterAll(async () => {
  for (const s of servers) await s.close();
});

/** Every TCP connect made while a module runs: host and port. */
const connects: string[] = [];
const original = net.Socket.prototype.connect;
beforeEach(() => {
  connects.length = 0;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    // net.connect passes its arguments normalised: [[options, callback]].
    const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
    const a = first as { host?: string; port?: number } | number;
    connects.push(typeof a === 'object' && a ? `${a.host ?? '?'}:${a.port ?? '?'}` : `${String(args[1] ?? '?')}:${String(a)}`);
    return (original as (...x: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});
afterEach(() => {
  net.Socket.prototype.connect = original;
});

async function serve(fixtures: string[], o: { forbidden?: string[] } = {}): Promise<RecorderServer> {
  const s = await startRecorderServer({ fixtures, username: 'admin', password: SENTINEL, ...o });
  servers.push(s);
  return s;
}

function context(password: string, out: Observation[]): ScanContext {
  const cred: Credential = { username: 'admin', password, label: 'file entry 1' };
  return {
    credentialsFor: () => [cred],
    signal: new AbortController().signal,
    limits: { ...DEFAULT_LIMITS, probeDeadlineMs: 4000 },
    limiter: { run: <T>(_k: string, fn: () => Promise<T>) => fn() },
    emit: (o: Observation) => out.push(o),
  } as unknown as ScanContext;
}

const at = '2026-12-07T00:00:00.000Z';
async function runHikvision(server: RecorderServer, password = SENTINEL): Promise<Observation[]> {
  const out: Observation[] = [];
  const seen: Observation = { host: '127.0.0.1', module: 'http', kind: 'http', port: server.port, fields: { server: 'DNVRS-Webs' }, at };
  await isapiAuthModule.probeHost!(context(password, out), { ip: '127.0.0.1', openPorts: [server.port], observations: [seen] });
  return [seen, ...out];
}

async function runDahua(server: RecorderServer, password = SENTINEL): Promise<Observation[]> {
  const out: Observation[] = [];
  const seen: Observation[] = [
    { host: '127.0.0.1', module: 'http', kind: 'http', port: server.port, fields: { server: 'webserver' }, at },
    { host: '127.0.0.1', module: 'dhip', kind: 'dhip', fields: { method: 'client.notifyDevInfo' }, at },
  ];
  await dahuaCgiAuthModule.probeHost!(context(password, out), { ip: '127.0.0.1', openPorts: [server.port], observations: seen });
  return [...seen, ...out];
}

function result(obs: Observation[]) {
  return buildResult(new Map([['127.0.0.1', obs]]), {
    startedAt: at, finishedAt: at, targets: ['127.0.0.1'], excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 1, hostsAlive: 1,
  });
}

describe('Hikvision recorder: InputProxy channels with the accepted credential', () => {
  it('DS-7732NI-M4 (mixed makers): 18 cameras behind a 32-channel NVR; Hikvision cameras rated high, the ONVIF JVS cameras stay of unknown make', async () => {
    const s = await serve(['hikvision-ds-7732ni-m4']);
    const obs = await runHikvision(s);
    expect(obs.filter((o) => o.kind === 'channel')).toHaveLength(18);
    // Every request after the challenge carries exactly one Authorization; nothing is asked twice.
    const paths = s.log.filter((l) => l.auth).map((l) => l.path);
    expect(paths).toEqual(['/ISAPI/System/deviceInfo', '/ISAPI/System/capabilities', '/ISAPI/ContentMgmt/InputProxy/channels', '/ISAPI/ContentMgmt/InputProxy/channels/status']);
    expect(new Set(paths).size).toBe(paths.length);
    // Only the recorder was ever connected to: never a camera's own address (1.0.0.x on the recorder's side).
    expect(connects.length).toBeGreaterThan(0);
    expect(connects.filter((c) => c !== `127.0.0.1:${s.port}`)).toEqual([]);
    const text = JSON.stringify(obs);
    expect(text).not.toContain(SENTINEL);
    expect(text).not.toMatch(/<userName>admin<\/userName>/);

    const r = result(obs);
    expect(validateResult(r)).toEqual([]);
    const nvr = r.devices[0]!;
    expect(nvr).toMatchObject({ manufacturer: 'hikvision', model: 'DS-7732NI-M4', deviceType: 'nvr' });
    // The recorder's own attribution reads nothing its cameras said.
    expect(nvr.evidence.some((e) => e.field.startsWith('channel.'))).toBe(false);
    expect(nvr.recorder).toMatchObject({ channels: 32, ipChannels: 32, capacityBasis: 'reported', enumerated: 18, notEnumerated: 14, statement: '32 channels: 18 cameras behind it listed, up to 14 more not visible from here' });
    expect(nvr.recorder!.channelList).toMatch(/^read with the credentials given \(18 cameras listed\)/);
    const behind = nvr.recorder!.behind;
    const ch1 = behind.find((b) => b.channel === 1)!;
    expect(ch1).toMatchObject({ manufacturer: 'hikvision', model: 'DS-2CD2055FWD-I', firmware: 'V5.6.6 build 210625', deviceType: 'camera', address: '1.0.0.94', protocol: 'HIKVISION', channelName: 'Cucina', via: 'isapi' });
    expect(ch1.risk.level).toBe('high');
    expect(ch1.confidence).toBe('confirmed');
    const jvs = behind.filter((b) => b.protocol === 'ONVIF');
    expect(jvs).toHaveLength(8);
    for (const b of jvs) {
      expect(b).toMatchObject({ manufacturer: null, model: 'JVSWO708-PO300M2', deviceType: 'camera', serial: null });
      expect(b.risk.level).toBe('unknown');
    }
    // Per maker: seen + behind = total, and the totals add up.
    const e = r.summary.estate!;
    expect(e).toMatchObject({ seen: 1, recorders: 1, channels: 32, behind: 18, notEnumerated: 14 });
    expect(e.byMaker.Hikvision).toEqual({ seen: 1, behind: 10, total: 11 });
    expect(e.byMaker.unknown).toEqual({ seen: 0, behind: 8, total: 8 });
    const sum = Object.values(e.byMaker).reduce((n, x) => n + x.total, 0);
    expect(sum).toBe(e.seen + e.behind);
  });

  it('DS-7608NXI-I2 with a (synthetic) status list: online per channel; channel 4, with no model, is Hikvision only as far as its SDK protocol says (possible)', async () => {
    const s = await serve(['hikvision-ds-7608nxi-i2', 'synthetic-hikvision-inputproxy-status']);
    const r = result(await runHikvision(s));
    const rec = r.devices[0]!.recorder!;
    expect(rec).toMatchObject({ channels: 8, enumerated: 4, notEnumerated: 4 });
    expect(rec.behind.map((b) => [b.channel, b.online])).toEqual([[1, true], [2, true], [3, false], [4, true]]);
    expect(rec.behind[3]).toMatchObject({ model: null, manufacturer: 'hikvision', confidence: 'possible' }); // the SDK protocol alone: possible
    expect(rec.behind[3]!.risk.level).not.toBe('none');
  });

  it('iDS-7208HQHI-M1 (analogue DVR): seven analogue cameras of unknown make on ten channels; the NO VIDEO input is no camera', async () => {
    const s = await serve(['hikvision-ids-7208hqhi-m1']);
    const r = result(await runHikvision(s));
    const dvr = r.devices[0]!;
    expect(dvr.deviceType).toBe('dvr');
    expect(dvr.recorder).toMatchObject({ channels: 10, analogueChannels: 8, ipChannels: 2, enumerated: 7, notEnumerated: 3 });
    for (const b of dvr.recorder!.behind) {
      expect(b).toMatchObject({ analogue: true, manufacturer: null, deviceType: 'camera', online: true });
      expect(b.risk.level).toBe('unknown');
      expect(b.rationale).toMatch(/^an analogue camera on input \d: a DVR cannot tell who made it/);
    }
    expect(s.log.filter((l) => l.auth).map((l) => l.path)).toContain('/ISAPI/System/Video/inputs/channels');
  });

  it('a wrong credential: one attempt on deviceInfo, no channel list asked for; the report says why there is no list', async () => {
    const s = await serve(['hikvision-ds-7608nxi-i2']);
    const obs = await runHikvision(s, 'wrong-password');
    expect(s.log.filter((l) => l.auth)).toHaveLength(1);
    expect(obs.some((o) => o.kind === 'channel' || o.kind === 'channel-list')).toBe(false);
    // The recorder is still typed from its own model; the list was not read.
    const withModel = [...obs, { host: '127.0.0.1', module: 'sadp', kind: 'sadp', fields: { DeviceDescription: 'DS-7608NXI-I2/8P/S', DigitalChannelNum: '8', AnalogChannelNum: '0' }, at } as Observation];
    const rec = result(withModel).devices[0]!.recorder!;
    expect(rec.channelList).toBe('not read: the credentials given were rejected (not retried)');
    expect(rec.statement).toBe('8 channels: up to 8 cameras not visible from here');
  });

  it('a user who may not read the channel list: one refused request, nothing asked after it', async () => {
    const s = await serve(['hikvision-ds-7732ni-m4'], { forbidden: ['/ISAPI/ContentMgmt/InputProxy/channels'] });
    const obs = await runHikvision(s);
    const asked = s.log.filter((l) => l.auth).map((l) => `${l.path} ${l.status}`);
    expect(asked).toEqual(['/ISAPI/System/deviceInfo 200', '/ISAPI/System/capabilities 200', '/ISAPI/ContentMgmt/InputProxy/channels 403']);
    const rec = result(obs).devices[0]!.recorder!;
    expect(rec).toMatchObject({ channels: 32, enumerated: 0, notEnumerated: 32 });
    expect(rec.channelList).toMatch(/^not read: not permitted for this user \(not retried\)/);
  });
});

describe('Dahua recorder: RemoteDevice with the accepted credential', () => {
  it('NVR6XX-4KS2 (mixed makers): two Hikvision cameras over ONVIF behind a Dahua NVR stay Hikvision; state per channel', async () => {
    const s = await serve(['dahua-nvr6xx-4ks2', 'synthetic-dahua-camera-state']);
    const obs = await runDahua(s);
    expect(connects.filter((c) => c !== `127.0.0.1:${s.port}`)).toEqual([]);
    const asked = s.log.filter((l) => l.auth).map((l) => l.path);
    expect(asked).toContain('/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice');
    expect(asked).toContain('/cgi-bin/LogicDeviceManager.cgi?action=getCameraState&uniqueChannels[0]=-1');
    const r = result(obs);
    const nvr = r.devices[0]!;
    expect(nvr.manufacturer).toBe('dahua');
    const behind = nvr.recorder!.behind;
    expect(behind.map((b) => [b.channel, b.manufacturer, b.model, b.serial, b.online, b.protocol])).toEqual([
      [1, 'hikvision', 'DS-2CD1143G0-I', 'DS-2CD1143G0-I20211208AAWRJ21084244', true, null],
      [2, 'hikvision', 'DS-2CD1143G0-I', 'DS-2CD1143G0-I20211208AAWRJ21084253', false, null],
    ]);
    expect(behind[0]!.risk.level).toBe('high');
    expect(JSON.stringify(obs)).not.toContain(SENTINEL);
  });

  it("getProductDefinition (synthetic client test double): the NVR's own IP channel count, asked first with the accepted credential; without it the RemoteDevice slot count", async () => {
    const withDef = await serve(['dahua-nvr6xx-4ks2', 'synthetic-dahua-product-definition']);
    const obs = await runDahua(withDef);
    const asked = withDef.log.filter((l) => l.auth).map((l) => l.path);
    expect(asked.indexOf('/cgi-bin/magicBox.cgi?action=getProductDefinition&name=MaxRemoteInputChannels')).toBeLessThan(asked.indexOf('/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice'));
    const rec = result(obs).devices[0]!.recorder!;
    expect(rec).toMatchObject({ channels: 16, ipChannels: 16, enumerated: 2, notEnumerated: 14 });
    expect(rec.capacityWhy).toBe('reports 16 IP channels (dahuacgi.VideoInChannels, dahuacgi.MaxRemoteInputChannels, read with the credentials given)');
    // The published RemoteDevice table numbers slots 0-3 only (a test constant cut short): its slot count disagrees
    // with the recorder's own count and is named, not hidden.
    expect(rec.capacityConflicts).toEqual(['channels.dahua-remote-device-slots reports 4 IP channels']);
    // A recorder that does not answer it (404): the list is still read; the count is its RemoteDevice slots.
    const without = await serve(['dahua-nvr6xx-4ks2']);
    const rec2 = result(await runDahua(without)).devices[0]!.recorder!;
    expect(rec2).toMatchObject({ channels: 4, ipChannels: 4, enumerated: 2, notEnumerated: 2 });
    expect(rec2.capacityWhy).toBe('reports 4 IP channels (dahuacgi.RemoteDeviceSlots, read with the credentials given)');
  });
});
