import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { existsSync } from 'node:fs';

/** Repository (or installed package) root: the folder holding package.json and fingerprints/. */
function findRoot(): string {
  // Works from src/core (tsx) and from dist/src/core (compiled), and inside a single executable
  // where CAMAUDIT_ROOT points at the extracted data.
  if (process.env.CAMAUDIT_ROOT) return process.env.CAMAUDIT_ROOT;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'fingerprints'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export const ROOT = findRoot();
export const FINGERPRINTS_DIR = path.join(ROOT, 'fingerprints');
export const FIXTURES_DIR = path.join(ROOT, 'fixtures');
