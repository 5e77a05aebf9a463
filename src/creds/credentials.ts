// User-supplied credentials for credentialed enrichment (issue 8).
//
//   loadCredentials({ file?, env? }) → CredentialStore
//     file: YAML or JSON, either a list or { credentials: [...] }; each entry has
//           username, password and one of host (IP), cidr ("198.18.0.0/24"), vendor ("hikvision")
//           or none of them (applies to every host).
//     env:  CAMAUDIT_USER / CAMAUDIT_PASS add one credential for every host (both or neither: one alone is an error).
//   Usernames and passwords are strings exactly as written: a plain YAML value that YAML would read as a number or
//   a boolean (0123 → 123, 0x1F → 31, 1e3, true) is refused with a hint to quote it, never silently changed.
//   store.credentialsFor(ip, vendorHint?) → Credential[] (most specific first: host, cidr, vendor, any)
//   store.warnings: e.g. a file readable by other users.
// Errors are UsageError with messages that never contain a secret (only entry numbers and field names).
import { statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type { Credential } from '../core/module.js';
import { UsageError } from '../core/errors.js';
import { rethrowUnless } from '../core/failure.js';
import { readInputText } from '../core/input-file.js';

export interface CredentialStore {
  credentialsFor(ip: string, vendorHint?: string): Credential[];
  warnings: string[];
  /** Number of entries loaded (for a log line; never the secrets). */
  size: number;
}

interface Entry {
  cred: Credential;
  host?: string;
  cidr?: { base: number; mask: number };
  vendor?: string;
}

const MAX_FILE_BYTES = 1024 * 1024;
const MAX_ENTRIES = 10_000;

function ipv4ToInt(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

function parseCidr(s: string, where: string): { base: number; mask: number } {
  const [addr, bitsText] = s.split('/');
  const base = ipv4ToInt(addr ?? '');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (base === null || !Number.isInteger(bits) || bits < 0 || bits > 32) {
    throw new UsageError(`credentials file: ${where}: "cidr" is not an IPv4 CIDR such as 198.18.0.0/24`, 'CAMAUDIT_ERR_CREDENTIALS');
  }
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (base & mask) >>> 0, mask };
}

function fieldString(o: Record<string, unknown>, key: string, where: string, required: boolean): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) throw new UsageError(`credentials file: ${where}: "${key}" is missing`, 'CAMAUDIT_ERR_CREDENTIALS');
    return undefined;
  }
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') {
    // Never the value itself: it may be a secret. YAML (and JSON) read it as a number, which changes it.
    throw new UsageError(
      `credentials file: ${where}: "${key}" is read as a ${typeof v === 'boolean' ? 'true/false value' : 'number'}, not text, which would change it (leading zeros, hex, exponents): put it in quotes, as ${key}: "…"`,
      'CAMAUDIT_ERR_CREDENTIALS',
    );
  }
  if (typeof v !== 'string') throw new UsageError(`credentials file: ${where}: "${key}" must be a string`, 'CAMAUDIT_ERR_CREDENTIALS');
  return v;
}

function entriesFromDocument(doc: unknown): Entry[] {
  const list = Array.isArray(doc)
    ? doc
    : doc && typeof doc === 'object' && Array.isArray((doc as Record<string, unknown>).credentials)
      ? ((doc as Record<string, unknown>).credentials as unknown[])
      : null;
  if (!list) throw new UsageError('credentials file: expected a list of entries or { credentials: [...] }', 'CAMAUDIT_ERR_CREDENTIALS');
  if (list.length > MAX_ENTRIES) throw new UsageError(`credentials file: more than ${MAX_ENTRIES} entries`, 'CAMAUDIT_ERR_CREDENTIALS');
  return list.map((raw, i) => {
    const where = `entry ${i + 1}`;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`credentials file: ${where} is not an object`, 'CAMAUDIT_ERR_CREDENTIALS');
    const o = raw as Record<string, unknown>;
    const username = fieldString(o, 'username', where, true)!;
    const password = fieldString(o, 'password', where, true)!;
    const host = fieldString(o, 'host', where, false) ?? fieldString(o, 'ip', where, false);
    const cidrText = fieldString(o, 'cidr', where, false);
    const vendor = fieldString(o, 'vendor', where, false)?.toLowerCase();
    if (host !== undefined && ipv4ToInt(host) === null && !host.includes(':')) {
      throw new UsageError(`credentials file: ${where}: "host" is not an IP address`, 'CAMAUDIT_ERR_CREDENTIALS');
    }
    const e: Entry = { cred: { username, password, label: `file ${where}` } };
    if (host !== undefined) e.host = host;
    if (cidrText !== undefined) e.cidr = parseCidr(cidrText, where);
    if (vendor !== undefined) e.vendor = vendor;
    return e;
  });
}

