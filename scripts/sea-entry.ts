// Entry point of the single executable: bundled by scripts/build-sea.mjs into one CommonJS file.
// The embedded data is put on disk and CAMAUDIT_ROOT set before the CLI is loaded, because
// src/core/paths.ts reads CAMAUDIT_ROOT when it is first evaluated.
import * as sea from 'node:sea';
import { prepareSeaRoot } from '../src/core/sea-assets.js';

/** Commands that start helper Node processes from files on disk: not possible from one executable. */
const NEEDS_CHECKOUT = ['lab', 'demo'];

function fail(err: unknown, code = 3): void {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`camaudit: ${msg.split('\n')[0].slice(0, 500)}\n`);
  process.exitCode = code;
}

function start(args: string[]): void {
  const command = args.find((a) => !a.startsWith('-'));
  const wantsHelp = args.includes('--help') || args.includes('-h');
  if (command && NEEDS_CHECKOUT.includes(command) && !wantsHelp) {
    fail(`\`camaudit ${command}\` is not available in the single executable (it runs the lab's device emulator from files on disk): use a checkout or the npm install, as root on Linux (docs/install.md)`, 2);
    return;
  }
  try {
    prepareSeaRoot(sea);
  } catch (err) {
    fail(`cannot unpack the embedded fingerprint data: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  import('../src/cli/main.js').then((m) => m.main(args)).catch((err: unknown) => fail(err));
}

start(process.argv.slice(2));
