// The lab's network side on this machine (root): isolation of the host, per-device MACs, empty addresses,
// multicast across the bridge, crash cleanup; a /20 lab with copies. Prefixes "lnt" and "lntw" are this file's own.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, listNamespaces, readState, downLab, upLab, emulatorCommand, parseLabSubnet, planDevices, type DeviceSource } from '../../src/lab/lab.js';
import { loadProfiles } from '../../src/lab/profile.js';
import { execInNs, startLab, type Lab } from '../helpers/lab.js';
import { fixtureDir } from '../helpers/fixtures.js';

const ROOT = resolve(import.meta.dirname, '../..');

const PREFIX = 'lnt';
const hostView = (): string => ['link', 'route', 'rule'].map((w) => execFileSync('ip', [w], { encoding: 'utf8' })).join('\n---\n');
// Interface counters change on a live host; compare link names/flags/MACs, not statistics.
const stable = (s: string): string => s.replace(/ qlen \d+/g, '');

describe.skipIf(!isRoot())('lab network side', () => {
  let lab: Lab;
  let before: string;
  beforeAll(async () => {
    before = stable(hostView());
    lab = await startLab({ prefix: PREFIX });
  }, 60_000);
  afterAll(async () => { await lab?.stop(); });

  it('every device answers on a port its profile serves, and the scanner sees each device\'s own MAC', async () => {
    // The TCP ports the emulator listens on, per device address (devices with UDP only have none).
    const listening = execFileSync('ip', ['netns', 'exec', lab.devNs, 'ss', '-Hltn'], { encoding: 'utf8' });
    const probes = lab.devices.flatMap((d) => {
      const m = new RegExp(`${d.ip.replace(/\./g, '\\.')}:(\\d+)`).exec(listening);
      return m ? [{ ip: d.ip, port: Number(m[1]) }] : [];
    });
    expect(probes.length).toBeGreaterThan(0);
    const script = `const net=require('net');const ps=${JSON.stringify(probes)};Promise.all(ps.map(p=>new Promise(r=>{const s=net.connect(p.port,p.ip);s.setTimeout(3000);s.on('connect',()=>{s.destroy();r(p.ip+' open')});s.on('error',e=>r(p.ip+' '+e.code));s.on('timeout',()=>{s.destroy();r(p.ip+' timeout')})}))).then(a=>console.log(a.join('\\n')))`;
    const r = await lab.exec(process.execPath, ['-e', script]);
    for (const p of probes) expect(r.stdout).toContain(`${p.ip} open`);
    const neigh = execFileSync('ip', ['-n', lab.scanNs, 'neigh'], { encoding: 'utf8' });
    for (const d of lab.devices.filter((x) => probes.some((p) => p.ip === x.ip))) expect(neigh).toMatch(new RegExp(`^${d.ip.replace(/\./g, '\\.')} dev eth0 lladdr ${d.mac}`, 'm'));
  }, 30_000);

  it('an empty address fails with EHOSTUNREACH (time recorded)', async () => {
    const r = await lab.exec(process.execPath, ['-e', `const t=Date.now();require('net').connect(80,'198.18.0.250').on('error',e=>console.log(e.code,Date.now()-t))`]);
    const [code, ms] = r.stdout.trim().split(' ');
    console.log(`empty address: ${code} after ${ms} ms`);
    expect(code).toBe('EHOSTUNREACH');
    expect(Number(ms)).toBeLessThan(5000);
  }, 15_000);

  it('multicast sent from the scanner (IP_MULTICAST_IF 198.18.0.2) reaches a group member in the device namespace', async () => {
    // A listener of our own in the device namespace on an unused group/port, so the check does not depend on profiles.
    const listener = `const d=require('dgram').createSocket({type:'udp4',reuseAddr:true});d.on('message',(m,r)=>{console.log('got',m.toString(),r.address);process.exit(0)});d.bind(41999,()=>{d.addMembership('239.255.77.77','${lab.devices[0].ip}');console.log('ready')});setTimeout(()=>process.exit(3),5000)`;
    const { spawn } = await import('node:child_process');
    const child = spawn('ip', ['netns', 'exec', lab.devNs, process.execPath, '-e', listener]);
    const exited = new Promise((res) => child.on('exit', res));
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    child.stderr.on('data', (b: Buffer) => { err += b.toString(); });
    const until = Date.now() + 5000;
    while (!out.includes('ready') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(out + err).toContain('ready');
    await lab.exec(process.execPath, ['-e', `const s=require('dgram').createSocket('udp4');s.bind(0,'${lab.scannerIp}',()=>{s.setMulticastInterface('${lab.scannerIp}');s.send('hello-lab',41999,'239.255.77.77',()=>s.close())})`]);
    const code = await exited;
    expect(code).toBe(0);
    expect(out).toContain(`got hello-lab ${lab.scannerIp}`);
  }, 15_000);

  it('down removes both namespaces and the emulator; the host\'s link/route/rule are unchanged; kill -9 of the emulator is cleaned', async () => {
    const pid = readState(PREFIX)!.emulatorPid!;
    expect(pid).toBeGreaterThan(0);
    process.kill(pid, 'SIGKILL'); // a crashed lab
    const again = await startLab({ prefix: PREFIX, devices: [lab.devices[0].id] }); // up cleans the stale lab first
    expect(again.devices).toHaveLength(1);
    await again.stop();
    await downLab(PREFIX);
    expect(listNamespaces().filter((n) => n.startsWith(`${PREFIX}-`))).toEqual([]);
    const alive = (() => { try { return !/State:\s+Z/.test(execFileSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' })); } catch { return false; } })();
    expect(alive).toBe(false);
    expect(stable(hostView())).toBe(before);
  }, 60_000);
});

describe.skipIf(!isRoot())('a routed lab (--routed): the devices one router away', () => {
  let lab: Lab;
  let before: string;
  const ROUTED = 'lntr';
  beforeAll(async () => {
    before = stable(hostView());
    lab = await startLab({ prefix: ROUTED, devices: ['hikvision-rtsp-1', 'axis-vapix-401-1', 'sonos-zps17-1'], routed: true });
  }, 60_000);
  afterAll(async () => { await lab?.stop(); });

  it('the scanner sits in the transit /24, reaches every device through the router, and sees no device MAC', async () => {
    expect(lab.state.routed).toEqual({ rtrNs: `${ROUTED}-rtr`, transit: '198.19.255.0/24', gateway: '198.19.255.1' });
    expect(lab.scannerIp).toBe('198.19.255.2');
    const listening = execFileSync('ip', ['netns', 'exec', lab.devNs, 'ss', '-Hltn'], { encoding: 'utf8' });
    const probes = lab.devices.flatMap((d) => {
      const m = new RegExp(`${d.ip.replace(/\./g, '\\.')}:(\\d+)`).exec(listening);
      return m ? [{ ip: d.ip, port: Number(m[1]) }] : [];
    });
    expect(probes.length).toBe(3); // the RTSP and the HTTP device, and the Sonos player's description port (1400)
    const script = `const net=require('net');const ps=${JSON.stringify(probes)};Promise.all(ps.map(p=>new Promise(r=>{const s=net.connect(p.port,p.ip);s.setTimeout(3000);s.on('connect',()=>{s.destroy();r(p.ip+' open')});s.on('error',e=>r(p.ip+' '+e.code));s.on('timeout',()=>{s.destroy();r(p.ip+' timeout')})}))).then(a=>console.log(a.join('\\n')))`;
    const r = await lab.exec(process.execPath, ['-e', script]);
    for (const p of probes) expect(r.stdout).toContain(`${p.ip} open`);
    const neigh = execFileSync('ip', ['-n', lab.scanNs, 'neigh'], { encoding: 'utf8' });
    expect(neigh).toMatch(/^198\.19\.255\.1 dev eth0 lladdr 02:00:5e:12:00:01/m);
    for (const d of lab.devices) {
      expect(neigh).not.toContain(d.mac);
      expect(neigh).not.toContain(`${d.ip} `);
    }
  }, 30_000);

  it('multicast from the scanner does not cross the router', async () => {
    const listener = `const d=require('dgram').createSocket({type:'udp4',reuseAddr:true});d.on('message',(m,r)=>{console.log('got',m.toString(),r.address);process.exit(0)});d.bind(41998,()=>{d.addMembership('239.255.77.78','${lab.devices[0].ip}');console.log('ready')});setTimeout(()=>process.exit(3),2500)`;
    const { spawn } = await import('node:child_process');
    const child = spawn('ip', ['netns', 'exec', lab.devNs, process.execPath, '-e', listener]);
    const exited = new Promise((res) => child.on('exit', res));
    let out = '';
    child.stdout.on('data', (b: Buffer) => { out += b.toString(); });
    const until = Date.now() + 5000;
    while (!out.includes('ready') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(out).toContain('ready');
    await lab.exec(process.execPath, ['-e', `const s=require('dgram').createSocket('udp4');s.bind(0,'${lab.scannerIp}',()=>{s.setMulticastInterface('${lab.scannerIp}');s.send('hello-lab',41998,'239.255.77.78',()=>s.close())})`]);
    expect(await exited).toBe(3); // timed out: nothing arrived
    expect(out).not.toContain('got');
  }, 15_000);

  it('down removes all three namespaces; the host is unchanged', async () => {
    await lab.stop();
    expect(listNamespaces().filter((n) => n.startsWith(`${ROUTED}-`))).toEqual([]);
    expect(stable(hostView())).toBe(before);
  }, 30_000);
});

describe('lab subnet and device placement (no network)', () => {
  it('takes a /16 to /24 network address inside 198.18.0.0/15 and refuses the rest in one line', () => {
    expect(parseLabSubnet('198.18.0.0/20')).toMatchObject({ bits: 20, maxOffset: 4096 - 12 });
    expect(parseLabSubnet('198.19.16.0/20').cidr).toBe('198.19.16.0/20');
    expect(parseLabSubnet('198.18.0.0/24').maxOffset).toBe(244);
    for (const bad of ['198.18.0.0/25', '198.18.0.0/15', '198.18.1.0/20', '10.0.0.0/24', '198.20.0.0/24', '198.18.0.0', '198.18.0.300/24']) {
      expect(() => parseLabSubnet(bad), bad).toThrow(/^--subnet [^\n]+$/);
    }
  });

  const src: DeviceSource[] = [
    { id: 'a', profileFile: '/x/a.json', offset: 3, mac: 'ac:cc:8e:00:00:01' },
    { id: 'b', profileFile: '/x/b.json', offset: 0, mac: '44:19:b6:00:00:02' },
  ];
  it('--size repeats the profiles as marked copies with distinct MACs under the same OUI, at free offsets', () => {
    const d = planDevices(src, parseLabSubnet('198.18.0.0/24'), { size: 5 });
    expect(d.map((x) => x.id)).toEqual(['a', 'b', 'a.copy1', 'b.copy1', 'a.copy2']);
    expect(d.map((x) => x.offset)).toEqual([3, 0, 1, 2, 4]);
    expect(d.map((x) => x.copyOf ?? null)).toEqual([null, null, 'a', 'b', 'a']);
    expect(new Set(d.map((x) => x.mac)).size).toBe(5);
    for (const x of d) expect(x.mac.slice(0, 8)).toBe(src.find((p) => p.id === (x.copyOf ?? x.id))!.mac.slice(0, 8));
  });
  it('--spread places devices evenly from the first address to near the last; too many devices is refused', () => {
    const net = parseLabSubnet('198.18.0.0/20');
    const d = planDevices(src, net, { size: 4, spread: true });
    expect(d.map((x) => x.offset)).toEqual([0, 1021, 2042, 3063]);
    expect(new Set(planDevices(src, net, { size: 200, spread: true }).map((x) => x.offset)).size).toBe(200);
    expect(() => planDevices(src, parseLabSubnet('198.18.0.0/24'), { size: 246 })).toThrow(/room for 245 devices/);
    expect(() => planDevices(src, net, { size: 0 })).toThrow(/at least 1/);
  });
});

describe.skipIf(!isRoot())('a /20 lab', () => {
  afterAll(async () => { await downLab('lntw'); });

  it('up with 2 profiles as 160 devices spread over 198.18.0.0/20: the scanner reaches the last one in 198.18.15.x; down removes it', async () => {
    const loaded = loadProfiles(fixtureDir('devices'));
    // Two profiles that serve TCP, so a connect proves the path across the /20.
    const tcp = loaded.filter((l) => JSON.stringify(l.profile).includes('"port"')).slice(0, 2);
    expect(tcp).toHaveLength(2);
    const net = parseLabSubnet('198.18.0.0/20');
    // More than 154 devices: per-device routing tables must stay clear of the reserved ids 253-255.
    const devices = planDevices(tcp.map((l) => ({ id: l.profile.id, profileFile: l.file, offset: l.profile.offset, mac: l.profile.mac })), net, { size: 160, spread: true });
    const t0 = performance.now();
    const st = await upLab({ prefix: 'lntw', subnet: net.cidr, devices, responder: emulatorCommand(ROOT), readyTimeoutMs: 90_000 });
    console.log(`/20 lab with 160 devices up in ${Math.round(performance.now() - t0)} ms`);
    expect(st.subnet).toBe('198.18.0.0/20');
    expect(st.devices.slice(0, 4).map((d) => d.ip)).toEqual(['198.18.0.10', '198.18.0.35', '198.18.0.61', '198.18.0.86']);
    const last = st.devices[159];
    expect(last.ip).toBe('198.18.15.229');
    expect(st.devices.filter((d) => d.copyOf)).toHaveLength(158);
    expect(last.copyOf).toBe(tcp[1].profile.id);
    expect(execFileSync('ip', ['-n', st.scanNs, '-4', '-br', 'addr', 'show', 'eth0'], { encoding: 'utf8' })).toContain('198.18.0.2/20');
    const listening = execFileSync('ip', ['netns', 'exec', st.devNs, 'ss', '-Hltn'], { encoding: 'utf8' });
    const port = Number(new RegExp(`${last.ip.replace(/\./g, '\\.')}:(\\d+)`).exec(listening)?.[1]);
    expect(port).toBeGreaterThan(0);
    const r = await execInNs(st.scanNs, process.execPath, ['-e', `require('net').connect(${port},'${last.ip}').on('connect',function(){console.log('open');this.destroy()}).on('error',e=>console.log(e.code))`], { timeoutMs: 20_000 });
    expect(r.stdout.trim()).toBe('open');
    const neigh = execFileSync('ip', ['-n', st.scanNs, 'neigh'], { encoding: 'utf8' });
    expect(neigh).toContain(`${last.ip} dev eth0 lladdr ${last.mac}`);
    await downLab('lntw');
    expect(listNamespaces().filter((n) => n.startsWith('lntw-'))).toEqual([]);
  }, 90_000);
});
