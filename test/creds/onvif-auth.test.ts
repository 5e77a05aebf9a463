// ONVIF with WS-Security digest (and HTTP Digest when demanded) against a loopback server that
// enforces its own test credentials and counts requests. Replies are synthetic (built here).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { onvifAuthModule } from '../../src/creds/onvif-auth.js';
import { DEFAULT_LIMITS, type ScanContext } from '../../src/core/module.js';
import type { Observation } from '../../src/core/observation.js';

const SENTINEL = 'S3ntinel-Pa55-do-not-log';
const md5 = (s: string) => createHash('md5').update(s).digest('hex');
let server: Server;
let port = 0;
let demandDigest = false;
const log: { body: string; auth?: string }[] = [];

function wsseOk(body: string): boolean {
  const pw = /<wsse:Password[^>]*>([^<]+)</.exec(body)?.[1];
  const nonce = /<wsse:Nonce[^>]*>([^<]+)</.exec(body)?.[1];
  const created = /<wsu:Created>([^<]+)</.exec(body)?.[1];
  const user = /<wsse:Username>([^<]+)</.exec(body)?.[1];
  if (!pw || !nonce || !created || user !== 'admin') return false;
  const d = createHash('sha1').update(Buffer.concat([Buffer.from(nonce, 'base64'), Buffer.from(created), Buffer.from(SENTINEL)])).digest('base64');
  return d === pw;
}
function digestOk(a: string | undefined): boolean {
  const p = Object.fromEntries([...(a ?? '').matchAll(/(\w+)="?([^",]*)"?/g)].map((m) => [m[1], m[2]]));
  return p.response === md5(`${md5(`admin:onvif:${SENTINEL}`)}:n2:${p.nc}:${p.cnonce}:auth:${md5(`POST:${p.uri}`)}`);
}
const soap = (inner: string) => `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body>${inner}</s:Body></s:Envelope>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      log.push({ body, auth: req.headers.authorization });
      if (demandDigest && !digestOk(req.headers.authorization)) {
        res.writeHead(401, { 'WWW-Authenticate': 'Digest realm="onvif", qop="auth", nonce="n2"' });
        return res.end();
      }
      if (!wsseOk(body)) {
        res.writeHead(400, { 'Content-Type': 'application/soap+xml' });
        return res.end(soap('<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Code></s:Fault>'));
      }
      res.writeHead(200, { 'Content-Type': 'application/soap+xml' });
      if (body.includes('GetNetworkInterfaces')) return res.end(soap('<tds:GetNetworkInterfacesResponse><tds:NetworkInterfaces token="eth0"><tt:Info><tt:HwAddress>00:11:22:33:44:55</tt:HwAddress></tt:Info></tds:NetworkInterfaces></tds:GetNetworkInterfacesResponse>'));
      res.end(soap(`<tds:GetDeviceInformationResponse><tds:Manufacturer>HIKVISION</tds:Manufacturer><tds:Model>DS-2CD2032F-I</tds:Model><tds:FirmwareVersion>V5.4.0 build 160530</tds:FirmwareVersion><tds:SerialNumber>${req.headers.authorization ?? 'SYNTH'}</tds:SerialNumber><tds:HardwareId>88</tds:HardwareId></tds:GetDeviceInformationResponse>`));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function scan(password: string): Promise<Observation[]> {
  const out: Observation[] = [];
  const ctx = {
    credentialsFor: () => [{ username: 'admin', password, label: 'file entry 1' }],
    signal: new AbortController().signal,
    limits: { ...DEFAULT_LIMITS, probeDeadlineMs: 3000 },
    limiter: { run: <T>(_k: string, fn: () => Promise<T>) => fn() },
    emit: (o: Observation) => out.push(o),
  } as unknown as ScanContext;
  const wsd: Observation = { host: '127.0.0.1', module: 'wsd', kind: 'wsd', fields: { xaddrs: [`http://127.0.0.1:${port}/onvif/device_service`, 'http://192.0.2.1/onvif/device_service'] }, at: '' };
  await onvifAuthModule.probeHost!(ctx, { ip: '127.0.0.1', openPorts: [port], observations: [wsd] });
  return out;
}
const credentialed = () => log.filter((r) => r.body.includes('UsernameToken')).length;

describe.each([false, true])('onvif-auth (HTTP Digest demanded: %s)', (digest) => {
  it('right credential: authenticated model/firmware and MAC; no secret or echoed header stored', async () => {
    demandDigest = digest;
    log.length = 0;
    const out = await scan(SENTINEL);
    const info = out.find((o) => o.kind === 'onvif' && o.fields.method === 'GetDeviceInformation');
    expect(info?.fields).toMatchObject({ model: 'DS-2CD2032F-I', firmwareVersion: 'V5.4.0 build 160530', authenticated: true });
    expect(out.find((o) => o.kind === 'onvif' && o.fields.method === 'GetNetworkInterfaces')).toBeDefined();
    const text = JSON.stringify(out);
    expect(text).not.toContain(SENTINEL);
    expect(text).not.toMatch(/Digest username/i);
  });
  it('wrong credential: "credentials rejected" after exactly one credentialed request', async () => {
    demandDigest = digest;
    log.length = 0;
    const out = await scan('wrong-password');
    expect(out.map((o) => [o.kind, o.fields.outcome])).toEqual([['credential', 'credentials rejected']]);
    expect(credentialed()).toBe(1);
    expect(log).toHaveLength(2);
  });
});
