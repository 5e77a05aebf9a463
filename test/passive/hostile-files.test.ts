// Every damaged capture in fixtures/pcap/hostile (made by scripts/pcap-fixtures.ts from the lab captures) ends
// `camaudit pcap` with exit 2 and exactly one line on stderr, read from a file and from standard input, without a
// stack trace and in bounded memory (the reader refuses a lying length before it allocates anything).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, ROOT } from '../helpers/cli.js';
import { pcapPath } from './frames.js';

const DIR = pcapPath('hostile');
const FILES = readdirSync(DIR).filter((f) => f !== 'README.md').sort();

function oneLine(stderr: string): void {
  const lines = stderr.split('\n').filter(Boolean);
  expect(lines.length, stderr).toBe(1);
  expect(lines[0]).toMatch(/^camaudit: .+/);
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
}

describe('damaged captures: exit 2, one line', () => {
  it('the set is the documented one', () => {
    const readme = readFileSync(path.join(DIR, 'README.md'), 'utf8');
    for (const f of FILES) expect(readme).toContain(`\`${f}\``);
    expect(FILES.length).toBeGreaterThanOrEqual(11);
  });

  for (const f of FILES) {
    it(f, async () => {
      const r = await runCli(['pcap', path.join(DIR, f)], { timeoutMs: 60_000 });
      expect(r.code, r.stderr).toBe(2);
      oneLine(r.stderr);
      expect(r.stderr).toContain(f);
      expect(r.stdout).toBe('');
    }, 90_000);
  }

  for (const f of ['truncated.pcapng', 'huge-block-length.pcapng', 'huge-unknown-block.pcapng', 'zero-length.pcap']) {
    it(`${f} from standard input`, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/entry.ts'), 'pcap', '-'], { input: readFileSync(path.join(DIR, f)), encoding: 'utf8', cwd: ROOT, timeout: 60_000 });
      expect(r.status, r.stderr).toBe(2);
      oneLine(r.stderr);
    }, 90_000);
  }

  it('bounded memory: a block claiming 2 GiB or 4 GiB is refused without allocating it (peak RSS of the built CLI < 250 MB)', () => {
    if (!existsSync(path.join(ROOT, 'dist/src/cli/main.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    if (!existsSync('/usr/bin/time')) throw new Error('GNU time is missing: apt-get install time');
    for (const f of ['huge-block-length.pcapng', 'huge-unknown-block.pcapng', 'corrupted.pcap']) {
      const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(ROOT, 'bin/camaudit.js'), 'pcap', path.join(DIR, f)], { encoding: 'utf8' });
      expect(r.status, f).toBe(2);
      const kb = Number(r.stderr.trim().split('\n').pop());
      expect(kb, f).toBeLessThan(250 * 1024);
    }
  }, 120_000);
});
