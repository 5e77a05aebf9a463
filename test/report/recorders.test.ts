// Recorders and the cameras behind them in every format (issue 19): terminal (estate line, per-maker totals, cameras
// under their recorder), JSON (schemaVersion 3, validates, read back), CSV (a row per camera behind a recorder with
// its `behind` column), HTML (recorders expand to their cameras; the estate table adds up), CycloneDX (cameras as
// sub-components of their recorder, valid 1.6), diff (a camera moving between recorders is a change) and merge (a
// camera kept once, under its newest recorder). Results are built by the real result builder from observations
// the real parsers make of the public recorder replies in fixtures/recorders; the SADP reply is synthetic.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Observation } from '../../src/core/observation.js';
import type { ScanResult } from '../../src/core/result.js';
import { buildResult } from '../../src/engine/build-result.js';
import { dahuaRemoteDevices, isapiCapabilities, isapiInputProxyChannels, isapiVideoInputs } from '../../src/parsers/recorder-channels.js';
import { parse as parseIsapi } from '../../src/parsers/isapi.js';
import { parse as parseSadp } from '../../src/parsers/sadp.js';
import { recorderReply } from '../helpers/fixtures.js';
import { diffResults, mergeResults, renderCsv, renderCycloneDx, renderDiffText, renderHtml, renderJson, renderTerminal, validateCycloneDx, validateResult } from '../../src/report/index.js';
import { readResult } from '../../src/report/read-result.js';
import { CSP } from '../../src/report/html.js';

const o = (host: string, module: string, kind: string, fields: Observation['fields'], at: string): Observation => ({ host, module, kind, fields, at });

/** A Hikvision recorder read with credentials (deviceInfo, capabilities, its channel list). */
function hikvision(ip: string, fixture: string, at: string, opts: { rename?: (name: string) => string } = {}): Observation[] {
  const info = parseIsapi(recorderReply(fixture, '/ISAPI/System/deviceInfo'))[0]!;
  const caps = isapiCapabilities(recorderReply(fixture, '/ISAPI/System/capabilities'))!;
  const reply = (p: string) => {
    try {
      return recorderReply(fixture, p);
    } catch {
      return '';
    }
  };
  const items = [...isapiInputProxyChannels(reply('/ISAPI/ContentMgmt/InputProxy/channels')), ...isapiVideoInputs(reply('/ISAPI/System/Video/inputs/channels'))];
  return [
    o(ip, 'isapi-auth', 'isapi', { ...info.fields, authenticated: true }, at),
    o(ip, 'isapi-auth', 'credential', { protocol: 'isapi', outcome: 'accepted', credential: 'file entry 1' }, at),
    o(ip, 'isapi-auth', 'isapi', { ...caps, authenticated: true }, at),
    o(ip, 'isapi-auth', 'channel-list', { via: 'isapi', what: 'cameras', path: '/ISAPI/ContentMgmt/InputProxy/channels', outcome: 'read', authenticated: true }, at),
    ...items.map((i) => o(ip, 'isapi-auth', 'channel', { ...i.fields, ...(opts.rename && typeof i.fields.name === 'string' ? { name: opts.rename(i.fields.name) } : {}), authenticated: true }, at)),
  ];
}

function build(byHost: [string, Observation[]][], id: string, at: string): ScanResult {
  return buildResult(new Map(byHost), { scanId: id, startedAt: at, finishedAt: at, targets: ['198.18.0.0/24'], excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 256, hostsAlive: byHost.length });
}

const T1 = '2026-09-01T10:00:00.000Z';
const T2 = '2026-12-01T10:00:00.000Z';
const sadp = (ip: string, at: string) =>
  parseSadp('<ProbeMatch><DeviceDescription>DS-7616NI-K2</DeviceDescription><AnalogChannelNum>0</AnalogChannelNum><DigitalChannelNum>16</DigitalChannelNum></ProbeMatch>').map((e) => o(ip, 'sadp', e.kind, e.fields, at));

function estate(at = T2): ScanResult {
  return build(
    [
      ['198.18.0.30', hikvision('198.18.0.30', 'hikvision-ds-7608nxi-i2', at, { rename: (n) => (n === 'garden' ? 'garden \u202eevil\u001b[31m <script>x</script>' : n) })],
      ['198.18.0.31', hikvision('198.18.0.31', 'hikvision-ids-7208hqhi-m1', at)],
      ['198.18.0.32', sadp('198.18.0.32', at)],
    ],
    'scan-recorders',
    at,
  );
}

