// Where report files go, checked before the first packet, and how they are written (issue 18).
//
//   planOutputs(dir, formats, { inputs })  → OutputPlan   before the scan (or before reading for `report`):
//       formats parsed (unknown → exit 2), the folder created if missing and proven writable, each target file
//       checked (a symbolic link, a folder, a FIFO → refused), a target that is one of the inputs marked to be left
//       alone (`report X/report.json --out X` never rewrites its own input), Chromium started once when pdf is asked.
//   writePlanned(result, plan)             → WriteOutcome after the scan:
//       report.json first, then the other formats, each rendered and written atomically (src/core/safe-write.ts:
//       temporary file, fsync, rename), so a later failure (disk full, Chromium gone, a renderer's bug) still leaves
//       the scan on disk and every earlier file intact. A failed format is reported by name; the others are kept.
//
// An earlier result is never replaced silently (issue 17, as nmap users expect their earlier output to survive): an
// earlier file at any target is refused at plan time, before anything is sent, naming every such file, unless the
// command was given --force (`existing: 'replace'`: each file then replaced atomically).
import { mkdir, open, realpath, stat, unlink } from 'node:fs/promises';
import { constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { ScanResult } from '../core/result.js';
import { RuntimeError, UsageError } from '../core/errors.js';
import { describeFailure, rethrowUnless } from '../core/failure.js';
import { existingTarget, outputError, outputReason, writeFileAtomic } from '../core/safe-write.js';
import { safeText } from '../core/text-safety.js';
import { DEFAULT_FORMATS, FILE_NAMES, parseFormats, renderReport, type ReportFormat } from './index.js';

export interface OutputTarget {
  format: ReportFormat;
  file: string;
  /** A regular file is there already (an earlier result). */
  existed: boolean;
  /** The target is one of the command's inputs: it is left exactly as it is. */
  isInput: boolean;
}

export interface OutputPlan {
  dir: string;
  targets: OutputTarget[];
}

export interface PlanOptions {
  /** Files the command reads (a result for `report`): a target that is one of them is never written. */
  inputs?: readonly string[];
  /** The file name for a format (default FILE_NAMES: report.json, report.csv …). */
  name?: (format: ReportFormat) => string;
  /** An earlier file at a target: refused before anything is sent (default), or replaced atomically (--force). */
  existing?: 'replace' | 'refuse';
  /** Start Chromium once when pdf is asked, so an unusable engine stops the command before the scan (default true). */
  checkPdfEngine?: boolean;
}

/** "--format json,csv", a repeated --format (an array), or nothing (the defaults). */
export function formatList(formats: readonly string[] | string | undefined): ReportFormat[] {
  const list = formats === undefined ? [] : (Array.isArray(formats) ? formats : [formats]).flatMap((f) => String(f).split(','));
  const parsed = parseFormats(list);
  return parsed.length ? parsed : [...DEFAULT_FORMATS];
}

const refuse = (file: string, why: string) => new RuntimeError(`cannot write ${safeText(file, 300)}: ${why}`, 'CAMAUDIT_ERR_OUTPUT');

/** One line naming the earlier files that would be replaced, and the two ways on. */
function earlierResult(dir: string, files: readonly string[]): UsageError {
  const names = files.map((f) => safeText(path.basename(f), 100)).join(', ');
  return new UsageError(`${safeText(dir, 300)} already holds an earlier result (${names}): give another --out folder, or --force to replace ${files.length === 1 ? 'it' : 'them'}`);
}

/** The folder exists (created if missing), is a folder, and a file can be created in it. */
async function prepareDir(dir: string): Promise<string> {
  let st;
  try {
    st = await stat(dir);
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // not there yet: created below
  }
  if (st && !st.isDirectory()) throw refuse(dir, 'it is a file, not a folder (--out names the folder the reports go to)');
  if (!st) {
    try {
      await mkdir(dir, { recursive: true });
    } catch (err) {
      throw outputError(dir, err);
    }
  }
  // Proven writable now, not after an hour of scanning: create and remove an empty file (read-only, permission).
  const probe = path.join(dir, `.camaudit-write-test.${process.pid}.${randomBytes(4).toString('hex')}`);
  try {
    const h = await open(probe, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    await h.close();
    await unlink(probe);
  } catch (err) {
    throw outputError(dir, err);
  }
  return realpath(dir);
}

/** dev:ino of each input that exists, to recognise an output that is the same file under another name. */
async function inputIds(inputs: readonly string[]): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const f of inputs) {
    try {
      const st = await stat(f);
      ids.add(`${st.dev}:${st.ino}`);
    } catch (err) {
      rethrowUnless(err, 'ENOENT'); // an input that is not there is reported by its reader
    }
  }
  return ids;
}