function readDocument(file: string): unknown {
  // A regular file of at most 1 MiB: a FIFO or /dev/zero is refused before anything is read.
  const text = readInputText(file, { what: 'credentials file', maxBytes: MAX_FILE_BYTES, code: 'CAMAUDIT_ERR_CREDENTIALS' });
  try {
    // YAML is a superset of JSON, so one parser reads both. The parser's own message may quote the
    // offending line (a password), so it is never passed on.
    return parseYaml(text, { maxAliasCount: 0 });
  } catch {
    throw new UsageError(`credentials file ${file} is not valid YAML or JSON`, 'CAMAUDIT_ERR_CREDENTIALS');
  }
}

/** True when either of CAMAUDIT_USER / CAMAUDIT_PASS is set (loadCredentials then insists on both). */
export function envCredentialsSet(env: NodeJS.ProcessEnv): boolean {
  return Boolean(env.CAMAUDIT_USER) || env.CAMAUDIT_PASS !== undefined;
}

export function loadCredentials(opts: { file?: string; env?: NodeJS.ProcessEnv }): CredentialStore {
  const warnings: string[] = [];
  const entries: Entry[] = [];
  if (opts.file) {
    entries.push(...entriesFromDocument(readDocument(opts.file)));
    try {
      const mode = statSync(opts.file).mode & 0o777;
      if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
        warnings.push(`credentials file is readable by other users (mode 0${mode.toString(8)}); chmod 600 ${opts.file}`);
      }
    } catch (err) {
      rethrowUnless(err, 'ENOENT'); // read above and gone since: the mode no longer matters
    }
  }
  const env = opts.env ?? {};
  if (envCredentialsSet(env)) {
    // A half-set pair is a mistake to say out loud, not a credential to skip silently.
    if (!env.CAMAUDIT_USER) throw new UsageError('CAMAUDIT_PASS is set but CAMAUDIT_USER is not: set both, or neither', 'CAMAUDIT_ERR_CREDENTIALS');
    if (env.CAMAUDIT_PASS === undefined) throw new UsageError('CAMAUDIT_USER is set but CAMAUDIT_PASS is not: set both, or neither', 'CAMAUDIT_ERR_CREDENTIALS');
    entries.push({ cred: { username: env.CAMAUDIT_USER, password: env.CAMAUDIT_PASS, label: 'CAMAUDIT_USER' } });
  }

  function credentialsFor(ip: string, vendorHint?: string): Credential[] {
    const n = ipv4ToInt(ip);
    const hint = vendorHint?.toLowerCase();
    const ranked: { rank: number; cred: Credential }[] = [];
    for (const e of entries) {
      if (e.host !== undefined && e.host !== ip) continue;
      if (e.cidr && (n === null || ((n & e.cidr.mask) >>> 0) !== e.cidr.base)) continue;
      if (e.vendor !== undefined && e.vendor !== hint) continue;
      const rank = e.host !== undefined ? 0 : e.cidr ? 1 : e.vendor !== undefined ? 2 : 3;
      ranked.push({ rank, cred: e.cred });
    }
    // One attempt per distinct credential: duplicates (same user+password) are dropped.
    const seen = new Set<string>();
    return ranked
      .sort((a, b) => a.rank - b.rank)
      .map((r) => r.cred)
      .filter((c) => {
        const key = `${c.username}\u0000${c.password}`;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
  }

  return { credentialsFor, warnings, size: entries.length };
}
