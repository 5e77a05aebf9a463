// What `camaudit report` asks the kernel, traced with strace (issue 18): every report file is written to a new
// temporary name in its own folder opened with O_EXCL|O_NOFOLLOW, flushed with fsync while still that temporary
// file, then renamed over the target; and report.json is in place (renamed) before any other format's file is even
// opened. Before, each file was a plain writeFile (O_TRUNC on the target itself, no fsync, no rename), so a failure
// part-way left a truncated file and a link at the target was followed. Skipped where strace is not installed.
// Results are SYNTHETIC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { sampleResult } from '../helpers/result-builder.js';

const hasStrace = spawnSync('strace', ['-V'], { encoding: 'utf8' }).status === 0;

type Event =
  | { kind: 'open'; path: string; flags: string; fd: number }
  | { kind: 'fsync'; fd: number }
  | { kind: 'close'; fd: number }
  | { kind: 'rename'; from: string; to: string };

/** strace -f lines ("<tid> syscall(args) = ret"), in the order they completed, as events with their result. */
function parseTrace(text: string): Event[] {
  const out: Event[] = [];
  for (const line of text.split('\n')) {
    let m = /^\d+\s+openat\(AT_FDCWD, "([^"]*)", ([A-Z_|]+)(?:, \d+)?\)\s+= (\d+)$/.exec(line);
    if (m) { out.push({ kind: 'open', path: m[1]!, flags: m[2]!, fd: Number(m[3]) }); continue; }
    m = /^\d+\s+f(?:data)?sync\((\d+)\)\s+= 0$/.exec(line);
    if (m) { out.push({ kind: 'fsync', fd: Number(m[1]) }); continue; }
    m = /^\d+\s+close\((\d+)\)\s+= 0$/.exec(line);
    if (m) { out.push({ kind: 'close', fd: Number(m[1]) }); continue; }
    m = /^\d+\s+rename(?:at2?)?\((?:AT_FDCWD, )?"([^"]*)", (?:AT_FDCWD, )?"([^"]*)"(?:, \w+)?\)\s+= 0$/.exec(line);
    if (m) out.push({ kind: 'rename', from: m[1]!, to: m[2]! });
  }
  return out;
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-syscalls-'));
  writeFileSync(path.join(dir, 'synthetic-in.json'), JSON.stringify(sampleResult()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasStrace)('report files as the kernel sees them', { timeout: 90_000 }, () => {
  it('csv,json: each file via an O_EXCL|O_NOFOLLOW temporary name, fsynced, renamed; report.json first', async () => {
    const out = path.join(dir, 'out');
    mkdirSync(out);
    writeFileSync(path.join(out, 'report.csv'), 'earlier csv\n'); // an earlier file of the same name: replaced by rename
    const trace = path.join(dir, 'trace.txt');
    const r = await runCli(['report', path.join(dir, 'synthetic-in.json'), '--out', out, '--format', 'csv,json', '--force'], {
      prefix: ['strace', '-f', '-qq', '-o', trace, '-e', 'trace=openat,fsync,fdatasync,close,rename,renameat,renameat2'],
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const events = parseTrace(readFileSync(trace, 'utf8'));

    const targets = ['report.json', 'report.csv'].map((f) => path.join(out, f));
    const renameAt = new Map<string, number>();
    for (const target of targets) {
      // The one rename onto the target, from a temporary name in the same folder.
      const renames = events.map((e, i) => ({ e, i })).filter(({ e }) => e.kind === 'rename' && e.to === target);
      expect(renames, target).toHaveLength(1);
      const { e: ren, i: renIdx } = renames[0]! as { e: Extract<Event, { kind: 'rename' }>; i: number };
      expect(path.dirname(ren.from)).toBe(out);
      expect(ren.from).not.toBe(target);
      renameAt.set(target, renIdx);
      // The temporary file was created exclusively, without following a link...
      const openIdx = events.findIndex((e) => e.kind === 'open' && e.path === ren.from);
      expect(openIdx, `${target}: temporary file opened`).toBeGreaterThanOrEqual(0);
      const opened = events[openIdx] as Extract<Event, { kind: 'open' }>;
      expect(opened.flags.split('|')).toEqual(expect.arrayContaining(['O_CREAT', 'O_EXCL', 'O_NOFOLLOW']));
      // ...and fsynced while its descriptor was still that file, before the rename.
      const between = events.slice(openIdx + 1, renIdx);
      const closedAt = between.findIndex((e) => e.kind === 'close' && e.fd === opened.fd);
      const live = closedAt < 0 ? between : between.slice(0, closedAt);
      expect(live.some((e) => e.kind === 'fsync' && e.fd === opened.fd), `${target}: fsync before rename`).toBe(true);
      // The target itself is never opened for writing (no O_TRUNC of an earlier file).
      expect(events.some((e) => e.kind === 'open' && e.path === target && /O_WRONLY|O_RDWR/.test(e.flags))).toBe(false);
    }
    // report.json is in place before the csv's temporary file is opened.
    const csvTmpOpen = events.findIndex((e) => e.kind === 'open' && path.dirname(e.path) === out && e.path.includes('.report.csv.'));
    expect(renameAt.get(targets[0]!)!).toBeLessThan(csvTmpOpen);
    expect(readFileSync(targets[1]!, 'utf8')).not.toBe('earlier csv\n');
  });
});
