// `lab up` and `lab down` touch only the namespaces their own state file records (issue 18): `lab down --prefix X`
// deleted any namespace named X-scan/X-dev, whoever made it, and `lab up` began by doing the same. A recorded
// emulator pid is signalled only while it is still that emulator (a reused pid is someone else's process).
// Network namespace test: run under flock /tmp/camaudit-lab.lock. Prefixes zown/zpid/zmine/zemu/zbad are this file's own.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downLab, isRecordedEmulator, isRoot, listNamespaces, readState, stateDirFor, upLab } from '../../src/lab/lab.js';
import { runCli } from '../helpers/cli.js';

const has = (ns: string) => listNamespaces().includes(ns);
const del = (ns: string) => {
  if (has(ns)) execFileSync('ip', ['netns', 'del', ns]);
};

describe.skipIf(!isRoot())('a lab touches only what it recorded', { timeout: 120_000 }, () => {
  afterAll(async () => {
    for (const ns of ['zown-scan', 'zown-dev', 'zmine-scan', 'zmine-dev', 'zbad-scan']) del(ns);
    await downLab('zpid');
    await downLab('zemu');
  });

  it('lab down --prefix zown leaves a stranger\'s zown-scan alone (no state file records it)', async () => {
    execFileSync('ip', ['netns', 'add', 'zown-scan']); // someone else's namespace that happens to share the name
    expect(readState('zown')).toBeNull();
    const r = await downLab('zown');
    expect(r.removed).toEqual([]);
    expect(has('zown-scan')).toBe(true);
    const cli = await runCli(['lab', 'down', '--prefix', 'zown']);
    expect(cli.code).toBe(0);
    expect(has('zown-scan')).toBe(true);
  });

  it('lab up --prefix zown refuses while a stranger\'s zown-scan exists, and leaves it and nothing else behind', async () => {
    expect(has('zown-scan')).toBe(true);
    await expect(upLab({ prefix: 'zown', devices: [], responder: null })).rejects.toThrow(/zown-scan already exists and is not this lab's/);
    expect(has('zown-scan')).toBe(true);
    expect(has('zown-dev')).toBe(false);
    expect(existsSync(stateDirFor('zown'))).toBe(false);
  });

  it('its own lab: up records each namespace it made, down removes exactly those', async () => {
    const st = await upLab({ prefix: 'zmine', devices: [], responder: null });
    expect(st.namespaces).toEqual(['zmine-dev', 'zmine-scan']);
    expect(readState('zmine')?.namespaces).toEqual(['zmine-dev', 'zmine-scan']);
    const r = await downLab('zmine');
    expect(r.removed.sort()).toEqual(['zmine-dev', 'zmine-scan']);
    expect(has('zmine-scan') || has('zmine-dev')).toBe(false);
  });

  it('its own emulator: recorded with its start time, recognised, and stopped by down', async () => {
    // A stand-in responder (node printing READY); the lab passes it the config file, as it does the emulator.
    const responder = { cmd: process.execPath, args: ['-e', "console.log('READY'); setInterval(() => {}, 1000)"] };
    const st = await upLab({ prefix: 'zemu', devices: [{ id: 'synthetic-d', profileFile: '/nonexistent', offset: 0, mac: '02:00:5e:00:00:01' }], responder });
    const pid = st.emulatorPid!;
    expect(pid).toBeGreaterThan(0);
    expect(readState('zemu')?.emulatorStartTime).toEqual(expect.any(Number));
    expect(isRecordedEmulator(readState('zemu')!, pid)).toBe(true);
    const r = await downLab('zemu');
    expect(r.warnings).toEqual([]);
    expect(r.removed).toEqual(expect.arrayContaining([`pid ${pid}`, 'zemu-dev', 'zemu-scan']));
    // Gone, or a zombie its parent (this test process) has not reaped yet: either way no longer running.
    let status = 'State:\tX (gone)';
    try {
      status = readFileSync(`/proc/${pid}/status`, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err; // ENOENT: reaped, gone
    }
    expect(status).toMatch(/^State:\s+[ZX]/m);
  });

  it('an unreadable state file: lab down removes the state dir, leaves the namespaces of its names, and says so', async () => {
    execFileSync('ip', ['netns', 'add', 'zbad-scan']);
    mkdirSync(stateDirFor('zbad'), { recursive: true });
    writeFileSync(join(stateDirFor('zbad'), 'state.json'), '{"prefix":"zbad","namespaces":["zbad-sc');
    const r = await downLab('zbad');
    expect(r.removed).toEqual([]);
    expect(r.warnings).toEqual([expect.stringMatching(/^emulator not stopped: lab state .* is not valid JSON/), expect.stringMatching(/^namespaces zbad-scan left as they are/)]);
    expect(has('zbad-scan')).toBe(true);
    expect(existsSync(stateDirFor('zbad'))).toBe(false);
  });

  it('a recorded emulator pid that now belongs to another process is not signalled', async () => {
    const stranger = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const dir = stateDirFor('zpid');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'state.json'), JSON.stringify({ prefix: 'zpid', scanNs: 'zpid-scan', devNs: 'zpid-dev', namespaces: [], emulatorPid: stranger.pid, stateDir: dir, configFile: join(dir, 'emulator.json'), devices: [] }));
      const r = await downLab('zpid');
      expect(r.removed).toEqual([]);
      expect(stranger.exitCode).toBeNull();
      expect(() => process.kill(stranger.pid!, 0)).not.toThrow();
    } finally {
      stranger.kill('SIGKILL');
    }
  });
});
