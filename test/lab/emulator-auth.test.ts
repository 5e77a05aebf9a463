// Credentialed endpoints: right credentials → the stored body; wrong → the stored 401 (or ONVIF fault);
// every request counted in the request log with its auth outcome.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/lab/emulator/emulator.js';
import { readRequestLog } from '../../src/lab/emulator/request-log.js';
import { tcpExchange } from '../../src/lab/emulator/selfcheck.js';
import { loadProfileFile } from '../../src/lab/profile.js';
import { deviceProfile } from '../helpers/fixtures.js';

const isapiFile = deviceProfile('hikvision-isapi-2');
const isapi = loadProfileFile(isapiFile);
const ISAPI_IP = '127.43.92.10';
const ONVIF_IP = '127.43.92.11';
const stateDir = mkdtempSync(path.join(tmpdir(), 'emut-auth-'));
const logFile = path.join(stateDir, 'requests.jsonl');

// SYNTHETIC profile: ONVIF behind WS-Security digest (not a device capture).
const syn = { source: 'camaudit emulator test (synthetic)', synthetic: true, syntheticNote: 'made up for the auth test' };
const onvifFile = path.join(stateDir, 'synthetic-onvif-wsse.json');
writeFileSync(
  onvifFile,
  JSON.stringify({
    id: 'synthetic-onvif-wsse',
    offset: 200,
    mac: '02:00:5e:20:00:01',
    truth: { manufacturer: null, brand: null, model: null, firmware: null, deviceType: 'camera', risk: 'unknown', basis: [] },
    credentials: { username: 'onvifuser', password: 'onvif-lab-pass' },
    onvif: {
      port: 80,
      guard: 'wsse-digest',
      operations: {
        GetDeviceInformation: { statusLine: 'HTTP/1.1 200 OK', headers: ['Content-Length: {{contentLength}}', 'Connection: close'], body: '<Manufacturer>SYN</Manufacturer>', ...syn },
      },
    },
  }),
);

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({
    devices: [
      { id: isapi.id, profileFile: isapiFile, ip: ISAPI_IP, mac: isapi.mac, ifname: 'lo' },
      { id: 'synthetic-onvif-wsse', profileFile: onvifFile, ip: ONVIF_IP, mac: '02:00:5e:20:00:01', ifname: 'lo' },
    ],
    subnet: '198.18.0.0/24',
    scannerIp: '198.18.0.2',
    stateDir,
    requestLog: logFile,
    multicast: false,
  });
});
afterAll(async () => {
  await emu?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

const md5 = (s: string): string => createHash('md5').update(s).digest('hex');

async function get(target: string, authorization?: string): Promise<string> {
  const req = `GET ${target} HTTP/1.1\r\nHost: ${ISAPI_IP}\r\nConnection: close\r\n${authorization ? `Authorization: ${authorization}\r\n` : ''}\r\n`;
  return (await tcpExchange({ host: ISAPI_IP, port: 80, request: req })).data.toString('utf8');
}

/** RFC 7616 client response for a challenge. */
function digestAuth(challenge: string, user: string, pass: string, uri: string): string {
  const p = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  const cnonce = randomBytes(8).toString('hex');
  const nc = '00000001';
  const ha1 = md5(`${user}:${p.realm}:${pass}`);
  const ha2 = md5(`GET:${uri}`);
  const response = md5(`${ha1}:${p.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  return `Digest username="${user}", realm="${p.realm}", nonce="${p.nonce}", uri="${uri}", qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"`;
}

describe('ISAPI deviceInfo behind HTTP Digest (hikvision-isapi-2)', () => {
  const uri = '/ISAPI/System/deviceInfo';
  const body = isapi.http![0].routes[0].response.body!;
  const creds = isapi.credentials!;

  it('no credentials → 401 with a Digest challenge; right → 200 + stored body; wrong → 401; stale nonce → 401', async () => {
    const first = await get(uri);
    expect(first).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    const challenge = /WWW-Authenticate: (Digest [^\r\n]+)/.exec(first)![1];

    const ok = await get(uri, digestAuth(challenge, creds.username, creds.password, uri));
    expect(ok.startsWith('HTTP/1.1 200 OK\r\n')).toBe(true);
    expect(ok.endsWith(`\r\n\r\n${body}`)).toBe(true);

    const wrongPass = await get(uri, digestAuth(challenge, creds.username, `${creds.password}x`, uri));
    expect(wrongPass).toMatch(/^HTTP\/1\.1 401 Unauthorized\r\n/);
    expect(wrongPass).not.toContain('<DeviceInfo');

    const wrongUser = await get(uri, digestAuth(challenge, 'admin', creds.password, uri));
    expect(wrongUser).toMatch(/^HTTP\/1\.1 401 /);

    const madeUpNonce = await get(uri, digestAuth(challenge.replace(/nonce="[0-9a-f]+"/, `nonce="${'a'.repeat(32)}"`), creds.username, creds.password, uri));
    expect(madeUpNonce).toMatch(/^HTTP\/1\.1 401 /);

    const basic = await get(uri, `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`);
    expect(basic).toMatch(/^HTTP\/1\.1 401 /); // the guard is Digest only, as on the device
  });

  it('request log counts each request with its auth outcome', async () => {
    await new Promise((r) => setTimeout(r, 100));
    const log = readRequestLog(logFile).filter((e) => e.device === isapi.id && e.path === uri);
    expect(log.map((e) => e.auth)).toEqual(['none', 'ok', 'bad', 'bad', 'bad', 'bad']);
    for (const e of log) {
      expect(e.protocol).toBe('http');
      expect(e.method).toBe('GET');
      expect(e.src).toMatch(/^127\.0\.0\.1:\d+$/);
    }
  });
});

describe('ONVIF behind WS-Security UsernameToken digest (synthetic)', () => {
  const envelope = (user: string, pass: string): string => {
    const nonce = randomBytes(16);
    const created = new Date().toISOString();
    const digest = createHash('sha1').update(Buffer.concat([nonce, Buffer.from(created), Buffer.from(pass)])).digest('base64');
    return (
      '<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Header><Security xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd">' +
      `<UsernameToken><Username>${user}</Username><Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest">${digest}</Password>` +
      `<Nonce EncodingType="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary">${nonce.toString('base64')}</Nonce><Created xmlns="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">${created}</Created></UsernameToken></Security></s:Header>` +
      '<s:Body><GetDeviceInformation xmlns="http://www.onvif.org/ver10/device/wsdl"/></s:Body></s:Envelope>'
    );
  };
  const post = async (body: string): Promise<string> =>
    (
      await tcpExchange({
        host: ONVIF_IP,
        port: 80,
        request: `POST /onvif/device_service HTTP/1.1\r\nHost: ${ONVIF_IP}\r\nContent-Type: application/soap+xml\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      })
    ).data.toString('utf8');

  it('right digest → stored response; wrong password → NotAuthorized fault; logged as ok/bad', async () => {
    const ok = await post(envelope('onvifuser', 'onvif-lab-pass'));
    expect(ok).toBe('HTTP/1.1 200 OK\r\nContent-Length: 32\r\nConnection: close\r\n\r\n<Manufacturer>SYN</Manufacturer>');
    const bad = await post(envelope('onvifuser', 'nope'));
    expect(bad).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(bad).toContain('ter:NotAuthorized');
    const none = await post('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope"><s:Body><GetDeviceInformation/></s:Body></s:Envelope>');
    expect(none).toContain('ter:NotAuthorized');
    await new Promise((r) => setTimeout(r, 100));
    const log = readRequestLog(logFile).filter((e) => e.device === 'synthetic-onvif-wsse');
    expect(log.map((e) => [e.protocol, e.method, e.auth])).toEqual([
      ['onvif', 'GetDeviceInformation', 'ok'],
      ['onvif', 'GetDeviceInformation', 'bad'],
      ['onvif', 'GetDeviceInformation', 'none'],
    ]);
  });

  it('the stored credentials never appear in the request log', () => {
    const text = readFileSync(logFile, 'utf8');
    expect(text).not.toContain('onvif-lab-pass');
    expect(text).not.toContain(isapi.credentials!.password);
  });
});
