// The whole-device ONVIF service (issue 23), on loopback: generated device and media service per firmware family,
// the device clock and its WS-Security replay window, refusals in the maker's form, WS-Discovery probe matching,
// SSDP NOTIFY derivation, and a SYNTHETIC 4-channel recorder whose channels appear as ONVIF video sources,
// profiles and stream URIs (the recorder work of issue 19 builds on this). Every profile here is synthetic.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/lab/emulator/emulator.js';
import { tcpExchange, udpExchange } from '../../src/lab/emulator/selfcheck.js';
import { probeMatches, ssdpNotifies } from '../../src/lab/emulator/discovery-replies.js';
import { sofiaHash, tzOffsetMinutes } from '../../src/lab/emulator/onvif-service.js';
import { ProfileSchema } from '../../src/lab/profile.js';
import { parse as parseOnvif } from '../../src/parsers/onvif.js';
import { deviceClockOffsetMs } from '../../src/creds/onvif-auth.js';

const work = mkdtempSync(path.join(tmpdir(), 'emut-onvif-'));
const syn = { source: 'camaudit emulator test (synthetic)', synthetic: true, syntheticNote: 'made up for the ONVIF service test' };
const truth = { manufacturer: null, brand: null, model: null, firmware: null, deviceType: 'nvr', risk: 'unknown', basis: [] };
const device = { manufacturer: 'SYN', model: 'SYN-NVR-4', firmwareVersion: '1.0', serialNumber: 'S1', hardwareId: '1' };
const rtsp = [{ port: 554, responses: { OPTIONS: { statusLine: 'RTSP/1.0 200 OK', headers: ['CSeq: {{cseq}}', 'Public: OPTIONS, DESCRIBE'], ...syn }, DESCRIBE: { statusLine: 'RTSP/1.0 401 Unauthorized', headers: ['CSeq: {{cseq}}'], ...syn } } }];
const wsd = (types: string, scopes: string) => ({ template: `<e xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><r>{{relatesTo}}</r><Types>${types}</Types><Scopes>${scopes}</Scopes><XAddrs>http://{{ip}}/onvif/device_service</XAddrs></e>`, ...syn });
const channels = [1, 2, 3, 4].map((id) => ({ id, main: { width: 1920, height: 1080 }, sub: { width: 640, height: 360 } }));

const profiles = [
  {
    id: 'synthetic-hik-nvr', offset: 201, mac: '02:00:5e:30:00:01', truth, credentials: { username: 'u', password: 'p-hik' },
    onvif: { port: 80, guard: 'wsse-or-http-digest', operations: {}, firmware: 'hikvision', generated: syn, device, clock: { offsetSeconds: 3600, timezone: 'CST-8:00:00', replayWindowSeconds: 60 } },
    channels, rtsp, wsDiscovery: wsd('dn:NetworkVideoTransmitter tds:Device', 'onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/SYN'),
  },
  {
    id: 'synthetic-dahua-cam', offset: 202, mac: '02:00:5e:30:00:02', truth, credentials: { username: 'u', password: 'p-dh' },
    onvif: { port: 80, guard: 'wsse-digest', operations: {}, firmware: 'dahua', generated: syn, device },
    rtsp, wsDiscovery: wsd('dn:NetworkVideoTransmitter', 'onvif://www.onvif.org/name/SYN'),
  },
  {
    id: 'synthetic-xm-cam', offset: 203, mac: '02:00:5e:30:00:03', truth,
    onvif: { port: 8899, guard: 'none', operations: {}, firmware: 'xiongmai', generated: syn, device },
    rtsp, wsDiscovery: wsd('dn:NetworkVideoTransmitter tds:Device', 'onvif://www.onvif.org/name/NVT'),
  },
];
const ipOf = (i: number) => `127.43.93.${10 + i}`;
let emu: RunningEmulator;

beforeAll(async () => {
  const devices = profiles.map((p, i) => {
    const file = path.join(work, `${p.id}.json`);
    writeFileSync(file, JSON.stringify(p));
    return { id: p.id, profileFile: file, ip: ipOf(i), mac: p.mac, ifname: 'lo' };
  });
  emu = await startEmulator({ devices, subnet: '198.18.0.0/24', scannerIp: '198.18.0.2', stateDir: work, requestLog: null, multicast: false, wsdMaxDelayMs: 5 }, { keepLogInMemory: 1000 });
});
afterAll(async () => {
  await emu?.stop();
  rmSync(work, { recursive: true, force: true });
});

