// `camaudit merge A.json B.json… [--out FILE]`: one estate view from several scans.
import type { Argv } from 'yargs';
import { writeFile } from 'node:fs/promises';
import type { CommandSpec } from './index.js';
import { UsageError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('results', { type: 'string', array: true, demandOption: true, describe: 'Scan results (JSON) from sites or VLANs' })
      .option('out', { alias: 'o', type: 'string', describe: 'Write the merged result to this file (default: stdout)' })
      .example('camaudit merge town-hall.json depot.json library.json --out estate.json', 'One estate view of three sites')
      .example('camaudit report estate.json --format html --out estate', 'Then render it like any scan')
      .epilog('Devices seen in several scans (same MAC, serial number or ONVIF endpoint id) appear once, with every scan id in "sources".\nExit codes: 0 done; 2 a file is not a camaudit result.') as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { results: string[]; out?: string };
    if (!a.results?.length) throw new UsageError('give at least one result file to merge');
    const { readResult } = await import('../../report/read-result.js');
    const { mergeResults } = await import('../../report/merge.js');
    const results = [];
    for (const f of a.results) results.push(await readResult(f));
    const merged = JSON.stringify(mergeResults(results), null, 2) + '\n';
    if (a.out) {
      await writeFile(a.out, merged);
      process.stderr.write(`Merged ${results.length} result(s) into ${a.out}\n`);
    } else process.stdout.write(merged);
    return EXIT.OK;
  },
};
export default spec;
