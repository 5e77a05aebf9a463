// The one way tests find fixtures that are not captures (captures: ./captures.ts). A missing folder or file, or a
// folder with nothing in it, throws with the path: tests fail loudly, they never skip or go quiet.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Where each set lives. Synthetic inputs (test/fixtures) say so in their names (`synthetic-…`). */
export const FIXTURE_DIRS = {
  /** Lab device profiles, each built from real captures (fixtures/devices). */
  devices: 'fixtures/devices',
  /** Hostile device profiles for the emulator (fixtures/hostile, synthetic-*). */
  hostile: 'fixtures/hostile',
  /** Real neighbour-table outputs per platform (fixtures/platform, sources in SOURCES.md). */
  platform: 'fixtures/platform',
  /** Synthetic test inputs: policy files, a KEV catalogue, a DVRIP 5050 device (test/fixtures). */
  synthetic: 'test/fixtures',
  /** nmap and /usr/bin/time outputs the bench harness reads (test/bench/fixtures). */
  bench: 'test/bench/fixtures',
  /** Recorders' channel-list replies from public sources, or `synthetic-…` (fixtures/recorders, issue 19). */
  recorders: 'fixtures/recorders',
  /** Packet captures of the lab recorded during a scan, their derived forms and damaged files (fixtures/pcap, made by
   * fixtures/pcap/make-lab-captures.sh). */
  pcap: 'fixtures/pcap',
} as const;
export type FixtureSet = keyof typeof FIXTURE_DIRS;

/** Absolute folder of a set; throws when it is missing or empty. */
export function fixtureDir(set: FixtureSet): string {
  const dir = path.join(ROOT, FIXTURE_DIRS[set]);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`fixture set "${set}" is missing: ${dir}`);
  if (!readdirSync(dir).length) throw new Error(`fixture set "${set}" is empty: ${dir}`);
  return dir;
}

/** Absolute path of one fixture (`name` may hold sub-folders); throws when it does not exist. */
export function fixturePath(set: FixtureSet, name: string): string {
  const file = path.join(fixtureDir(set), name);
  if (!existsSync(file)) throw new Error(`fixture ${name} is not in set "${set}" (${file})`);
  return file;
}

/** Absolute paths (sorted by name) of a set's files ending in `ext`; throws when there is none. */
export function fixtureFiles(set: FixtureSet, ext = '.json'): string[] {
  const dir = fixtureDir(set);
  const files = readdirSync(dir).filter((f) => f.endsWith(ext)).sort();
  if (!files.length) throw new Error(`fixture set "${set}" has no ${ext} file: ${dir}`);
  return files.map((f) => path.join(dir, f));
}

/** A lab device profile by id (fixtures/devices/<id>.json). */
export function deviceProfile(id: string): string {
  return fixturePath('devices', `${id}.json`);
}

/** One recorder's replies (fixtures/recorders/<name>.json): its source, and the body it gave per request path. */
export interface RecorderFixture {
  recorder: string;
  maker: string;
  description: string;
  source: string;
  note: string;
  synthetic: boolean;
  replies: { path: string; contentType: string; body: string }[];
}

export function recorderFixture(name: string): RecorderFixture {
  return JSON.parse(readFileSync(fixturePath('recorders', `${name}.json`), 'utf8')) as RecorderFixture;
}

/** The body a recorder fixture gives for `path`; throws when it has none. */
export function recorderReply(name: string, path: string): string {
  const r = recorderFixture(name).replies.find((x) => x.path === path);
  if (!r) throw new Error(`recorder fixture ${name} has no reply for ${path}`);
  return r.body;
}