const TDS = 'http://www.onvif.org/ver10/device/wsdl';
const TRT = 'http://www.onvif.org/ver10/media/wsdl';
function wsse(user: string, pass: string, created: string): string {
  const nonce = randomBytes(16);
  const digest = createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created), Buffer.from(pass)])).digest('base64');
  return `<s:Header><Security xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><UsernameToken><Username>${user}</Username><Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">${digest}</Password><Nonce>${nonce.toString('base64')}</Nonce><Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">${created}</Created></UsernameToken></Security></s:Header>`;
}
async function soap(ip: string, port: number, pathName: string, op: string, inner = '', header = ''): Promise<{ status: number; head: string; body: string }> {
  const body = `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">${header}<s:Body><${op} xmlns="${pathName.includes('ice_service') ? TDS : TRT}">${inner}</${op}></s:Body></s:Envelope>`;
  const req = `POST ${pathName} HTTP/1.1\r\nHost: ${ip}\r\nContent-Type: application/soap+xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  const got = (await tcpExchange({ host: ip, port, request: req, timeoutMs: 2000 })).data.toString('utf8');
  const i = got.indexOf('\r\n\r\n');
  return { status: Number(/^HTTP\/1\.1 (\d{3})/.exec(got)?.[1] ?? 0), head: got.slice(0, i), body: got.slice(i + 4) };
}

describe('generated ONVIF service', () => {
  it('GetSystemDateAndTime reports the device clock (offset and time zone), and the scanner reads the offset from it', async () => {
    const r = await soap(ipOf(0), 80, '/onvif/device_service', 'GetSystemDateAndTime');
    expect(r.status).toBe(200);
    const ev = parseOnvif(r.body)[0]!;
    expect(ev.fields.timezone).toBe('CST-8:00:00');
    const skew = Date.parse(String(ev.fields.utcDateTime)) - Date.now();
    expect(Math.abs(skew - 3600_000)).toBeLessThan(5000);
    expect(/<tt:LocalDateTime><tt:Time><tt:Hour>(\d+)</.exec(r.body)?.[1]).toBe(String(new Date(Date.now() + 3600_000 + 8 * 3600_000).getUTCHours()));
    const offset = deviceClockOffsetMs({ ip: ipOf(0), openPorts: [80], observations: [{ host: ipOf(0), module: 'onvif', kind: 'onvif', fields: ev.fields, at: new Date().toISOString() }] } as never);
    expect(Math.abs(offset - 3600_000)).toBeLessThan(5000);
  });

  it('replay window: a WS-Security token stamped in host time is refused, one stamped in device time accepted', async () => {
    const hostTime = await soap(ipOf(0), 80, '/onvif/device_service', 'GetDeviceInformation', '', wsse('u', 'p-hik', new Date().toISOString()));
    expect(hostTime.status).toBe(401); // Hikvision refuses with its 401 page and Digest challenges
    expect(hostTime.body).toContain('Access Error: 401 -- Unauthorized');
    expect(hostTime.head.match(/^WWW-Authenticate: Digest /gim)).toHaveLength(2);
    const deviceTime = await soap(ipOf(0), 80, '/onvif/device_service', 'GetDeviceInformation', '', wsse('u', 'p-hik', new Date(Date.now() + 3600_000).toISOString()));
    expect(deviceTime.status).toBe(200);
    expect(deviceTime.body).toContain('<tds:Manufacturer>SYN</tds:Manufacturer>');
    const note = emu.log.entries().find((e) => e.device === 'synthetic-hik-nvr' && e.note?.includes('WS-Security Created'));
    expect(note?.note).toMatch(/from the device clock \(window 60 s\)/);
  });

  it('a recorder: one video source per channel, main and sub profile each, stream URIs per channel in the maker form', async () => {
    const auth = () => wsse('u', 'p-hik', new Date(Date.now() + 3600_000).toISOString());
    const sources = await soap(ipOf(0), 80, '/onvif/Media', 'GetVideoSources', '', auth());
    expect([...sources.body.matchAll(/<trt:VideoSources token="(VideoSource_\d)"/g)].map((m) => m[1])).toEqual(['VideoSource_1', 'VideoSource_2', 'VideoSource_3', 'VideoSource_4']);
    const prof = await soap(ipOf(0), 80, '/onvif/Media', 'GetProfiles', '', auth());
    const tokens = [...prof.body.matchAll(/<trt:Profiles token="([^"]+)"/g)].map((m) => m[1]);
    expect(tokens).toEqual(['Profile_101', 'Profile_102', 'Profile_201', 'Profile_202', 'Profile_301', 'Profile_302', 'Profile_401', 'Profile_402']);
    const uri = await soap(ipOf(0), 80, '/onvif/Media', 'GetStreamUri', '<ProfileToken>Profile_302</ProfileToken>', auth());
    expect(/<tt:Uri>([^<]+)</.exec(uri.body)?.[1]).toBe(`rtsp://${ipOf(0)}:554/Streaming/Channels/302?transportmode=unicast&amp;profile=Profile_302`);
    const none = await soap(ipOf(0), 80, '/onvif/Media', 'GetStreamUri', '<ProfileToken>Profile_909</ProfileToken>', auth());
    expect(none.status).toBe(400);
    expect(none.body).toContain('ter:NoProfile');
  });

  it('GetServices and GetCapabilities list exactly the services served (device, media) at their XAddrs', async () => {
    const s = await soap(ipOf(1), 80, '/onvif/device_service', 'GetServices', '<IncludeCapability>true</IncludeCapability>');
    expect([...s.body.matchAll(/<tds:XAddr>([^<]+)</g)].map((m) => m[1])).toEqual([`http://${ipOf(1)}/onvif/device_service`, `http://${ipOf(1)}/onvif/media_service`]);
    const c = await soap(ipOf(1), 80, '/onvif/device_service', 'GetCapabilities', '<Category>All</Category>');
    expect([...c.body.matchAll(/<tt:XAddr>([^<]+)</g)].map((m) => m[1])).toEqual([`http://${ipOf(1)}/onvif/device_service`, `http://${ipOf(1)}/onvif/media_service`]);
    expect(c.body.startsWith('<?xml version="1.0" encoding="utf-8" standalone="yes" ?><s:Envelope')).toBe(true); // Dahua's envelope form
  });

  it('refusals and unknown calls in the firmware form: Dahua NotAuthorized (400), ActionNotSupported (500)', async () => {
    const r = await soap(ipOf(1), 80, '/onvif/device_service', 'GetDeviceInformation');
    expect(r.status).toBe(400);
    expect(r.body).toMatch(/<s:Subcode><s:Value>ter:NotAuthorized<\/s:Value>/);
    const u = await soap(ipOf(1), 80, '/onvif/device_service', 'GetCamauditNoSuchCall', '', wsse('u', 'p-dh', new Date().toISOString()));
    expect(u.status).toBe(500);
    expect(u.body).toContain('ter:ActionNotSupported');
    const bad = await soap(ipOf(1), 80, '/onvif/device_service', 'GetDeviceInformation', '', wsse('u', 'wrong', new Date().toISOString()));
    expect(bad.status).toBe(400);
  });

  it('Xiongmai answers every call without credentials, and its stream URI carries the XM hash of the password', async () => {
    const r = await soap(ipOf(2), 8899, '/onvif/media_service', 'GetStreamUri', '<ProfileToken>PROFILE_000</ProfileToken>');
    expect(r.status).toBe(200);
    expect(r.head).toMatch(/^Server: hsoap\/2\.8$/m);
    expect(/<tt:Uri>([^<]+)</.exec(r.body)?.[1]).toBe(`rtsp://${ipOf(2)}:554/user=admin_password=tlJwpbo6_channel=0_stream=0.sdp?real_stream`);
    // python-dvr's sofia_hash of the empty password is the well-known tlJwpbo6.
    expect(sofiaHash('', (s) => createHash('md5').update(s).digest())).toBe('tlJwpbo6');
  });
});

