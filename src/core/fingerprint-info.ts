// Identity of the fingerprint database a result was produced with: its version, a SHA-256 over
// every data file under fingerprints/ (sorted by path), and the pinned oui-data version.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR, ROOT } from './paths.js';
import { FINGERPRINT_VERSION } from './version.js';
import { rethrowUnless } from './failure.js';

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

function ouiDataVersion(): string {
  try {
    return String((JSON.parse(readFileSync(path.join(ROOT, 'node_modules/oui-data/package.json'), 'utf8')) as { version: string }).version);
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // not installed next to the data (a single executable): read the pin instead
  }
  // Pinned in package.json; the installed copy is the one that matters, this is only a fallback.
  try {
    return String((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }).dependencies?.['oui-data'] ?? 'unknown');
  } catch (err) {
    rethrowUnless(err, 'ENOENT');
    return 'unknown';
  }
}

/** The Recog commit the vendored fingerprints come from (fingerprints/third-party/recog/SOURCE.json). */
function recogCommit(): string | undefined {
  try {
    const commit = (JSON.parse(readFileSync(path.join(FINGERPRINTS_DIR, 'third-party', 'recog', 'SOURCE.json'), 'utf8')) as { commit?: unknown }).commit;
    return typeof commit === 'string' ? commit : undefined;
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // a database without the Recog import
    return undefined;
  }
}

export interface FingerprintInfo {
  version: string;
  sha256: string;
  ouiDataVersion: string;
  /** Rapid7 Recog commit of fingerprints/third-party/recog, when the import is present. */
  recogCommit?: string;
}

let cached: FingerprintInfo | null = null;

export function fingerprintInfo(): FingerprintInfo {
  if (cached) return cached;
  const h = createHash('sha256');
  try {
    for (const f of listFiles(FINGERPRINTS_DIR)) {
      h.update(path.relative(FINGERPRINTS_DIR, f).split(path.sep).join('/'));
      h.update('\0');
      h.update(readFileSync(f));
      h.update('\0');
    }
  } catch (err) {
    // A missing folder still yields a (distinct) hash; the version says "unknown" then.
    rethrowUnless(err, 'ENOENT');
  }
  const recog = recogCommit();
  cached = { version: FINGERPRINT_VERSION, sha256: h.digest('hex'), ouiDataVersion: ouiDataVersion(), ...(recog ? { recogCommit: recog } : {}) };
  return cached;
}
