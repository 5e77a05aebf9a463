// Single executable (Node SEA) support. The data the CLI reads from disk at run time (fingerprints/,
// docs/schema/, the OUI registry, the CycloneDX schemas, a trimmed package.json) travels inside the
// executable as one SEA asset. At start it is written once to a per-user cache folder and
// CAMAUDIT_ROOT is pointed there, so src/core/paths.ts and every reader work unchanged.
// Imported only by the SEA entry (scripts/sea-entry.ts): the normal CLI never loads node:sea.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { rethrowUnless } from './failure.js';

/** Asset keys (must match sea-config.json). */
export const DATA_ASSET = 'camaudit-data.json';
export const DATA_ID_ASSET = 'camaudit-data.id';
const COMPLETE_MARK = '.complete';

/** The asset's shape: relative path (forward slashes) → base64 content. */
export interface SeaDataBundle {
  format: 1;
  files: Record<string, string>;
}

export interface SeaApi {
  isSea(): boolean;
  getAsset(key: string, encoding: string): string;
}

/** A relative path that stays inside the folder it is written to. */
export function safeRelative(rel: string): boolean {
  if (!rel || rel.length > 300 || rel.includes('\\') || rel.includes('\0')) return false;
  if (path.posix.isAbsolute(rel) || /^[a-zA-Z]:/.test(rel)) return false;
  return rel.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** Writes the bundle's files under dir (which must exist). Throws on a path that would escape it. */
export function writeBundle(bundle: SeaDataBundle, dir: string): number {
  if (bundle.format !== 1 || typeof bundle.files !== 'object' || bundle.files === null) throw new Error('embedded data has an unknown format');
  let n = 0;
  for (const [rel, b64] of Object.entries(bundle.files)) {
    if (!safeRelative(rel)) throw new Error(`embedded data has an unsafe path: ${rel.slice(0, 80)}`);
    const file = path.join(dir, ...rel.split('/'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, Buffer.from(b64, 'base64'));
    n++;
  }
  return n;
}

/** Per-user cache base: XDG_CACHE_HOME or ~/.cache; Windows %LOCALAPPDATA%; macOS ~/Library/Caches. */
export function cacheBase(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'), 'camaudit');
  if (platform === 'darwin') return path.join(home, 'Library', 'Caches', 'camaudit');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'camaudit');
}

/**
 * Makes the embedded data available on disk and returns its folder. The cache folder is named by the
 * data's hash: written once (into a temp sibling, renamed when complete), reused by later runs.
 * If the cache is not writable (read-only home), a private temp folder is used and removed at exit.
 */
export function materialise(readData: () => string, dataId: string, base: string): string {
  const id = /^[0-9a-f]{16,64}$/.test(dataId) ? dataId : createHash('sha256').update(readData()).digest('hex');
  const dir = path.join(base, `data-${id.slice(0, 32)}`);
  if (existsSync(path.join(dir, COMPLETE_MARK))) return dir;
  const bundle = JSON.parse(readData()) as SeaDataBundle;
  try {
    mkdirSync(base, { recursive: true, mode: 0o700 });
    const staging = mkdtempSync(path.join(base, '.tmp-'));
    try {
      writeBundle(bundle, staging);
      writeFileSync(path.join(staging, COMPLETE_MARK), id + '\n');
      if (existsSync(dir) && !existsSync(path.join(dir, COMPLETE_MARK))) rmSync(dir, { recursive: true, force: true }); // left by a killed run
      renameSync(staging, dir);
    } catch (err) {
      rmSync(staging, { recursive: true, force: true });
      // Another run may have won the race: use its folder if complete, else fall back below.
      if (!existsSync(path.join(dir, COMPLETE_MARK))) throw err;
    }
    return dir;
  } catch (err) {
    // The cache folder is not writable (read-only or full home, a file in the way): a private temp folder.
    rethrowUnless(err, 'EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'ENOSPC', 'EDQUOT', 'EEXIST', 'ENOTEMPTY');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'camaudit-data-'));
    process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
    writeBundle(bundle, tmp);
    return tmp;
  }
}

/**
 * Called first thing by the single executable with the node:sea module. Sets CAMAUDIT_ROOT (unless the
 * user set it: then their folder, e.g. a checkout with newer fingerprints, is used) and CAMAUDIT_SEA.
 * Returns the root, or null when not running as a single executable.
 */
export function prepareSeaRoot(sea: SeaApi): string | null {
  if (!sea.isSea()) return null;
  process.env.CAMAUDIT_SEA = '1';
  if (process.env.CAMAUDIT_ROOT) return process.env.CAMAUDIT_ROOT;
  let dataId = '';
  try {
    dataId = sea.getAsset(DATA_ID_ASSET, 'utf8').trim();
  } catch (err) {
    // A build without the id asset: the data is hashed instead.
    rethrowUnless(err, 'ERR_SINGLE_EXECUTABLE_APPLICATION_ASSET_NOT_FOUND');
  }
  const root = materialise(() => sea.getAsset(DATA_ASSET, 'utf8'), dataId, cacheBase());
  process.env.CAMAUDIT_ROOT = root;
  return root;
}
