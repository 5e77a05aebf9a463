// Neighbour-table parsers against real outputs of each platform's command (fixtures/platform, sources
// in fixtures/platform/SOURCES.md), plus hostile inputs.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseProcNetArp, parseIpNeighJson, parseArpA, parseGetNetNeighbor, parseArpAn, normaliseMac } from '../../src/platform/index.js';
import { fixtureDir } from '../helpers/fixtures.js';

const FIX = fixtureDir('platform');
const fixture = (f: string) => readFileSync(path.join(FIX, f));
const byIp = <T extends { ip: string }>(rows: T[]) => Object.fromEntries(rows.map((r) => [r.ip, r]));

describe('normaliseMac', () => {
  it.each([
    ['AA-BB-CC-DD-EE-FF', 'aa:bb:cc:dd:ee:ff'],
    ['0:c:29:4:37:a4', '00:0c:29:04:37:a4'],
    ['aabb.ccdd.eeff', 'aa:bb:cc:dd:ee:ff'],
    ['AABBCCDDEEFF', 'aa:bb:cc:dd:ee:ff'],
  ])('%s → %s', (raw, want) => expect(normaliseMac(raw)).toBe(want));
  it.each(['00:00:00:00:00:00', '88:1f:a1:xx:xx:xx', '', 'aa:bb:cc:dd:ee', 'aa:bb-cc:dd:ee:ff'])('rejects %j', (raw) => {
    expect(normaliseMac(raw)).toBeNull();
  });
});

describe('Linux /proc/net/arp', () => {
  it('Android 9 capture: two complete entries with their device', () => {
    expect(parseProcNetArp(fixture('linux/proc-net-arp-android9.txt'))).toEqual([
      { ip: '192.168.232.1', mac: '02:00:00:00:01:00', state: 'reachable', source: 'proc-net-arp', iface: 'wlan0' },
      { ip: '192.168.200.1', mac: '8e:8f:aa:c9:d2:8b', state: 'reachable', source: 'proc-net-arp', iface: 'radio0' },
    ]);
  });
  it('lab capture: permanent (0x6), complete (0x2) and incomplete (0x0, no MAC)', () => {
    const rows = byIp(parseProcNetArp(fixture('linux/proc-net-arp-lab-plat.txt')));
    expect(Object.keys(rows).sort()).toEqual(['198.18.77.2', '198.18.77.50', '198.18.77.98', '198.18.77.99']);
    expect(rows['198.18.77.50']).toMatchObject({ mac: '02:00:5e:10:00:50', state: 'permanent' });
    expect(rows['198.18.77.2']).toMatchObject({ mac: 'ba:8d:04:c4:be:3a', state: 'reachable' });
    expect(rows['198.18.77.99']).toMatchObject({ mac: '', state: 'incomplete' });
  });
});

describe('Linux ip -j neigh', () => {
  it('lab capture while resolving: REACHABLE, PERMANENT, INCOMPLETE', () => {
    const rows = byIp(parseIpNeighJson(fixture('linux/ip-j-neigh-lab-plat.json')));
    expect(rows['198.18.77.2']).toEqual({ ip: '198.18.77.2', mac: 'ba:8d:04:c4:be:3a', state: 'reachable', source: 'ip-neigh', iface: 'platcapa' });
    expect(rows['198.18.77.50']).toMatchObject({ mac: '02:00:5e:10:00:50', state: 'permanent' });
    expect(rows['198.18.77.98']).toMatchObject({ mac: '', state: 'incomplete' });
  });
  it('lab capture later: silent addresses end FAILED without a MAC', () => {
    const rows = byIp(parseIpNeighJson(fixture('linux/ip-j-neigh-lab-plat-later.json')));
    expect(rows['198.18.77.99']).toMatchObject({ mac: '', state: 'failed' });
    expect(rows['198.18.77.98']).toMatchObject({ mac: '', state: 'failed' });
  });
  it('skips IPv6 entries and non-arrays', () => {
    expect(parseIpNeighJson('[{"dst":"fe80::1","dev":"eth0","lladdr":"02:00:00:00:00:01","state":["STALE"]}]')).toEqual([]);
    expect(parseIpNeighJson('{"dst":"198.18.0.1"}')).toEqual([]);
    expect(parseIpNeighJson("not json")).toEqual([]);
    expect(parseIpNeighJson('[{"dst":"198.18.0.9","lladdr":"02:00:00:00:00:09","state":["STALE"]},{"dst":"198.18.0.10","lladd')).toHaveLength(1);
  });
});

