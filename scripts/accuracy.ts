// Accuracy of identify over the capture sets (fixtures/captures/<set>/): high-risk recall, false
// flags, other camera makers, overall maker accuracy, per vendor and per sample; and a
// leave-one-source-out figure for the shared corpus (how much of its score is rules written from the
// very capture they are scored on). Only `protocol` and `payload` go to identify; `vendor_truth` is read
// here, to score. Blind-set output is summary figures and file names only: rule writers must not learn
// from it.
// Run: `npm run accuracy -- [--set shared|dev|blind|all] [--write] [DIR]`
//      `npm run accuracy -- --set all --identify-module <identify.js> --summary-json <file>` (an older build's identify).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../src/core/paths.js';
import { groupOf } from '../src/fingerprint/attribute.js';
import { fingerprintDbInfo, loadFingerprintDb, type FingerprintDb } from '../src/fingerprint/db.js';
import { identifySample } from '../src/identify/identify.js';
import { CAPTURE_SETS, readCaptureDir, setDir, sourceKey, type CaptureFile } from './capture-sets.js';
import { checkHighRiskFlags, highRiskGroups, truthOf, type Truth } from './truth.js';

export { truthVendor } from './truth.js';

/** The high-risk maker groups scored against (from fingerprints/vendors.json, not a list written here). */
export const HIGH_RISK_GROUPS: ReadonlySet<string> = highRiskGroups();

/** The part of an identify result the scorer reads (the current build's or an older one's). */
export interface IdentifyLike {
  manufacturer: string | null;
  confidence: string | null;
  risk: { level: string };
  evidence?: { rule: string | null }[];
}
export type IdentifyFn = (file: string, sample: unknown, opts?: { db?: FingerprintDb }) => IdentifyLike;

const CAMERA_TYPES = new Set(['camera', 'nvr', 'dvr']);

export interface SampleScore {
  file: string;
  set: string;
  protocol: string;
  /** The capture's device_type (truth), lower-case; null when not given. */
  deviceType: string | null;
  sourceKey: string;
  truthText: string;
  truthStatus: Truth['status'];
  /** The true maker's group; null when the maker is unknown or not a vendor of the database (see truthStatus). */
  truth: string | null;
  /** The attributed maker's group (Ezviz → hikvision); null when none. */
  predicted: string | null;
  predictedVendor: string | null;
  confidence: string | null;
  risk: string;
  /** identify refused the capture (e.g. a protocol it does not read); scored as no maker. */
  error: string | null;
  rules: string[];
}

/** Score captures with identify (the current build's unless another is given). */
export function scoreCaptures(captures: readonly CaptureFile[], opts: { identify?: IdentifyFn; db?: FingerprintDb } = {}): SampleScore[] {
  const db = loadFingerprintDb();
  const identify: IdentifyFn = opts.identify ?? identifySample;
  return captures.map((c) => {
    const truth = truthOf(String(c.data.vendor_truth ?? ''), db);
    let predictedVendor: string | null = null;
    let confidence: string | null = null;
    let risk = 'none';
    let error: string | null = null;
    let rules: string[] = [];
    try {
      const r = identify(c.file, { protocol: c.data.protocol, payload: c.data.payload }, opts.db ? { db: opts.db } : {});
      predictedVendor = r.manufacturer;
      confidence = r.confidence;
      risk = r.risk.level;
      rules = [...new Set((r.evidence ?? []).map((e) => e.rule).filter((x): x is string => !!x))];
    } catch (e) {
      error = (e as Error).message.split('\n')[0]!.split(' (known:')[0]!;
    }
    return {
      file: c.file,
      set: c.set,
      protocol: String(c.data.protocol),
      deviceType: typeof c.data.device_type === 'string' ? c.data.device_type.toLowerCase() : null,
      sourceKey: sourceKey(String(c.data.source ?? '')),
      truthText: truth.text,
      truthStatus: truth.status,
      truth: truth.status === 'vendor' ? truth.group : null,
      predicted: predictedVendor ? groupOf(db, predictedVendor) : null,
      predictedVendor,
      confidence,
      risk,
      error,
      rules,
    };
  });
}

