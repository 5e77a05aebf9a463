// The scan scope: targets minus exclusions, kept as intervals and expanded lazily.
import { contains, countOf, formatIPv4, normalize, parseIPv4, subtract, type Interval } from './ipv4.js';
import { parseTargets, type ParseOptions } from './parse.js';
import { publicPart } from './ranges.js';
import { UsageError } from '../core/errors.js';

export const LARGE_SCOPE = 65_536;

export interface ScopeOptions extends ParseOptions {
  allowPublic?: boolean;
  allowLarge?: boolean;
}

export class Scope {
  readonly count: number;

  constructor(
    readonly intervals: Interval[],
    readonly targets: string[],
    readonly excluded: string[],
  ) {
    this.count = countOf(intervals);
  }

  has(ip: string): boolean {
    const n = parseIPv4(ip);
    return n !== null && contains(this.intervals, n);
  }

  /** Streams the addresses in order; never materialises the whole list. */
  *addresses(): Generator<string> {
    for (const iv of this.intervals) for (let n = iv.start; n <= iv.end; n++) yield formatIPv4(n);
  }

  /** CIDR-ish summary for display. */
  describe(): string[] {
    return this.intervals.map((iv) => (iv.start === iv.end ? formatIPv4(iv.start) : `${formatIPv4(iv.start)}-${formatIPv4(iv.end)}`));
  }
}

/** Builds the scope, enforcing the public-address and size guards (both are usage errors, exit 2). */
export async function buildScope(targets: readonly string[], exclude: readonly string[], opts: ScopeOptions = {}): Promise<Scope> {
  if (!targets.length) throw new UsageError('no targets given: name addresses, CIDRs, ranges, hostnames, @file or --local', 'CAMAUDIT_ERR_TARGET');
  const inc = normalize((await parseTargets(targets, opts)).flatMap((t) => t.intervals));
  const exc = normalize((await parseTargets(exclude, opts)).flatMap((t) => t.intervals));
  const intervals = subtract(inc, exc);
  if (!opts.allowPublic) {
    const pub = publicPart(intervals);
    if (pub.length) {
      throw new UsageError(
        `refusing public address ${formatIPv4(pub[0].start)} (${countOf(pub)} public address(es) in scope): camaudit scans private, CGNAT, link-local and benchmarking ranges; add --allow-public only for networks you are authorised to scan`,
        'CAMAUDIT_ERR_TARGET',
      );
    }
  }
  const scope = new Scope(intervals, [...targets], [...exclude]);
  if (scope.count > LARGE_SCOPE && !opts.allowLarge) {
    throw new UsageError(`scope has ${scope.count} addresses (more than ${LARGE_SCOPE}); narrow it or add --allow-large`, 'CAMAUDIT_ERR_TARGET');
  }
  if (scope.count === 0) throw new UsageError('every target address is excluded: nothing to scan', 'CAMAUDIT_ERR_TARGET');
  return scope;
}
