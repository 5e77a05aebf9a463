// Measures how --concurrency trades sweep time against ARP load on an empty LAN segment (the common case: most
// addresses of a council subnet are unused). Not part of `npm test` (about a minute); run it as root:
//   node --import tsx test/engine/measure-concurrency.ts [concurrency,...]
// It builds its own namespace "gp25c-<pid>" with a veth pair on 198.18.80.0/22 where nothing answers ARP, sweeps the
// 1,021 empty addresses with the default port set at each concurrency, and prints wall time, how many addresses
// ended "unreachable" (ARP gave up) vs. other outcomes, and the ARP requests per second the scanner put on the wire.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NS = `gp25c-${process.pid}`.slice(0, 15);
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--child') {
  const { sweep } = await import('../../src/engine/sweep.js');
  const { Limiter } = await import('../../src/core/limiter.js');
  const { defaultPorts } = await import('../../src/engine/ports.js');
  const { neighbourUnresolvedReader } = await import('../../src/engine/arp-state.js');
  const conc = Number(process.argv[3]);
  const addrs = function* (): Generator<string> {
    for (let n = 2; n < 1023; n++) yield `198.18.${80 + (n >> 8)}.${n & 255}`;
  };
  const tx = (): number => Number(readFileSync('/sys/class/net/gpc0/statistics/tx_packets', 'utf8'));
  const reasons: Record<string, number> = {};
  const tx0 = tx();
  const t0 = Date.now();
  await sweep(addrs(), {
    ports: defaultPorts(),
    limiter: new Limiter(conc, 4),
    connectTimeoutMs: 1500,
    // As the engine sets it (src/engine/scan.ts LIVENESS_WAIT_MS); NO_LIVENESS=1 measures the old behaviour.
    livenessTimeoutMs: process.env.NO_LIVENESS ? undefined : 3500,
    neighbourUnresolved: process.env.NO_LIVENESS ? undefined : neighbourUnresolvedReader(),
    hostBudgetMs: 15_000,
    hostConcurrency: conc,
    onHost: (h) => void (reasons[h.reason] = (reasons[h.reason] ?? 0) + 1),
  });
  const s = (Date.now() - t0) / 1000;
  process.stdout.write(JSON.stringify({ concurrency: conc, seconds: s, reasons, arpPerSecond: Math.round((tx() - tx0) / s) }) + '\n');
  process.exit(0);
}

const ip = (...a: string[]): string => execFileSync('ip', a, { encoding: 'utf8' });
const list = (process.argv[2] ?? '64,256,1024').split(',').map(Number);
try {
  ip('netns', 'add', NS);
  ip('-n', NS, 'link', 'set', 'lo', 'up');
  ip('-n', NS, 'link', 'add', 'gpc0', 'type', 'veth', 'peer', 'name', 'gpc1');
  ip('-n', NS, 'addr', 'add', '198.18.80.1/22', 'dev', 'gpc0');
  ip('-n', NS, 'link', 'set', 'gpc0', 'up');
  ip('-n', NS, 'link', 'set', 'gpc1', 'up'); // the "LAN": up, no addresses, answers no ARP
  for (const c of list) {
    process.stdout.write(execFileSync('ip', ['netns', 'exec', NS, process.execPath, '--import', 'tsx', self, '--child', String(c)], { encoding: 'utf8', timeout: 300_000 }));
  }
} finally {
  try {
    ip('netns', 'del', NS);
  } catch {
    /* already gone */
  }
}
