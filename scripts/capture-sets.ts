// Capture sets on disk (fixtures/captures/<set>/*.json) and the fixed-seed, by-source split of new
// captures into dev/ and blind/. Shared by scripts/split-captures.ts, scripts/accuracy.ts and the
// provenance test. A capture's `source` is normalised to a source key (the thread, repository or
// document it came from), so every capture of one source lands on the same side, whatever the order
// the captures arrive in.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../src/core/paths.js';

export const CAPTURES_DIR = path.join(ROOT, 'fixtures/captures');
/** Staging folder for new captures before the split; never committed (.gitignore). */
export const INCOMING_DIR = path.join(CAPTURES_DIR, 'incoming');

export const CAPTURE_SETS = ['shared', 'dev', 'blind'] as const;
export type CaptureSetName = (typeof CAPTURE_SETS)[number];
/** Sets the split writes into (shared/ is ../shared/corpus copied in, never split). */
export type SplitSide = 'dev' | 'blind';

/** The seed of the split. Changing it (or sourceKey) moves captures between dev and blind: never do. */
export const SPLIT_SEED = 'camaudit-capture-split-v1:';

/** Fields every capture must carry before it is split or scored. */
export const REQUIRED_FIELDS = ['source', 'protocol', 'payload', 'vendor_truth'] as const;

export interface CaptureFile {
  file: string;
  set: string;
  data: Record<string, unknown>;
}

/** Issue and pull-request threads share one number space on GitHub: both become `/issues/N`. */
const GITHUB_THREAD = new Set(['issues', 'pull', 'pulls']);

function trimUrl(u: string): string {
  return u.replace(/[.,;:'"!>\])}]+$/, '');
}

/** Key of one URL: a GitHub thread, a GitHub repository (for any file in it), a gist, or host + path. */
function urlKey(raw: string): string {
  const u = trimUrl(raw).replace(/^https?:\/\//i, '');
  const noFrag = u.split('#')[0]!;
  const [hostPart, ...rest] = noFrag.split('/');
  const host = hostPart!.toLowerCase().replace(/^www\./, '');
  const pathAndQuery = rest.join('/');
  const segs = pathAndQuery.split('?')[0]!.split('/').filter(Boolean);
  if (host === 'github.com' && segs.length >= 2) {
    const repo = `${segs[0]!.toLowerCase()}/${segs[1]!.toLowerCase().replace(/\.git$/, '')}`;
    if (segs[2] && GITHUB_THREAD.has(segs[2]) && /^\d+$/.test(segs[3] ?? '')) return `github.com/${repo}/issues/${segs[3]}`;
    if (segs[2] === 'discussions' && /^\d+$/.test(segs[3] ?? '')) return `github.com/${repo}/discussions/${segs[3]}`;
    return `github.com/${repo}`;
  }
  if (host === 'raw.githubusercontent.com' && segs.length >= 2) return `github.com/${segs[0]!.toLowerCase()}/${segs[1]!.toLowerCase()}`;
  if (host === 'gist.github.com' && segs.length >= 1) return `gist.github.com/${segs[segs.length - 1]!.toLowerCase()}`;
  const query = host.endsWith('github.com') ? '' : (pathAndQuery.split('?')[1] ?? '');
  const p = segs.join('/');
  return `${host}${p ? `/${p}` : ''}${query ? `?${query}` : ''}`;
}

/**
 * The source key of a capture's `source` text: the thread, repository or document it came from.
 * `https://github.com/o/r/issues/12 (comment by x)` → `github.com/o/r/issues/12`;
 * `github.com/o/r tests/fixtures/a.xml` or a blob URL → `github.com/o/r`; `rapid7/recog xml/…` →
 * `github.com/rapid7/recog`; any other URL → host + path; text without a URL → its words before the
 * first parenthesis, lower-cased.
 */
export function sourceKey(source: string): string {
  const s = source.trim();
  const withScheme = /https?:\/\/[^\s<>()]+/i.exec(s);
  if (withScheme) return urlKey(withScheme[0]);
  const bare = /\b((?:gist\.)?github\.com|raw\.githubusercontent\.com|gitlab\.com|bitbucket\.org)\/[^\s<>()]+/i.exec(s);
  if (bare) return urlKey(bare[0]);
  const shorthand = /^([A-Za-z0-9][\w.-]*)\/([\w.-]+)(?=\s|$)/.exec(s);
  if (shorthand && !shorthand[1]!.includes('.')) return `github.com/${shorthand[1]!.toLowerCase()}/${shorthand[2]!.toLowerCase().replace(/\.git$/, '')}`;
  return s.split('(')[0]!.toLowerCase().replace(/\s+/g, ' ').replace(/[\s.,;:]+$/, '').trim() || s.toLowerCase();
}

/** Which side of the split a source key falls on: SHA-256(SPLIT_SEED + key), first byte < 128 → blind. */
export function splitSide(key: string): SplitSide {
  const first = createHash('sha256').update(SPLIT_SEED + key, 'utf8').digest()[0]!;
  return first < 128 ? 'blind' : 'dev';
}

/** What is wrong with a capture's fields (empty when it can be split and scored). */
export function captureProblems(data: unknown): string[] {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return ['not a JSON object'];
  const d = data as Record<string, unknown>;
  const out: string[] = [];
  for (const f of REQUIRED_FIELDS) {
    const v = d[f];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) out.push(`no "${f}"`);
  }
  return out;
}

/** The payload as one text (objects as JSON), for duplicate checks. */
export function payloadText(data: Record<string, unknown>): string {
  const p = data.payload;
  return typeof p === 'string' ? p : JSON.stringify(p);
}

export function setDir(set: string): string {
  return path.join(CAPTURES_DIR, set);
}

/** The captures of one folder, sorted by file name; a file that is not JSON throws with its name. */
export function readCaptureDir(dir: string, set = path.basename(dir)): CaptureFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      let data: unknown;
      try {
        data = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      } catch (e) {
        throw new Error(`${set}/${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
      }
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error(`${set}/${file}: not a JSON object`);
      return { file, set, data: data as Record<string, unknown> };
    });
}
