// The scan path reads a fetched body as a document too (issue 14 item 2): the HTTP banner probe and the vendor
// paths emit a `doc` observation with the vendor API shape, and attribution reads it. Loopback servers replay real
// published bodies; the HTTP framing around each is synthetic and says so.
import { afterEach, describe, expect, it } from 'vitest';
import { makeTestContext } from '../helpers/context.js';
import { isRoot } from '../helpers/netns.js';
import { bannerPort } from '../../src/probes/http-banner.js';
import { vendorPathsModule } from '../../src/probes/vendor-paths.js';
import { attributeHost } from '../../src/fingerprint/attribute.js';
import { inspectRequest } from '../../src/probes/never-send.js';
import { closeServers, serve } from './servers.js';

afterEach(closeServers);

const frame = (status: string, type: string, body: string): string => `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;

// GainSec/DigitalAlly-ThermoVu-Uniview-Security-Research NOTES/LAPI.md: the DeviceBasicInfo reply of a Uniview-made ThermoVu.
const LAPI = '{\n  "Response": {\n    "ResponseURL": "/LAPI/V1.0/System/DeviceBasicInfo",\n    "DeviceType": "IPC",\n    "ProductModel": "OET-213H-NB-WH",\n    "SerialNo": "210235B8GR321B000XXX",\n    "FirmwareVersion": "IPC_G6103-B0011P05D1812"\n  }\n}';
// Tedyst/HikLoad issue #7: the userCheck body a Hikvision NVR answers a request without credentials with.
const USERCHECK = '<?xml version="1.0" encoding="UTF-8" ?>\n<userCheck>\n<statusValue>401</statusValue>\n<statusString>Unauthorized</statusString>\n</userCheck>\n';

describe('bodies fetched by the probes are read as documents', () => {
  it('the banner probe: a LAPI JSON body on / gives doc.shape lapi and names Uniview (framing synthetic)', async () => {
    const s = await serve((sock) => sock.end(frame('200 OK', 'application/json', LAPI)));
    const { ctx, observations } = makeTestContext();
    await bannerPort(ctx, s.host, s.port);
    const doc = observations.find((o) => o.kind === 'doc');
    expect(doc?.fields).toMatchObject({ shape: 'lapi', path: '/LAPI/V1.0/System/DeviceBasicInfo', requestPath: '/', model: 'OET-213H-NB-WH', firmware: 'IPC_G6103-B0011P05D1812' });
    expect(doc?.port).toBe(s.port);
    const a = attributeHost(observations);
    expect(a.manufacturer).toBe('uniview');
    expect(a.evidence.map((e) => e.rule)).toContain('body.uniview-lapi');
  });

  it('the banner probe: an HTML page is not a document (no doc observation)', async () => {
    const s = await serve((sock) => sock.end(frame('200 OK', 'text/html', '<html><head><title>Login</title></head><body>x</body></html>')));
    const { ctx, observations } = makeTestContext();
    await bannerPort(ctx, s.host, s.port);
    expect(observations.some((o) => o.kind === 'http')).toBe(true);
    expect(observations.some((o) => o.kind === 'doc')).toBe(false);
  });

  // The vendor paths run on web ports only, so this "device" listens on port 80 of an address of our own (root).
  it.skipIf(!isRoot)('the vendor paths: the LAPI 401 envelope on /LAPI/V1.0/System/DeviceInfo is read as a document; the ISAPI 401 userCheck by the ISAPI parser, once (framing synthetic)', async () => {
    // Uniview's unauthenticated LAPI reply (the envelope of a Uniview camera's 401, as published curl transcripts show it).
    const lapi401 = '{"Response": {"ResponseURL": "/LAPI/V1.0/System/DeviceInfo", "ResponseCode": 3, "SubResponseCode": 0, "ResponseString": "Not Authorized", "StatusCode": 401, "StatusString": "Unauthorized", "Data": "null"}}';
    const s = await serve((sock, req) => {
      const p = /^GET (\S+)/.exec(req)?.[1] ?? '';
      if (p === '/ISAPI/System/deviceInfo') sock.end(frame('401 Unauthorized', 'application/xml', USERCHECK));
      else if (p === '/LAPI/V1.0/System/DeviceInfo') sock.end(frame('401 Unauthorized', 'application/json', lapi401));
      else sock.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
    }, { host: '127.125.31.1', port: 80 });
    const { ctx, observations } = makeTestContext();
    await vendorPathsModule.probeHost!(ctx, { ip: s.host, openPorts: [80], observations: [] });
    const docs = observations.filter((o) => o.kind === 'doc');
    expect(docs.map((d) => [d.fields.shape, d.fields.requestPath])).toEqual([['lapi', '/LAPI/V1.0/System/DeviceInfo']]);
    expect(observations.find((o) => o.kind === 'isapi')?.fields).toMatchObject({ authenticated: false, statusValue: '401' });
    const a = attributeHost(observations);
    // Both makers' API shapes answered: the conflict is reported, not hidden.
    expect(a.evidence.map((e) => e.rule)).toEqual(expect.arrayContaining(['body.uniview-lapi', 'body.hikvision-usercheck']));
    expect(a.conflicts.length).toBeGreaterThan(0);
    for (const r of s.requests) expect(inspectRequest(r).allowed, r).toBe(true);
  });
});