/** Score one folder of captures (compatibility with the single-corpus scorer). */
export function scoreCorpus(dir: string): SampleScore[] {
  return scoreCaptures(readCaptureDir(dir));
}

export interface SetSummary {
  samples: number;
  sources: number;
  highRisk: { right: number; total: number; missed: string[] };
  /**
   * High-risk recall with each source weighing one: the mean, over the sources holding a high-risk sample, of the
   * share of that source's high-risk samples named right. One thread or repository that gave many captures (a
   * device's nine ONVIF replies, a test suite's sixteen SNMP recordings) then moves the figure as much as one
   * that gave a single capture.
   */
  highRiskBySource: { meanShare: number; sources: number };
  /** Samples not made by a high-risk maker that were flagged high or attributed to a high-risk maker. */
  falseFlags: { count: number; total: number; files: string[] };
  /** Camera/NVR/DVR samples whose known maker is not high-risk: right maker / total. */
  otherCameras: { right: number; total: number; wrong: string[] };
  /** Samples whose maker is known (a vendor id or an unmapped maker name): right maker / total. */
  overall: { right: number; total: number };
  unknownTruth: { unattributed: number; total: number };
  /** Truth texts that name no vendor id of the database (counted as not right). */
  unmapped: { file: string; text: string }[];
  errors: { file: string; error: string }[];
}

/** Mean over the scores' sources of the share of each source's scores that pass `ok` (0 sources → share 0). */
export function bySourceShare(scores: readonly SampleScore[], ok: (s: SampleScore) => boolean): { meanShare: number; sources: number } {
  const per = new Map<string, { ok: number; n: number }>();
  for (const s of scores) {
    const t = per.get(s.sourceKey) ?? { ok: 0, n: 0 };
    t.n++;
    if (ok(s)) t.ok++;
    per.set(s.sourceKey, t);
  }
  if (!per.size) return { meanShare: 0, sources: 0 };
  let sum = 0;
  for (const t of per.values()) sum += t.ok / t.n;
  return { meanShare: sum / per.size, sources: per.size };
}

export function summarise(scores: readonly SampleScore[], hr: ReadonlySet<string> = HIGH_RISK_GROUPS): SetSummary {
  const isHr = (s: SampleScore) => s.truth !== null && hr.has(s.truth);
  const hrS = scores.filter(isHr);
  const others = scores.filter((s) => !isHr(s));
  const flagged = others.filter((s) => s.risk === 'high' || (s.predicted !== null && hr.has(s.predicted)));
  const known = scores.filter((s) => s.truthStatus !== 'unknown');
  const cams = known.filter((s) => !isHr(s) && CAMERA_TYPES.has(s.deviceType ?? ''));
  const right = (s: SampleScore) => s.truth !== null && s.predicted === s.truth;
  const unknown = scores.filter((s) => s.truthStatus === 'unknown');
  return {
    samples: scores.length,
    sources: new Set(scores.map((s) => s.sourceKey)).size,
    highRisk: { right: hrS.filter(right).length, total: hrS.length, missed: hrS.filter((s) => !right(s)).map((s) => s.file) },
    highRiskBySource: bySourceShare(hrS, right),
    falseFlags: { count: flagged.length, total: others.length, files: flagged.map((s) => s.file) },
    otherCameras: { right: cams.filter(right).length, total: cams.length, wrong: cams.filter((s) => !right(s)).map((s) => s.file) },
    overall: { right: known.filter(right).length, total: known.length },
    unknownTruth: { unattributed: unknown.filter((s) => !s.predicted).length, total: unknown.length },
    unmapped: scores.filter((s) => s.truthStatus === 'unmapped').map((s) => ({ file: s.file, text: s.truthText })),
    errors: scores.filter((s) => s.error).map((s) => ({ file: s.file, error: s.error! })),
  };
}

