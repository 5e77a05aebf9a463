// `camaudit report RESULT.json --format … --out DIR`: re-renders a saved result.
import type { Argv } from 'yargs';
import path from 'node:path';
import type { CommandSpec } from './index.js';
import { EXIT } from '../exit-codes.js';

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('result', { type: 'string', demandOption: true, describe: 'A saved scan result (report.json or `scan --json` output)' })
      .option('format', { alias: 'f', type: 'string', default: 'json,csv,html,cyclonedx', describe: 'Formats, comma-separated: json, csv, html, pdf (needs Chromium), cyclonedx, terminal' })
      .option('out', { alias: 'o', type: 'string', default: '.', describe: 'Folder to write report.* files into (created if missing)' })
      .example('camaudit report audit/report.json --format html,pdf --out audit', 'Add an HTML and a PDF report to an earlier scan')
      .example('camaudit report result.json --format csv --out /tmp/x', 'A spreadsheet of the devices')
      .epilog('Files: report.json, report.csv, report.html, report.pdf, report.cdx.json (CycloneDX 1.6), report.txt.\nExit codes: 0 written; 2 bad arguments or a file that is not a camaudit result; 3 runtime failure (e.g. Chromium missing for pdf).') as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { result: string; format: string; out: string };
    const { readResult } = await import('../../report/read-result.js');
    const reports = await import('../../report/index.js');
    const formats = reports.parseFormats(a.format.split(','));
    const result = await readResult(a.result);
    const files = await reports.writeReports(result, a.out, formats);
    process.stdout.write(`Reports written: ${files.map((f) => path.relative(process.cwd(), f) || f).join(', ')}\n`);
    return EXIT.OK;
  },
};
export default spec;
