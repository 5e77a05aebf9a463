// Conformance of the lab (issue 23): clients nobody on the project wrote walk every lab device that advertises a
// service, inside the lab namespace (prefix "conf"): agsh `onvif` 0.8.3 (WS-Discovery, Cam.connect with the lab's
// credentials, GetStreamUri), a dgram SSDP client (M-SEARCH, every LOCATION fetched and parsed, NOTIFY heard) and
// bonjour-service (browse, TCP connect to every advertised port). Per device, each advertised service must answer;
// the totals are printed (clients x devices). Needs root (network namespaces); run under the lab lock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { isRoot } from '../../src/lab/lab.js';
import { startLab, type Lab } from '../helpers/lab.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Walk { endpoint: string; from: string; xaddr: string; credentials: boolean; connected?: boolean; profiles?: number; videoSources?: number; uri?: string; error?: string; warnings?: string[] }
interface SsdpReply { from: string; start: string; st?: string; location?: string; headerCount: number; bareLf: boolean; terminated: boolean; fetch?: { status?: number; error?: string; wellFormed: boolean; xmlError?: string; root: boolean } }
interface Notify { from: string; start: string; headers: Record<string, string>; bareLf: boolean; terminated: boolean }
interface MdnsService { name: string; type: string; address: string; port: number; connect: string }
interface Result { onvif: { endpoints: number; walks: Walk[]; errors: string[] }; ssdp: { replies: SsdpReply[]; notifies: Notify[] }; mdns: { services: MdnsService[]; errors: string[] } }

