// `camaudit diff OLD.json NEW.json [--json]`: new, gone and changed devices between two scans.
import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import { EXIT } from '../exit-codes.js';

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('old', { type: 'string', demandOption: true, describe: 'The earlier scan result (JSON)' })
      .positional('new', { type: 'string', demandOption: true, describe: 'The later scan result (JSON)' })
      .option('json', { type: 'boolean', default: false, describe: 'Write the comparison as JSON' })
      .example('camaudit diff q1/report.json q2/report.json', 'What was removed, added or changed since last quarter')
      .example('camaudit diff q1/report.json q2/report.json --json > changes.json', 'The same as JSON for a tracker')
      .epilog('Devices are matched by MAC, serial number or ONVIF endpoint id, so a camera that moved IP is "changed", not "gone" and "new".\nExit codes: 0 done; 2 a file is not a camaudit result.') as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { old: string; new: string; json: boolean };
    const { readResult } = await import('../../report/read-result.js');
    const { diffResults, renderDiffText } = await import('../../report/diff.js');
    const d = diffResults(await readResult(a.old), await readResult(a.new));
    process.stdout.write(a.json ? JSON.stringify(d, null, 2) + '\n' : renderDiffText(d));
    return EXIT.OK;
  },
};
export default spec;
