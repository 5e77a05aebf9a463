// `camaudit --help` must answer in well under a second (issue 2). What keeps it fast is structural: main.ts and
// the command table load nothing heavy, and a command's module loads the scanner only inside its handler. This
// checks that structure (so a regression fails here, whatever the machine's load) and times the built CLI.
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { commandOf } from '../../src/cli/main.js';

/** Module specifiers a file imports at load time (type-only imports and dynamic import() excluded). */
function staticImports(file: string): string[] {
  const src = readFileSync(path.join(ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/^import\s+(?!type\s)[^;]*?from\s+'([^']+)';/gms)) out.push(m[1]);
  return out;
}

describe('start-up stays light', () => {
  it('the scan command module imports only yargs types, the command table, the error classes and the flag checks at load time', () => {
    // ../flags.ts loads only the error classes and the text sanitiser (which imports nothing).
    expect(staticImports('src/cli/commands/scan.ts').sort()).toEqual(['../../core/errors.js', '../exit-codes.js', '../flags.js']);
    expect(staticImports('src/cli/flags.ts').sort()).toEqual(['../core/errors.js', '../core/text-safety.js']);
    expect(staticImports('src/core/text-safety.ts')).toEqual([]);
  });

  it('main.ts loads yargs, the command table, errors, failure reasons and the version, nothing of the scanner', () => {
    const imports = staticImports('src/cli/main.ts');
    // core/failure.ts imports nothing at run time (one-line reasons for the internal-error line); version.ts loads it too;
    // core/text-safety.ts (the sanitiser every error line goes through) and ./usage-messages.ts (choices and "did you
    // mean" suggestions for a mistyped flag) import nothing.
    expect(imports.filter((s) => !['yargs', './commands/index.js', '../core/errors.js', '../core/failure.js', './exit-codes.js', '../core/version.js', '../core/text-safety.js', './usage-messages.js'].includes(s))).toEqual([]);
    expect(staticImports('src/cli/usage-messages.ts')).toEqual([]);
  });

  it('the command is the first argument that names one, not the first table entry found anywhere', () => {
    expect(commandOf(['identify', 'scan'])?.name).toBe('identify');
    expect(commandOf(['--log-level', 'info', 'report', 'scan.json'])?.name).toBe('report');
    expect(commandOf(['--log-file', 'scan', 'diff', 'a', 'b'])?.name).toBe('diff');
    expect(commandOf(['--help'])).toBeUndefined();
  });

  // Measured 03:31 UTC on the shared 2-core box (load 6–10): --help 0.37 s, scan --help 0.43 s (was 0.86 s before the
  // lazy imports), bare `node -e ''` 0.16 s, averages of 10 runs. The bound is 3x the worst single run seen (0.67 s).
  it.skipIf(!existsSync(path.join(ROOT, 'dist/src/cli/main.js')))('the built CLI answers --help and scan --help in under 2 s', () => {
    for (const args of [['--help'], ['scan', '--help']]) {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/camaudit.js'), ...args], { encoding: 'utf8', timeout: 20_000 });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/camaudit/);
      expect(ms, args.join(' ')).toBeLessThan(2000);
    }
  });
});