describe.skipIf(!isRoot())('lab conformance: third-party clients walk every lab device', () => {
  let lab: Lab;
  let result: Result;
  let stderr = '';

  beforeAll(async () => {
    lab = await startLab({ prefix: 'conf', emulator: { ssdpNotifyIntervalMs: 2000 } });
    const creds = Object.fromEntries(lab.devices.filter((d) => d.profile.credentials).map((d) => [d.ip, d.profile.credentials]));
    const r = await lab.exec(process.execPath, [path.join(ROOT, 'test/lab/conformance/clients.mjs'), JSON.stringify({ scannerIp: lab.scannerIp, creds, waitMs: 3000 })], { timeoutMs: 240_000 });
    stderr = r.stderr;
    if (r.code !== 0) throw new Error(`clients exited ${r.code}: ${r.stderr.slice(0, 2000)}`);
    result = JSON.parse(r.stdout) as Result;
  }, 300_000);

  afterAll(async () => {
    await lab?.stop();
  }, 120_000);

  const byIp = (ip: string) => lab.devices.find((d) => d.ip === ip);

  it('agsh onvif: every ONVIF lab device is discovered by WS-Discovery and walked to an rtsp:// stream URI', () => {
    const onvifDevices = lab.devices.filter((d) => d.profile.wsDiscovery);
    const walked = result.onvif.walks;
    const rows = walked.map((w) => `${byIp(w.from)?.id ?? w.from}: ${w.uri ?? `FAILED ${w.error}`} (credentials ${w.credentials}, profiles ${w.profiles ?? '-'}, sources ${w.videoSources ?? '-'})`);
    const ok = walked.filter((w) => /^rtsp:\/\//.test(w.uri ?? ''));
    console.log(`[conformance] agsh onvif 0.8.3: ${result.onvif.endpoints} WS-Discovery endpoints, ${ok.length} walked to GetStreamUri rtsp:// (of ${onvifDevices.length} ONVIF lab devices)\n${rows.join('\n')}`);
    expect(result.onvif.errors, 'discovery errors').toEqual([]);
    expect(result.onvif.endpoints).toBeGreaterThanOrEqual(9);
    expect(new Set(walked.map((w) => w.from))).toEqual(new Set(onvifDevices.map((d) => d.ip)));
    expect(walked.filter((w) => !/^rtsp:\/\//.test(w.uri ?? '')).map((w) => `${byIp(w.from)?.id}: ${w.error}`)).toEqual([]);
    // The URI names the device itself, and the RTSP port it names is the device's own.
    for (const w of ok) {
      const u = new URL(w.uri!);
      const d = byIp(w.from)!;
      expect(u.hostname, d.id).toBe(d.ip);
      expect((d.profile.rtsp ?? []).some((r) => r.port === Number(u.port || 554)), `${d.id} serves RTSP on ${u.port}`).toBe(true);
      expect(w.credentials, `${d.id}: lab credentials used where the profile has them`).toBe(!!d.profile.credentials);
    }
  });

  it('SSDP: every device that speaks SSDP answers M-SEARCH with CRLF replies whose headers a strict client reads; every LOCATION is served and parses', () => {
    const ssdpDevices = lab.devices.filter((d) => d.profile.ssdp);
    const replies = result.ssdp.replies;
    const rows = ssdpDevices.map((d) => {
      const mine = replies.filter((r) => r.from === d.ip);
      return `${d.id}: ${mine.length} replies, ${mine.filter((r) => r.fetch?.wellFormed).length} LOCATION fetched and parsed`;
    });
    const locations = new Set(replies.map((r) => r.location).filter(Boolean));
    const good = replies.filter((r) => r.fetch?.status === 200 && r.fetch.wellFormed && r.fetch.root);
    console.log(`[conformance] SSDP dgram client: ${replies.length} replies from ${new Set(replies.map((r) => r.from)).size}/${ssdpDevices.length} SSDP devices, ${locations.size} LOCATIONs, ${new Set(good.map((r) => r.location)).size} served and well-formed; ${result.ssdp.notifies.length} NOTIFY heard from ${new Set(result.ssdp.notifies.map((n) => n.from)).size} devices\n${rows.join('\n')}`);
    expect(new Set(replies.map((r) => r.from))).toEqual(new Set(ssdpDevices.map((d) => d.ip)));
    for (const d of ssdpDevices) expect(replies.filter((r) => r.from === d.ip).length, d.id).toBe(d.profile.ssdp!.replies.length);
    const lost = replies.filter((r) => r.bareLf || !r.terminated || r.headerCount < 3 || !r.location || !r.st).map((r) => `${byIp(r.from)?.id}: ${r.start} (${r.headerCount} headers)`);
    expect(lost, 'replies a strict client reads no headers from').toEqual([]);
    const badLoc = replies.filter((r) => !(r.fetch?.status === 200 && r.fetch.wellFormed && r.fetch.root)).map((r) => `${byIp(r.from)?.id} ${r.location}: ${JSON.stringify(r.fetch)}`);
    expect(badLoc, 'LOCATIONs not served or not a well-formed description').toEqual([]);
  });

  it('SSDP: every SSDP device announces itself with ssdp:alive NOTIFY, CRLF, naming a LOCATION it serves', () => {
    const ssdpDevices = lab.devices.filter((d) => d.profile.ssdp);
    const n = result.ssdp.notifies;
    expect(new Set(n.map((x) => x.from))).toEqual(new Set(ssdpDevices.map((d) => d.ip)));
    for (const x of n) {
      const id = byIp(x.from)?.id;
      expect(x.start, id).toBe('NOTIFY * HTTP/1.1');
      expect(x.headers.nts, id).toBe('ssdp:alive');
      expect(x.headers.host, id).toBe('239.255.255.250:1900');
      expect(x.headers.nt, id).toBeTruthy();
      expect(x.bareLf || !x.terminated, `${id}: CRLF framing`).toBe(false);
      expect(result.ssdp.replies.some((r) => r.location === x.headers.location && r.fetch?.wellFormed), `${id}: NOTIFY LOCATION ${x.headers.location} is the one the replies name`).toBe(true);
    }
  });

  it('bonjour-service: every mDNS-advertised service is browsed and its port accepts a TCP connection', () => {
    const mdnsDevices = lab.devices.filter((d) => d.profile.mdns);
    const want = mdnsDevices.flatMap((d) => d.profile.mdns!.services.map((s) => `${d.ip}:${s.port}`));
    const services = result.mdns.services;
    console.log(`[conformance] bonjour-service: ${services.length} services browsed, ${services.filter((s) => s.connect === 'connected').length} accepted a TCP connection (want ${want.length})\n${services.map((s) => `${byIp(s.address)?.id ?? s.address} ${s.type} ${s.port}: ${s.connect}`).join('\n')}`);
    expect(result.mdns.errors).toEqual([]);
    expect(new Set(services.map((s) => `${s.address}:${s.port}`))).toEqual(new Set(want));
    expect(services.filter((s) => s.connect !== 'connected').map((s) => `${byIp(s.address)?.id} ${s.type} ${s.port}: ${s.connect}`)).toEqual([]);
  });

  it('the clients ran without crashing', () => {
    expect(stderr).not.toMatch(/\n\s+at .+\(.+:\d+:\d+\)/);
  });
});
