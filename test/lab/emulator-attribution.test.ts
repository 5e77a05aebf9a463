// What the emulator serves carries each profile's maker evidence: collect every response a profile defines
// from the running emulator (unauthenticated, plus credentialed endpoints with the profile's credentials),
// feed them through the identify adapters and the attribution, and compare with `truth.manufacturer`
// (also: a default-only HTTP port read at '/', ONVIF GetDeviceInformation without credentials, mDNS PTR replies).
// Asserted for the example profiles of this area and the other-makers range (offsets 80–139); the agreement
// over every profile is printed (the end-to-end lab test, with the real scanner, asserts it for all).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfiles, type Profile } from '../../src/lab/profile.js';
import { startEmulator, httpPlans, behaviourKindsIn, type RunningEmulator } from '../../src/lab/emulator/emulator.js';
import { dhipSearch, mdnsQuery, sadpProbe, ssdpSearch, tcpExchange, udpExchange, wsdProbe, xiongmaiSearch } from '../../src/lab/emulator/selfcheck.js';
import { parse as parseDns } from '../../src/parsers/dns.js';
import { evidenceFromSample } from '../../src/identify/input.js';
import { attributeHost } from '../../src/fingerprint/attribute.js';
import { makeObservation, type ParsedEvidence } from '../../src/core/observation.js';
import { fixtureDir } from '../helpers/fixtures.js';

const EXAMPLES = ['hikvision-ws-discovery-2', 'ezviz-sadp-1', 'intelbras-dhip-1', 'hikvision-isapi-2'];
// The other-makers/non-camera profiles (offsets 80–139) are asserted too.
const asserted = (p: Profile): boolean => EXAMPLES.includes(p.id) || (p.offset >= 80 && p.offset <= 139);
const profiles = loadProfiles(fixtureDir('devices')).filter((p) => behaviourKindsIn(p.profile).length === 0);
const ipOf = (p: Profile): string => `127.43.98.${10 + p.offset}`;
const work = mkdtempSync(path.join(tmpdir(), 'emut-attr-'));
let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({
    devices: profiles.map(({ file, profile }) => ({ id: profile.id, profileFile: file, ip: ipOf(profile), mac: profile.mac, ifname: 'lo' })),
    subnet: '198.18.0.0/24',
    scannerIp: '198.18.0.2',
    stateDir: work,
    requestLog: null,
    multicast: false,
    wsdMaxDelayMs: 10,
  });
}, 60_000);
afterAll(async () => {
  await emu?.stop();
  rmSync(work, { recursive: true, force: true });
});

const get = (ip: string, port: number, tls: boolean, target: string, extra = ''): Promise<string> =>
  tcpExchange({ host: ip, port, tls, request: `GET ${target} HTTP/1.1\r\nHost: ${ip}\r\n${extra}Connection: close\r\n\r\n`, timeoutMs: 1500 }).then((r) => r.data.toString('utf8'));

function digest(challenge: string, uri: string, user: string, pass: string): string {
  const p = Object.fromEntries([...challenge.matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1].toLowerCase(), m[2]]));
  const md5 = (t: string): string => createHash('md5').update(t).digest('hex');
  const ha1 = md5(`${user}:${p.realm}:${pass}`);
  const ha2 = md5(`GET:${uri}`);
  const r = p.qop ? md5(`${ha1}:${p.nonce}:00000001:0a0b0c0d:auth:${ha2}`) : md5(`${ha1}:${p.nonce}:${ha2}`);
  return `Digest username="${user}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", ${p.qop ? 'qop=auth, nc=00000001, cnonce="0a0b0c0d", ' : ''}response="${r}"`;
}