describe('Windows arp -a (any display language)', () => {
  it('English: interface header, dynamic rows; subnet broadcast (static ff-ff…) dropped', () => {
    const rows = parseArpA(fixture('windows/arp-a-en-thm.txt'));
    expect(rows).toHaveLength(6);
    expect(rows[0]).toEqual({ ip: '10.10.0.1', mac: '02:c8:85:b5:5a:aa', state: 'dynamic', source: 'arp-a', iface: '10.10.204.175' });
    expect(rows.every((r) => r.state === 'dynamic')).toBe(true);
  });
  it('English with trailing spaces: multicast and broadcast pseudo-entries dropped', () => {
    const rows = parseArpA(fixture('windows/arp-a-en-trailing-spaces.txt'));
    expect(rows.map((r) => r.ip)).toEqual(['192.168.7.1', '192.168.7.65', '192.168.7.112', '192.168.7.231']);
  });
  it('German (Schnittstelle / dynamisch / statisch, CRLF)', () => {
    const rows = parseArpA(fixture('windows/arp-a-de-heimnetz.txt'));
    expect(rows).toEqual([{ ip: '192.168.178.1', mac: 'e0:28:6d:7b:fa:91', state: 'dynamic', source: 'arp-a', iface: '192.168.178.75' }]);
  });
  it('French (Interface : / dynamique / statique), two interfaces', () => {
    const rows = parseArpA(fixture('windows/arp-a-fr-tp3.txt'));
    expect(rows.map((r) => [r.ip, r.mac, r.state, r.iface])).toEqual([
      ['10.33.65.63', '44:af:28:c3:6a:9f', 'dynamic', '10.33.77.167'],
      ['10.33.73.77', '98:8d:46:c4:fa:e5', 'dynamic', '10.33.77.167'],
      ['10.33.77.160', 'c8:94:02:f8:ab:97', 'dynamic', '10.33.77.167'],
      ['10.33.79.254', '7c:5a:1c:d3:d8:76', 'dynamic', '10.33.77.167'],
    ]);
  });
  it('Korean (인터페이스 / 동적 / 정적)', () => {
    const rows = parseArpA(fixture('windows/arp-a-ko-canfly94.txt'));
    expect(rows.map((r) => [r.ip, r.state, r.iface])).toEqual([
      ['172.30.1.254', 'dynamic', '172.30.1.57'],
      ['169.254.28.101', 'dynamic', '192.168.137.1'],
    ]);
  });
  it('a type word arriving garbled from the console code page still maps by its stem', () => {
    const text = 'Interfaz: 10.0.0.5 --- 0xb\r\n  10.0.0.1              00-11-22-33-44-55     din\uFFFDmico\r\n  10.0.0.9              00-11-22-33-44-66     est\uFFFDtico\r\n';
    expect(parseArpA(text).map((r) => r.state)).toEqual(['dynamic', 'static']);
  });
});

describe('Windows Get-NetNeighbor', () => {
  it('default table: IPv6 and multicast/broadcast dropped, rows with an empty LinkLayerAddress do not shift columns', () => {
    const rows = parseGetNetNeighbor(fixture('windows/get-netneighbor-es-blog.txt'));
    expect(rows).toEqual([{ ip: '192.168.1.1', mac: '84:aa:9c:41:18:f9', state: 'reachable', source: 'get-netneighbor', iface: '16' }]);
  });
  it('Unreachable entries keep their IP but carry no MAC', () => {
    const rows = byIp(parseGetNetNeighbor(fixture('windows/get-netneighbor-unreachable.txt')));
    expect(rows['192.168.1.2']).toMatchObject({ mac: '', state: 'unreachable' });
    expect(rows['192.168.1.1']).toMatchObject({ mac: '60:31:92:11:8d:d0', state: 'reachable' });
    expect(rows['224.0.0.22']).toBeUndefined();
  });
  it('a Permanent unicast entry is a device', () => {
    const rows = byIp(parseGetNetNeighbor(fixture('windows/get-netneighbor-hyperv.txt')));
    expect(rows['172.20.64.204']).toMatchObject({ mac: '00:15:5d:00:3f:28', state: 'permanent' });
  });
  it('the JSON readNeighbours asks for: array, single object, numeric State', () => {
    const arr = '[{"IPAddress":"198.18.0.7","LinkLayerAddress":"00-15-5D-25-01-8D","State":"Stale","InterfaceAlias":"Ethernet"}]';
    expect(parseGetNetNeighbor(arr)).toEqual([{ ip: '198.18.0.7', mac: '00:15:5d:25:01:8d', state: 'stale', source: 'get-netneighbor', iface: 'Ethernet' }]);
    expect(parseGetNetNeighbor('\uFEFF{"IPAddress":"198.18.0.8","LinkLayerAddress":"","State":1}')).toEqual([
      { ip: '198.18.0.8', mac: '', state: 'incomplete', source: 'get-netneighbor' },
    ]);
  });
  it('JSON cut mid-array keeps every whole entry before the cut (not an empty table)', () => {
    const cut = '[{"IPAddress":"198.18.0.7","LinkLayerAddress":"00-15-5D-25-01-8D","State":"Stale"},{"IPAddress":"198.18.0.9","LinkL';
    expect(parseGetNetNeighbor(cut).map((r) => r.ip)).toEqual(['198.18.0.7']);
  });
});

