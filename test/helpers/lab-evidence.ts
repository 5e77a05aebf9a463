// What a polite client collects from each lab profile, without network namespaces: the emulator serves every profile
// on its own loopback address (127.x, one per profile), and `collectEvidence` asks each one everything its profile
// defines (unauthenticated, plus credentialed endpoints with the profile's own credentials when asked), then turns
// the replies into observations through the identify adapters. Added like the scanner would: a `host` observation
// with the open ports of the scanner's port set, and (switched network only) the neighbour-table MAC.
//
//   const lab = await startLoopbackLab('127.43.88.');             // afterAll: await lab.stop()
//   const obs = await collectEvidence(lab, profile, { credentials: false, network: 'routed' });
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfiles, type LoadedProfile, type Profile } from '../../src/lab/profile.js';
import { startEmulator, httpPlans, behaviourKindsIn, type RunningEmulator } from '../../src/lab/emulator/emulator.js';
import { dhipSearch, mdnsQuery, sadpProbe, ssdpSearch, tcpExchange, udpExchange, wsdProbe, xiongmaiSearch } from '../../src/lab/emulator/selfcheck.js';
import { parse as parseDns } from '../../src/parsers/dns.js';
import { evidenceFromSample } from '../../src/identify/input.js';
import { makeObservation, type Observation, type ParsedEvidence } from '../../src/core/observation.js';
import { fixtureDir } from './fixtures.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The scanner's TCP port set (fingerprints/ports.json): only these can show up as open in a scan. */
const SWEEP_PORTS: number[] = (JSON.parse(readFileSync(path.join(ROOT, 'fingerprints/ports.json'), 'utf8')) as { ports: { port: number }[] }).ports.map((p) => p.port);

export interface LoopbackLab {
  profiles: LoadedProfile[];
  ipOf(p: Profile): string;
  stop(): Promise<void>;
}

/** Every lab profile without hostile behaviours, served on `<base>(10+offset)` (base like '127.43.88.'). */
export async function startLoopbackLab(base: string): Promise<LoopbackLab> {
  const profiles = loadProfiles(fixtureDir('devices')).filter((p) => behaviourKindsIn(p.profile).length === 0);
  const ipOf = (p: Profile): string => `${base}${10 + p.offset}`;
  const work = mkdtempSync(path.join(tmpdir(), 'lab-evidence-'));
  let emu: RunningEmulator;
  try {
    emu = await startEmulator({
      devices: profiles.map(({ file, profile }) => ({ id: profile.id, profileFile: file, ip: ipOf(profile), mac: profile.mac, ifname: 'lo' })),
      subnet: '198.18.0.0/24',
      scannerIp: '198.18.0.2',
      stateDir: work,
      requestLog: null,
      multicast: false,
      wsdMaxDelayMs: 10,
    });
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  return {
    profiles,
    ipOf,
    stop: async () => {
      await emu.stop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}

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

/** Open ports of a profile as the sweep would see them. */
export function sweptPorts(p: Profile): number[] {
  const ports = new Set<number>();
  for (const plan of httpPlans(p)) ports.add(plan.port);
  for (const r of p.rtsp ?? []) ports.add(r.port);
  for (const t of p.tcp ?? []) ports.add(t.port);
  if (p.onvif) ports.add(p.onvif.port);
  return [...ports].filter((x) => SWEEP_PORTS.includes(x)).sort((a, b) => a - b);
}

/** Every response the device gives a polite client, as parsed evidence. */
export async function collectParsed(ip: string, p: Profile, o: { credentials: boolean }): Promise<ParsedEvidence[]> {
  const samples: Array<[string, string]> = [];
  // 300 ms: replies come within the emulator's 10 ms WS-Discovery delay, but a loaded 2-core machine needs the margin.
  const udp = async (port: number, payload: Buffer): Promise<Buffer[]> => (await udpExchange({ to: ip, port, payload, waitMs: 300 })).map((r) => r.data);
  if (p.wsDiscovery) for (const b of await udp(3702, wsdProbe(undefined, null).payload)) samples.push(['ws-discovery', b.toString('utf8')]);
  if (p.ssdp) for (const b of await udp(1900, ssdpSearch())) samples.push(['ssdp', b.toString('utf8')]);
  if (p.sadp) for (const b of await udp(37020, sadpProbe().payload)) samples.push(['sadp', b.toString('utf8')]);
  if (p.dhip) for (const b of await udp(37810, dhipSearch())) samples.push(['dhip', b.subarray(32).toString('utf8')]);
  if (p.xiongmai) for (const b of await udp(34569, xiongmaiSearch())) samples.push(['xiongmai', b.subarray(20).toString('utf8').replace(/\n\0$/, '')]);
  for (const plan of httpPlans(p)) {
    const tls = !!plan.tls;
    for (const r of plan.routes) {
      if ((r.method ?? 'GET') !== 'GET') continue;
      if (r.guard && !o.credentials) {
        samples.push(['http', await get(ip, plan.port, tls, r.path)]);
        continue;
      }
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
    // ONVIF as the scanner's pre-auth probe asks: GetSystemDateAndTime, GetCapabilities, then GetDeviceInformation
    // without credentials (answered when the profile lists it as pre-auth or unguarded).
    if (plan.onvif) {
      for (const op of ['GetSystemDateAndTime', 'GetCapabilities', 'GetDeviceInformation']) {
        const soap = `<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><${op} xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>`;
        const got = await tcpExchange({ host: ip, port: plan.onvif.port, tls: !!plan.tls, request: `POST ${plan.onvif.path} HTTP/1.1\r\nHost: ${ip}\r\nContent-Type: application/soap+xml\r\nContent-Length: ${Buffer.byteLength(soap)}\r\nConnection: close\r\n\r\n${soap}`, timeoutMs: 1500 });
        const text = got.data.toString('utf8');
        if (text) samples.push(['onvif', text.slice(text.indexOf('\r\n\r\n') + 4)]);
      }
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
  const ev: ParsedEvidence[] = [];
  for (const [proto, payload] of samples) ev.push(...evidenceFromSample(proto, payload));
  ev.push(...mdnsEvidence);
  return ev;
}

export interface CollectOptions {
  /** Read credentialed endpoints with the profile's credentials (an auditor who owns the devices). */
  credentials: boolean;
  /** switched: the scanner sees the device's MAC in its neighbour table; routed: it does not. */
  network: 'switched' | 'routed';
}

/** A profile's evidence as observations of one host, the way a scan would hold them. */
export async function collectEvidence(lab: LoopbackLab, p: Profile, o: CollectOptions): Promise<Observation[]> {
  const ip = lab.ipOf(p);
  const ev = await collectParsed(ip, p, o);
  const open = sweptPorts(p);
  if (open.length) ev.unshift({ kind: 'host', fields: { alive: true, openPorts: open, reason: 'open' } });
  if (o.network === 'switched') ev.unshift({ kind: 'neigh', fields: { mac: p.mac, state: 'REACHABLE', source: 'lab' } });
  return ev.map((e) => makeObservation(ip, e.kind === 'host' ? 'sweep' : e.kind === 'neigh' ? 'neigh' : 'lab-evidence', e));
}
