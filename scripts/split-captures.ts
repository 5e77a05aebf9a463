// Split new captures into the development and blind sets, by source, with a fixed seed:
// every capture in the staging folder (default fixtures/captures/incoming/, never committed) moves into
// fixtures/captures/dev/ or fixtures/captures/blind/ by the hash of its source key (scripts/capture-sets.ts),
// so all captures of one thread, repository or document fall on the same side, in any order.
// Refuses (and moves nothing) when a capture lacks source/protocol/payload/vendor_truth, when its file
// name is already in a set, or when its payload is already in a set.
// Run: `npx tsx scripts/split-captures.ts [--dry-run] [STAGING_DIR]`.
import { mkdirSync, renameSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CAPTURE_SETS, INCOMING_DIR, captureProblems, payloadText, readCaptureDir, setDir, sourceKey, splitSide, type CaptureFile, type SplitSide } from './capture-sets.js';
import { highRiskGroups, truthOf } from './truth.js';

export interface Assignment {
  file: string;
  key: string;
  side: SplitSide;
}

/** The side of each capture (sorted by file name); throws listing every problem when any capture is refused. */
export function planSplit(incoming: readonly CaptureFile[], existing: readonly CaptureFile[]): Assignment[] {
  const problems: string[] = [];
  const names = new Map(existing.map((c) => [c.file, c.set]));
  const payloads = new Map(existing.map((c) => [payloadText(c.data), `${c.set}/${c.file}`]));
  const out: Assignment[] = [];
  for (const c of [...incoming].sort((a, b) => a.file.localeCompare(b.file))) {
    const missing = captureProblems(c.data);
    if (missing.length) {
      problems.push(`${c.file}: ${missing.join(', ')}`);
      continue;
    }
    const taken = names.get(c.file);
    if (taken) problems.push(`${c.file}: file name already in set "${taken}"`);
    const dup = payloads.get(payloadText(c.data));
    if (dup) problems.push(`${c.file}: same payload as ${dup}`);
    payloads.set(payloadText(c.data), `incoming/${c.file}`);
    const key = sourceKey(String(c.data.source));
    out.push({ file: c.file, key, side: splitSide(key) });
  }
  if (problems.length) throw new Error(`refused (nothing moved):\n  ${problems.join('\n  ')}`);
  return out;
}

/** Per set: files, distinct source keys, captures of high-risk makers. */
export function summarise(captures: readonly CaptureFile[]): Map<string, { files: number; sources: number; highRisk: number }> {
  const hr = highRiskGroups();
  const out = new Map<string, { files: number; sources: Set<string>; highRisk: number }>();
  for (const c of captures) {
    const s = out.get(c.set) ?? { files: 0, sources: new Set<string>(), highRisk: 0 };
    s.files++;
    s.sources.add(sourceKey(String(c.data.source ?? '')));
    const g = truthOf(String(c.data.vendor_truth ?? '')).group;
    if (g && hr.has(g)) s.highRisk++;
    out.set(c.set, s);
  }
  return new Map([...out].map(([k, v]) => [k, { files: v.files, sources: v.sources.size, highRisk: v.highRisk }]));
}

function main(): void {
  const args = process.argv.slice(2);
  const dry = args.includes('--dry-run');
  const staging = path.resolve(args.find((a) => !a.startsWith('--')) ?? INCOMING_DIR);
  const incoming = readCaptureDir(staging, 'incoming');
  const existing = CAPTURE_SETS.flatMap((s) => readCaptureDir(setDir(s), s));
  const plan = planSplit(incoming, existing);
  // A source the shared corpus already drew from is in-sample wherever its new captures land: say so.
  const sharedKeys = new Set(existing.filter((c) => c.set === 'shared').map((c) => sourceKey(String(c.data.source))));
  for (const a of plan) if (sharedKeys.has(a.key)) process.stderr.write(`warning: ${a.file}: source ${a.key} is also a source of the shared corpus\n`);
  for (const a of plan) {
    process.stdout.write(`${dry ? 'would move' : 'moved'} ${a.file} → ${a.side}/ (source ${a.key})\n`);
    if (dry) continue;
    mkdirSync(setDir(a.side), { recursive: true });
    renameSync(path.join(staging, a.file), path.join(setDir(a.side), a.file));
  }
  const after = dry ? [...existing, ...incoming.map((c) => ({ ...c, set: plan.find((p) => p.file === c.file)!.side }))] : CAPTURE_SETS.flatMap((s) => readCaptureDir(setDir(s), s));
  process.stdout.write(`\n${plan.length} capture(s) ${dry ? 'would be ' : ''}split${dry ? '' : ''}; sets now:\n`);
  process.stdout.write('set     files  sources  high-risk\n');
  for (const [set, s] of summarise(after)) process.stdout.write(`${set.padEnd(7)} ${String(s.files).padStart(5)}  ${String(s.sources).padStart(7)}  ${String(s.highRisk).padStart(9)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    main();
  } catch (e) {
    process.stderr.write(`split-captures: ${(e as Error).message}\n`);
    process.exitCode = 2;
  }
}
