// Channel capacity as data (fingerprints/channels.json, issue 19), proven like the fingerprint rules: every reported
// source reads its examples to the stated counts, every model convention reads its examples to the stated channel
// count and none of its negatives, every example names a public source, an example citing a capture is that
// capture's value; and the capacity a device gets follows the order the file promises (credentialed report,
// report, model number), applies a convention only to its maker's group, and names sources that disagree.
import { describe, expect, it } from 'vitest';
import { loadFingerprintDb } from '../../src/fingerprint/db.js';
import { channelCapacity, modelChannels, readReported } from '../../src/fingerprint/channels.js';
import type { Observation } from '../../src/core/observation.js';
import { citedCaptures, occursInPayload, sourceProblem } from '../helpers/rule-sources.js';
import { readCapture } from '../helpers/captures.js';
import { parse as parseSadp } from '../../src/parsers/sadp.js';
import { parse as parseXiongmai } from '../../src/parsers/xiongmai.js';
import { parse as parseDhip } from '../../src/parsers/dhip.js';
import { recorderReply } from '../helpers/fixtures.js';
import { isapiCapabilities } from '../../src/parsers/recorder-channels.js';

const db = loadFingerprintDb();

const obs = (kind: string, fields: Observation['fields'], module = kind): Observation => ({ host: '198.18.0.30', module, kind, fields, at: '2026-12-07T00:00:00.000Z' });

