// Runs the scan engine (TCP sweep only, default port set) over the addresses given, inside a test namespace, and
// prints the sweep's counters and wall time as JSON.
import { runScan } from '../../src/engine/scan.js';
import { buildScope } from '../../src/scope/scope.js';
import { defaultPorts } from '../../src/engine/ports.js';

const [target, conc] = process.argv.slice(2);
const t0 = Date.now();
const out = await runScan({
  scope: await buildScope([target], []),
  ports: defaultPorts(),
  sweep: true,
  modules: [],
  interfaces: [],
  concurrency: Number(conc),
  rate: 0,
  connectTimeoutMs: 1500,
  hostBudgetMs: 15_000,
  discoveryWindowMs: 100,
  budgetMs: 0,
});
process.stdout.write(JSON.stringify({ ms: Date.now() - t0, sweep: out.stats.toJSON().sweep, alive: out.hostsAlive.size }));
process.exit(0);
