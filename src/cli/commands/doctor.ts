// `camaudit doctor [--json]`: what a scan can do on this machine, and how to fix what is missing.
// Reads local state only (interfaces, neighbour table, privileges, browsers); sends nothing.
import { describeFailure } from '../../core/failure.js';
import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import { EXIT } from '../exit-codes.js';

const MARK: Record<string, string> = { ok: 'ok', limited: '!!', missing: 'XX', info: '--' };
const COLOUR: Record<string, string> = { ok: '\x1b[32m', limited: '\x1b[33m', missing: '\x1b[31m', info: '\x1b[2m' };

/** Machine-derived strings (interface names, paths) are printed, never interpreted. */
function clean(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, ' ');
}

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .option('json', { type: 'boolean', default: false, describe: 'Print the findings as JSON' })
      .example('camaudit doctor', 'What can a scan do here, and what is missing?')
      .epilog('Nothing is sent on the network: multicast is checked by binding a socket, not by sending. Exit code 0 always (limitations are reported, not failures).') as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { json: boolean };
    const [{ collectDoctorReport }, { TOOL_VERSION, FINGERPRINT_VERSION }, { FINGERPRINTS_DIR }, { supportsColor }, { loadFingerprintDb }] = await Promise.all([
      import('../../platform/doctor-checks.js'),
      import('../../core/version.js'),
      import('../../core/paths.js'),
      import('../../platform/terminal.js'),
      import('../../fingerprint/db.js'),
    ]);
    let fingerprintsError: string | undefined;
    try {
      loadFingerprintDb();
    } catch (e) {
      fingerprintsError = describeFailure(e); // doctor reports it as a check, with its fix
    }
    const report = await collectDoctorReport({ toolVersion: TOOL_VERSION, fingerprintVersion: FINGERPRINT_VERSION, fingerprintsDir: FINGERPRINTS_DIR, fingerprintsError });
    if (a.json) {
      process.stdout.write(JSON.stringify(report, null, 2) + '\n');
      return EXIT.OK;
    }
    const colour = supportsColor(process.stdout);
    const paint = (status: string, s: string) => (colour ? `${COLOUR[status]}${s}\x1b[0m` : s);
    const lines = [
      `camaudit ${report.tool.version} (fingerprints ${report.tool.fingerprints}) on ${report.system.platform} ${report.system.release} ${report.system.arch}, Node ${report.system.node}${report.system.singleExecutable ? ', single executable' : ''}`,
      '',
    ];
    for (const c of report.checks) {
      lines.push(`  ${paint(c.status, `[${MARK[c.status]}]`)} ${clean(c.title)}: ${clean(c.detail)}`);
      if (c.impact) lines.push(`         means: ${clean(c.impact)}`);
      if (c.fix) lines.push(`         fix:   ${clean(c.fix)}`);
    }
    lines.push('');
    lines.push(report.limitations ? `${report.limitations} limitation${report.limitations === 1 ? '' : 's'} found (marked !! or XX above).` : 'Everything a scan needs is in place.');
    process.stdout.write(lines.join('\n') + '\n');
    return EXIT.OK;
  },
};
export default spec;