describe('fingerprints/channels.json: reported counts', () => {
  for (const r of db.channels.reported) {
    it(`${r.id}: each example reads to its counts; sources are public`, () => {
      expect(sourceProblem(r.source), r.source).toBeNull();
      for (const ex of r.examples) {
        expect(sourceProblem(ex.source), ex.source).toBeNull();
        const got = readReported(r, ex.fields);
        expect(got?.total).toBe(ex.total);
        if (ex.analogue !== undefined) expect(got?.analogue).toBe(ex.analogue);
        if (ex.ip !== undefined) expect(got?.ip).toBe(ex.ip);
        for (const c of citedCaptures(ex.source)) {
          const payload = readCapture(c.name, c.set).payload;
          for (const [k, v] of Object.entries(ex.fields)) expect(occursInPayload(k, payload) && occursInPayload(String(v), payload), `${k}=${v} in ${c.name}`).toBe(true);
        }
      }
    });
  }

  it('the parsers put the cited capture fields where the file reads them (SADP, DHIP, Xiongmai)', () => {
    const dhip = parseDhip(String(readCapture('intelbras-dhip-1', 'shared').payload))[0]!;
    expect(readReported(db.channels.reported.find((r) => r.id === 'channels.dhip')!, dhip.fields)).toEqual({ total: 1, analogue: 1, ip: 0 });
    const xmNet = parseXiongmai(String(readCapture('xiongmai-xiongmai-2', 'shared').payload).replace(/^# ?/gm, ''))[0]!;
    expect(readReported(db.channels.reported.find((r) => r.id === 'channels.xiongmai-netcommon')!, xmNet.fields)?.total).toBe(1);
    const sadp = parseSadp('<ProbeMatch><DeviceDescription>DS-7616NI-K2</DeviceDescription><AnalogChannelNum>0</AnalogChannelNum><DigitalChannelNum>16</DigitalChannelNum></ProbeMatch>')[0]!;
    expect(readReported(db.channels.reported.find((r) => r.id === 'channels.sadp')!, sadp.fields)).toEqual({ total: 16, analogue: 0, ip: 16 });
  });

  it('ISAPI capabilities of the real recorders read to their channel counts', () => {
    const rule = db.channels.reported.find((r) => r.id === 'channels.isapi-capabilities')!;
    const read = (name: string) => readReported(rule, isapiCapabilities(recorderReply(name, '/ISAPI/System/capabilities'))!);
    expect(read('hikvision-ds-7608nxi-i2')).toEqual({ total: 8, analogue: 0, ip: 8 });
    expect(read('hikvision-ds-7732ni-m4')).toEqual({ total: 32, analogue: 0, ip: 32 });
    expect(read('hikvision-ids-7208hqhi-m1')).toEqual({ total: 10, analogue: 8, ip: 2 });
  });

  it('counts that are not counts are ignored (text, negative, huge)', () => {
    const rule = db.channels.reported.find((r) => r.id === 'channels.sadp')!;
    expect(readReported(rule, { AnalogChannelNum: 'many', DigitalChannelNum: '-1' })).toBeNull();
    expect(readReported(rule, { DigitalChannelNum: '99999' })).toBeNull();
    expect(readReported(rule, { DigitalChannelNum: 4.5 })).toBeNull();
  });
});

describe('fingerprints/channels.json: model-number conventions', () => {
  for (const m of db.channels.models) {
    it(`${m.id}: examples give their channel counts, negatives none; sources are public`, () => {
      expect(db.vendors.has(m.manufacturer)).toBe(true);
      expect(sourceProblem(m.source), m.source).toBeNull();
      for (const ex of m.examples) {
        expect(sourceProblem(ex.source), ex.source).toBeNull();
        expect(modelChannels(db, ex.value, m.manufacturer), ex.value).toMatchObject({ total: ex.channels, id: m.id });
      }
      for (const n of m.negatives ?? []) expect(m.re.exec(n.value), `${m.id} must not read ${n.value}`).toBeNull();
    });
  }

  it('a convention applies only to a device of its maker group (a Hikvision-style model on another maker is not read)', () => {
    expect(modelChannels(db, 'DS-7608NI-K2', 'hikvision')?.total).toBe(8);
    expect(modelChannels(db, 'DS-7608NI-K2', 'ezviz')?.total).toBe(8); // Ezviz is of Hikvision's group
    expect(modelChannels(db, 'DS-7608NI-K2', 'axis')).toBeNull();
    expect(modelChannels(db, 'DS-7608NI-K2', null)).toBeNull();
    expect(modelChannels(db, 'NVR4108HS-8P-4KS2', 'dahua')?.total).toBe(8);
  });
});

describe('channelCapacity', () => {
  const nvr = { manufacturer: 'hikvision', model: 'DS-7608NI-K2/8P' };

  it('a reported count outranks the model number; disagreement is named', () => {
    const c = channelCapacity([obs('sadp', { AnalogChannelNum: '0', DigitalChannelNum: '16' })], nvr)!;
    expect(c).toMatchObject({ total: 16, ip: 16, analogue: 0, basis: 'reported' });
    expect(c.why).toBe('reports 16 IP channels (sadp.AnalogChannelNum, sadp.DigitalChannelNum)');
    expect(c.evidence.map((e) => `${e.field}=${e.value} ${e.rule}`)).toEqual(['sadp.AnalogChannelNum=0 channels.sadp', 'sadp.DigitalChannelNum=16 channels.sadp']);
    expect(c.conflicts).toEqual(['the model number (channels.model-hikvision-nvr) says 8 IP channels']);
  });

  it('the model number when nothing is reported', () => {
    const c = channelCapacity([obs('http', { server: 'DNVRS-Webs' })], nvr)!;
    expect(c).toMatchObject({ total: 8, ip: 8, analogue: null, basis: 'model', conflicts: [] });
    expect(c.evidence[0]).toMatchObject({ field: 'device.model', value: 'DS-7608NI-K2/8P', rule: 'channels.model-hikvision-nvr' });
  });

  it('a credentialed count outranks an unauthenticated one', () => {
    const c = channelCapacity([obs('sadp', { DigitalChannelNum: '8' }), obs('isapi', { inputProxyNums: '10', videoInputPortNums: '8', authenticated: true }, 'isapi-auth')], { manufacturer: 'hikvision', model: 'iDS-7208HQHI-M1/S' })!;
    expect(c).toMatchObject({ total: 10, analogue: 8, ip: 2, basis: 'reported' });
    expect(c.why).toContain('read with the credentials given');
    expect(c.conflicts).toContain('channels.sadp reports 8 IP channels');
  });

  it("Dahua getProductDefinition: the NVR's own count outranks a model that states none", () => {
    const c = channelCapacity([obs('dahuacgi', { action: 'getProductDefinition', MaxRemoteInputChannels: 16, VideoInChannels: 0, authenticated: true }, 'dahua-cgi-auth')], { manufacturer: 'dahua', model: 'NVR6XX-4KS2' })!;
    expect(c).toMatchObject({ total: 16, ip: 16, analogue: 0, basis: 'reported', conflicts: [] });
    expect(c.why).toBe('reports 16 IP channels (dahuacgi.VideoInChannels, dahuacgi.MaxRemoteInputChannels, read with the credentials given)');
  });

  it('a hybrid DVR reporting only its IP channels: its analogue inputs come from the model number, added', () => {
    const c = channelCapacity([obs('dahuacgi', { action: 'getProductDefinition', MaxRemoteInputChannels: 2, authenticated: true }, 'dahua-cgi-auth')], { manufacturer: 'dahua', model: 'DH-XVR5108H-I' })!;
    expect(c).toMatchObject({ total: 10, ip: 2, analogue: 8, basis: 'reported', conflicts: [] });
    expect(c.why).toBe("reports 2 IP channels (dahuacgi.MaxRemoteInputChannels, read with the credentials given) and model DH-XVR5108H-I has 8 analogue inputs by its maker's model numbering (channels.model-dahua-xvr)");
    expect(c.evidence.map((e) => e.rule)).toEqual(['channels.dahua-product-definition', 'channels.model-dahua-xvr']);
  });

  it('no count at all: null (the report says the count is not known)', () => {
    expect(channelCapacity([obs('http', { server: 'x' })], { manufacturer: 'axis', model: 'P3301' })).toBeNull();
    expect(channelCapacity([obs('sadp', { DigitalChannelNum: '0', AnalogChannelNum: '0' })], { manufacturer: null, model: null })).toBeNull();
  });
});
