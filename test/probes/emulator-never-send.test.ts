// Issue 5: "a test asserts the emulator never receives" a request from policy.md §4.4. The lab emulator (its own
// never-send witness flags such requests in its request log) serves two lab profiles built from corpus captures on
// loopback addresses of our own (127.125.26.x); the scan engine sweeps them and runs every stage-1 host probe; the
// request log must show the probes arrived and that none of them is on the list.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/lab/emulator/emulator.js';
import { readRequestLog } from '../../src/lab/emulator/request-log.js';
import { runScan } from '../../src/engine/scan.js';
import { buildScope } from '../../src/scope/scope.js';
import { hostModules } from '../../src/probes/index.js';
import { isRoot } from '../helpers/netns.js';
import { deviceProfile } from '../helpers/fixtures.js';

const HIK = '127.125.26.10';
const DAHUA_OEM = '127.125.26.11';
const work = mkdtempSync(path.join(tmpdir(), 'camaudit-gp25-emu-'));
const logFile = path.join(work, 'requests.jsonl');
let emu: RunningEmulator | undefined;

// Port 80 and 37777 as on the real devices: root needed for 80.
describe.skipIf(!isRoot)('stage-1 probes against the lab emulator: nothing from the never-send list arrives', () => {
  beforeAll(async () => {
    const profile = deviceProfile;
    emu = await startEmulator({
      devices: [
        { id: 'hikvision-isapi-2', profileFile: profile('hikvision-isapi-2'), ip: HIK, mac: '14:92:3c:4f:f8:42', ifname: 'lo' },
        { id: 'intelbras-dhip-1', profileFile: profile('intelbras-dhip-1'), ip: DAHUA_OEM, mac: '02:00:5e:19:00:0b', ifname: 'lo' },
      ],
      subnet: '198.18.0.0/24',
      scannerIp: '198.18.0.2',
      stateDir: work,
      requestLog: logFile,
      multicast: false,
    });
  });
  afterAll(async () => {
    await emu?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('sweep + every host probe: requests logged, none flagged, the Hikvision ISAPI realm observed', async () => {
    const out = await runScan({
      scope: await buildScope([`${HIK}-${DAHUA_OEM.split('.')[3]}`], []),
      ports: [80, 554, 443, 8000, 37777],
      sweep: true,
      modules: hostModules,
      interfaces: [],
      concurrency: 32,
      rate: 0,
      connectTimeoutMs: 1000,
      hostBudgetMs: 10_000,
      discoveryWindowMs: 200,
      budgetMs: 0,
      limits: { probeDeadlineMs: 3000 },
    });
    expect(out.complete).toBe(true);
    expect(out.store.get(HIK).find((o) => o.kind === 'host')?.fields.openPorts).toEqual([80]);
    expect(out.store.get(DAHUA_OEM).find((o) => o.kind === 'host')?.fields.openPorts).toEqual([37777]);
    const realm = out.store.get(HIK).find((o) => o.kind === 'http' && o.fields.path === '/ISAPI/System/deviceInfo')?.fields['auth.realm'];
    expect(realm).toBe('DS-2CD2386G2-IU');

    await new Promise((r) => setTimeout(r, 200)); // the log is written asynchronously
    const log = readRequestLog(logFile);
    const http = log.filter((e) => e.device === 'hikvision-isapi-2' && e.protocol === 'http');
    expect(http.map((e) => e.path)).toEqual(expect.arrayContaining(['/', '/favicon.ico', '/ISAPI/System/deviceInfo', '/doc/page/login.asp']));
    expect(log.filter((e) => e.neverSend)).toEqual([]);
    expect(log.filter((e) => e.auth && e.auth !== 'none')).toEqual([]); // stage 1 never presents credentials
  }, 60_000);
});
