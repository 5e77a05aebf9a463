#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs via `prepare`).
import('../dist/src/cli/main.js').then((m) => m.main(process.argv.slice(2))).catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('camaudit: not built yet; run `npm run build` (npm ci does it for you)\n');
  } else {
    process.stderr.write(`camaudit: ${err && err.message ? err.message : String(err)}\n`);
  }
  process.exitCode = 3;
});
