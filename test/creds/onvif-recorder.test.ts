// ONVIF on a recorder (issue 19): after the one login GetDeviceInformation takes, a recorder (several video sources
// announced before login) is asked GetVideoSources at the media service it announced, with the same credential; its
// video sources are its channels. Replies are synthetic (built here in the forms of the ONVIF device and media
// WSDLs), the parser's GetCapabilities reading too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onvifAuthModule } from '../../src/creds/onvif-auth.js';
import { DEFAULT_LIMITS, type ScanContext } from '../../src/core/module.js';
import type { Observation } from '../../src/core/observation.js';
import { parse as parseOnvif } from '../../src/parsers/onvif.js';
import { buildResult } from '../../src/engine/build-result.js';

const SENTINEL = 'Onv1f-Rec0rder-do-not-log';
let server: Server;
let port = 0;
const log: { path: string; body: string }[] = [];
const soap = (inner: string) => `<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl" xmlns:trt="http://www.onvif.org/ver10/media/wsdl" xmlns:tt="http://www.onvif.org/ver10/schema"><s:Body>${inner}</s:Body></s:Envelope>`;
const sources = (n: number) => Array.from({ length: n }, (_, i) => `<trt:VideoSources token="VideoSource_${i + 1}"><tt:Framerate>25</tt:Framerate><tt:Resolution><tt:Width>1920</tt:Width><tt:Height>1080</tt:Height></tt:Resolution></trt:VideoSources>`).join('');

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      log.push({ path: req.url ?? '', body });
      const authed = body.includes('<wsse:Username>admin</wsse:Username>');
      res.writeHead(authed ? 200 : 400, { 'Content-Type': 'application/soap+xml' });
      if (!authed) return res.end(soap('<s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Code></s:Fault>'));
      if (body.includes('GetVideoSources')) return res.end(soap(`<trt:GetVideoSourcesResponse>${sources(16)}</trt:GetVideoSourcesResponse>`));
      if (body.includes('GetNetworkInterfaces')) return res.end(soap('<tds:GetNetworkInterfacesResponse/>'));
      res.end(soap('<tds:GetDeviceInformationResponse><tds:Manufacturer>Dahua</tds:Manufacturer><tds:Model>NVR4116HS-EI</tds:Model><tds:FirmwareVersion>4.001.0000000.5.R</tds:FirmwareVersion><tds:SerialNumber>SYNTH0001</tds:SerialNumber><tds:HardwareId>1.00</tds:HardwareId></tds:GetDeviceInformationResponse>'));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('ONVIF recorder channels', () => {
  it('GetCapabilities: the DeviceIO video source count is read before login', () => {
    const caps = parseOnvif(soap(`<tds:GetCapabilitiesResponse><tds:Capabilities><tt:Device><tt:XAddr>http://198.18.0.9/onvif/device_service</tt:XAddr></tt:Device><tt:Extension><tt:DeviceIO><tt:XAddr>http://198.18.0.9/onvif/deviceIO_service</tt:XAddr><tt:VideoSources>16</tt:VideoSources><tt:VideoOutputs>1</tt:VideoOutputs></tt:DeviceIO></tt:Extension></tds:Capabilities></tds:GetCapabilitiesResponse>`))[0]!;
    expect(caps.fields).toMatchObject({ method: 'GetCapabilities', videoSources: 16 });
  });

  it('GetVideoSources at the announced media service with the accepted credential; 16 channels, read with credentials', async () => {
    const out: Observation[] = [];
    const ctx = {
      credentialsFor: () => [{ username: 'admin', password: SENTINEL, label: 'file entry 1' }],
      signal: new AbortController().signal,
      limits: { ...DEFAULT_LIMITS, probeDeadlineMs: 3000 },
      limiter: { run: <T>(_k: string, fn: () => Promise<T>) => fn() },
      emit: (o: Observation) => out.push(o),
    } as unknown as ScanContext;
    const base = `http://127.0.0.1:${port}`;
    const pre: Observation = { host: '127.0.0.1', module: 'onvif', kind: 'onvif', port, fields: { method: 'GetCapabilities', url: `${base}/onvif/device_service`, xaddrs: [`${base}/onvif/device_service`, `${base}/onvif/media_service`], videoSources: 16 }, at: '' };
    await onvifAuthModule.probeHost!(ctx, { ip: '127.0.0.1', openPorts: [port], observations: [pre] });
    // The operation element (local name) and its namespace, whatever prefix dialect the request is written in.
    const op = (b: string) => { const m = /<s:Body[^>]*><(?:\w+:)?(\w+)[^>]*?xmlns(?::\w+)?="([^"]+)"/.exec(b); return m ? `${m[1]} ${m[2]}` : 'none'; };
    const DEV = 'http://www.onvif.org/ver10/device/wsdl';
    expect(log.map((l) => `${l.path} ${op(l.body)}`)).toEqual([
      `/onvif/device_service GetDeviceInformation ${DEV}`,
      `/onvif/device_service GetDeviceInformation ${DEV}`,
      `/onvif/device_service GetNetworkInterfaces ${DEV}`,
      '/onvif/media_service GetVideoSources http://www.onvif.org/ver10/media/wsdl',
    ]);
    const vs = out.find((o) => o.fields.method === 'GetVideoSources')!;
    expect(vs.fields).toMatchObject({ videoSources: 16, authenticated: true });
    expect(JSON.stringify(out)).not.toContain(SENTINEL);
    const r = buildResult(new Map([['127.0.0.1', [pre, ...out]]]), { startedAt: '2026-12-07T00:00:00.000Z', finishedAt: '2026-12-07T00:00:00.000Z', targets: [], excluded: [], interfaces: [], modules: [], options: {}, complete: true, stats: {}, hostsScanned: 1, hostsAlive: 1 });
    expect(r.devices[0]!.recorder).toMatchObject({ channels: 16, capacityBasis: 'reported' });
    expect(r.devices[0]!.recorder!.capacityWhy).toBe('reports 16 channels (onvif.videoSources, read with the credentials given)');
  });
});
