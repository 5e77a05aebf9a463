// Loads policy files: the built-in ones in fingerprints/policies/ and the user's --policy-file, each
// validated with zod. Errors are one line and name the file and the problem.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { UsageError } from '../core/errors.js';
import { rethrowUnless } from '../core/failure.js';
import { readBoundedFile } from '../core/input-file.js';
import { PolicySchema, type Policy } from './schema.js';

/** A policy file larger than this is refused before parsing. */
export const MAX_POLICY_FILE_BYTES = 1024 * 1024;

export interface LoadPolicyOptions {
  policyIds?: string[];
  policyFiles?: string[];
  /** Folder holding policies/, vendors.json, brands.json (tests use synthetic fixtures). */
  fingerprintsDir?: string;
}

/** First zod issue as "field.path: message". */
export function describeZodError(err: z.ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'invalid';
  const where = issue.path.length ? issue.path.map(String).join('.') : '(top level)';
  return `${where}: ${issue.message}`;
}

class PolicyFileError extends Error {}

function readPolicyFile(file: string): Policy {
  // A regular file under the cap only: a FIFO or /dev/zero is refused before anything is read.
  const read = readBoundedFile(file, MAX_POLICY_FILE_BYTES);
  if (!read.ok) throw new PolicyFileError(read.reason);
  const raw = read.bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new PolicyFileError(`not valid JSON (${(err as Error).message.split('\n')[0].slice(0, 120)})`);
  }
  const parsed = PolicySchema.safeParse(json);
  if (!parsed.success) throw new PolicyFileError(describeZodError(parsed.error));
  return parsed.data;
}

const builtinCache = new Map<string, Policy[]>();

/** Files in policies/ that are not policy records. */
export const NON_POLICY_FILES = new Set(['schema.json', 'meta.json']);

/** Every built-in policy in <dir>/policies/*.json (schema.json and meta.json excluded), sorted by id. */
export function builtinPolicies(dir: string = FINGERPRINTS_DIR): Policy[] {
  const cached = builtinCache.get(dir);
  if (cached) return cached;
  const folder = path.join(dir, 'policies');
  let names: string[] = [];
  try {
    names = readdirSync(folder).filter((n) => n.endsWith('.json') && !NON_POLICY_FILES.has(n)).sort();
  } catch (err) {
    rethrowUnless(err, 'ENOENT'); // no policies folder: no built-in policy (a data folder without them)
  }
  const out: Policy[] = [];
  for (const n of names) {
    try {
      out.push(readPolicyFile(path.join(folder, n)));
    } catch (err) {
      // A broken built-in file is a packaging bug, not a user error; still one line.
      throw new Error(`built-in policy file fingerprints/policies/${n}: ${(err as Error).message}`);
    }
  }
  out.sort((a, b) => a.id.localeCompare(b.id));
  builtinCache.set(dir, out);
  return out;
}

/** The policies a scan applies: --policy selects built-ins (default all), --policy-file adds the user's own. */
export function loadPolicies(opts: LoadPolicyOptions = {}): Policy[] {
  const key = JSON.stringify([opts.fingerprintsDir ?? null, opts.policyIds ?? null, opts.policyFiles ?? null]);
  const hit = selectionCache.get(key);
  if (hit) return hit;
  const selected = selectPolicies(opts);
  // evaluateRisk runs once per device: read and validate the user's files once per process.
  selectionCache.set(key, selected);
  return selected;
}

const selectionCache = new Map<string, Policy[]>();

function selectPolicies(opts: LoadPolicyOptions): Policy[] {
  const builtin = builtinPolicies(opts.fingerprintsDir);
  const user: Policy[] = [];
  for (const file of opts.policyFiles ?? []) {
    let p: Policy;
    try {
      p = readPolicyFile(file);
    } catch (err) {
      throw new UsageError(`policy file ${file}: ${(err as Error).message}`, 'CAMAUDIT_ERR_POLICY');
    }
    if (builtin.some((b) => b.id === p.id) || user.some((u) => u.id === p.id)) {
      throw new UsageError(`policy file ${file}: id "${p.id}" is already used by another policy; choose another id`, 'CAMAUDIT_ERR_POLICY');
    }
    user.push(p);
  }
  const all = [...builtin, ...user];
  const ids = (opts.policyIds ?? []).map((s) => s.trim()).filter(Boolean);
  if (!ids.length) return all;
  const unknown = ids.filter((id) => !all.some((p) => p.id === id));
  if (unknown.length) {
    throw new UsageError(`unknown policy id${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')} (valid: ${all.map((p) => p.id).join(', ')})`);
  }
  // User files are always applied: naming a file is already a selection.
  return all.filter((p) => ids.includes(p.id) || user.includes(p));
}
