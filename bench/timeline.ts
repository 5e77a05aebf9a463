// Where the seconds of one scan went, from its report.json: per module the first/median/last observation time
// after the scan started, the sweep's own duration, and (with --lab) how many lab devices were found and had
// their maker right. Usage: npx tsx bench/timeline.ts --report a1/report.json [--lab lab24.json] [--time a1.time]
// Prints one JSON line.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { camauditDevices, score, truthFromLab } from './truth.js';
import { parseTimeV } from './time-v.js';

interface Report {
  scan: { startedAt: string; finishedAt: string; stats?: Record<string, Record<string, number>> };
  observations?: Array<{ module: string; at?: string; time?: string; ts?: string }>;
}

export function timeline(reportJson: string): { scanMs: number; sweepMs: number | null; modules: Record<string, { n: number; first: number; median: number; last: number }> } {
  const r = JSON.parse(reportJson) as Report;
  const t0 = Date.parse(r.scan.startedAt);
  const by = new Map<string, number[]>();
  for (const o of r.observations ?? []) {
    const t = Date.parse(o.at ?? o.time ?? o.ts ?? '');
    if (!Number.isFinite(t)) continue;
    const list = by.get(o.module) ?? [];
    list.push(t - t0);
    by.set(o.module, list);
  }
  const modules: Record<string, { n: number; first: number; median: number; last: number }> = {};
  for (const [m, ts] of by) {
    ts.sort((a, b) => a - b);
    modules[m] = { n: ts.length, first: ts[0], median: ts[ts.length >> 1], last: ts[ts.length - 1] };
  }
  return { scanMs: Date.parse(r.scan.finishedAt) - t0, sweepMs: r.scan.stats?.sweep?.['duration-ms'] ?? null, modules };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: v } = parseArgs({ options: { report: { type: 'string' }, lab: { type: 'string' }, time: { type: 'string' } } });
  try {
    const text = readFileSync(v.report!, 'utf8');
    const out: Record<string, unknown> = { ...timeline(text) };
    const stats = (JSON.parse(text) as Report).scan.stats?.sweep;
    if (stats) out.sweep = stats;
    if (v.lab) {
      const a = score(truthFromLab(readFileSync(v.lab, 'utf8')), camauditDevices(text));
      const found = new Set(camauditDevices(text).map((d) => d.ip));
      out.devices = a.devices;
      out.found = a.perDevice.filter((d) => d.ip && found.has(d.ip)).length;
      out.makersRight = a.correct;
    }
    if (v.time) {
      const t = parseTimeV(readFileSync(v.time, 'utf8'));
      if (t) out.process = { wallSeconds: t.wallSeconds, cpuSeconds: +(t.userSeconds + t.sysSeconds).toFixed(2), maxRssMb: +(t.maxRssKb / 1024).toFixed(1) };
    }
    console.log(JSON.stringify(out));
  } catch (e) {
    process.stderr.write(`timeline: ${(e as Error).message.split('\n')[0]}\n`);
    process.exitCode = 2;
  }
}
