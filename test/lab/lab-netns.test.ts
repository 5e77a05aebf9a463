// The lab's network side on this machine (root): isolation of the host, per-device MACs, empty addresses,
// multicast across the bridge, crash cleanup. Prefix "lnt" is this file's own.
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoot, listNamespaces, readState, downLab } from '../../src/lab/lab.js';
import { startLab, type Lab } from '../helpers/lab.js';

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
