// `camaudit identify [--json] FILE… | -`: offline identification of captures taken elsewhere.
// Exit codes follow scan: 0 identified (no high-risk), 1 a high-risk device was identified,
// 2 every file failed (bad input). A bad file is a one-line error on stderr; the others carry on.
import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import { EXIT } from '../exit-codes.js';
import { describeFailure } from '../../core/failure.js';
import { safeText } from '../../core/text-safety.js';

const STDIN_MAX = 4 * 1024 * 1024;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of process.stdin) {
    const b = c as Buffer;
    size += b.length;
    if (size > STDIN_MAX) throw new Error(`input too large (over ${STDIN_MAX} bytes)`);
    chunks.push(b);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Device strings are printed, never interpreted: the one sanitiser (controls, bidi, invisible characters). */
function clean(v: string | null | undefined, max = 40): string {
  if (!v) return '-';
  return safeText(v, max);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

const spec: CommandSpec = {
  builder: (y: Argv) =>
    y
      .positional('files', { type: 'string', array: true, describe: 'Capture files ({"protocol": …, "payload": …}), or a device\'s reply saved as text (its form is guessed); "-" reads one from stdin' })
      .option('json', { type: 'boolean', default: false, describe: 'Print a JSON array, one entry per file' })
      .option('redact', { type: 'boolean', default: false, describe: 'Mask serial numbers in the evidence' })
      .example('camaudit identify capture.json', 'Who made the device that sent this reply?')
      .example('camaudit identify reply.txt', 'A reply pasted from a terminal or a forum post, as text')
      .example('camaudit identify --json fixtures/captures/shared/*.json', 'Machine-readable verdicts for many captures')
      .epilog('Exit codes: 0 identified, no high-risk device; 1 at least one high-risk device identified; 2 every file failed (a capture missing fields or not valid JSON, binary data, too large).') as Argv,
  handler: async (argv) => {
    const a = argv as unknown as { files?: string[]; json: boolean; redact: boolean; _: unknown[] };
    // yargs drops a lone "-" (stdin) from the positionals; take it from the command line instead.
    const files = (a.files ?? []).map(String);
    if (!files.includes('-') && process.argv.slice(2).includes('-')) files.push('-');
    const { identifyFile, identifyText, isIdentifyError } = await import('../../identify/identify.js');
    const results = [];
    for (const f of files) {
      if (f === '-') {
        try {
          results.push(identifyText('-', await readStdin(), { redact: a.redact }));
        } catch (e) {
          results.push({ file: '-', error: describeFailure(e) }); // stdin unreadable
        }
      } else results.push(identifyFile(f, { redact: a.redact }));
    }
    if (!files.length) {
      process.stderr.write('camaudit identify: no files given (see camaudit identify --help)\n');
      return EXIT.USAGE;
    }
    for (const r of results) if (isIdentifyError(r)) process.stderr.write(`camaudit identify: ${safeText(r.file, 300)}: ${safeText(r.error, 300)}\n`);
    const ok = results.filter((r) => !isIdentifyError(r));
    if (a.json) {
      process.stdout.write(
        JSON.stringify(
          results.map((r) =>
            isIdentifyError(r)
              ? r
              : { file: r.file, manufacturer: r.manufacturer, brand: r.brand, model: r.model, firmware: r.firmware, deviceType: r.deviceType, deviceTypeConfidence: r.deviceTypeConfidence, deviceTypeRationale: r.deviceTypeRationale, confidence: r.confidence, risk: r.risk, evidence: r.evidence, rationale: r.rationale, conflicts: r.conflicts, ...(r.notes.length ? { notes: r.notes } : {}) },
          ),
          null,
          2,
        ) + '\n',
      );
    } else if (ok.length) {
      const rows = [['FILE', 'MAKER', 'BRAND', 'MODEL', 'TYPE', 'CONFIDENCE', 'RISK', 'WHY']];
      for (const r of ok) {
        if (isIdentifyError(r)) continue;
        // For "unknown" the why is the risk's reason (what shows video equipment, and that no maker does).
        const why = r.risk.level === 'unknown' ? `${r.risk.reason} — check by hand` : r.rationale;
        rows.push([clean(r.file.split('/').pop(), 36), r.manufacturerName ? clean(r.manufacturerName, 20) : 'unknown', clean(r.brand, 14), clean(r.model, 22), clean(r.deviceTypeConfidence ? `${r.deviceType} (${r.deviceTypeConfidence})` : r.deviceType, 24), r.confidence ?? '-', r.risk.level, clean(why, 110)]);
      }
      process.stdout.write(table(rows));
    }
    if (!ok.length) return EXIT.USAGE;
    return ok.some((r) => !isIdentifyError(r) && r.risk.level === 'high') ? EXIT.HIGH_RISK : EXIT.OK;
  },
};
export default spec;
