// Every file input is read only when it is a regular file under its size cap, checked before reading (issue 18):
// a FIFO (which blocked identify and --kev forever) and /dev/zero (identify grew to 8 GB, @/dev/zero read 643 MB)
// are refused with one line, at once. Each reader runs in a child process with a timeout and a memory limit, so a
// reader that hangs or grows fails this test instead of stopping the runner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

const READERS = ['identify', 'kev', 'targets', 'credentials', 'result', 'policy', 'profile'] as const;
let dir: string;
let fifo: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-inputs-'));
  fifo = path.join(dir, 'synthetic-fifo.json');
  execFileSync('mkfifo', [fifo]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { reader: string; ok: boolean; message?: string };

/** Every reader on `file`, in one child; a reader missing from the answer was killed (hung or out of memory). */
function readAll(file: string, readers: readonly string[] = READERS): Map<string, Outcome> {
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', path.join(ROOT, 'test/helpers/read-input-child.ts'), file, ...readers], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 1024 * 1024,
  });
  const out = new Map<string, Outcome>();
  for (const line of (r.stdout ?? '').split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line) as Outcome;
    out.set(o.reader, o);
  }
  return out;
}

describe('file inputs are regular files under a cap', { timeout: 60_000 }, () => {
  let onFifo: Map<string, Outcome>;
  let onZero: Map<string, Outcome>;
  beforeAll(() => {
    onFifo = readAll(fifo);
    onZero = readAll('/dev/zero');
  }, 70_000);

  it.each(READERS)('%s refuses a FIFO at once, on one line', (reader) => {
    const r = onFifo.get(reader);
    expect(r, 'killed: hung on the FIFO').toBeDefined();
    expect(r!.ok).toBe(false);
    expect(r!.message).toMatch(/FIFO/);
    expect(r!.message).not.toContain('\n');
  });

  it.each(READERS)('%s refuses /dev/zero without reading it', (reader) => {
    const r = onZero.get(reader);
    expect(r, 'killed: still reading /dev/zero').toBeDefined();
    expect(r!.ok).toBe(false);
    expect(r!.message).toMatch(/device, not a regular file/);
  });

  it('a result over the cap is refused by its size, unread (a sparse 129 MiB file)', () => {
    const big = path.join(dir, 'synthetic-big-result.json');
    writeFileSync(big, '');
    truncateSync(big, 129 * 1024 * 1024);
    const r = readAll(big, ['result']).get('result');
    expect(r?.ok).toBe(false);
    expect(r?.message).toMatch(/larger than 128 MiB/);
  });
});