describe('WS-Discovery probe matching (WS-Discovery 2005/04 §5.1)', () => {
  const probe = (types: string, scopes = '', decl = 'xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:pub="http://schemas.microsoft.com/windows/pub/2005/07"') =>
    `<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery" ${decl}><s:Header><a:MessageID>urn:uuid:1</a:MessageID></s:Header><s:Body><d:Probe>${types ? `<d:Types>${types}</d:Types>` : ''}${scopes ? `<d:Scopes>${scopes}</d:Scopes>` : ''}</d:Probe></s:Body></s:Envelope>`;
  const tmpl = wsd('dn:NetworkVideoTransmitter tds:Device', 'onvif://www.onvif.org/type/video_encoder onvif://www.onvif.org/name/SYN').template;

  it('matches by namespace and local name; every probe type must be one of the device types; scopes match by segment prefix', () => {
    expect(probeMatches(probe('dn:NetworkVideoTransmitter'), tmpl)).toBe(true);
    expect(probeMatches(probe(''), tmpl)).toBe(true);
    expect(probeMatches(probe('pub:Computer'), tmpl)).toBe(false);
    expect(probeMatches(probe('dn:NetworkVideoTransmitter pub:Computer'), tmpl)).toBe(false);
    expect(probeMatches(probe('x:NetworkVideoTransmitter', '', 'xmlns:x="urn:other"'), tmpl)).toBe(false);
    expect(probeMatches(probe('', 'onvif://www.onvif.org/type'), tmpl)).toBe(true);
    expect(probeMatches(probe('', 'onvif://www.onvif.org/name/OTHER'), tmpl)).toBe(false);
    expect(probeMatches(probe('', 'onvif://www.onvif.org/nam'), tmpl)).toBe(false);
  });

  it('a device answers the NVT probe and stays silent to pub:Computer (as a real camera does)', async () => {
    const nvt = await udpExchange({ to: ipOf(1), port: 3702, payload: Buffer.from(probe('dn:NetworkVideoTransmitter')), waitMs: 100 });
    expect(nvt).toHaveLength(1);
    const computer = await udpExchange({ to: ipOf(1), port: 3702, payload: Buffer.from(probe('pub:Computer')), waitMs: 100 });
    expect(computer).toHaveLength(0);
    // synthetic-dahua-cam lists only dn:NetworkVideoTransmitter: a probe for tds:Device too is not its to answer.
    const both = await udpExchange({ to: ipOf(1), port: 3702, payload: Buffer.from(probe('dn:NetworkVideoTransmitter tds:Device', '', 'xmlns:dn="http://www.onvif.org/ver10/network/wsdl" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"')), waitMs: 100 });
    expect(both).toHaveLength(0);
  });
});

