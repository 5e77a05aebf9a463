// The sentinel password, used for a real credentialed ONVIF exchange against a loopback server
// (whose reply echoes the Authorization header), never appears in any report format.
import { describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { onvifAuthModule } from '../../src/creds/onvif-auth.js';
import { DEFAULT_LIMITS, type ScanContext } from '../../src/core/module.js';
import type { Observation } from '../../src/core/observation.js';
import { buildResult } from '../../src/engine/build-result.js';
import { REPORT_FORMATS, renderReport } from '../../src/report/index.js';

const SENTINEL = 'S3ntinel-Pa55-do-not-log';

describe('sentinel password in reports', () => {
  it('absent from every REPORT_FORMATS rendering', async () => {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        // WS-Security required: the unauthenticated probe gets a NotAuthorized fault, the login the echoing reply.
        if (!body.includes('UsernameToken')) {
          res.writeHead(400, { 'Content-Type': 'application/soap+xml' });
          res.end('<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Code><s:Reason><s:Text xml:lang="en">Sender not Authorized</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/soap+xml' });
        res.end(`<?xml version="1.0"?><s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:tds="http://www.onvif.org/ver10/device/wsdl"><s:Body><tds:GetDeviceInformationResponse><tds:Manufacturer>HIKVISION</tds:Manufacturer><tds:Model>DS-2CD2032F-I ${SENTINEL}</tds:Model><tds:FirmwareVersion>V5.4.0 build 160530</tds:FirmwareVersion><tds:SerialNumber>${body.slice(0, 300).replace(/[<>]/g, '')}</tds:SerialNumber></tds:GetDeviceInformationResponse></s:Body></s:Envelope>`);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    const obs: Observation[] = [{ host: '127.0.0.1', module: 'wsd', kind: 'wsd', fields: { xaddrs: [`http://127.0.0.1:${port}/onvif/device_service`] }, at: new Date().toISOString() }];
    const ctx = {
      credentialsFor: () => [{ username: 'admin', password: SENTINEL, label: 'file entry 1' }],
      signal: new AbortController().signal,
      limits: { ...DEFAULT_LIMITS, probeDeadlineMs: 3000 },
      limiter: { run: <T>(_k: string, fn: () => Promise<T>) => fn() },
      emit: (o: Observation) => obs.push(o),
    } as unknown as ScanContext;
    await onvifAuthModule.probeHost!(ctx, { ip: '127.0.0.1', openPorts: [port], observations: [...obs] });
    server.close();
    expect(obs.some((o) => o.kind === 'onvif' && o.fields.authenticated === true)).toBe(true);
    const now = new Date().toISOString();
    const result = buildResult(new Map([['127.0.0.1', obs]]), {
      startedAt: now, finishedAt: now, targets: ['127.0.0.1'], excluded: [], interfaces: [], modules: ['onvif-auth'],
      options: {}, complete: true, stats: {}, hostsScanned: 1, hostsAlive: 1, keepObservations: true,
    });
    expect(result.devices[0]?.vulnerabilities.length).toBeGreaterThan(0);
    for (const f of REPORT_FORMATS) {
      const out = await renderReport(result, f);
      const text = typeof out === 'string' ? out : out.toString('latin1');
      expect(text.length, f).toBeGreaterThan(0);
      expect(text.includes(SENTINEL), f).toBe(false);
    }
  }, 90_000);
});