describe('macOS / BSD arp -an', () => {
  it('macOS 15: leading-zero-less MAC padded; broadcast and permanent multicast dropped', () => {
    expect(parseArpAn(fixture('macos/arp-an-macos-15.7.9.txt'))).toEqual([
      { ip: '198.51.100.1', mac: '12:34:56:00:a0:20', state: 'dynamic', source: 'arp-an', iface: 'en0' },
    ]);
  });
  it('macOS 10.12', () => {
    expect(parseArpAn(fixture('macos/arp-an-macos-10.12.6.txt')).map((r) => r.mac)).toEqual(['52:54:00:12:35:02', '52:54:00:12:35:03']);
  });
  it('(incomplete) entries kept without MAC; redacted MACs skipped, not guessed', () => {
    const rows = parseArpAn(fixture('macos/arp-a-high-sierra-incomplete.txt'));
    expect(rows.map((r) => [r.ip, r.state])).toEqual([
      ['192.168.1.2', 'incomplete'],
      ['192.168.1.5', 'incomplete'],
      ['192.168.1.7', 'incomplete'],
    ]);
  });
  it('airport capture: short octets', () => {
    expect(parseArpAn(fixture('macos/arp-a-local-devices-airport.txt'))[3]).toMatchObject({ ip: '100.68.1.13', mac: '8c:85:90:e6:06:88' });
  });
  it('FreeBSD: permanent and expiring entries', () => {
    const rows = byIp(parseArpAn(fixture('bsd/arp-a-freebsd11.txt')));
    expect(rows['10.0.2.15']).toMatchObject({ state: 'permanent', iface: 'em0' });
    expect(rows['10.0.2.2']).toMatchObject({ state: 'dynamic', mac: '52:54:00:12:35:02' });
  });
  it('Linux net-tools form ([ether] PERM, <incomplete>)', () => {
    const text = '? (198.18.0.2) at 02:00:00:00:00:02 [ether] PERM on eth0\n? (198.18.0.3) at <incomplete> on eth0\n';
    expect(parseArpAn(text).map((r) => [r.ip, r.state])).toEqual([
      ['198.18.0.2', 'permanent'],
      ['198.18.0.3', 'incomplete'],
    ]);
  });
});

describe('hostile input', () => {
  const parsers = { parseProcNetArp, parseIpNeighJson, parseArpA, parseGetNetNeighbor, parseArpAn };
  it.each(Object.entries(parsers))('%s: a 4 MB line of spaces and a binary blob return fast without throwing', (_name, parse) => {
    const t0 = Date.now();
    expect(parse(' '.repeat(4 * 1024 * 1024))).toEqual([]);
    expect(() => parse(Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 131) % 256)))).not.toThrow();
    expect(Date.now() - t0).toBeLessThan(2000);
  });
  // Either cap may bite first: 65 536 entries, or 4 MB of input (the JSON form is the wordiest).
  it.each(Object.entries(parsers))('%s: a 200 000-row table is cut at 65 536 entries or 4 MB', (name, parse) => {
    const n = 200_000;
    const ip = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${(i & 255) || 1}`;
    const mac = (i: number) => `02:00:00:${((i >> 16) & 255).toString(16)}:${((i >> 8) & 255).toString(16)}:${(i & 255).toString(16)}`;
    let text: string;
    if (name === 'parseIpNeighJson') text = JSON.stringify(Array.from({ length: n }, (_, i) => ({ dst: ip(i), lladdr: mac(i), state: ['STALE'] })));
    else if (name === 'parseProcNetArp') text = Array.from({ length: n }, (_, i) => `${ip(i)} 0x1 0x2 ${mac(i)} * eth0`).join('\n');
    else if (name === 'parseArpA') text = Array.from({ length: n }, (_, i) => `  ${ip(i)}  ${mac(i).replace(/:/g, '-')}  dynamic`).join('\n');
    else if (name === 'parseGetNetNeighbor') text = 'ifIndex IPAddress LinkLayerAddress State PolicyStore\n' + Array.from({ length: n }, (_, i) => `1 ${ip(i)} ${mac(i).replace(/:/g, '-')} Stale ActiveStore`).join('\n');
    else text = Array.from({ length: n }, (_, i) => `? (${ip(i)}) at ${mac(i)} on en0 ifscope [ethernet]`).join('\n');
    const rows = parse(text);
    expect(rows.length).toBeLessThanOrEqual(65_536);
    expect(rows.length).toBeGreaterThan(60_000);
  });
  it('script in an interface name is carried as data, never interpreted', () => {
    const rows = parseArpAn('? (198.18.0.2) at 02:00:00:00:00:02 on <script>alert(1)</script> ifscope [ethernet]');
    expect(rows[0].iface).toBe('<script>alert(1)</script>');
  });
});
