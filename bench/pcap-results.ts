// Writes bench/results-pcap.md from the `time -v` reports bench/pcap.sh left in its output folder.
//   node --import tsx bench/pcap-results.ts OUT_DIR FILE_BYTES FRAMES ROUNDS
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseTimeV, type TimeReport } from './time-v.js';

const [dir, bytesArg, frames, roundsArg] = process.argv.slice(2);
const bytes = Number(bytesArg);
const rounds = Number(roundsArg);
const tools = ['camaudit', 'tshark', 'tcpdump'] as const;
const COMMANDS: Record<string, string> = {
  camaudit: 'node bin/camaudit.js pcap big.pcap --json --no-observations --fail-on none',
  tshark: 'tshark -r big.pcap',
  tcpdump: 'tcpdump -n -r big.pcap',
};

function report(tool: string, round: number): TimeReport | null {
  const f = path.join(dir!, `${tool}-${round}.time`);
  return existsSync(f) ? parseTimeV(readFileSync(f, 'utf8')) : null;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const mb = bytes / 1e6;
const lines: string[] = [];
lines.push('# Passive read: camaudit pcap vs tshark -r vs tcpdump -r (bench/pcap.sh)', '');
lines.push(`Capture: bench/out/big.pcap, ${bytes.toLocaleString('en')} bytes (${(bytes / 2 ** 30).toFixed(2)} GiB), ${frames} frames, made by bench/make-big-pcap.ts from fixtures/pcap/lab.pcap.gz. ${rounds} round(s), tools alternating. Machine: ${process.env.PCAP_BENCH_MACHINE ?? 'the shared 2-core project machine (other work running: wall times vary)'}; run ${new Date().toISOString().slice(0, 16)} UTC.`, '');
lines.push('| tool | command | wall s (median) | MB/s (median) | CPU s user+sys (median) | peak RSS MB (max) | exit |', '|---|---|---|---|---|---|---|');
const rows: Record<string, { wall: number; cpu: number; rss: number }> = {};
for (const t of tools) {
  const rs = Array.from({ length: rounds }, (_, i) => report(t, i + 1)).filter((r): r is TimeReport => r !== null);
  if (!rs.length) {
    lines.push(`| ${t} | \`${COMMANDS[t]}\` | - | - | - | - | not run |`);
    continue;
  }
  const wall = median(rs.map((r) => r.wallSeconds));
  const cpu = median(rs.map((r) => r.userSeconds + r.sysSeconds));
  const rss = Math.max(...rs.map((r) => r.maxRssKb)) / 1024;
  rows[t] = { wall, cpu, rss };
  lines.push(`| ${t} | \`${COMMANDS[t]}\` | ${wall.toFixed(1)} (${rs.map((r) => r.wallSeconds.toFixed(1)).join(', ')}) | ${(mb / wall).toFixed(1)} | ${cpu.toFixed(1)} | ${rss.toFixed(0)} | ${[...new Set(rs.map((r) => r.signal ? `signal ${r.signal}` : String(r.exitStatus)))].join(', ')} |`);
}
lines.push('');
const c = rows.camaudit;
const ts = rows.tshark;
const td = rows.tcpdump;
if (c && ts) lines.push(`camaudit / tshark: ${(ts.wall / c.wall).toFixed(2)}× the speed by wall time, ${(ts.cpu / c.cpu).toFixed(2)}× by CPU time; peak RSS ${c.rss.toFixed(0)} MB vs ${ts.rss.toFixed(0)} MB.`);
if (c && td) lines.push(`camaudit / tcpdump: ${(td.wall / c.wall).toFixed(2)}× the speed by wall time, ${(td.cpu / c.cpu).toFixed(2)}× by CPU time (tcpdump only prints one line per frame; it follows no connection and parses no reply).`);
lines.push('', 'Done-when bounds (issue 24): camaudit peak RSS ≤ 300 MB and no slower than tshark -r on the same file.');
if (c && ts) lines.push(`This run: RSS ${c.rss <= 300 ? 'within' : 'OVER'} the bound; ${c.wall <= ts.wall ? 'faster than' : 'SLOWER than'} tshark -r by wall time.`);
process.stdout.write(lines.join('\n') + '\n');