// ---- leave one source out ----

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** True when a rule example's source cites one of the held-out captures (by file name) or their source. */
export function citesHeldOut(exampleSource: string, stems: readonly string[], key: string): boolean {
  for (const stem of stems) if (new RegExp(`(^|[^A-Za-z0-9-])${escapeRe(stem)}(\\.json)?($|[^A-Za-z0-9-])`, 'i').test(exampleSource)) return true;
  return /(https?:\/\/|github\.com\/)/i.test(exampleSource) && sourceKey(exampleSource) === key;
}

/** The database without every rule whose examples all cite the held-out captures. */
export function dbWithout(db: FingerprintDb, stems: readonly string[], key: string): { db: FingerprintDb; disabled: string[] } {
  const disabled: string[] = [];
  const rules = db.rules.filter((r) => {
    const off = r.examples.length > 0 && r.examples.every((e) => citesHeldOut(e.source, stems, key));
    if (off) disabled.push(r.id);
    return !off;
  });
  return { db: { ...db, rules }, disabled };
}

export interface LosoResult {
  highRisk: { right: number; total: number };
  /** High-risk samples attributed in-sample but not once the rules citing their source are held out. */
  lost: { file: string; disabled: string[] }[];
  falseFlags: number;
  rulesDisabled: number;
}

/**
 * Leave one source out: for each capture, hold out every capture of its source, disable every rule whose
 * examples all cite them (file name, e.g. "corpus hikvision-http-3", or the source URL), and identify the
 * capture with the rest. `by: 'capture'` holds out only the capture itself (its file name or source URL):
 * a milder figure, since captures of one thread (or of Recog) often back each other's rules.
 */
export function leaveOneSourceOut(captures: readonly CaptureFile[], opts: { by?: 'source' | 'capture'; hr?: ReadonlySet<string> } = {}): LosoResult {
  const hr = opts.hr ?? HIGH_RISK_GROUPS;
  const db = loadFingerprintDb();
  const inSample = new Map(scoreCaptures(captures).map((s) => [s.file, s]));
  const keyOf = new Map(captures.map((c) => [c.file, sourceKey(String(c.data.source ?? ''))]));
  const stemsOf = new Map<string, string[]>();
  for (const c of captures) {
    const k = keyOf.get(c.file)!;
    stemsOf.set(k, [...(stemsOf.get(k) ?? []), c.file.replace(/\.json$/, '')]);
  }
  const out: LosoResult = { highRisk: { right: 0, total: 0 }, lost: [], falseFlags: 0, rulesDisabled: 0 };
  const allDisabled = new Set<string>();
  for (const c of captures) {
    const key = keyOf.get(c.file)!;
    // by 'capture': only this capture's file name (and its source URL) are held out; by 'source': every capture of its source.
    const held = dbWithout(db, opts.by === 'capture' ? [c.file.replace(/\.json$/, '')] : stemsOf.get(key)!, key);
    held.disabled.forEach((r) => allDisabled.add(r));
    const [s] = scoreCaptures([c], { db: held.db });
    const isHr = s!.truth !== null && hr.has(s!.truth);
    if (isHr) {
      out.highRisk.total++;
      if (s!.predicted === s!.truth) out.highRisk.right++;
      else if (inSample.get(c.file)!.predicted === s!.truth) out.lost.push({ file: c.file, disabled: held.disabled });
    } else if (s!.risk === 'high' || (s!.predicted !== null && hr.has(s!.predicted))) out.falseFlags++;
  }
  out.rulesDisabled = allDisabled.size;
  return out;
}

