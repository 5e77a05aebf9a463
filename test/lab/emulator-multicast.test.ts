// Multicast and broadcast discovery against the emulator, inside private network namespaces of this test
// (prefix `emut-`): a scanner namespace with a bridge (snooping off) and ONE device namespace holding every
// device, each on its own veth with its own MAC, on 198.18.0.0/24 (never the host's interfaces). It also
// proves the recipe that keeps each device's MAC right when many devices share one namespace (arp_ignore=1,
// arp_announce=2, per-source policy routing). Needs root and iproute2; skipped otherwise.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { loadProfileFile } from '../../src/lab/profile.js';
import { readRequestLog } from '../../src/lab/emulator/request-log.js';
import { deviceProfile } from '../helpers/fixtures.js';

const root = path.resolve(__dirname, '../..');
const canRun = process.getuid?.() === 0 && (() => {
  try {
    execFileSync('ip', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const tag = `${process.pid % 100000}`;
const NS_D = `emut-${tag}-d`;
const NS_S = `emut-${tag}-s`;
const BR = `emut${tag}br`;
const work = mkdtempSync(path.join(tmpdir(), 'emut-mc-'));
const ip = (...args: string[]): string => execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

function teardown(): void {
  for (const ns of [NS_D, NS_S]) {
    try {
      ip('netns', 'del', ns);
    } catch {
      /* not there */
    }
  }
}

// SYNTHETIC profile (not a capture) adding the protocols the example fixtures lack: SSDP, mDNS, DVRIP, XM, and a
// second WS-Discovery responder so one multicast Probe must bring two distinct replies.
const syn = { source: 'camaudit emulator test (synthetic)', synthetic: true, syntheticNote: 'made up for the multicast test' };
const synProfile = {
  id: 'synthetic-multicast',
  offset: 220,
  mac: '02:00:5e:30:00:01',
  truth: { manufacturer: null, brand: null, model: null, firmware: null, deviceType: 'camera', risk: 'unknown', basis: [] },
  wsDiscovery: { template: '<e><RelatesTo>{{relatesTo}}</RelatesTo><XAddrs>http://{{ip}}/onvif/device_service</XAddrs></e>', ...syn },
  ssdp: { replies: [{ st: 'upnp:rootdevice', headers: ['LOCATION: http://{{ip}}:80/d.xml', 'ST: upnp:rootdevice'], ...syn }] },
  mdns: { hostname: 'synthetic-mc', services: [{ type: '_http._tcp', instance: 'Synthetic MC', port: 80, txt: ['a=1'] }], ...syn },
  dvrip: { hex: 'b3000041', ...syn },
  xiongmai: { json: '{"NetWork.NetCommon":{"HostName":"syn"}}', ...syn },
};

const fx = deviceProfile;
const devices = [
  { id: 'wsd-hik', file: fx('hikvision-ws-discovery-2'), ip: '198.18.0.10', ifname: `emut${tag}d0`, mac: '02:00:5e:30:01:00' },
  { id: 'sadp-ezviz', file: fx('ezviz-sadp-1'), ip: '198.18.0.11', ifname: `emut${tag}d1`, mac: '02:00:5e:30:01:01' },
  { id: 'dhip-intelbras', file: fx('intelbras-dhip-1'), ip: '198.18.0.12', ifname: `emut${tag}d2`, mac: '02:00:5e:30:01:02' },
  { id: 'synthetic-mc', file: path.join(work, 'synthetic-multicast.json'), ip: '198.18.0.13', ifname: `emut${tag}d3`, mac: '02:00:5e:30:01:03' },
];

// Runs in the scanner namespace: sends each probe and prints what came back, as JSON.
const proberSource = `
import dgram from 'node:dgram';
const wsd = (id) => Buffer.from('<s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"><s:Header><a:MessageID>' + id + '</a:MessageID></s:Header><s:Body><d:Probe/></s:Body></s:Envelope>');
const dhipBody = Buffer.from('{"method":"DHDiscover.search","params":{"mac":"","uni":1}}');
const dhipHdr = Buffer.alloc(32); dhipHdr.writeUInt32LE(0x20, 0); dhipHdr.write('DHIP', 4); dhipHdr.writeUInt32LE(dhipBody.length, 16); dhipHdr.writeUInt32LE(dhipBody.length, 24);
const dvrip = Buffer.alloc(32); dvrip.writeUInt32BE(0xa3010001, 0); dvrip.writeUInt32BE(0x02000000, 16);
const xm = Buffer.alloc(20); xm[0] = 0xff; xm.writeUInt16LE(1530, 14);
const mdnsQ = (id) => { const n = Buffer.from([5, ...Buffer.from('_http'), 4, ...Buffer.from('_tcp'), 5, ...Buffer.from('local'), 0]); return Buffer.concat([Buffer.from([id >> 8, id & 255, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0]), n, Buffer.from([0, 12, 0, 1])]); };
const probes = [
  ['wsd', '239.255.255.250', 3702, wsd('urn:uuid:11111111-2222-3333-4444-555555555555'), 0],
  ['ssdp', '239.255.255.250', 1900, Buffer.from('M-SEARCH * HTTP/1.1\\r\\nHOST: 239.255.255.250:1900\\r\\nMAN: "ssdp:discover"\\r\\nMX: 1\\r\\nST: ssdp:all\\r\\n\\r\\n'), 0],
  ['sadp-mc', '239.255.255.250', 37020, Buffer.from('<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>ABCD-1</Uuid><Types>inquiry</Types></Probe>'), 0],
  ['sadp-bc', '255.255.255.255', 37020, Buffer.from('<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>ABCD-2</Uuid><Types>inquiry</Types></Probe>'), 0],
  ['dhip-mc', '239.255.255.251', 37810, Buffer.concat([dhipHdr, dhipBody]), 0],
  ['dhip-bc', '198.18.0.255', 37810, Buffer.concat([dhipHdr, dhipBody]), 0],
  ['dvrip-bc', '255.255.255.255', 5050, dvrip, 0],
  ['xm-bc', '255.255.255.255', 34569, xm, 0],
  ['mdns-legacy', '224.0.0.251', 5353, mdnsQ(77), 0],
  ['mdns-qm', '224.0.0.251', 5353, mdnsQ(0), 5353],
  ['sadp-unicast', '198.18.0.11', 37020, Buffer.from('<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>ABCD-4</Uuid><Types>inquiry</Types></Probe>'), 0],
  ['wsd-unicast', '198.18.0.13', 3702, wsd('urn:uuid:11111111-2222-3333-4444-666666666666'), 0],
  ['sadp-repeat', '239.255.255.250', 37020, Buffer.from('<?xml version="1.0" encoding="utf-8"?><Probe><Uuid>ABCD-3</Uuid><Types>inquiry</Types></Probe>'), 0, 150],
];
const out = {};
for (const [name, to, port, payload, bindPort, repeatAfter] of probes) {
  out[name] = await new Promise((resolve) => {
    const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
    const got = [];
    const t0 = Date.now();
    s.on('message', (m, r) => got.push({ from: r.address + ':' + r.port, ms: Date.now() - t0, text: m.toString('latin1'), hex: m.toString('hex') }));
    s.bind(bindPort, () => {
      s.setBroadcast(true);
      s.setMulticastInterface('198.18.0.2');
      if (bindPort === 5353) s.addMembership('224.0.0.251', '198.18.0.2');
      s.send(payload, port, to);
      if (repeatAfter) setTimeout(() => s.send(payload, port, to), repeatAfter);
      setTimeout(() => { s.close(); resolve(got.filter((g) => !g.from.startsWith('198.18.0.2:'))); }, 500);
    });
  });
}
console.log(JSON.stringify(out));
`;

type Reply = { from: string; ms: number; text: string; hex: string };
let results: Record<string, Reply[]> = {};
let emulator: ChildProcess | undefined;
const logFile = path.join(work, 'requests.jsonl');

describe.skipIf(!canRun)('multicast and broadcast in a private namespace', () => {
  beforeAll(async () => {
    teardown();
    writeFileSync(devices[3].file, JSON.stringify(synProfile));
    loadProfileFile(devices[3].file); // fail early on a schema slip in this test's own profile
    const entry = path.join(work, 'emulator.mjs');
    await build({
      entryPoints: [path.join(root, 'src/lab/emulator/run.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: entry,
      logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    writeFileSync(path.join(work, 'prober.mjs'), proberSource);
    // Namespaces, bridge and veths are all created inside the namespaces (nothing in the host's).
    ip('netns', 'add', NS_S);
    ip('netns', 'add', NS_D);
    ip('-n', NS_S, 'link', 'add', BR, 'type', 'bridge', 'mcast_snooping', '0');
    for (const d of devices) {
      ip('-n', NS_D, 'link', 'add', d.ifname, 'address', d.mac, 'type', 'veth', 'peer', 'name', `${d.ifname}p`, 'netns', NS_S);
      ip('-n', NS_S, 'link', 'set', `${d.ifname}p`, 'master', BR, 'up');
    }
    ip('-n', NS_S, 'addr', 'add', '198.18.0.2/24', 'brd', '198.18.0.255', 'dev', BR);
    ip('-n', NS_S, 'link', 'set', BR, 'up');
    ip('-n', NS_S, 'link', 'set', 'lo', 'up');
    ip('-n', NS_S, 'route', 'add', '224.0.0.0/4', 'dev', BR);
    ip('-n', NS_S, 'route', 'add', 'default', 'dev', BR);
    ip('-n', NS_D, 'link', 'set', 'lo', 'up');
    // Many devices in one namespace: only the interface holding an address answers ARP for it, ARP uses the
    // outgoing interface's address, and each device's traffic leaves by its own veth (so its own MAC).
    execFileSync('ip', ['netns', 'exec', NS_D, 'sysctl', '-qw', 'net.ipv4.conf.all.arp_ignore=1', 'net.ipv4.conf.all.arp_announce=2']);
    devices.forEach((d, i) => {
      ip('-n', NS_D, 'addr', 'add', `${d.ip}/24`, 'brd', '198.18.0.255', 'dev', d.ifname);
      ip('-n', NS_D, 'link', 'set', d.ifname, 'up');
      ip('-n', NS_D, 'rule', 'add', 'from', d.ip, 'lookup', String(100 + i));
      ip('-n', NS_D, 'route', 'add', '198.18.0.0/24', 'dev', d.ifname, 'src', d.ip, 'table', String(100 + i));
      ip('-n', NS_D, 'route', 'add', '224.0.0.0/4', 'dev', d.ifname, 'table', String(100 + i));
    });
    ip('-n', NS_D, 'route', 'add', '224.0.0.0/4', 'dev', devices[0].ifname);
    const cfg = path.join(work, 'config.json');
    writeFileSync(
      cfg,
      JSON.stringify({
        devices: devices.map((d) => ({ id: d.id, profileFile: d.file, ip: d.ip, mac: d.mac, ifname: d.ifname })),
        subnet: '198.18.0.0/24',
        scannerIp: '198.18.0.2',
        stateDir: work,
        requestLog: logFile,
        // One join per receiver socket: exercises the several-receivers path (the lab has 50 interfaces, Linux
        // allows 20 joins per socket) with the four interfaces of this test.
        membershipsPerSocket: 1,
      }),
    );
    emulator = spawn('ip', ['netns', 'exec', NS_D, process.execPath, entry, cfg], { stdio: ['ignore', 'pipe', 'pipe'] });
    let errText = '';
    emulator.stderr!.on('data', (c: Buffer) => (errText += c.toString()));
    const first = await new Promise<string>((resolve) => {
      let out = '';
      emulator!.stdout!.on('data', (c: Buffer) => {
        out += c.toString();
        if (out.includes('\n')) resolve(out);
      });
      emulator!.on('exit', () => resolve(out || `exited; stderr: ${errText}`));
    });
    expect(first).toBe('READY\n');
    // Let DAD/links settle before probing.
    await new Promise((r) => setTimeout(r, 300));
    results = JSON.parse(execFileSync('ip', ['netns', 'exec', NS_S, process.execPath, path.join(work, 'prober.mjs')], { encoding: 'utf8', timeout: 30_000 })) as Record<string, Reply[]>;
  }, 60_000);

  afterAll(async () => {
    if (emulator && emulator.exitCode === null) {
      emulator.kill('SIGTERM');
      await new Promise((r) => emulator!.once('exit', r));
    }
    teardown();
    rmSync(work, { recursive: true, force: true });
    const left = ip('netns', 'list');
    expect(left).not.toContain(NS_D);
    expect(left).not.toContain(NS_S);
  });

  const froms = (name: string): string[] => (results[name] ?? []).map((r) => r.from).sort();

  it('one WS-Discovery multicast Probe: each WSD device answers once, from its own address and port 3702, within the random delay', () => {
    expect(froms('wsd')).toEqual(['198.18.0.10:3702', '198.18.0.13:3702']);
    for (const r of results.wsd) {
      expect(r.text).toContain('urn:uuid:11111111-2222-3333-4444-555555555555');
      expect(r.ms).toBeLessThan(400);
    }
  });

  it('SSDP multicast M-SEARCH: only the SSDP device answers, once', () => {
    expect(froms('ssdp')).toEqual(['198.18.0.13:1900']);
    expect(results.ssdp[0].text).toBe('HTTP/1.1 200 OK\r\nLOCATION: http://198.18.0.13:80/d.xml\r\nST: upnp:rootdevice\r\n\r\n');
  });

  it('SADP on the multicast group and on 255.255.255.255: the Ezviz answers once each with the probe Uuid', () => {
    expect(froms('sadp-mc')).toEqual(['198.18.0.11:37020']);
    expect(results['sadp-mc'][0].text).toContain('<Uuid>ABCD-1</Uuid>');
    expect(froms('sadp-bc')).toEqual(['198.18.0.11:37020']);
    expect(results['sadp-bc'][0].text).toContain('<Uuid>ABCD-2</Uuid>');
  });

  it('unicast probes reach only the addressed device although shared receivers listen on the same port', () => {
    expect(froms('sadp-unicast')).toEqual(['198.18.0.11:37020']);
    expect(froms('wsd-unicast')).toEqual(['198.18.0.13:3702']);
  });

  it('a scanner repeating a probe 150 ms later is answered again', () => {
    expect(froms('sadp-repeat')).toEqual(['198.18.0.11:37020', '198.18.0.11:37020']);
  });

  it('DHIP on 239.255.255.251 and on the subnet broadcast: the Intelbras answers once each', () => {
    expect(froms('dhip-mc')).toEqual(['198.18.0.12:37810']);
    expect(froms('dhip-bc')).toEqual(['198.18.0.12:37810']);
    expect(Buffer.from(results['dhip-mc'][0].hex, 'hex').toString('latin1', 4, 8)).toBe('DHIP');
  });

  it('DVRIP and Xiongmai limited broadcasts: the synthetic device answers once each', () => {
    expect(froms('dvrip-bc')).toEqual(['198.18.0.13:5050']);
    expect(results['dvrip-bc'][0].hex).toBe('b3000041');
    expect(froms('xm-bc')).toEqual(['198.18.0.13:34569']);
    expect(Buffer.from(results['xm-bc'][0].hex, 'hex').readUInt16LE(14)).toBe(1531);
  });

  it('mDNS: a legacy query gets a unicast answer with its id; a QM query from 5353 gets the answer on the group', () => {
    expect(froms('mdns-legacy')).toEqual(['198.18.0.13:5353']);
    expect(results['mdns-legacy'][0].hex.slice(0, 4)).toBe('004d');
    expect(froms('mdns-qm')).toEqual(['198.18.0.13:5353']);
  });

  it("the scanner's neighbour table has each device's own MAC", () => {
    const neigh = ip('-n', NS_S, 'neigh', 'show', 'dev', BR);
    for (const d of devices) expect(neigh).toMatch(new RegExp(`^${d.ip.replace(/\./g, '\\.')} lladdr ${d.mac} `, 'm'));
  });

  it('the request log names each device once per probe it received', () => {
    const log = readRequestLog(logFile);
    const wsd = log.filter((e) => e.protocol === 'wsd');
    expect(wsd.map((e) => e.device).sort()).toEqual(['synthetic-mc', 'synthetic-mc', 'wsd-hik']); // multicast to both, unicast to one
    for (const e of log) expect(e.src).toMatch(/^198\.18\.0\.2:\d+$/);
  });
});
