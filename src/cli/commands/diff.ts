// `camaudit diff OLD.json NEW.json [--json]`: new, gone and changed devices between two scans, what makes the two
// not like for like (scope, completeness), and ndiff's exit convention: 0 nothing differs, 1 something does.
import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import type { ScanResult } from '../../core/result.js';
import type { InScope } from '../../report/diff.js';
import { EXIT } from '../exit-codes.js';
import { UsageError } from '../../core/errors.js';
import { contains, normalize, parseIPv4, subtract, type Interval } from '../../scope/ipv4.js';
import { parseOne } from '../../scope/parse.js';

/**
 * The addresses a saved scan covered (its targets less its exclusions), from the literal forms only: a hostname or
 * an @file target is not resolved again (it may name other addresses today), so such a scope is "cannot tell".
 */
async function scopeOf(r: ScanResult): Promise<{ covered: Interval[] | null; excluded: Interval[] }> {
  const literal = async (specs: readonly string[]): Promise<Interval[] | null> => {
    const out: Interval[] = [];
    for (const spec of specs) {
      // No DNS here: a name stands for an unknown set of addresses.
      if (spec.startsWith('@')) return null;
      let got: Interval[];
      try {
        got = await parseOne(spec, { resolve: async () => [] });
      } catch (err) {
        // A target this build no longer reads: the scope of that scan cannot be told, which the diff says as such.
        if (err instanceof UsageError) return null;
        throw err;
      }
      if (!got.length) return null;
      out.push(...got);
    }
    return normalize(out);
  };
  const excluded = (await literal(r.scan.excluded ?? [])) ?? [];
  const targets = await literal(r.scan.targets ?? []);
  return { covered: targets ? subtract(targets, excluded) : null, excluded };
}

async function inScopeOf(oldR: ScanResult, newR: ScanResult): Promise<InScope> {
  const scopes = { old: await scopeOf(oldR), new: await scopeOf(newR) };
  return (side, ip) => {
    const n = parseIPv4(ip);
    if (n === null) return undefined;
    const s = scopes[side];
    if (contains(s.excluded, n)) return false;
    return s.covered ? contains(s.covered, n) : undefined;
  };
}

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('old', { type: 'string', demandOption: true, describe: 'The earlier scan result (JSON)' })
      .positional('new', { type: 'string', demandOption: true, describe: 'The later scan result (JSON)' })
      .option('json', { type: 'boolean', default: false, describe: 'Write the comparison as JSON' })
      .example('camaudit diff q1/report.json q2/report.json', 'What was removed, added or changed since last quarter')
      .example('camaudit diff q1/report.json q2/report.json --json > changes.json', 'The same as JSON for a tracker')
      .epilog(
        'Devices are matched by MAC, serial number or ONVIF endpoint id, so a camera that moved IP is "changed", not "gone" and "new".\nWhen the two scans differ in targets, exclusions, ports, modules or policies, or one did not finish, that is said first ("NOT LIKE FOR LIKE"); a device whose address the new scan did not look at is "not scanned again", not "gone".\nExit codes (as ndiff): 0 nothing differs; 1 something differs (devices, scope or completeness); 2 a file is not a camaudit result.',
      ) as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { old: string; new: string; json: boolean };
    const { readResult } = await import('../../report/read-result.js');
    const { diffResults, renderDiffText } = await import('../../report/diff.js');
    const [oldR, newR] = [await readResult(a.old), await readResult(a.new)];
    const d = diffResults(oldR, newR, await inScopeOf(oldR, newR));
    process.stdout.write(a.json ? JSON.stringify(d, null, 2) + '\n' : renderDiffText(d));
    return d.differs ? EXIT.DIFFERENT : EXIT.OK;
  },
};
export default spec;
