import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, FINGERPRINTS_DIR } from './paths.js';
import { parseJson, rethrowUnless } from './failure.js';

/** The file's JSON object; {} when it is absent; `{ version: "unreadable …" }` when it cannot be used, so the
 *  version every result carries says why instead of a stack trace at start. */
function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    rethrowUnless(err, 'ENOENT');
    return {};
  }
  const j = parseJson(text);
  return j.ok && j.value && typeof j.value === 'object' ? (j.value as Record<string, unknown>) : { version: `unreadable (${path.basename(file)}: ${j.ok ? 'not an object' : j.reason})` };
}

export const TOOL_VERSION = String(readJson(path.join(ROOT, 'package.json')).version ?? '0.0.0');
export const FINGERPRINT_VERSION = String(readJson(path.join(FINGERPRINTS_DIR, 'meta.json')).version ?? 'unknown');
