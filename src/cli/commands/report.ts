// `camaudit report RESULT.json --format … --out DIR`: re-renders a saved result.
import type { Argv } from 'yargs';
import path from 'node:path';
import type { CommandSpec } from './index.js';
import { EXIT } from '../exit-codes.js';
import { safeText } from '../../core/text-safety.js';

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('result', { type: 'string', demandOption: true, describe: 'A saved scan result (report.json or `scan --json` output)' })
      .option('format', { alias: 'f', type: 'string', default: 'json,csv,html,cyclonedx', describe: 'Formats, comma-separated: json, csv, html, pdf (needs Chromium), cyclonedx, terminal' })
      .option('out', { alias: 'o', type: 'string', default: '.', describe: 'Folder to write report.* files into (created if missing; an earlier report there is refused unless --force)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace earlier report files in the --out folder' })
      .example('camaudit report audit/report.json --format html,pdf --out audit', 'Add an HTML and a PDF report to an earlier scan (report.json, the input, is left as it is)')
      .example('camaudit report result.json --format csv --out /tmp/x', 'A spreadsheet of the devices')
      .epilog('Files: report.json, report.csv, report.html, report.pdf, report.cdx.json (CycloneDX 1.6), report.txt. An earlier file of these names in the folder is refused (nothing written) unless --force is given. Each is written to a temporary name and renamed into place; a symbolic link is never written through; the input itself is never rewritten (`report X/report.json --out X` leaves it as it is).\nExit codes: 0 written; 2 bad arguments or a file that is not a camaudit result; 3 a file could not be written (named; the others are kept) or Chromium is unusable for pdf.') as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { result: string; format: string | string[]; out: string; force: boolean };
    const { readResult } = await import('../../report/read-result.js');
    const { formatList, planOutputs, writePlanned, failureLines } = await import('../../report/output.js');
    formatList(a.format); // an unknown format is refused before the result is read
    const result = await readResult(a.result);
    const plan = await planOutputs(a.out, a.format, { inputs: [a.result], existing: a.force ? 'replace' : 'refuse' });
    const outcome = await writePlanned(result, plan);
    const shown = (f: string) => safeText(path.relative(process.cwd(), f) || f, 300);
    if (outcome.written.length) process.stdout.write(`Reports written: ${outcome.written.map(shown).join(', ')}\n`);
    for (const f of outcome.keptInputs) process.stderr.write(`camaudit: ${shown(f)} left as it is (it is the input)\n`);
    for (const line of failureLines(outcome)) process.stderr.write(`camaudit: ${line}\n`);
    return outcome.failed.length ? EXIT.RUNTIME : EXIT.OK;
  },
};
export default spec;
