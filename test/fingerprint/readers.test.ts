// Every request has a reader (issue 14 item 3): each vendor path camaudit sends
// (fingerprints/probes/http-paths.json) names the rules that read its reply, and each parsed field of
// the vendor discovery protocols is either read by a rule, read by the OUI look-up, or declared not
// maker-bearing (fingerprints/probes/maker-fields.json). Also: every rule id docs/signals.md cites exists.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFingerprintDb, type CompiledRule } from '../../src/fingerprint/db.js';
import { parse as parseSadp } from '../../src/parsers/sadp.js';
import { parse as parseDhip, dhipHeader } from '../../src/parsers/dhip.js';
import { parse as parseDvrip, DVRIP_REPLY } from '../../src/parsers/dvrip.js';
import { evidenceFromSample } from '../../src/identify/input.js';
import { readCapture } from '../helpers/captures.js';
import { recorderReply } from '../helpers/fixtures.js';
import { dahuaRemoteDevices, isapiInputProxyChannels, isapiVideoInputs } from '../../src/parsers/recorder-channels.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const db = loadFingerprintDb();
const byId = new Map(db.rules.map((r) => [r.id, r]));

interface VendorPath { id: string; path: string; vendors: string[]; parse?: string; readers?: string[] }
const paths = (JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/probes/http-paths.json'), 'utf8')) as { paths: VendorPath[] }).paths;
const makerFields = JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/probes/maker-fields.json'), 'utf8')) as {
  kinds: Record<string, { read: string[]; oui: string[]; notMakerBearing: string[]; noPublicExample?: string[] }>;
};

/** The top of a vendor's group (Ezviz → Hikvision), as attribution compares makers. */
function group(id: string): string {
  let cur = id;
  for (let i = 0; i < 5; i++) {
    const p = db.vendors.get(cur)?.parent?.vendor;
    if (!p) break;
    cur = p;
  }
  return cur;
}

