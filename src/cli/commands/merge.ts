// `camaudit merge A.json B.json… [--out FILE]`: one estate view from several scans.
import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import { UsageError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import { safeText } from '../../core/text-safety.js';

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'Scan results (JSON) from sites or VLANs' })
      .option('out', { alias: 'o', type: 'string', describe: 'Write the merged result to this JSON file (a file, not a folder: render it with `camaudit report`); default stdout' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an earlier file at --out' })
      .example('camaudit merge town-hall.json depot.json library.json --out estate.json', 'One estate view of three sites')
      .example('camaudit report estate.json --format html --out estate', 'Then render it like any scan')
      .epilog('Devices seen in several scans (same MAC, serial number or ONVIF endpoint id) appear once, with every scan id in "sources".\n--out is written to a temporary name and renamed into place; a symbolic link, a folder, one of the inputs or (without --force) an earlier file is refused.\nExit codes: 0 done; 2 a file is not a camaudit result; 3 --out cannot be written.') as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { results: string[]; out?: string; force: boolean };
    if (!a.results?.length) throw new UsageError('give at least one result file to merge');
    const { readResult } = await import('../../report/read-result.js');
    const { mergeResults } = await import('../../report/merge.js');
    // --out is checked before any input is read: a link, a folder or one of the inputs is refused.
    const target = a.out ? await (await import('../../report/output.js')).planOutputFile(a.out, a.results, a.force) : undefined;
    const results = [];
    for (const f of a.results) results.push(await readResult(f));
    const merged = JSON.stringify(mergeResults(results), null, 2) + '\n';
    if (target) {
      const { writeFileAtomic } = await import('../../core/safe-write.js');
      await writeFileAtomic(target, merged);
      process.stderr.write(`Merged ${results.length} result(s) into ${safeText(a.out, 300)}\n`);
    } else process.stdout.write(merged);
    return EXIT.OK;
  },
};
export default spec;