describe('recorders in every format', () => {
  const r = estate();

  it('the estate counts: seen / behind / not enumerated, per maker adding up', () => {
    expect(r.summary.estate).toMatchObject({ seen: 3, recorders: 3, channels: 8 + 10 + 16, behind: 4 + 7, notEnumerated: 4 + 3 + 16 });
    const e = r.summary.estate!;
    expect(Object.values(e.byMaker).reduce((n, x) => n + x.total, 0)).toBe(e.seen + e.behind);
  });

  it('terminal: estate line, per-maker totals, cameras indented under their recorder, hostile names escaped', () => {
    const t = renderTerminal(r, { colour: false });
    expect(t).toContain('Estate: 3 devices seen on the network (3 camera/NVR/DVR); 11 cameras behind 3 recorders (enumerated); 23 channels not enumerated: up to 23 more cameras not visible from here.');
    expect(t).toMatch(/Per maker \(seen \+ behind = total\): Hikvision 3 \+ 4 = 7; maker unknown 0 \+ 7 = 7\./);
    expect(t).toContain('198.18.0.30  DS-7608NXI-I2/8P/S: 8 channels: 4 cameras behind it listed, up to 4 more not visible from here');
    expect(t).toContain('198.18.0.32  DS-7616NI-K2: 16 channels: up to 16 cameras not visible from here');
    expect(t).toMatch(/\n {2}└ channel 1 +high/);
    expect(t).toMatch(/\n {2}└ analogue input 1 +unknown/);
    expect(t).toContain('7 camera(s) behind recorders of UNKNOWN maker');
    expect(t).not.toMatch(/[\u202e\u001b]/);
  });

  it('JSON: schemaVersion 3, validates, and reads back', async () => {
    expect(r.schemaVersion).toBe('3');
    expect(validateResult(JSON.parse(renderJson(r)))).toEqual([]);
    const dir = mkdtempSync(path.join(tmpdir(), 'camaudit-rec-'));
    const file = path.join(dir, 'report.json');
    writeFileSync(file, renderJson(r));
    const back = await readResult(file);
    expect(back.devices[0]!.recorder!.behind).toHaveLength(4);
  });

  it('a schemaVersion 2 result reads as version 3 without recorders', async () => {
    const v2 = JSON.parse(renderJson(build([['198.18.0.9', [o('198.18.0.9', 'http', 'http', { server: 'x' }, T2)]]], 'v2', T2))) as Record<string, unknown>;
    v2.schemaVersion = '2';
    delete (v2.summary as Record<string, unknown>).estate;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'camaudit-rec-')), 'v2.json');
    writeFileSync(file, JSON.stringify(v2));
    const back = await readResult(file);
    expect(back.schemaVersion).toBe('3');
    expect(back.scan.options.upgradedFrom).toBe('schemaVersion 2');
    expect(renderTerminal(back, { colour: false })).not.toContain('Estate:');
  });

  it('CSV: a row per camera behind a recorder, ip empty, the behind column naming recorder and channel', () => {
    const csv = renderCsv(r).slice(1);
    const lines = csv.trimEnd().split('\r\n');
    const header = lines[0]!.split(',');
    expect(header.slice(-2)).toEqual(['policy_conditions', 'policy_data']);
    for (const c of ['behind', 'behind_address', 'online', 'recorder_channels', 'recorder_channels_not_enumerated', 'recorder_statement']) expect(header).toContain(c);
    expect(lines).toHaveLength(1 + 3 + 11);
    const behind = lines.filter((l) => l.startsWith(',') && l.includes('198.18.0.30 channel '));
    expect(behind).toHaveLength(4);
    expect(behind[0]).toContain('1.0.0.236');
    expect(lines.some((l) => l.includes('198.18.0.31 analogue input 7') && l.includes('video signal'))).toBe(true);
    expect(csv).not.toMatch(/[\u202e\u001b]/);
  });

  it('HTML: recorders expand to their cameras; the estate table adds up; the CSP is unchanged; device text escaped', () => {
    const h = renderHtml(r);
    expect(h).toContain(`content="${CSP.replace(/'/g, '&#39;')}"`);
    expect((h.match(/<details class="recorder"/g) ?? []).length).toBe(3);
    expect(h).toContain('id="recorders"');
    expect((h.match(/<tr class="behind"/g) ?? []).length).toBe(11);
    expect(h).toMatch(/<td><b>All makers<\/b><\/td><td>3<\/td><td>11<\/td><td><b>14<\/b><\/td>/);
    expect(h).toContain('Channels not enumerated (maker unknown)</td><td></td><td></td><td>up to 23</td>');
    expect(h).not.toContain('<script>x</script>');
    expect(h).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('CycloneDX: each camera a sub-component of its recorder; valid CycloneDX 1.6', async () => {
    const json = renderCycloneDx(r);
    expect(await validateCycloneDx(json)).toEqual([]);
    const bom = JSON.parse(json) as { components: { 'bom-ref': string; components?: { properties: { name: string; value: string }[] }[]; properties: { name: string; value: string }[] }[]; metadata: { properties: { name: string; value: string }[] } };
    expect(bom.components.map((c) => c.components?.length ?? 0)).toEqual([4, 7, 0]);
    const cam = bom.components[0]!.components![0]!;
    expect(cam.properties).toContainEqual({ name: 'camaudit:behind', value: '198.18.0.30 channel 1' });
    expect(bom.components[2]!.properties).toContainEqual({ name: 'camaudit:channelsStatement', value: '16 channels: up to 16 cameras not visible from here' });
    expect(bom.metadata.properties).toContainEqual({ name: 'camaudit:channelsNotEnumerated', value: '23' });
    const refs = JSON.stringify(bom).match(/"bom-ref":\s*"[^"]+"/g)!;
    expect(new Set(refs).size).toBe(refs.length);
  });
});