// ---- rendering ----

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(0)}%` : '–');
const frac = (a: number, b: number) => `${a} / ${b} (${pct(a, b)})`;

function summaryLines(s: SetSummary): string[] {
  return [
    `- Samples: ${s.samples} from ${s.sources} distinct sources`,
    `- High-risk recall (right maker group / samples made by a high-risk maker): **${frac(s.highRisk.right, s.highRisk.total)}**`,
    `- High-risk recall with each source weighing one (mean over ${s.highRiskBySource.sources} sources of the share of the source's high-risk samples named): ${s.highRiskBySource.sources ? `${(100 * s.highRiskBySource.meanShare).toFixed(0)}%` : '–'}`,
    `- Not made by a high-risk maker, yet flagged high or attributed to a high-risk maker: **${s.falseFlags.count} / ${s.falseFlags.total}**`,
    `- Other camera makers right (camera/NVR/DVR samples whose maker is known and not high-risk): **${frac(s.otherCameras.right, s.otherCameras.total)}**`,
    `- Overall maker accuracy (samples whose maker is known): ${frac(s.overall.right, s.overall.total)}`,
    `- Maker unknown in the source: ${s.unknownTruth.total} sample(s), ${s.unknownTruth.unattributed} left unattributed`,
  ];
}

function unmappedLines(s: SetSummary): string[] {
  if (!s.unmapped.length) return [];
  return ['', `Truth texts that name no vendor of the database (scored as not right): ${s.unmapped.map((u) => `${u.file} ("${u.text}")`).join('; ')}.`];
}

/** Full detail for an in-sample set: summary, per vendor, confusion, per sample with the rules that fired. */
export function renderInSample(title: string, scores: readonly SampleScore[], loso?: LosoResult, looCapture?: LosoResult): string[] {
  const s = summarise(scores);
  const lines: string[] = [`## ${title}`, '', ...summaryLines(s)];
  if (loso) {
    lines.push(
      `- **Leave one source out**: high-risk recall ${frac(loso.highRisk.right, loso.highRisk.total)} when every rule whose examples all cite the capture's own source is held out (${loso.rulesDisabled} rules cite only one source of this set); false flags then: ${loso.falseFlags}`,
    );
    for (const l of loso.lost) lines.push(`  - lost: ${l.file} (held out: ${l.disabled.join(', ') || '–'})`);
  }
  if (looCapture) {
    lines.push(
      `- Leave one capture out (only rules whose examples all cite the capture itself, by file name or source URL, held out): high-risk recall ${frac(looCapture.highRisk.right, looCapture.highRisk.total)}; false flags then: ${looCapture.falseFlags}`,
    );
  }
  for (const f of s.highRisk.missed) {
    const x = scores.find((y) => y.file === f)!;
    lines.push(`  - missed high-risk: ${f} (${x.protocol}) → ${x.predicted ?? 'maker unknown'}${x.error ? ` [${x.error}]` : ''}`);
  }
  for (const f of s.falseFlags.files) {
    const x = scores.find((y) => y.file === f)!;
    lines.push(`  - false flag: ${f} (truth ${x.truth ?? x.truthText}) → ${x.predicted ?? '–'}, risk ${x.risk}`);
  }
  for (const f of s.otherCameras.wrong) {
    const x = scores.find((y) => y.file === f)!;
    lines.push(`  - other camera maker not right: ${f} (truth ${x.truth ?? x.truthText}) → ${x.predicted ?? 'maker unknown'}`);
  }
  lines.push(...unmappedLines(s));
  if (s.errors.length) lines.push('', `identify refused: ${s.errors.map((e) => `${e.file} (${e.error})`).join('; ')}.`);
  const vendors = [...new Set(scores.flatMap((x) => [x.truth, x.predicted]).filter((v): v is string => !!v))].sort();
  lines.push('', '| vendor group | samples | predicted | correct | precision | recall |', '|---|---:|---:|---:|---:|---:|');
  for (const v of vendors) {
    const truthN = scores.filter((x) => x.truth === v).length;
    const predN = scores.filter((x) => x.predicted === v).length;
    const tp = scores.filter((x) => x.truth === v && x.predicted === v).length;
    lines.push(`| ${v}${HIGH_RISK_GROUPS.has(v) ? ' (high-risk)' : ''} | ${truthN} | ${predN} | ${tp} | ${pct(tp, predN)} | ${pct(tp, truthN)} |`);
  }
  const um = scores.filter((x) => x.truthStatus === 'unmapped');
  if (um.length) lines.push(`| (maker not in the database) | ${um.length} | – | 0 | – | 0% |`);
  const unk = scores.filter((x) => x.truthStatus === 'unknown');
  lines.push(`| (maker unknown) | ${unk.length} | – | ${unk.filter((x) => !x.predicted).length} left unattributed | – | – |`);
  const cols = [...vendors, '(maker unknown)'];
  lines.push('', 'Confusion (rows: truth, columns: predicted):', '', `| truth \\ predicted | ${cols.join(' | ')} |`, `|---|${cols.map(() => '---:').join('|')}|`);
  const rowKeys: (string | null)[] = [...vendors, null];
  for (const t of rowKeys) {
    const row = scores.filter((x) => x.truth === t);
    if (!row.length) continue;
    lines.push(`| ${t ?? '(unknown or not in database)'} | ${cols.map((c) => row.filter((x) => (x.predicted ?? '(maker unknown)') === c).length || '').join(' | ')} |`);
  }
  lines.push('', '| file | protocol | truth | predicted | confidence | risk | rules |', '|---|---|---|---|---|---|---|');
  for (const x of scores) {
    const truth = x.truthStatus === 'vendor' ? x.truth : x.truthStatus === 'unknown' ? '(unknown)' : `(not in db: ${x.truthText.split(/[(,;]/)[0]!.trim()})`;
    const pred = x.error ? `(refused: ${x.error.slice(0, 60)})` : x.predictedVendor ? (x.predictedVendor === x.predicted ? x.predicted : `${x.predicted} (${x.predictedVendor})`) : '–';
    lines.push(`| ${x.file} | ${x.protocol} | ${truth} | ${pred} | ${x.confidence ?? '–'} | ${x.risk} | ${x.rules.join(', ') || '–'} |`.replace(/\n/g, ' '));
  }
  return lines;
}

