// Fuzzing every parser in src/parsers: random bytes, random text, and corpus payloads mutated
// (cut, spliced, bytes flipped, blown up). No input may throw out of a parser, take too long,
// or produce output beyond its size budget. `npm run fuzz` runs FUZZ_RUNS=100000 per parser;
// the normal test run uses a smaller count.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';
import { checkTime, measured } from './budget.js';
import { captureFiles, capturePayload } from '../helpers/captures.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 400);
/** Output of one parse, serialised, may not exceed this (inputs are at most ~1 MB here). */
const OUTPUT_BUDGET = 2 * 1024 * 1024;
/** One parse may not use more CPU time than this, whatever the input (wall ceiling in budget.ts). */
const TIME_BUDGET_MS = 1000;

// xml-safe.ts is the element reader the XML parsers share, lenient.ts the JSON/Python-repr reader and failure.ts the
// parse-note helper (no parse() of their own): fuzzed through the parsers that use them.
const parserDir = path.join(ROOT, 'src/parsers');
const parserFiles = existsSync(parserDir)
  ? readdirSync(parserDir).filter((f) => f.endsWith('.ts') && !['xml.ts', 'xml-safe.ts', 'lenient.ts', 'failure.ts', 'decoded.ts', 'decoded-tcp.ts', 'index.ts'].includes(f))
  : [];

const corpus: string[] = captureFiles('shared').map((f) => capturePayload(f));

const seedText = fc.constantFrom(...corpus);
/** Corpus payloads mutated the ways a broken or hostile device would. */
const mutated = fc.oneof(
  seedText,
  fc.tuple(seedText, fc.nat()).map(([s, n]) => s.slice(0, n % (s.length + 1))),
  fc.tuple(seedText, seedText, fc.nat()).map(([a, b, n]) => a.slice(0, n % (a.length + 1)) + b),
  fc.tuple(seedText, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([s, n, byte]) => {
    const buf = Buffer.from(s);
    if (buf.length) buf[n % buf.length] = byte;
    return buf;
  }),
  fc.tuple(seedText, fc.integer({ min: 2, max: 200 })).map(([s, k]) => s.repeat(k).slice(0, 1_000_000)),
  fc.tuple(seedText, fc.constantFrom('\0', '\uFFFD', '\xff', '<<<<', '>', '"', '\r', '\n\n', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;&a;')).map(([s, junk]) => s.replace(/./, junk)),
);
const anyInput = fc.oneof(
  mutated,
  fc.uint8Array({ maxLength: 4096 }).map((a) => Buffer.from(a)),
  fc.string({ maxLength: 4096 }),
  fc.string({ unit: 'binary', maxLength: 2048 }),
);

describe.skipIf(!parserFiles.length)('parsers survive hostile input', () => {
  for (const file of parserFiles) {
    it(`${file}: never throws, bounded time and output (${RUNS} cases)`, async () => {
      const mod = (await import(path.join(parserDir, file))) as { parse?: (x: Buffer | string) => unknown };
      expect(typeof mod.parse, `${file} exports parse()`).toBe('function');
      fc.assert(
        fc.property(anyInput, (input) => {
          const m = measured(() => mod.parse!(input));
          const out = m.out;
          if (!Array.isArray(out)) return false;
          checkTime(m, TIME_BUDGET_MS, `${file}: `);
          if (JSON.stringify(out).length > OUTPUT_BUDGET) throw new Error(`${file} output over budget`);
          return true;
        }),
        { numRuns: RUNS },
      );
    }, 600_000);
  }
});
