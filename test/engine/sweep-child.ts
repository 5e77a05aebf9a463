// Runs one host sweep and prints it as JSON (used inside test network namespaces).
import { sweepHost } from '../../src/engine/sweep.js';
import { Limiter } from '../../src/core/limiter.js';

const [ipArg, portsArg, timeoutArg] = process.argv.slice(2);
const attempts: unknown[] = [];
const h = await sweepHost(ipArg, {
  ports: portsArg.split(',').map(Number),
  limiter: new Limiter(16, 4),
  connectTimeoutMs: Number(timeoutArg),
  hostBudgetMs: 10_000,
  onAttempt: (r) => attempts.push(r),
});
process.stdout.write(JSON.stringify({ ...h, attempts }));
