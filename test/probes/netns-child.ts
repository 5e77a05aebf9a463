// Runs inside a private test namespace: serves replayed captures on 198.18.55.10 (80, 443, 554),
// runs every stage-1 host module against it and a blackholed address, prints JSON.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTestContext } from '../helpers/context.js';
import { ROOT } from '../helpers/cli.js';
import { hostModules } from '../../src/probes/index.js';
import { rtspPort } from '../../src/probes/rtsp.js';
import { startServer, makeCert } from './servers.js';
import { capturePayload } from '../helpers/captures.js';

const DEV = '198.18.55.10';
const cap = (f: string): string => capturePayload(f);
const banner = cap('hikvision-http-3.json').replace(/Connection:$/, 'Connection: close\r\n\r\n') + ''.padEnd(480);
const servers = [
  await startServer((s) => s.end(banner), { host: DEV, port: 80 }),
  await startServer((s) => s.end(), { host: DEV, port: 443, waitForRequest: false, tls: makeCert('/C=CN/ST=ZheJiang/L=HangZhou/O=HIKVISION/OU=DVRNVR/CN=www.hikvision.com') }),
  await startServer((s) => s.end(cap('hanwha-rtsp-1.json')), { host: DEV, port: 554 }),
];
const { ctx, observations } = makeTestContext({ limits: { probeDeadlineMs: 2000, connectTimeoutMs: 1000 } });
const t0 = Date.now();
await Promise.all(hostModules.map((m) => m.probeHost!(ctx, { ip: DEV, openPorts: [80, 443, 554], observations: [] })));
const modulesMs = Date.now() - t0;
const t1 = Date.now();
await rtspPort(ctx, '198.18.55.99', 554);
const blackholeMs = Date.now() - t1;
await Promise.all(servers.map((s) => s.close()));
process.stdout.write(JSON.stringify({ modulesMs, blackholeMs, observations, requests: servers.flatMap((s) => s.requests) }));
process.exit(0);
