import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FINGERPRINTS_DIR } from '../core/paths.js';
import { UsageError } from '../core/errors.js';
import { safeText } from '../core/text-safety.js';

/** The camera port set, kept as data in fingerprints/ports.json. */
export function defaultPorts(): number[] {
  const data = JSON.parse(readFileSync(path.join(FINGERPRINTS_DIR, 'ports.json'), 'utf8')) as { ports: { port: number }[] };
  return data.ports.map((p) => p.port);
}

/**
 * Parses "80,443,8000-8010" into a port list (deduplicated, first-seen order kept). Linear in the length of the
 * spec plus the 65,535 ports: a range skips the ports already taken through a next-free pointer table (with path
 * compression), so "1-65535" repeated 10,000 times costs no more than once (it was quadratic: 822 s).
 */
export function parsePorts(spec: string): number[] {
  const out: number[] = [];
  // nextFree[p]: the lowest port >= p not yet in `out` (65536 = none left); followed and compressed on every look-up.
  const nextFree = new Int32Array(65_537);
  for (let p = 0; p <= 65_536; p++) nextFree[p] = p;
  const find = (p: number): number => {
    let root = p;
    while (nextFree[root] !== root) root = nextFree[root]!;
    while (nextFree[p] !== root) {
      const up = nextFree[p]!;
      nextFree[p] = root;
      p = up;
    }
    return root;
  };
  for (const raw of spec.split(',')) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(\d{1,5})(?:-(\d{1,5}))?$/.exec(part);
    if (!m) throw new UsageError(`invalid port "${safeText(part, 40)}": use numbers and ranges like 80,443,8000-8010`);
    const a = Number(m[1]);
    const b = m[2] ? Number(m[2]) : a;
    if (a < 1 || b > 65535 || b < a) throw new UsageError(`invalid port range "${part}": ports are 1 to 65535`);
    for (let p = find(a); p <= b; p = find(p + 1)) {
      out.push(p);
      nextFree[p] = p + 1;
    }
  }
  if (!out.length) throw new UsageError('no ports given');
  return out;
}
