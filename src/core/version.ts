import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, FINGERPRINTS_DIR } from './paths.js';

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export const TOOL_VERSION = String(readJson(path.join(ROOT, 'package.json')).version ?? '0.0.0');
export const FINGERPRINT_VERSION = String(readJson(path.join(FINGERPRINTS_DIR, 'meta.json')).version ?? 'unknown');
