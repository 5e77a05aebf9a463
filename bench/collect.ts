// Command-line glue for bench/run.sh: turns one run's `time -v` report and tool output into a
// record, and writes bench/results.md from all records. Usage:
//   collect.ts ab --state S --tool camaudit|nmap --round N --time F --output F (--lab LABSTATE | --profiles DIR)
//   collect.ts scale --state S --name NAME --command CMD --time F [--note T] [--tool T --output F --lab LABSTATE]
//   collect.ts rate --state S --requested N --achieved X --connections N --seconds S --method M
//   collect.ts write --state S --out bench/results.md --meta META.json
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseTimeV } from './time-v.js';
import { nmapVerdicts } from './nmap-xml.js';
import { camauditDevices, loadTruth, score, truthFromLab, type AccuracyScore } from './truth.js';
import { renderResults, type BenchData, type RunRecord } from './results.js';

const { positionals, values: v } = parseArgs({
  allowPositionals: true,
  options: Object.fromEntries(
    ['state', 'tool', 'round', 'time', 'output', 'profiles', 'name', 'command', 'note', 'requested', 'achieved', 'connections', 'seconds', 'method', 'out', 'meta', 'lab'].map((k) => [k, { type: 'string' as const }]),
  ),
});

type State = Pick<BenchData, 'runs' | 'scale' | 'rate' | 'notes'>;
const statePath = v.state ?? 'bench/out/state.json';
const state: State = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as State) : { runs: [], scale: [], rate: [], notes: [] };
const save = () => writeFileSync(statePath, JSON.stringify(state, null, 2));
const timeOf = (file: string) => {
  const t = existsSync(file) ? parseTimeV(readFileSync(file, 'utf8')) : null;
  if (!t) throw new Error(`${file}: no GNU time -v report`);
  return t;
};

/** How many devices the tool named the real maker of (truth from the lab state, else the profiles' offsets). */
function accuracyOf(tool: string, output: string): AccuracyScore {
  const truth = v.lab ? truthFromLab(readFileSync(v.lab, 'utf8')) : loadTruth(v.profiles!);
  const text = readFileSync(output, 'utf8');
  const rules = (JSON.parse(readFileSync(new URL('./nmap-map.json', import.meta.url), 'utf8')) as { rules: { match: string; maker: string }[] }).rules;
  return score(truth, tool === 'camaudit' ? camauditDevices(text) : nmapVerdicts(text, rules));
}

try {
  const cmd = positionals[0];
  if (cmd === 'ab') {
    const t = timeOf(v.time!);
    const rec: RunRecord = { tool: v.tool as RunRecord['tool'], round: Number(v.round), wallSeconds: t.wallSeconds, cpuSeconds: t.userSeconds + t.sysSeconds, maxRssKb: t.maxRssKb, exitStatus: t.exitStatus, accuracy: null };
    try {
      rec.accuracy = accuracyOf(rec.tool, v.output!);
    } catch (e) {
      rec.error = `no accuracy: ${(e as Error).message.split('\n')[0]}`;
    }
    state.runs.push(rec);
    console.log(`${rec.tool} round ${rec.round}: ${rec.wallSeconds}s wall, ${rec.cpuSeconds.toFixed(2)}s cpu, ${rec.maxRssKb} kB, makers right ${rec.accuracy ? `${rec.accuracy.correct}/${rec.accuracy.devices}` : '?'}`);
  } else if (cmd === 'scale') {
    const t = timeOf(v.time!);
    let note = v.note ?? '';
    if (v.tool && v.output) {
      try {
        const a = accuracyOf(v.tool, v.output);
        const missed = a.perDevice.filter((d) => !d.correct).map((d) => `${d.id} (${d.said ?? 'none'})`);
        note = `makers right ${a.correct}/${a.devices}${missed.length ? `; missed: ${missed.slice(0, 12).join(', ')}${missed.length > 12 ? ` … +${missed.length - 12}` : ''}` : ''}${note ? `; ${note}` : ''}`;
      } catch (e) {
        note = `no accuracy: ${(e as Error).message.split('\n')[0]}${note ? `; ${note}` : ''}`;
      }
    }
    state.scale.push({ name: v.name!, command: v.command ?? t.command, wallSeconds: t.wallSeconds, cpuSeconds: t.userSeconds + t.sysSeconds, maxRssKb: t.maxRssKb, exitStatus: t.exitStatus, ...(note ? { note } : {}) });
  } else if (cmd === 'rate') {
    state.rate.push({ requested: Number(v.requested), achieved: Number(v.achieved), connections: Number(v.connections), seconds: Number(v.seconds), method: v.method ?? '' });
  } else if (cmd === 'note') {
    state.notes.push(v.note ?? '');
  } else if (cmd === 'write') {
    const meta = JSON.parse(readFileSync(v.meta!, 'utf8')) as Omit<BenchData, keyof State>;
    writeFileSync(v.out ?? 'bench/results.md', renderResults({ ...meta, ...state }));
    console.log(`wrote ${v.out ?? 'bench/results.md'}`);
  } else {
    throw new Error(`unknown command "${cmd ?? ''}" (ab | scale | rate | note | write)`);
  }
  save();
} catch (e) {
  process.stderr.write(`bench: ${(e as Error).message.split('\n')[0]}\n`);
  process.exitCode = 2;
}
