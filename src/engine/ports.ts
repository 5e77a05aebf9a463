import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { UsageError } from '../core/errors.js';

/** The camera port set, kept as data in fingerprints/ports.json. */
export function defaultPorts(): number[] {
  const data = JSON.parse(readFileSync(path.join(FINGERPRINTS_DIR, 'ports.json'), 'utf8')) as { ports: { port: number }[] };
  return data.ports.map((p) => p.port);
}

/** Parses "80,443,8000-8010" into a port list (deduplicated, order kept). */
export function parsePorts(spec: string): number[] {
  const out: number[] = [];
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) throw new UsageError(`invalid port "${part}": use numbers and ranges like 80,443,8000-8010`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b > 65535 || b < a) throw new UsageError(`invalid port range "${part}": ports are 1 to 65535`);
    for (let p = a; p <= b; p++) if (!out.includes(p)) out.push(p);
  }
  if (!out.length) throw new UsageError('no ports given');
  return out;
}