/** Every response the device gives a polite client, as identify samples. */
async function collect(p: Profile): Promise<ParsedEvidence[]> {
  const ip = ipOf(p);
  const samples: Array<[string, string]> = [];
  const udp = async (port: number, payload: Buffer): Promise<Buffer[]> => (await udpExchange({ to: ip, port, payload, waitMs: 80 })).map((r) => r.data);
  if (p.wsDiscovery) for (const b of await udp(3702, wsdProbe().payload)) samples.push(['ws-discovery', b.toString('utf8')]);
  if (p.ssdp) for (const b of await udp(1900, ssdpSearch())) samples.push(['ssdp', b.toString('utf8')]);
  if (p.sadp) for (const b of await udp(37020, sadpProbe().payload)) samples.push(['sadp', b.toString('utf8')]);
  if (p.dhip) for (const b of await udp(37810, dhipSearch())) samples.push(['dhip', b.subarray(32).toString('utf8')]);
  if (p.xiongmai) for (const b of await udp(34569, xiongmaiSearch())) samples.push(['xiongmai', b.subarray(20).toString('utf8').replace(/\n\0$/, '')]);
  for (const plan of httpPlans(p)) {
    const tls = !!plan.tls;
    for (const r of plan.routes) {
      if ((r.method ?? 'GET') !== 'GET') continue;
      let text = await get(ip, plan.port, tls, r.path);
      if (r.guard && p.credentials) {
        const ch = /^WWW-Authenticate:\s*(Digest [^\r\n]+)/im.exec(text)?.[1];
        const authz = r.guard.scheme === 'digest' && ch ? digest(ch, r.path, p.credentials.username, p.credentials.password) : `Basic ${Buffer.from(`${p.credentials.username}:${p.credentials.password}`).toString('base64')}`;
        text = await get(ip, plan.port, tls, r.path, `Authorization: ${authz}\r\n`);
      }
      const body = text.slice(text.indexOf('\r\n\r\n') + 4);
      if (/\/ISAPI\/System\/deviceInfo/i.test(r.path)) samples.push(['isapi', body]);
      else if (/magicBox\.cgi/i.test(r.path)) samples.push(['dahua-cgi', body]);
      else if (/\.xml$/i.test(r.path) && p.ssdp?.description?.path === r.path) samples.push(['upnp-xml', body]);
      else samples.push(['http', text]);
    }
    if (tls) {
      const got = await tcpExchange({ host: ip, port: plan.port, tls: true, request: '', timeoutMs: 300 });
      if (got.cert?.raw) samples.push(['tls', `-----BEGIN CERTIFICATE-----\n${got.cert.raw.toString('base64')}\n-----END CERTIFICATE-----\n`]);
    }
  }
  // A port whose only response is its default (e.g. a 401 on every path) is read at '/'.
  for (const plan of httpPlans(p)) {
    if (plan.default && !plan.routes.some((r) => r.path === '/')) samples.push(['http', await get(ip, plan.port, !!plan.tls, '/')]);
    // ONVIF GetDeviceInformation without credentials (answered when the profile lists it as pre-auth or unguarded).
    if (plan.onvif) {
      const soap = '<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>';
      const got = await tcpExchange({ host: ip, port: plan.onvif.port, tls: !!plan.tls, request: `POST ${plan.onvif.path} HTTP/1.1\r\nHost: ${ip}\r\nContent-Type: application/soap+xml\r\nContent-Length: ${Buffer.byteLength(soap)}\r\nConnection: close\r\n\r\n${soap}`, timeoutMs: 1500 });
      const text = got.data.toString('utf8');
      samples.push(['onvif', text.slice(text.indexOf('\r\n\r\n') + 4)]);
    }
  }
  // mDNS: a legacy-unicast PTR query per service type; the reply is read by the scanner's DNS parser.
  const mdnsEvidence: ParsedEvidence[] = [];
  for (const svc of p.mdns?.services ?? []) for (const b of await udp(5353, mdnsQuery(`${svc.type}.local`, 12, 4242))) mdnsEvidence.push(...parseDns(b));
  for (const r of p.rtsp ?? []) {
    for (const m of Object.keys(r.responses)) {
      const got = await tcpExchange({ host: ip, port: r.port, request: `${m} rtsp://${ip}/ RTSP/1.0\r\nCSeq: 2\r\n\r\n`, timeoutMs: 400 });
      samples.push(['rtsp', got.data.toString('utf8')]);
    }
  }
  const ev: ParsedEvidence[] = [{ kind: 'neigh', fields: { mac: p.mac, state: 'REACHABLE', source: 'lab' } }];
  for (const [proto, payload] of samples) ev.push(...evidenceFromSample(proto, payload));
  ev.push(...mdnsEvidence);
  return ev;
}

describe('maker evidence served by the emulator', () => {
  it('attribution of what each example profile serves equals its truth; agreement over all profiles printed', async () => {
    const rows: string[] = [];
    let agree = 0;
    for (const { profile } of profiles) {
      const ev = await collect(profile);
      const attr = attributeHost(ev.map((e) => makeObservation(ipOf(profile), 'lab-emulator-test', e)));
      const ok = attr.manufacturer === profile.truth.manufacturer;
      if (ok) agree++;
      rows.push(`${ok ? 'ok ' : 'NO '} ${profile.id}: truth ${profile.truth.manufacturer ?? '-'}, attributed ${attr.manufacturer ?? '-'} (${attr.confidence}; ${ev.length} evidence)`);
      if (asserted(profile)) expect(attr.manufacturer, `${profile.id}: ${attr.rationale}`).toBe(profile.truth.manufacturer);
    }
    console.log(`[emulator attribution] ${agree}/${profiles.length} profiles attributed as their truth\n${rows.join('\n')}`);
  }, 120_000);
});
