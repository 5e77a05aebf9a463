// identify throughput (issue 14 bar: `identify` over 2,000 captures in ≤ 10 s). Reads the shared and dev capture
// sets (never blind), repeats them to N samples (default 2,000), and times identifySample on each, in-process, after
// one warm-up pass (fingerprint database, OUI registry loaded). The reference run in the same process times
// JSON.parse + JSON.stringify of the same files, so the ratio says how much identify costs over merely reading them.
// Run: `npx tsx bench/identify-throughput.ts [N]` (or `node --import tsx …`). Prints one line per run and a summary.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { identifySample } from '../src/identify/identify.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const SETS = ['shared', 'dev'];
const N = Number(process.argv[2] ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const texts: Array<{ file: string; text: string }> = [];
for (const set of SETS) {
  const dir = path.join(ROOT, 'fixtures/captures', set);
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) texts.push({ file: `${set}/${f}`, text: readFileSync(path.join(dir, f), 'utf8') });
}
const samples = Array.from({ length: N }, (_, i) => texts[i % texts.length]!);

function identifyAll(): { ms: number; attributed: number } {
  const t0 = performance.now();
  let attributed = 0;
  for (const s of samples) {
    const d = JSON.parse(s.text) as { protocol: unknown; payload: unknown };
    if (identifySample(s.file, { protocol: d.protocol, payload: d.payload }).manufacturer) attributed++;
  }
  return { ms: performance.now() - t0, attributed };
}

function referenceAll(): number {
  const t0 = performance.now();
  let n = 0;
  for (const s of samples) n += JSON.stringify(JSON.parse(s.text)).length;
  if (n < 0) throw new Error('unreachable');
  return performance.now() - t0;
}

identifyAll(); // warm-up: database, OUI registry, JIT
const runs: number[] = [];
let attributed = 0;
let refMs = Infinity;
for (let r = 0; r < ROUNDS; r++) {
  const a = identifyAll();
  const ref = referenceAll();
  runs.push(a.ms);
  attributed = a.attributed;
  refMs = Math.min(refMs, ref);
  process.stdout.write(`run ${r + 1}: identify ${N} samples in ${(a.ms / 1000).toFixed(2)} s; reference (JSON parse+stringify) ${ref.toFixed(1)} ms\n`);
}
runs.sort((a, b) => a - b);
const median = runs[Math.floor(runs.length / 2)]!;
process.stdout.write(
  `identify-throughput: ${N} samples (${texts.length} distinct captures from ${SETS.join('+')}, repeated), median ${(median / 1000).toFixed(2)} s, ` +
    `min ${(runs[0]! / 1000).toFixed(2)} s, max ${(runs[runs.length - 1]! / 1000).toFixed(2)} s; ${(N / (median / 1000)).toFixed(0)} samples/s; ` +
    `${attributed}/${N} attributed; ratio to reference ${(median / refMs).toFixed(0)}x; bar ≤ 10 s: ${median <= 10_000 ? 'met' : 'NOT met'}\n`,
);
