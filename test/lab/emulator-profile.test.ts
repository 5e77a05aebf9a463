// Profile schema and loader: every profile in fixtures/devices validates; bad files give one clear line each.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadProfiles, ProfileSchema, profileFiles, type Profile } from '../../src/lab/profile.js';
import { lintProfile } from '../../src/lab/emulator/lint.js';
import { labConfigFromProfiles, parseEmulatorConfig } from '../../src/lab/emulator/config.js';
import { captureDir } from '../helpers/captures.js';
import { fixtureDir } from '../helpers/fixtures.js';

const devicesDir = fixtureDir('devices');
const corpusDir = captureDir('shared');
const vendorsFile = path.resolve(__dirname, '../../fingerprints/vendors.json');

describe('fixtures/devices profiles', () => {
  const loaded = loadProfiles(devicesDir);

  it('all validate and have distinct id, offset and mac', () => {
    expect(loaded.length).toBeGreaterThanOrEqual(3);
    expect(new Set(loaded.map((l) => l.profile.id)).size).toBe(loaded.length);
  });

  it('labConfigFromProfiles gives a valid run config at the default addresses', () => {
    const cfg = labConfigFromProfiles(loaded, { stateDir: '/tmp/x', requestLog: null, ifname: (p) => `d${p.offset}` });
    expect(parseEmulatorConfig(cfg)).toEqual(cfg);
    expect(cfg.devices.map((d) => d.ip)).toEqual(loaded.map((l) => `198.18.0.${10 + l.profile.offset}`));
    expect(cfg.subnet).toBe('198.18.0.0/24');
  });

  it('file name matches the profile id', () => {
    for (const { file, profile } of loaded) expect(path.basename(file).replace(/\.(json|ya?ml)$/, '')).toBe(profile.id);
  });

  it('manufacturer ids exist in fingerprints/vendors.json', () => {
    const ids = new Set((JSON.parse(readFileSync(vendorsFile, 'utf8')) as { vendors: { id: string }[] }).vendors.map((v) => v.id));
    for (const { file, profile } of loaded) {
      if (profile.truth.manufacturer !== null) expect(ids.has(profile.truth.manufacturer), `${file}: ${profile.truth.manufacturer}`).toBe(true);
    }
  });

  it('every corpus source named by a profile exists', () => {
    const text = loaded.map((l) => readFileSync(l.file, 'utf8')).join('\n');
    const refs = [...text.matchAll(/fixtures\/captures\/shared\/([\w.-]+\.json)/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(0);
    for (const r of refs) expect(existsSync(path.join(corpusDir, r)), r).toBe(true);
  });
});

describe('profile lint', () => {
  it('no fixture profile has a lint error (warnings are printed)', () => {
    for (const { file, profile } of loadProfiles(devicesDir)) {
      const items = lintProfile(profile);
      for (const w of items.filter((i) => i.level === 'warning')) console.log(`[lint] ${path.basename(file)} ${w.where}: ${w.message}`);
      expect(items.filter((i) => i.level === 'error').map((i) => `${path.basename(file)} ${i.where}: ${i.message}`)).toEqual([]);
    }
  });

  it('catches a Content-Length longer than the body, a WSD template without {{relatesTo}}, an unserved LOCATION', () => {
    const good = JSON.parse(readFileSync(path.join(devicesDir, 'hikvision-isapi-2.json'), 'utf8'));
    const p = ProfileSchema.parse({
      ...good,
      http: [{ port: 80, routes: [{ path: '/', response: { statusLine: 'HTTP/1.1 200 OK', headers: ['Content-Length: 480'], body: 'short', source: 'x', synthetic: false } }] }],
      wsDiscovery: { template: '<x/>', source: 'x', synthetic: false },
      ssdp: { replies: [{ st: 'upnp:rootdevice', headers: ['LOCATION: http://{{ip}}:49152/d.xml'], source: 'x', synthetic: false }] },
    }) as Profile;
    const items = lintProfile(p);
    const errors = items.filter((i) => i.level === 'error').map((i) => `${i.where}: ${i.message}`);
    expect(errors.some((e) => /^http:80 \/: Content-Length 480/.test(e))).toBe(true);
    expect(errors.some((e) => /^wsDiscovery: template has no \{\{relatesTo\}\}/.test(e))).toBe(true);
    expect(errors.some((e) => /^ssdp\.replies\[0\]: LOCATION port 49152 path \/d\.xml is not served/.test(e))).toBe(true);
    expect(errors.some((e) => /^http:80: no default response/.test(e))).toBe(true);
    expect(errors.some((e) => /^wsDiscovery: ProbeMatch without XAddrs/.test(e))).toBe(true);
    expect(errors).toHaveLength(5);
  });

  it('whole-device checks (issue 23): unserved XAddrs, ONVIF without discovery, mDNS ports, RTSP without OPTIONS/DESCRIBE, malformed descriptions', () => {
    const syn = { source: 'camaudit lint test (synthetic)', synthetic: true, syntheticNote: 'made up for the lint test' };
    const base = { id: 'synthetic-lint', offset: 200, mac: '02:00:5e:00:00:09', truth: { manufacturer: null, brand: null, model: null, firmware: null, deviceType: 'camera', risk: 'unknown', basis: [] } };
    const wherePlusMessage = (x: unknown): string[] => lintProfile(ProfileSchema.parse(x) as Profile).filter((i) => i.level === 'error').map((i) => `${i.where}: ${i.message}`);
    const wsd = { template: '<e xmlns:dn="http://www.onvif.org/ver10/network/wsdl"><r>{{relatesTo}}</r><Types>dn:NetworkVideoTransmitter</Types><XAddrs>http://{{ip}}:8080/onvif/device_service</XAddrs></e>', ...syn };
    expect(wherePlusMessage({ ...base, wsDiscovery: wsd })).toEqual(['wsDiscovery: XAddr http://{{ip}}:8080/onvif/device_service is not an ONVIF device service of this device (add onvif on that port and path)']);
    const onvif = { port: 8080, guard: 'none', operations: {}, firmware: 'gsoap-generic', generated: syn, device: { manufacturer: 'x', model: 'y', firmwareVersion: '1', serialNumber: '1', hardwareId: '1' } };
    expect(wherePlusMessage({ ...base, onvif, http: [{ port: 8080, routes: [], default: { statusLine: 'HTTP/1.1 404 Not Found', headers: [], ...syn } }] })).toEqual([
      'onvif: an ONVIF device service that never answers WS-Discovery (ONVIF devices are discoverable; add wsDiscovery)',
      'onvif: stream URIs name RTSP port 554, which the device does not serve',
    ]);
    const rtspOk = { OPTIONS: { statusLine: 'RTSP/1.0 200 OK', headers: ['CSeq: {{cseq}}', 'Public: OPTIONS, DESCRIBE'], ...syn }, DESCRIBE: { statusLine: 'RTSP/1.0 401 Unauthorized', headers: ['CSeq: {{cseq}}'], ...syn } };
    expect(wherePlusMessage({ ...base, wsDiscovery: wsd, onvif, http: [{ port: 8080, routes: [], default: rtspOk.DESCRIBE }], rtsp: [{ port: 554, responses: rtspOk, default: rtspOk.DESCRIBE }] })).toEqual([]);
    expect(wherePlusMessage({ ...base, rtsp: [{ port: 554, responses: { OPTIONS: { ...rtspOk.OPTIONS, headers: ['CSeq: {{cseq}}'] } } }] })).toEqual([
      'rtsp:554 OPTIONS: a 200 to OPTIONS without a Public header',
      "rtsp:554: no DESCRIBE response: give the maker's 401 (its realm) or an SDP",
      'rtsp:554: no default response: other methods would get a silent close',
    ]);
    expect(wherePlusMessage({ ...base, mdns: { hostname: 'h', services: [{ type: '_http._tcp', instance: 'i', port: 8081, txt: [] }], ...syn } })).toEqual(['mdns _http._tcp: SRV port 8081 is not open on the device']);
    const ssdp = { replies: [{ st: 'upnp:rootdevice', headers: ['LOCATION: http://{{ip}}:49152/d.xml'], ...syn }], description: { port: 49152, path: '/d.xml', response: { statusLine: 'HTTP/1.1 200 OK', headers: [], body: '<root><device>', ...syn } } };
    const e = wherePlusMessage({ ...base, ssdp, http: [{ port: 49152, routes: [], default: rtspOk.DESCRIBE }] });
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^ssdp\.replies\[0\]: the description at \/d\.xml is not well-formed XML/);
  });
});

describe('loadProfiles errors', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'emut-prof-'));
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  const dir = mkdtempSync(path.join(base, 'a-'));
  const good = JSON.parse(readFileSync(path.join(devicesDir, 'ezviz-sadp-1.json'), 'utf8'));

  it('names the file and field on one line per bad file', () => {
    writeFileSync(path.join(dir, 'a-bad-mac.json'), JSON.stringify({ ...good, id: 'a', mac: 'ZZ:00:00:00:00:00' }));
    writeFileSync(path.join(dir, 'b-not-json.json'), '{ nope');
    writeFileSync(path.join(dir, 'c-synthetic-no-note.json'), JSON.stringify({ ...good, id: 'c', offset: 7, mac: '00:11:22:33:44:55', sadp: { ...good.sadp, synthetic: true } }));
    let msg = '';
    try {
      loadProfiles(dir);
    } catch (e) {
      msg = (e as Error).message;
    }
    const lines = msg.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/a-bad-mac\.json: mac: mac must be lower-case/);
    expect(lines[1]).toMatch(/b-not-json\.json: not valid JSON/);
    expect(lines[2]).toMatch(/c-synthetic-no-note\.json: sadp\.syntheticNote: synthetic: true needs a syntheticNote/);
  });

  it('rejects duplicate offsets across files', () => {
    const d2 = mkdtempSync(path.join(base, 'b-'));
    writeFileSync(path.join(d2, 'x.json'), JSON.stringify({ ...good, id: 'x' }));
    writeFileSync(path.join(d2, 'y.json'), JSON.stringify({ ...good, id: 'y', mac: '00:11:22:33:44:56' }));
    expect(() => loadProfiles(d2)).toThrow(/y\.json: offset 1 already used by .*x\.json/);
  });

  it('accepts YAML and rejects unknown fields', () => {
    const d3 = mkdtempSync(path.join(base, 'c-'));
    writeFileSync(path.join(d3, 'y.yaml'), `id: y\noffset: 5\nmac: "00:11:22:33:44:57"\ntruth: {manufacturer: null, brand: null, model: null, firmware: null, deviceType: other, risk: none, basis: []}\n`);
    expect(loadProfiles(profileFiles(d3))[0].profile.id).toBe('y');
    expect(ProfileSchema.safeParse({ ...good, colour: 'red' }).success).toBe(false);
  });
});
