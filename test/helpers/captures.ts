// The one way tests find real captured device responses (fixtures/captures/<set>/*.json, each with its
// `source`). A missing or empty set throws with the path: tests fail loudly, they never skip or go quiet.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** shared: ../shared/corpus copied in; dev: new captures rules may be written from; blind: never tuned on. */
export type CaptureSet = 'shared' | 'dev' | 'blind';

/** Every capture set, in order. Rule and attribution tests use shared and dev only; blind is for scoring and provenance checks. */
export const CAPTURE_SETS: readonly CaptureSet[] = ['shared', 'dev', 'blind'];

export interface Capture {
  protocol: string;
  vendor_truth: string;
  brand: string | null;
  model: string | null;
  device_type?: string | null;
  source: string;
  note: string;
  payload: string;
}

export const CAPTURES_ROOT = path.join(ROOT, 'fixtures/captures');

/** The folder of a capture set; throws when it is missing or holds no capture. */
export function captureDir(set: CaptureSet = 'shared'): string {
  const dir = path.join(CAPTURES_ROOT, set);
  if (!existsSync(dir)) throw new Error(`capture set "${set}" is missing: ${dir} (captures live in the repository; see fixtures/captures/README.md)`);
  if (!readdirSync(dir).some((f) => f.endsWith('.json'))) throw new Error(`capture set "${set}" holds no capture: ${dir}`);
  return dir;
}

/** File names (sorted) of a capture set. */
export function captureFiles(set: CaptureSet = 'shared'): string[] {
  return readdirSync(captureDir(set)).filter((f) => f.endsWith('.json')).sort();
}

/** Absolute path of one capture; `name` with or without `.json`. Throws when it does not exist. */
export function capturePath(name: string, set: CaptureSet = 'shared'): string {
  const file = path.join(captureDir(set), name.endsWith('.json') ? name : `${name}.json`);
  if (!existsSync(file)) throw new Error(`capture ${name} is not in set "${set}" (${file})`);
  return file;
}

/** One capture, parsed; throws when it names no source. */
export function readCapture(name: string, set: CaptureSet = 'shared'): Capture {
  const c = JSON.parse(readFileSync(capturePath(name, set), 'utf8')) as Capture;
  if (!c.source) throw new Error(`capture ${name} names no source`);
  return c;
}

/** Every capture of a set, parsed, with its file name (throws when the set is missing or empty). */
export function readCaptures(set: CaptureSet): { file: string; capture: Capture }[] {
  return captureFiles(set).map((file) => ({ file, capture: JSON.parse(readFileSync(path.join(captureDir(set), file), 'utf8')) as Capture }));
}

/** The payload as text (objects as JSON), as `camaudit identify` reads it. */
export function capturePayload(name: string, set: CaptureSet = 'shared'): string {
  const p = readCapture(name, set).payload as unknown;
  return typeof p === 'string' ? p : JSON.stringify(p);
}

/**
 * The capture sets rules may be tuned on that are in the repository now: `shared` always (throws when missing),
 * `dev` once it has been collected. Never `blind`.
 */
export function tunableCaptureSets(): CaptureSet[] {
  const sets: CaptureSet[] = ['shared'];
  captureDir('shared');
  const dev = path.join(CAPTURES_ROOT, 'dev');
  if (existsSync(dev) && readdirSync(dev).some((f) => f.endsWith('.json'))) sets.push('dev');
  return sets;
}
