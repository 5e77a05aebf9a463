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
import { CamauditError } from '../../src/core/errors.js';

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

type Mod = Record<string, unknown>;
type Entry = (input: Buffer) => unknown[];
const buf = (x: Buffer | string): Buffer => (typeof x === 'string' ? Buffer.from(x, 'latin1') : x);
const fn = (mod: Mod, name: string) => mod[name] as (...a: unknown[]) => unknown;
/**
 * Readers with no parse() of their own (the passive path's binary readers, the recorders' channel-list readers): each
 * exported entry point is fuzzed the same way. A file in src/parsers with neither parse() nor an entry here fails.
 * The capture reader may refuse a damaged file, but only with camaudit's one-line input error.
 */
const ENTRIES: Record<string, (mod: Mod) => Entry> = {
  'dns-query.ts': (mod) => (b) => fn(mod, 'dnsQuestions')(b) as unknown[],
  'tls-handshake.ts': (mod) => (b) => [fn(mod, 'looksLikeTls')(b), fn(mod, 'readTlsStart')(b)],
  'frame.ts': (mod) => (b) => {
    const Packet = mod.Packet as new () => Record<string, unknown>;
    return [1, 101, 113, 276, 0].map((link) => {
      const p = new Packet();
      const ok = fn(mod, 'decodeFrame')(link, b, p);
      // A fragment's payload reassembled is fed back through the transport reader, as the passive session does.
      if (ok && p.fragment) fn(mod, 'decodeTransport')((p.buf as Buffer).subarray(p.payloadStart as number, p.payloadEnd as number), p);
      return { ok, l3: p.l3, etherType: p.etherType, payload: (p.payloadEnd as number) - (p.payloadStart as number) };
    });
  },
  'pcap.ts': (mod) => (b) => {
    const frames: number[] = [];
    const Reader = mod.CaptureReader as new (onFrame: (f: { caplen?: number }) => void, o: object) => { push(c: Buffer): void; end(): void; summary(): unknown };
    const r = new Reader((f) => frames.push(f.caplen ?? 0), { name: 'fuzz', size: b.length });
    try {
      // Two chunks: the reader carries a record cut across pushes.
      r.push(b.subarray(0, b.length >> 1));
      r.push(b.subarray(b.length >> 1));
      r.end();
    } catch (e) {
      if (!(e instanceof CamauditError)) throw e;
      return [e.code];
    }
    return [r.summary(), frames.length];
  },
  // SNMP text forms (snmpsim records, Net-SNMP Hex-STRING and continued STRING lines): each reader on the input as text.
  'snmp-text.ts': (mod) => (b) => {
    const t = b.toString('latin1');
    const lines = t.split('\n');
    return [fn(mod, 'hexText')(t), fn(mod, 'snmprecRecords')(t), fn(mod, 'continuedString')(lines[0] ?? '', lines.slice(1)), fn(mod, 'continuedHex')(lines[0] ?? '', lines.slice(1))];
  },
  'recorder-channels.ts': (mod) => (b) =>
    ['isapiInputProxyChannels', 'isapiInputProxyStatus', 'isapiVideoInputs', 'isapiCapabilities', 'dahuaRemoteDevices', 'dahuaRemoteDeviceSlots', 'dahuaProductDefinition', 'dahuaCameraStates'].map((name) => {
      const out = fn(mod, name)(b);
      return out instanceof Map ? [...out] : out;
    }),
};

describe.skipIf(!parserFiles.length)('parsers survive hostile input', () => {
  for (const file of parserFiles) {
    it(`${file}: never throws, bounded time and output (${RUNS} cases)`, async () => {
      const mod = (await import(path.join(parserDir, file))) as Mod;
      const entry: Entry | undefined = typeof mod.parse === 'function' ? (x) => (mod.parse as (x: Buffer | string) => unknown[])(x) : ENTRIES[file]?.(mod);
      expect(entry, `${file} exports parse() or has a fuzz entry in ENTRIES`).toBeTypeOf('function');
      const run = typeof mod.parse === 'function' ? (x: Buffer | string) => entry!(x as Buffer) : (x: Buffer | string) => entry!(buf(x));
      fc.assert(
        fc.property(anyInput, (input) => {
          const m = measured(() => run(input));
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