/** Blind set: summary figures and file names only, no rule, value or predicted maker per sample. */
export function renderBlind(title: string, scores: readonly SampleScore[]): string[] {
  const s = summarise(scores);
  const lines = [`## ${title}`, '', ...summaryLines(s)];
  lines.push(`- Missed high-risk samples: ${s.highRisk.missed.join(', ') || 'none'}`);
  lines.push(`- False flags: ${s.falseFlags.files.join(', ') || 'none'}`);
  lines.push(`- Other camera makers not right: ${s.otherCameras.wrong.join(', ') || 'none'}`);
  lines.push(...unmappedLines(s));
  return lines;
}

/** Summary figures only (no file names), as stored for a baseline. */
export interface BriefSummary {
  samples: number;
  sources: number;
  highRisk: [number, number];
  falseFlags: [number, number];
  otherCameras: [number, number];
  overall: [number, number];
  unknownLeftUnattributed: [number, number];
}

export function brief(s: SetSummary): BriefSummary {
  return {
    samples: s.samples,
    sources: s.sources,
    highRisk: [s.highRisk.right, s.highRisk.total],
    falseFlags: [s.falseFlags.count, s.falseFlags.total],
    otherCameras: [s.otherCameras.right, s.otherCameras.total],
    overall: [s.overall.right, s.overall.total],
    unknownLeftUnattributed: [s.unknownTruth.unattributed, s.unknownTruth.total],
  };
}