/** Everything about the outputs that can be known before the scan; throws one line (exit 2 or 3) otherwise. */
export async function planOutputs(dir: string, formats: readonly string[] | string | undefined, o: PlanOptions = {}): Promise<OutputPlan> {
  const chosen = formatList(formats);
  const realDir = await prepareDir(path.resolve(dir));
  const inputs = await inputIds(o.inputs ?? []);
  const targets: OutputTarget[] = [];
  for (const format of chosen) {
    const file = path.join(realDir, (o.name ?? ((f) => FILE_NAMES[f]))(format));
    const there = await existingTarget(file);
    if (there.kind === 'refused') throw refuse(file, there.why);
    const isInput = there.kind === 'file' && inputs.has(`${there.stats.dev}:${there.stats.ino}`);
    targets.push({ format, file, existed: there.kind === 'file', isInput });
  }
  const earlier = targets.filter((t) => t.existed && !t.isInput);
  if (earlier.length && (o.existing ?? 'refuse') === 'refuse') throw earlierResult(realDir, earlier.map((t) => t.file));
  if (o.checkPdfEngine !== false && chosen.includes('pdf')) await (await import('./pdf.js')).checkPdfEngine();
  return { dir: realDir, targets };
}

export interface WriteOutcome {
  written: string[];
  /** Targets left as they were because they are the command's input. */
  keptInputs: string[];
  failed: { format: ReportFormat; file: string; reason: string; earlierKept: boolean }[];
}

export type Renderer = (result: ScanResult, format: ReportFormat) => Promise<string | Buffer>;
const defaultRender: Renderer = (result, format) => renderReport(result, format, { colour: false });

/** Writes the plan: report.json first, then the rest in order; every failure named, nothing earlier lost. */
export async function writePlanned(result: ScanResult, plan: OutputPlan, render: Renderer = defaultRender): Promise<WriteOutcome> {
  const out: WriteOutcome = { written: [], keptInputs: [], failed: [] };
  const ordered = [...plan.targets].sort((a, b) => Number(b.format === 'json') - Number(a.format === 'json'));
  for (const t of ordered) {
    if (t.isInput) {
      out.keptInputs.push(t.file);
      continue;
    }
    let data: string | Buffer;
    try {
      data = await render(result, t.format);
    } catch (err) {
      // A renderer that fails (Chromium gone, a result too large for one format) costs that format only.
      out.failed.push({ format: t.format, file: t.file, reason: err instanceof RuntimeError ? safeText(err.message, 300) : `not rendered: ${outputReason(err) || describeFailure(err)}`, earlierKept: t.existed });
      continue;
    }
    try {
      await writeFileAtomic(t.file, data);
      out.written.push(t.file);
    } catch (err) {
      out.failed.push({ format: t.format, file: t.file, reason: err instanceof RuntimeError ? err.message : describeFailure(err), earlierKept: t.existed });
    }
  }
  return out;
}

/** One line per failed format for stderr, saying whether an earlier file of that name is still there. */
export function failureLines(outcome: WriteOutcome): string[] {
  return outcome.failed.map((f) => {
    const reason = f.reason.startsWith('cannot write') ? f.reason : `${safeText(path.basename(f.file), 100)} not written: ${f.reason}`;
    return `${reason}${f.earlierKept ? ' (the earlier file of that name is left as it was)' : ''}`;
  });
}

/** A single output file (`merge --out FILE`): refused when it is a link, a folder, one of the inputs, or an earlier file (unless `force`). */
export async function planOutputFile(file: string, inputs: readonly string[] = [], force = false): Promise<string> {
  const abs = path.resolve(file);
  const dir = await prepareDir(path.dirname(abs));
  const target = path.join(dir, path.basename(abs));
  const there = await existingTarget(target);
  // --out is a folder for scan, report, pcap and demo; for merge it is the merged result's file: say so.
  if (there.kind === 'refused') throw refuse(target, there.why === 'it is a folder' ? 'it is a folder (merge --out names the JSON file to write, e.g. --out estate.json)' : there.why);
  if (there.kind === 'file' && (await inputIds(inputs)).has(`${there.stats.dev}:${there.stats.ino}`)) {
    throw refuse(target, 'it is one of the inputs (choose another file: the input would be lost)');
  }
  if (there.kind === 'file' && !force) throw new UsageError(`${safeText(target, 300)} already exists (an earlier result?): give another --out file, or --force to replace it`);
  return target;
}
