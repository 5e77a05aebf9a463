// Runs input readers on one path in a child process and prints one line {"reader":…,"ok":…,"message":…} per reader as
// it finishes (test/core/input-files.test.ts uses it so that a reader that hangs on a FIFO or grows on /dev/zero is
// killed by a timeout, not the test runner; the readers after it then print nothing).
// Usage: node --import tsx test/helpers/read-input-child.ts <path> <reader>...
import { writeSync } from 'node:fs';
import { identifyFile, isIdentifyError } from '../../src/identify/identify.js';
import { loadKev } from '../../src/vulns/kev.js';
import { parseTargets } from '../../src/scope/parse.js';
import { loadCredentials } from '../../src/creds/credentials.js';
import { readResult } from '../../src/report/read-result.js';
import { loadPolicies } from '../../src/policy/load.js';
import { loadProfileFile } from '../../src/lab/profile.js';

const [file, ...names] = process.argv.slice(2) as [string, ...string[]];
const readers: Record<string, () => Promise<unknown>> = {
  identify: async () => {
    const r = identifyFile(file);
    if (isIdentifyError(r)) throw new Error(r.error);
  },
  kev: () => loadKev(file),
  targets: () => parseTargets([`@${file}`], { resolve: async () => [] }),
  credentials: async () => loadCredentials({ file, env: {} }),
  result: () => readResult(file),
  policy: async () => loadPolicies({ policyFiles: [file] }),
  profile: async () => loadProfileFile(file),
};
for (const reader of names) {
  let line: object;
  try {
    await readers[reader]!();
    line = { reader, ok: true };
  } catch (e) {
    line = { reader, ok: false, message: (e as Error).message };
  }
  // Synchronous write: the line is out before the next reader can hang.
  writeSync(1, JSON.stringify(line) + '\n');
}