export interface Baseline {
  /** What the baseline stands for, e.g. "before the attribution push" (the heading reads "Baseline: <title>, commit …"). */
  title?: string;
  commit: string;
  what: string;
  fingerprintVersion: string;
  /** The repository commit whose capture sets were scored (the sets grow; `samples` shows their size then). */
  setsAt?: string;
  sets: Record<string, BriefSummary>;
}

export function renderBriefTable(sets: Record<string, BriefSummary>): string[] {
  const lines = ['| set | samples | sources | high-risk recall | false flags | other camera makers right | overall maker accuracy |', '|---|---:|---:|---:|---:|---:|---:|'];
  for (const [name, b] of Object.entries(sets)) {
    lines.push(`| ${name} | ${b.samples} | ${b.sources} | ${frac(...b.highRisk)} | ${b.falseFlags[0]} / ${b.falseFlags[1]} | ${frac(...b.otherCameras)} | ${frac(...b.overall)} |`);
  }
  return lines;
}

function gitCommit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'fingerprints', 'fixtures/captures'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return dirty ? `${sha} (with uncommitted changes)` : sha;
  } catch (e) {
    return `unknown (${(e as Error).message.split('\n')[0]})`;
  }
}

export const BASELINE_FILE = path.join(ROOT, 'docs/accuracy-baseline.json');

/** The whole of docs/accuracy.md: in-sample sets in full, blind in summary, the stored baseline. */
export function renderDoc(sets: Record<string, CaptureFile[]>): string {
  const info = fingerprintDbInfo();
  const check = checkHighRiskFlags();
  const lines: string[] = ['# identify accuracy', ''];
  lines.push(
    `Generated by \`npm run accuracy -- --set all --write\` (scripts/accuracy.ts) at commit ${gitCommit()}; fingerprint database ${info.version} (sha256 ${info.sha256.slice(0, 16)}…), oui-data ${info.ouiDataVersion}.`,
    'identify reads only `protocol` and `payload`; `vendor_truth` is read by the scorer. Makers are compared by group (Ezviz → Hikvision, Huacheng/Imou → Dahua).',
    '',
    `High-risk maker groups (vendors with \`high_risk_maker: true\` in fingerprints/vendors.json): ${check.groups.join(', ')}.`,
    `Named by a binding policy (FCC Covered List, NDAA §889): ${check.namedByBinding.join(', ')}${check.bindingNotFlagged.length ? ` — **not flagged: ${check.bindingNotFlagged.join(', ')}**` : ' (all flagged)'}. Named only by an export-control or administrative policy: ${check.namedByOther.join(', ') || 'none'}. Flagged though named by no policy by id (covered through the UK statement's PRC-law predicate): ${check.flaggedNotNamed.join(', ') || 'none'}.`,
    '',
    '# In-sample figures (rules may be written from these sets)',
    '',
  );
  lines.push(
    'Leave one source out (shared corpus): each capture is identified once more with every rule whose examples all cite its own source held out (by file name, e.g. "corpus hikvision-http-3", or by source URL; all captures of that source count as held out). A rule of general form that happens to cite only that one capture is held out too, so the figure is a floor: it says how much of the in-sample score rests on rules with no independent example.',
    '',
  );
  // Each set scored once: its section above and the comparison table below read the same scores.
  const scored: Record<string, SampleScore[]> = {};
  for (const [name, caps] of Object.entries(sets)) scored[name] = scoreCaptures(caps);
  if (sets.shared) lines.push(...renderInSample('Shared corpus (fixtures/captures/shared, ../shared/corpus copied in)', scored.shared!, leaveOneSourceOut(sets.shared), leaveOneSourceOut(sets.shared, { by: 'capture' })), '');
  if (sets.dev) lines.push(...renderInSample('Development set (fixtures/captures/dev)', scored.dev!), '');
  if (sets.blind) {
    lines.push('# Blind figures (never tuned on; summary and file names only)', '');
    lines.push(...renderBlind('Blind set (fixtures/captures/blind)', scored.blind!), '');
  }
  if (existsSync(BASELINE_FILE)) {
    const stored = JSON.parse(readFileSync(BASELINE_FILE, 'utf8')) as Baseline | Baseline[];
    const now: Record<string, BriefSummary> = {};
    for (const [name, scores] of Object.entries(scored)) now[name] = brief(summarise(scores));
    for (const b of Array.isArray(stored) ? stored : [stored]) {
      lines.push(
        `# Baseline: ${b.title ?? 'before the attribution push'}, commit ${b.commit}`,
        '',
        `${b.what} Fingerprint database ${b.fingerprintVersion}.${b.setsAt ? ` Sets as they stood at commit ${b.setsAt}.` : ''} Summary figures only.`,
        '',
        ...renderBriefTable(b.sets),
        '',
      );
    }
    lines.push('The same figures for this commit (the sections above), for comparison:', '', ...renderBriefTable(now), '');
  }
  return lines.join('\n');
}

