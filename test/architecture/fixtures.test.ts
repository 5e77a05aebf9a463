// Tests find fixtures one way (test/helpers/fixtures.ts; captures: test/helpers/captures.ts), and a missing one fails
// loudly: this checks both helpers throw with the path, and that no test builds a fixtures path by hand.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_DIRS, fixtureDir, fixtureFiles, fixturePath, deviceProfile } from '../helpers/fixtures.js';
import { captureDir, capturePath } from '../helpers/captures.js';

const TEST = path.resolve(import.meta.dirname, '..');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : n.endsWith('.ts') ? [p] : [];
  });
}

describe('fixture helpers', () => {
  it('every set exists and is not empty; paths resolve', () => {
    for (const set of Object.keys(FIXTURE_DIRS) as (keyof typeof FIXTURE_DIRS)[]) expect(fixtureDir(set)).toMatch(new RegExp(`${FIXTURE_DIRS[set]}$`));
    expect(fixtureFiles('devices').length).toBeGreaterThan(10);
    expect(deviceProfile('hikvision-isapi-2')).toMatch(/fixtures\/devices\/hikvision-isapi-2\.json$/);
  });

  it('a missing fixture or set throws with its path (never an empty list, never a skip)', () => {
    expect(() => fixturePath('devices', 'no-such-profile.json')).toThrow(/no-such-profile\.json is not in set "devices" \(.*fixtures\/devices\/no-such-profile\.json\)/);
    expect(() => deviceProfile('no-such-profile')).toThrow(/not in set "devices"/);
    expect(() => fixtureFiles('platform', '.no-such-ext')).toThrow(/has no \.no-such-ext file/);
    expect(() => capturePath('no-such-capture')).toThrow(/no-such-capture is not in set "shared"/);
    expect(() => captureDir('nope' as 'shared')).toThrow(/capture set "nope" is missing/);
  });

  it('no test builds a fixtures path by hand (they go through the helpers)', () => {
    const own = new Set(['helpers/fixtures.ts', 'helpers/captures.ts', 'architecture/fixtures.test.ts']);
    // A path built to a fixtures folder (join/resolve/new URL/fs calls naming one), or a test/fixtures path given as text.
    const byHand = (line: string) => (/fixtures/.test(line) && /\b(join|resolve|URL|readdirSync|readFileSync|existsSync)\(/.test(line)) || /['"`](?:\.\/)?test\/fixtures\//.test(line);
    const bad = tsFiles(TEST)
      .filter((f) => !own.has(path.relative(TEST, f)))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ line, at: `${path.relative(TEST, f)}:${i + 1}` }))
          .filter(({ line }) => !/^\s*(\/\/|\*)/.test(line) && byHand(line) && !/captures\/(shared|dev|blind)\/[\w.-]+\.json/.test(line)),
      )
      .map(({ at, line }) => `${at} ${line.trim().slice(0, 100)}`);
    expect(bad).toEqual([]);
  });
});
