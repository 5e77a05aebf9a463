// `npm run update:recog -- <recog checkout> [--commit <sha>] [--date <iso>]`
// Copies Rapid7 Recog's fingerprint data (the xml/*.xml files listed in fingerprints/recog-map.json, and its
// LICENSE) from a local checkout into fingerprints/third-party/recog/, records the commit in SOURCE.json,
// translates every pattern once into compiled.json, regenerates fingerprints/recog-vendors.json, and prints what
// changed: Recog files that are neither imported nor listed as not imported, and every pattern that cannot be
// translated to JavaScript. Recog's Ruby code is never copied. Bump fingerprints/meta.json's version after an update (reports cite it).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FINGERPRINTS_DIR } from '../src/core/paths.js';
import { RECOG_DIR, readRecogMap, compileRecogFile, compileRecogCache, serialiseRecogCache, generateRecogVendors, COMPILED_FILE, RECOG_VENDORS_FILE, type RecogSource } from '../src/fingerprint/recog/load.js';

interface Args {
  checkout: string;
  commit?: string;
  date?: string;
}

function parseArgs(argv: string[]): Args {
  const out: Partial<Args> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--commit') out.commit = argv[++i];
    else if (a === '--date') out.date = argv[++i];
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else if (!out.checkout) out.checkout = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  if (!out.checkout) throw new Error('usage: npm run update:recog -- <recog checkout> [--commit <sha>] [--date <iso date>]');
  return out as Args;
}

function gitInfo(dir: string): { commit: string; date: string } | null {
  try {
    const commit = execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const date = execFileSync('git', ['-C', dir, 'log', '-1', '--format=%cI'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return /^[0-9a-f]{40}$/.test(commit) ? { commit, date } : null;
  } catch {
    return null;
  }
}

export function updateRecog(args: Args, log: (s: string) => void = (s) => process.stdout.write(s + '\n')): RecogSource {
  const xmlDir = path.join(args.checkout, 'xml');
  if (!existsSync(xmlDir)) throw new Error(`${args.checkout}: no xml/ folder (is this a Recog checkout?)`);
  const license = path.join(args.checkout, 'LICENSE');
  if (!existsSync(license)) throw new Error(`${args.checkout}: no LICENSE`);
  const git = gitInfo(args.checkout);
  const commit = args.commit ?? git?.commit;
  if (!commit || !/^[0-9a-f]{40}$/.test(commit)) throw new Error('the checkout is not a git work tree: give --commit <40-hex sha> (and --date)');
  const date = args.date ?? (git && git.commit === commit ? git.date : undefined);

  const map = readRecogMap();
  const wanted = new Set(map.files.map((f) => f.file));
  const skipped = new Set(map.notImported.map((f) => f.file));
  const available = readdirSync(xmlDir).filter((n) => n.endsWith('.xml')).sort();
  const unknown = available.filter((n) => !wanted.has(n) && !skipped.has(n));
  const missing = [...wanted].filter((n) => !available.includes(n));
  if (missing.length) throw new Error(`Recog no longer has ${missing.join(', ')}: update fingerprints/recog-map.json first`);

  mkdirSync(RECOG_DIR, { recursive: true });
  for (const n of readdirSync(RECOG_DIR)) if (n.endsWith('.xml') && !wanted.has(n)) rmSync(path.join(RECOG_DIR, n));
  copyFileSync(license, path.join(RECOG_DIR, 'LICENSE'));

  const source: RecogSource = {
    repository: 'https://github.com/rapid7/recog',
    commit,
    ...(date ? { commitDate: date } : {}),
    license: 'BSD-2-Clause (LICENSE in this folder)',
    files: {},
  };
  let untranslatable = 0;
  for (const f of map.files) {
    copyFileSync(path.join(xmlDir, f.file), path.join(RECOG_DIR, f.file));
    const text = readFileSync(path.join(RECOG_DIR, f.file));
    const compiled = compileRecogFile(f.file, text.toString('utf8'));
    source.files[f.file] = {
      sha256: createHash('sha256').update(text).digest('hex'),
      fingerprints: compiled.fingerprints.length + compiled.untranslatable.length,
      examples: compiled.exampleCount,
      untranslatable: compiled.untranslatable.length,
      approximated: compiled.fingerprints.filter((r) => r.approximations.length).length,
    };
    for (const u of compiled.untranslatable) {
      untranslatable++;
      log(`untranslatable: ${f.file} #${u.index} ${JSON.stringify(u.pattern)}: ${u.reason}`);
    }
  }
  writeFileSync(path.join(RECOG_DIR, 'SOURCE.json'), JSON.stringify(source, null, 2) + '\n');
  writeFileSync(path.join(RECOG_DIR, COMPILED_FILE), serialiseRecogCache(compileRecogCache()));
  const vendors = generateRecogVendors();
  writeFileSync(RECOG_VENDORS_FILE, JSON.stringify(vendors, null, 2) + '\n');

  log(`Recog ${commit}${date ? ` (${date})` : ''}: ${map.files.length} files copied to ${path.relative(process.cwd(), RECOG_DIR) || RECOG_DIR}`);
  const total = Object.values(source.files).reduce((a, f) => ({ fp: a.fp + f.fingerprints, ex: a.ex + f.examples }), { fp: 0, ex: 0 });
  log(`${total.fp} fingerprints, ${total.ex} examples, ${untranslatable} untranslatable patterns`);
  log(`${vendors.vendors.length} Recog-only vendors in ${path.relative(process.cwd(), RECOG_VENDORS_FILE)}`);
  if (unknown.length) log(`NOT MAPPED (add to recog-map.json "files" or "notImported"): ${unknown.join(', ')}`);
  log(`Now bump the version in ${path.relative(process.cwd(), path.join(FINGERPRINTS_DIR, 'meta.json'))} and run the Recog self-test (npx vitest run test/fingerprint/recog).`);
  return source;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    updateRecog(parseArgs(process.argv.slice(2)));
  } catch (e) {
    process.stderr.write(`update:recog: ${(e as Error).message.split('\n')[0]}\n`);
    process.exitCode = 2;
  }
}