describe('diff and merge with cameras behind recorders', () => {
  // Quarter 1: DS-7608NXI-I2 at .30 holds four cameras. Quarter 2: the recorder at .30 lost channel 1's camera,
  // which now sits on channel 7 of a new recorder at .33 (same serial); the DVR at .31 is unchanged.
  const q1 = build([['198.18.0.30', hikvision('198.18.0.30', 'hikvision-ds-7608nxi-i2', T1)], ['198.18.0.31', hikvision('198.18.0.31', 'hikvision-ids-7208hqhi-m1', T1)]], 'q1', T1);
  const moved = hikvision('198.18.0.30', 'hikvision-ds-7608nxi-i2', T2);
  const ch1 = moved.find((x) => x.kind === 'channel' && x.fields.channel === 1)!;
  const q2obs30 = moved.filter((x) => x !== ch1);
  const q2obs33 = [
    ...sadp('198.18.0.33', T2),
    o('198.18.0.33', 'isapi-auth', 'channel-list', { via: 'isapi', what: 'cameras', path: '/ISAPI/ContentMgmt/InputProxy/channels', outcome: 'read', authenticated: true }, T2),
    o('198.18.0.33', 'isapi-auth', 'channel', { ...ch1.fields, channel: 7 }, T2),
  ];
  const q2 = build([['198.18.0.30', q2obs30], ['198.18.0.31', hikvision('198.18.0.31', 'hikvision-ids-7208hqhi-m1', T2)], ['198.18.0.33', q2obs33]], 'q2', T2);

  it('diff: the camera that moved recorders is a change (recorder and channel), not a new camera', () => {
    const d = diffResults(q1, q2);
    expect(d.behind).toBeDefined();
    expect(d.behind!.added).toEqual([]);
    expect(d.behind!.removed).toEqual([]);
    expect(d.behind!.changed).toHaveLength(1);
    expect(d.behind!.changed[0]).toMatchObject({ recorder: '198.18.0.33', channel: 'channel 7', oldRecorder: '198.18.0.30', oldChannel: 'channel 1', model: 'DS-2CD2386G2-IU' });
    expect(d.behind!.unchanged).toBe(3 + 7);
    expect(d.summary).toMatchObject({ added: 1, behindChanged: 1, behindAdded: 0, behindRemoved: 0 });
    const text = renderDiffText(d);
    expect(text).toContain('Cameras behind recorders: 0 new, 0 gone, 1 changed, 10 unchanged');
    expect(text).toContain('~ 198.18.0.33 channel 7 (was 198.18.0.30 channel 1)');
  });

  it('merge: the camera is kept once, under its newest recorder; counts follow', () => {
    const m = mergeResults([q1, q2]);
    expect(validateResult(m)).toEqual([]);
    const all = m.devices.flatMap((d) => (d.recorder?.behind ?? []).map((b) => `${d.ip} ${b.channel} ${b.serial ?? ''}`));
    expect(all.filter((x) => x.includes('DS-2CD2386G2-IU00000000AAWRK00000001'))).toEqual(['198.18.0.33 7 DS-2CD2386G2-IU00000000AAWRK00000001']);
    const e = m.summary.estate!;
    expect(e.behind).toBe(3 + 7 + 1);
    expect(Object.values(e.byMaker).reduce((n, x) => n + x.total, 0)).toBe(e.seen + e.behind);
  });
});
