// A full or read-only disk never costs an earlier file (issue 18). Each case runs the CLI inside a private mount
// namespace (`unshare -m`) holding a small tmpfs: the disk is really full (filled with dd until ENOSPC) or really
// read-only (remounted ro), nothing outside the namespace is touched, and the mount vanishes with the process. The
// checks (sha256 of every file, no temporary file left) run inside the same namespace after the CLI exits. Needs
// root (mount namespaces); results are SYNTHETIC.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli, type CliRun } from '../helpers/cli.js';
import { isRoot } from '../helpers/netns.js';
import { hikvision, result, sampleResult } from '../helpers/result-builder.js';
import { writeReports } from '../../src/report/index.js';

let dir: string;
let earlier: string;
let newer: string;
const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'camaudit-disk-'));
  // The earlier scan's reports, and a newer result to write over them.
  earlier = path.join(dir, 'earlier');
  await writeReports(result([hikvision({ ip: '198.18.0.7' })], { id: 'synthetic-earlier' }), earlier, ['json', 'csv', 'html', 'cyclonedx']);
  newer = path.join(dir, 'synthetic-newer.json');
  writeFileSync(newer, JSON.stringify(sampleResult()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs camaudit with `args` in a private mount namespace where `mnt` is a fresh tmpfs of `size`, after `setup`
 * (shell, $M is the mount point); then `fill` (fill the disk) or `ro` (remount read-only) as asked. Prints
 * "@@ <sha256> <name>" for every file in $M/out after the CLI exits.
 */
function inTmpfs(o: { size: string; setup: string; full?: boolean; ro?: boolean }, args: string[]): Promise<CliRun & { files: Map<string, string> }> {
  const mnt = mkdtempSync(path.join(dir, 'mnt-'));
  const script = [
    'set -e',
    `M=${mnt}`,
    `mount -t tmpfs -o size=${o.size} tmpfs "$M"`,
    o.setup,
    o.full ? 'dd if=/dev/zero of="$M/fill" bs=4k >/dev/null 2>&1 || true' : '',
    o.ro ? 'mount -o remount,ro "$M"' : '',
    'set +e',
    '"$@"; rc=$?',
    'for f in "$M"/out/* "$M"/out/.[!.]*; do [ -e "$f" ] && echo "@@ $(sha256sum "$f" | cut -d" " -f1) $(basename "$f")"; done',
    'exit $rc',
  ].join('\n');
  return runCli(args.map((a) => a.replaceAll('$M', mnt)), { prefix: ['unshare', '-m', '--propagation', 'private', 'bash', '-c', script, 'bash'], timeoutMs: 90_000 }).then((r) => {
    const files = new Map<string, string>();
    for (const m of r.stdout.matchAll(/^@@ ([0-9a-f]{64}) (.+)$/gm)) files.set(m[2]!, m[1]!);
    return { ...r, files };
  });
}

const earlierFiles = () => new Map(readdirSync(earlier).map((f) => [f, sha(path.join(earlier, f))]));

describe.skipIf(!isRoot)('full and read-only disks', { timeout: 120_000 }, () => {
  it('report over earlier files on a full disk: exit 3, each file named, every earlier file intact, no temp file', async () => {
    const r = await inTmpfs({ size: '2m', setup: `mkdir "$M/out" && cp ${earlier}/* "$M/out/"`, full: true }, ['report', newer, '--out', '$M/out', '--format', 'json,csv,html,cyclonedx', '--force']);
    expect(r.code).toBe(3);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(4);
    for (const name of ['report.json', 'report.csv', 'report.html', 'report.cdx.json']) {
      expect(lines.some((l) => l.includes(name) && /no space left on the device \(ENOSPC\)/.test(l) && /earlier file of that name is left as it was/.test(l))).toBe(true);
    }
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.files).toEqual(earlierFiles());
  });

  it('report X/report.json --out X on a full disk: the input intact, the formats that fail named', async () => {
    const compact = path.join(dir, 'synthetic-compact.json');
    writeFileSync(compact, JSON.stringify(result([hikvision()])));
    const r = await inTmpfs({ size: '2m', setup: `mkdir "$M/out" && cp ${compact} "$M/out/report.json" && cp ${earlier}/report.csv "$M/out/"`, full: true }, ['report', '$M/out/report.json', '--out', '$M/out', '--format', 'json,csv,html', '--force']);
    expect(r.code).toBe(3);
    expect(r.files.get('report.json')).toBe(sha(compact));
    expect(r.files.get('report.csv')).toBe(sha(path.join(earlier, 'report.csv')));
    expect(r.files.has('report.html')).toBe(false);
    expect([...r.files.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(r.stderr).toMatch(/report\.json left as it is \(it is the input\)/);
    expect(r.stderr).toMatch(/report\.csv: no space left/);
  });

  it('scan --out onto a full disk: the summary is printed, report.json named, earlier files intact, exit 3', async () => {
    const r = await inTmpfs({ size: '2m', setup: `mkdir "$M/out" && cp ${earlier}/* "$M/out/"`, full: true }, ['scan', '127.0.0.1', '--ports', '9', '--modules', 'sweep', '--connect-timeout', '300', '--out', '$M/out', '--format', 'json,csv', '--force']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot write .*report\.json: no space left on the device \(ENOSPC\)/);
    expect(r.stdout).toMatch(/device\(s\) found/);
    expect(r.files).toEqual(earlierFiles());
  });

  it('a read-only disk: refused before anything else, one line, earlier files intact', async () => {
    const r = await inTmpfs({ size: '2m', setup: `mkdir "$M/out" && cp ${earlier}/* "$M/out/"`, ro: true }, ['report', newer, '--out', '$M/out']);
    expect(r.code).toBe(3);
    expect(r.stderr.trim()).toMatch(/^camaudit: cannot write .*\/out: the file system is read-only \(EROFS\)$/);
    expect(r.files).toEqual(earlierFiles());
  });
});