function usage(): never {
  throw new Error('usage: accuracy [--set shared|dev|blind|all] [--write] [--identify-module FILE] [--summary-json FILE] [DIR]');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (!v || v.startsWith('--')) usage();
    args.splice(i, 2);
    return v;
  };
  const setArg = opt('--set');
  const identifyModule = opt('--identify-module');
  const summaryJson = opt('--summary-json');
  const write = args.includes('--write');
  const rest = args.filter((a) => a !== '--write');
  if (rest.some((a) => a.startsWith('--'))) usage();
  if (setArg && !['all', ...CAPTURE_SETS].includes(setArg)) usage();
  let identify: IdentifyFn | undefined;
  if (identifyModule) {
    const mod = (await import(pathToFileURL(path.resolve(identifyModule)).href)) as { identifySample?: IdentifyFn };
    if (typeof mod.identifySample !== 'function') throw new Error(`${identifyModule} exports no identifySample`);
    identify = mod.identifySample;
  }
  const sets: Record<string, CaptureFile[]> = {};
  if (rest[0]) {
    const dir = path.resolve(rest[0]);
    if (!existsSync(dir)) throw new Error(`no such folder: ${dir}`);
    sets[path.basename(dir)] = readCaptureDir(dir);
  } else {
    const names = write || setArg === 'all' ? CAPTURE_SETS : [(setArg ?? 'shared') as (typeof CAPTURE_SETS)[number]];
    for (const n of names) {
      const caps = readCaptureDir(setDir(n), n);
      if (caps.length) sets[n] = caps;
      else if (!write && setArg !== 'all') throw new Error(`capture set "${n}" is missing or empty: ${setDir(n)}`);
    }
  }
  if (write) {
    if (identify || rest[0]) throw new Error('--write scores the repository sets with the current build only');
    const text = renderDoc(sets);
    writeFileSync(path.join(ROOT, 'docs/accuracy.md'), text);
    process.stdout.write(text);
    return;
  }
  const briefs: Record<string, BriefSummary> = {};
  for (const [name, caps] of Object.entries(sets)) {
    const scores = scoreCaptures(caps, { identify });
    briefs[name] = brief(summarise(scores));
    const lines = name === 'blind' ? renderBlind(`${name} (${caps.length})`, scores) : renderInSample(`${name} (${caps.length})`, scores, name === 'shared' && !identify ? leaveOneSourceOut(caps) : undefined, name === 'shared' && !identify ? leaveOneSourceOut(caps, { by: 'capture' }) : undefined);
    process.stdout.write(lines.join('\n') + '\n\n');
  }
  if (summaryJson) writeFileSync(summaryJson, JSON.stringify(briefs, null, 2) + '\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().catch((e: unknown) => {
    process.stderr.write(`accuracy: ${(e as Error).message.split('\n')[0]}\n`);
    process.exitCode = 2;
  });
}