/** A rule fills the device record or names a maker: a reader in the sense of issue 14 item 3. */
function informs(r: CompiledRule): boolean {
  return (!!r.concludes.manufacturer && r.weight > 0) || /\(\?<(?:model|serial|firmware|brand|mac)>/.test(r.pattern) || !!r.concludes.brand;
}

describe('every vendor path has a reader', () => {
  for (const p of paths) {
    it(`${p.id} (${p.path})`, () => {
      const kinds = new Set(['http', ...(p.parse === 'isapi' ? ['isapi'] : p.parse === 'dahua-cgi' ? ['dahuacgi'] : [])]);
      const readers = p.readers ?? [];
      if (p.vendors.length) expect(readers.length, `${p.id} names no rule that reads its reply`).toBeGreaterThan(0);
      for (const id of readers) {
        const r = byId.get(id);
        expect(r, `${p.id}: reader ${id} is not a rule`).toBeDefined();
        // The rule reads a field of the reply (HTTP, or the document the path is parsed as), never our request path.
        expect(r!.fields.some((f) => kinds.has(f.split('.')[0]!) && f !== 'http.path'), `${id} does not read a field of ${p.path}'s reply`).toBe(true);
        expect(informs(r!), `${id} neither names a maker nor fills the record`).toBe(true);
      }
      // At least one reader names a maker the path is sent for.
      const makers = p.vendors.filter((v) => db.vendors.has(v)).map(group);
      if (makers.length) {
        const named = readers.map((id) => byId.get(id)?.concludes.manufacturer).filter((m): m is string => !!m).map(group);
        expect(named.some((m) => makers.includes(m)), `${p.id}: no reader names ${makers.join('/')}`).toBe(true);
      }
    });
  }
});

describe('every maker-bearing parsed field has a reader', () => {
  for (const [kind, spec] of Object.entries(makerFields.kinds)) {
    for (const field of spec.read) {
      it(`${kind}.${field}`, () => {
        const readers = db.rules.filter((r) => r.fields.includes(`${kind}.${field}`) && informs(r));
        expect(readers.map((r) => r.id), `${kind}.${field} is declared maker-bearing but no rule reads it`).not.toEqual([]);
      });
    }
  }

  // Replies each parser really emits: real captures where the corpus has them, a synthetic reply where not.
  const emitted: Record<string, Set<string>> = { sadp: new Set(), dhip: new Set(), xiongmai: new Set(), dvrip: new Set(), ubiquiti: new Set(), homekit: new Set(), channel: new Set() };
  const add = (ev: { kind: string; fields: Record<string, unknown> }[]) => {
    for (const e of ev) for (const k of Object.keys(e.fields)) emitted[e.kind]?.add(k);
  };
  for (const name of ['ezviz-sadp-1', 'intelbras-dhip-1', 'xiongmai-xiongmai-2', 'xiongmai-xiongmai-5', 'xiongmai-xiongmai-6']) {
    const c = readCapture(name);
    add(evidenceFromSample(c.protocol, c.payload));
  }
  // Ubiquiti discovery replies and HomeKit dumps: the dev captures (bdraco/unifi-discovery, Home Assistant fixtures).
  for (const name of ['ubiquiti-ubiquiti-discovery-11', 'ubiquiti-ubiquiti-discovery-12', 'anker-homekit-11', 'arlo-homekit-11', 'netatmo-homekit-11']) {
    const c = readCapture(name, 'dev');
    add(evidenceFromSample(c.protocol, c.payload));
  }
  // synthetic-sadp: every ProbeMatch element of protocols.md §6.2 (older and newer firmware).
  add(parseSadp(`<?xml version="1.0" encoding="UTF-8"?><ProbeMatch><Uuid>u</Uuid><Types>inquiry</Types><DeviceType>1</DeviceType><DeviceDescription>DS-2CD2143G0-I</DeviceDescription><DeviceSN>DS-2CD2143G0-I20190101AAWRD00000000</DeviceSN><CommandPort>8000</CommandPort><HttpPort>80</HttpPort><MAC>c0-56-e3-00-00-01</MAC><IPv4Address>198.18.0.2</IPv4Address><IPv4SubnetMask>255.255.255.0</IPv4SubnetMask><IPv4Gateway>198.18.0.1</IPv4Gateway><IPv6Address>::</IPv6Address><IPv6Gateway>::</IPv6Gateway><IPv6MaskLen>64</IPv6MaskLen><DHCP>false</DHCP><AnalogChannelNum>0</AnalogChannelNum><DigitalChannelNum>1</DigitalChannelNum><SoftwareVersion>V5.5.0build 170725</SoftwareVersion><DSPVersion>V7.3 build 170704</DSPVersion><BootTime>2019-01-01 00:00:00</BootTime><Encrypt>true</Encrypt><ResetAbility>false</ResetAbility><DiskNumber>0</DiskNumber><Activated>true</Activated><PasswordResetAbility>true</PasswordResetAbility><PasswordResetModeSecond>true</PasswordResetModeSecond><SyncIPCPassword>true</SyncIPCPassword><DeviceLock>true</DeviceLock><SupportGUID>true</SupportGUID><SupportSecurityQuestion>true</SupportSecurityQuestion><SupportHCPlatform>true</SupportHCPlatform><HCPlatformEnable>false</HCPlatformEnable><IsModifyVerificationCode>false</IsModifyVerificationCode><Salt>s</Salt><OEMInfo>N/A</OEMInfo><Encoder>true</Encoder><SDKOverTLSPort>8443</SDKOverTLSPort><SDKServerStatus>true</SDKServerStatus></ProbeMatch>`));
  // synthetic-dhip: the UniversalScanner Dahua2.selftest body shape with the IPv6 gateway key.
  const body = Buffer.from(JSON.stringify({ mac: '00:11:22:33:44:55', method: 'client.notifyDevInfo', params: { deviceInfo: { DeviceClass: 'IPC', DeviceType: 'IPC-HDW1025C', HttpPort: 80, IPv4Address: { DefaultGateway: '198.18.0.1', DhcpEnable: false, IPAddress: '198.18.0.2', SubnetMask: '255.255.255.0' }, IPv6Address: { DefaultGateway: 'fe80::', DhcpEnable: false, IPAddress: 'fe80::1/64' }, MachineName: 'x', Port: 37777, SerialNo: '4H01D66PAJ2FA64', Vendor: 'General', Version: '2.800.0000000.13.R' } } }));
  add(parseDhip(Buffer.concat([dhipHeader(body.length), body])));
  // synthetic-dvrip: a 0xb3 reply laid out as src/parsers/dvrip.ts reads it.
  const d = Buffer.alloc(0x89 + 12);
  d[0] = DVRIP_REPLY;
  d.write('NVR', 0x28, 'latin1');
  Buffer.from([198, 18, 0, 2, 255, 255, 255, 0, 198, 18, 0, 1]).copy(d, 0x38);
  d.writeUInt16LE(37777, 0x62);
  d.write('3c:ef:8c:00:00:01', 0x78, 'latin1');
  d.write('NVR4104HS-P', 0x89, 'latin1');
  add(parseDvrip(d));
  // Recorders' channel lists (fixtures/recorders, public replies), with the fields the credentialed reader adds.
  const proxy = '/ISAPI/ContentMgmt/InputProxy/channels';
  for (const items of [
    isapiInputProxyChannels(recorderReply('hikvision-ds-7732ni-m4', proxy)),
    isapiInputProxyChannels(recorderReply('hikvision-ds-7608nxi-i2', proxy)),
    isapiVideoInputs(recorderReply('hikvision-ids-7208hqhi-m1', '/ISAPI/System/Video/inputs/channels')),
    dahuaRemoteDevices(recorderReply('dahua-dh-nvr4216-hds2', '/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice')),
    dahuaRemoteDevices(recorderReply('dahua-nvr6xx-4ks2', '/cgi-bin/configManager.cgi?action=getConfig&name=RemoteDevice')),
  ]) {
    add(items.map((i) => ({ kind: 'channel', fields: { ...i.fields, online: true, detectResult: 'connect', authenticated: true } })));
  }

  for (const [kind, spec] of Object.entries(makerFields.kinds)) {
    it(`every ${kind} field the parser emits is declared (read, OUI or not maker-bearing)`, () => {
      expect(emitted[kind]!.size, `no ${kind} reply was parsed`).toBeGreaterThan(0);
      const declared = new Set([...spec.read, ...spec.oui, ...spec.notMakerBearing, ...(spec.noPublicExample ?? [])]);
      const undeclared = [...emitted[kind]!].filter((f) => !declared.has(f));
      expect(undeclared, `${kind} fields with no reader decision in fingerprints/probes/maker-fields.json`).toEqual([]);
    });
  }
});

describe('docs/signals.md cites only rules that exist', () => {
  it('every rule id in a rule column is in the database', () => {
    const text = readFileSync(path.join(ROOT, 'docs/signals.md'), 'utf8');
    const fieldNames = new Set(db.rules.flatMap((r) => r.fields));
    const missing: string[] = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith('|') || line.startsWith('|---')) continue;
      const cells = line.split('|').map((c) => c.trim());
      const ruleCell = cells[cells.length - 2] ?? '';
      for (const m of ruleCell.matchAll(/`([a-z0-9][a-z0-9.-]+\.[a-z0-9.-]+)`/g)) {
        const id = m[1]!;
        // Field names (`onvif.manufacturer`) may be named in the same column: only rule ids are checked.
        if (id.startsWith('oui.') || id.startsWith('doc.') || id.endsWith('.json') || fieldNames.has(id)) continue;
        if (!byId.has(id)) missing.push(id);
      }
    }
    expect(missing).toEqual([]);
  });
});
