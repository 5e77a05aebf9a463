// Target specifications → address intervals. Forms: 10.1.2.3, 10.1.2.0/24, 10.1.2.10-40,
// 10.1.2.10-10.1.3.20, a hostname, and @file (one per line, # comments).
import { readBoundedFile } from '../core/input-file.js';
import { failureCode } from '../core/failure.js';
import { safeText } from '../core/text-safety.js';
import { lookup } from 'node:dns/promises';
import { cidrInterval, parseIPv4, type Interval } from './ipv4.js';
import { UsageError } from '../core/errors.js';

const HOSTNAME = /^(?=.{1,253}$)(?!-)[A-Za-z0-9-]{1,63}(?<!-)(\.(?!-)[A-Za-z0-9-]{1,63}(?<!-))*\.?$/;

export interface ParsedTarget {
  spec: string;
  intervals: Interval[];
}

export interface ParseOptions {
  /** Resolve a hostname to its IPv4 addresses (injected in tests). */
  resolve?: (host: string) => Promise<string[]>;
  readTextFile?: (file: string) => Promise<string>;
}

async function defaultResolve(host: string): Promise<string[]> {
  const addrs = await lookup(host, { family: 4, all: true });
  return addrs.map((a) => a.address);
}

function bad(spec: string, why: string, where = ''): UsageError {
  // JSON.stringify escapes CR/LF/ESC, so a hostile target spec cannot break the one-line error or drive the terminal.
  const quoted = JSON.stringify(spec.slice(0, 80));
  return new UsageError(`invalid target ${quoted.length > 120 ? `${quoted.slice(0, 118)}…"` : quoted}${where}: ${why}`, 'CAMAUDIT_ERR_TARGET');
}

/** Parses one literal (not @file) into intervals, or throws a one-line UsageError. */
export async function parseOne(spec: string, opts: ParseOptions = {}, where = ''): Promise<Interval[]> {
  const s = spec.trim();
  if (!s) throw bad(spec, 'empty', where);
  const slash = s.indexOf('/');
  if (slash >= 0) {
    const base = parseIPv4(s.slice(0, slash));
    const pfxText = s.slice(slash + 1);
    if (base === null) throw bad(s, 'the part before "/" is not an IPv4 address', where);
    if (!/^\d{1,2}$/.test(pfxText) || Number(pfxText) > 32) throw bad(s, 'prefix length must be 0 to 32', where);
    return [cidrInterval(base, Number(pfxText))];
  }
  const dash = s.indexOf('-');
  if (dash >= 0 && parseIPv4(s.slice(0, dash)) !== null) {
    const start = parseIPv4(s.slice(0, dash))!;
    const endText = s.slice(dash + 1);
    let end: number | null;
    if (/^\d{1,3}$/.test(endText)) {
      const last = Number(endText);
      if (last > 255) throw bad(s, 'range end must be 0 to 255', where);
      end = (start - (start & 255)) + last;
    } else {
      end = parseIPv4(endText);
      if (end === null) throw bad(s, 'range end is neither a last octet nor an IPv4 address', where);
    }
    if (end < start) throw bad(s, 'range end is before its start', where);
    return [{ start, end }];
  }
  const ip = parseIPv4(s);
  if (ip !== null) return [{ start: ip, end: ip }];
  if (/^[\d.]+$/.test(s)) throw bad(s, 'not a valid IPv4 address', where);
  if (!HOSTNAME.test(s)) throw bad(s, 'not an IPv4 address, CIDR, range, hostname or @file', where);
  let addrs: string[];
  try {
    addrs = await (opts.resolve ?? defaultResolve)(s);
  } catch {
    throw bad(s, 'hostname does not resolve', where);
  }
  const nums = addrs.map(parseIPv4).filter((n): n is number => n !== null);
  if (!nums.length) throw bad(s, 'hostname has no IPv4 address', where);
  return nums.map((n) => ({ start: n, end: n }));
}

/** A target file is a list of addresses: 8 MiB holds about half a million lines. */
export const TARGET_FILE_MAX = 8 * 1024 * 1024;

/** An @file: a regular file under TARGET_FILE_MAX only (a FIFO, /dev/zero or a folder is refused unread). */
function readTargetFile(file: string): string {
  const r = readBoundedFile(file, TARGET_FILE_MAX);
  if (!r.ok) throw new UsageError(`cannot read target file ${JSON.stringify(safeText(file, 200))}: ${r.reason}`, 'CAMAUDIT_ERR_INPUT');
  return r.bytes.toString('utf8').replace(/^\uFEFF/, '');
}

async function readInjected(read: (file: string) => Promise<string>, file: string): Promise<string> {
  try {
    return await read(file);
  } catch (e) {
    throw new UsageError(`cannot read target file ${JSON.stringify(safeText(file, 200))}: ${failureCode(e, 'error')}`, 'CAMAUDIT_ERR_INPUT');
  }
}

/** Parses target specs (including @file) into one list per spec. */
export async function parseTargets(specs: readonly string[], opts: ParseOptions = {}): Promise<ParsedTarget[]> {
  const out: ParsedTarget[] = [];
  for (const raw of specs) {
    for (const spec of raw.split(',').map((x) => x.trim()).filter(Boolean)) {
      if (spec.startsWith('@')) {
        const file = spec.slice(1);
        const text = opts.readTextFile ? await readInjected(opts.readTextFile, file) : readTargetFile(file);
        const lines = text.split(/\r?\n/);
        for (let i = 0; i < lines.length; i++) {
          const line = lines[i].replace(/#.*/, '').trim();
          if (!line) continue;
          for (const part of line.split(/[\s,]+/).filter(Boolean)) {
            out.push({ spec: part, intervals: await parseOne(part, opts, ` (${file}:${i + 1})`) });
          }
        }
      } else {
        out.push({ spec, intervals: await parseOne(spec, opts) });
      }
    }
  }
  return out;
}
