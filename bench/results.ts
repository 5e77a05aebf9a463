// Writes bench/results.md from the measurements one `npm run bench` collected (bench/out/runs.json).
// Pure: renderResults(data) → Markdown.
import type { AccuracyScore } from './truth.js';

export interface RunRecord {
  tool: 'camaudit' | 'nmap';
  round: number;
  wallSeconds: number;
  cpuSeconds: number;
  maxRssKb: number;
  exitStatus: number;
  accuracy: AccuracyScore | null;
  /** Why the run has no figures, when it failed. */
  error?: string;
}

export interface ScaleRecord {
  name: string;
  command: string;
  wallSeconds: number;
  cpuSeconds: number;
  maxRssKb: number;
  exitStatus: number;
  note?: string;
}

export interface RateRecord {
  requested: number;
  achieved: number;
  connections: number;
  seconds: number;
  method: string;
}

export interface BenchData {
  date: string;
  machine: { nproc: number; cpu: string; ramMb: number; kernel: string };
  versions: { node: string; nmap: string; camaudit: string; commit: string };
  lab: { prefix: string; subnet: string; devices: number; note?: string };
  commands: { camaudit: string; nmap: string };
  runs: RunRecord[];
  scale: ScaleRecord[];
  rate: RateRecord[];
  notes: string[];
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
const mb = (kb: number) => (Number.isFinite(kb) ? (kb / 1024).toFixed(1) : '—');
const acc = (a: AccuracyScore | null) => (a ? `${a.correct}/${a.devices}` : '—');
const accB = (a: AccuracyScore | null) => (a ? `${a.correctOrBrand}/${a.devices}` : '—');
const found = (a: AccuracyScore | null) => (a && typeof a.found === 'number' ? `${a.found}/${a.devices}` : '—');
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');

export function renderResults(d: BenchData): string {
  const rounds = [...new Set(d.runs.map((r) => r.round))].sort((a, b) => a - b);
  const get = (tool: RunRecord['tool'], round: number) => d.runs.find((r) => r.tool === tool && r.round === round && !r.error);
  const L: string[] = [];
  L.push('# Benchmark: camaudit vs nmap on the lab', '');
  L.push(`Written by \`npm run bench\` (bench/run.sh) on ${d.date}. Do not edit by hand.`, '');
  L.push('| | |', '|---|---|');
  L.push(`| machine | ${d.machine.nproc} cores, ${cell(d.machine.cpu)}, ${d.machine.ramMb} MB RAM, kernel ${cell(d.machine.kernel)} |`);
  L.push(`| versions | Node ${d.versions.node}, ${cell(d.versions.nmap)}, camaudit ${d.versions.camaudit} (commit ${d.versions.commit}) |`);
  L.push(`| lab | ${d.lab.devices} device profiles on ${d.lab.subnet} (prefix \`${d.lab.prefix}\`)${d.lab.note ? `; ${cell(d.lab.note)}` : ''} |`);
  L.push(`| A | \`${cell(d.commands.camaudit)}\` |`);
  L.push(`| B | \`${cell(d.commands.nmap)}\` |`);
  L.push('');
  L.push('## /24 audit, alternating A B per round', '');
  L.push('Wall and CPU (user+sys) in seconds, peak RSS in MB (GNU `time -v`), makers right = devices whose real maker the tool named (lenient: maker or the brand on the label).', '');
  L.push('Found = lab devices the tool\'s output lists (by address, else MAC). A round without B has no ratio.', '');
  L.push('| round | A wall | B wall | A/B wall | A cpu | B cpu | A/B cpu | A RSS | B RSS | A makers right | B makers right | B lenient | A/B RSS | A found | B found |');
  L.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const ratios: number[] = [];
  const cpuRatios: number[] = [];
  const rssRatios: number[] = [];
  for (const n of rounds) {
    const a = get('camaudit', n);
    const b = get('nmap', n);
    const rw = a && b ? a.wallSeconds / b.wallSeconds : NaN;
    const rc = a && b ? a.cpuSeconds / b.cpuSeconds : NaN;
    if (Number.isFinite(rw)) ratios.push(rw);
    if (Number.isFinite(rc)) cpuRatios.push(rc);
    const rr = a && b ? a.maxRssKb / b.maxRssKb : NaN;
    if (Number.isFinite(rr)) rssRatios.push(rr);
    L.push(
      `| ${n} | ${f2(a?.wallSeconds ?? NaN)} | ${f2(b?.wallSeconds ?? NaN)} | ${f2(rw)} | ${f2(a?.cpuSeconds ?? NaN)} | ${f2(b?.cpuSeconds ?? NaN)} | ${f2(rc)} | ${mb(a?.maxRssKb ?? NaN)} | ${mb(b?.maxRssKb ?? NaN)} | ${acc(a?.accuracy ?? null)} | ${acc(b?.accuracy ?? null)} | ${accB(b?.accuracy ?? null)} | ${f2(rr)} | ${found(a?.accuracy ?? null)} | ${found(b?.accuracy ?? null)} |`,
    );
  }
  const ok = (tool: RunRecord['tool']) => d.runs.filter((r) => r.tool === tool && !r.error);
  const A = ok('camaudit');
  const B = ok('nmap');
  const medA = { wall: median(A.map((r) => r.wallSeconds)), cpu: median(A.map((r) => r.cpuSeconds)), rss: median(A.map((r) => r.maxRssKb)) };
  const medB = { wall: median(B.map((r) => r.wallSeconds)), cpu: median(B.map((r) => r.cpuSeconds)), rss: median(B.map((r) => r.maxRssKb)) };
  L.push(
    `| **median** | **${f2(medA.wall)}** | **${f2(medB.wall)}** | **${f2(median(ratios))}** | ${f2(medA.cpu)} | ${f2(medB.cpu)} | ${f2(median(cpuRatios))} | ${mb(medA.rss)} | ${mb(medB.rss)} | | | | **${f2(median(rssRatios))}** | | |`,
  );
  const failed = d.runs.filter((r) => r.error);
  if (failed.length) {
    L.push('', 'Failed runs (left out of the medians):', '');
    for (const r of failed) L.push(`- ${r.tool} round ${r.round}: ${cell(r.error ?? '')}`);
  }

  const last = (tool: RunRecord['tool']) => [...ok(tool)].reverse().find((r) => r.accuracy)?.accuracy ?? null;
  const la = last('camaudit');
  const lb = last('nmap');
  if (la || lb) {
    // Last round's verdict, plus in how many rounds each tool was right: one round alone can mislead when
    // answers depend on machine load.
    L.push('', '## Per device (said = last round; right = rounds with the real maker named)', '');
    L.push('| profile | address | real maker | brand | camaudit said | camaudit right | nmap said | nmap right |', '|---|---|---|---|---|---|---|---|');
    const ids = (la ?? lb)!.perDevice.map((x) => x.id);
    const rightIn = (tool: RunRecord['tool'], id: string) => {
      const rs = ok(tool).filter((r) => r.accuracy);
      return rs.length ? `${rs.filter((r) => r.accuracy!.perDevice.find((p) => p.id === id)?.correct).length}/${rs.length}` : '—';
    };
    for (const id of ids) {
      const x = la?.perDevice.find((p) => p.id === id);
      const y = lb?.perDevice.find((p) => p.id === id);
      const t = x ?? y!;
      const mark = (p?: { said: string | null; correct: boolean }) => (p ? `${p.said ?? '(none)'} ${p.correct ? '✔' : '✘'}` : '—');
      L.push(`| ${cell(id)} | ${t.ip ?? '?'} | ${t.truth ?? '(none)'} | ${cell(t.brand ?? '')} | ${mark(x)} | ${rightIn('camaudit', id)} | ${mark(y)} | ${rightIn('nmap', id)} |`);
    }
  }

  L.push('', '## Targets', '');
  const allRight = A.length > 0 && A.every((r) => r.accuracy && r.accuracy.correct === r.accuracy.devices);
  const target = (name: string, met: boolean | null, figure: string) => L.push(`- ${met === null ? '—' : met ? 'met' : '**missed**'}: ${name} — ${figure}`);
  target('/24 audit ≤ 5 s wall (median)', Number.isFinite(medA.wall) ? medA.wall <= 5 : null, `${f2(medA.wall)} s`);
  target('/24 audit ≤ 0.2 × nmap wall (median of per-round ratios)', ratios.length ? median(ratios) <= 0.2 : null, `${f2(median(ratios))}`);
  target('every lab device attributed correctly, every round', A.length ? allRight : null, A.map((r) => acc(r.accuracy)).join(', '));
  const s20 = d.scale.find((s) => s.name === '/20 scan');
  if (s20) {
    target('/20 scan ≤ 30 s wall', s20.wallSeconds <= 30, `${f2(s20.wallSeconds)} s`);
    target('/20 scan peak RSS ≤ 200 MB', s20.maxRssKb <= 200 * 1024, `${mb(s20.maxRssKb)} MB`);
  }
  const d16 = d.scale.find((s) => s.name === '/16 dry-run');
  const d24 = d.scale.find((s) => s.name === '/24 dry-run');
  if (d16 && d24) target('/16 dry-run in constant memory (peak RSS within 10% of a /24 dry-run)', d16.maxRssKb <= d24.maxRssKb * 1.1, `${mb(d16.maxRssKb)} MB vs ${mb(d24.maxRssKb)} MB`);
  for (const r of d.rate) target(`--rate ${r.requested} achieved within 10%`, Math.abs(r.achieved - r.requested) <= r.requested * 0.1, `${r.achieved.toFixed(1)}/s`);

  if (d.scale.length) {
    L.push('', '## Scale', '');
    L.push('| run | wall s | cpu s | peak RSS MB | exit | command | note |', '|---|---|---|---|---|---|---|');
    for (const s of d.scale) L.push(`| ${s.name} | ${f2(s.wallSeconds)} | ${f2(s.cpuSeconds)} | ${mb(s.maxRssKb)} | ${s.exitStatus} | \`${cell(s.command)}\` | ${cell(s.note ?? '')} |`);
  }
  if (d.rate.length) {
    L.push('', '## --rate', '');
    L.push('| requested /s | achieved /s | connections | over s | error | method |', '|---|---|---|---|---|---|');
    for (const r of d.rate) L.push(`| ${r.requested} | ${r.achieved.toFixed(1)} | ${r.connections} | ${f2(r.seconds)} | ${(((r.achieved - r.requested) / r.requested) * 100).toFixed(1)}% | ${cell(r.method)} |`);
  }
  if (d.notes.length) {
    L.push('', '## Notes', '');
    for (const n of d.notes) L.push(`- ${cell(n)}`);
  }
  L.push('');
  return L.join('\n');
}