describe('SSDP NOTIFY and clock helpers', () => {
  it('derives ssdp:alive NOTIFY from a reply: start line, HOST first, ST renamed NT, NTS after it, EXT/DATE dropped, CRLF', () => {
    const p = ProfileSchema.parse({
      id: 'synthetic-ssdp', offset: 204, mac: '02:00:5e:30:00:04', truth,
      ssdp: { replies: [{ st: 'upnp:rootdevice', headers: ['CACHE-CONTROL: max-age=1800', 'DATE: x', 'EXT:', 'LOCATION: http://{{ip}}:49152/d.xml', 'SERVER: S', 'ST: upnp:rootdevice', 'USN: uuid:1::upnp:rootdevice'], ...syn }] },
    });
    const [n] = ssdpNotifies(p.ssdp!, { ip: '198.18.0.9' });
    expect(n!.toString()).toBe('NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\nLOCATION: http://198.18.0.9:49152/d.xml\r\nSERVER: S\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\nUSN: uuid:1::upnp:rootdevice\r\n\r\n');
  });

  it('reads POSIX time zones east of UTC', () => {
    expect(tzOffsetMinutes('CST-8:00:00')).toBe(480);
    expect(tzOffsetMinutes('EST5EDT')).toBe(-300);
    expect(tzOffsetMinutes('IST-5:30')).toBe(330);
    expect(tzOffsetMinutes('GMT0')).toBe(0);
  });
});
