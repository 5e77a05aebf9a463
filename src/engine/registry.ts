import type { DiscoveryModule } from '../core/module.js';
import { networkModules } from '../discovery/index.js';
import { hostModules } from '../probes/index.js';
import { credentialModules } from '../creds/index.js';
import { UsageError } from '../core/errors.js';

/** The TCP sweep is scheduled by the engine itself but selected like any module. */
export const SWEEP = 'sweep';

export function allModules(): DiscoveryModule[] {
  return [...networkModules, ...hostModules, ...credentialModules];
}

export function moduleNames(): string[] {
  return [SWEEP, ...allModules().map((m) => m.name)];
}

/** Resolves `--modules a,b` (default: all) into the module list; unknown names are a usage error. */
export function selectModules(spec?: string): { sweep: boolean; modules: DiscoveryModule[] } {
  const all = allModules();
  if (!spec || spec === 'all') return { sweep: true, modules: all };
  const names = spec.split(',').map((s) => s.trim()).filter(Boolean);
  const known = new Set(moduleNames());
  const unknown = names.filter((n) => !known.has(n));
  if (unknown.length) throw new UsageError(`unknown module(s) ${unknown.join(', ')}; known: ${[...known].join(', ')}`);
  return { sweep: names.includes(SWEEP), modules: all.filter((m) => names.includes(m.name)) };
}
