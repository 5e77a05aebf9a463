import yargs from 'yargs';
import { COMMANDS } from './commands/index.js';
import { isCamauditError, UsageError } from '../core/errors.js';
import { describeFailure } from '../core/failure.js';
import { safeText } from '../core/text-safety.js';
import { EXIT, exitCodeFor } from './exit-codes.js';
import { TOOL_VERSION, FINGERPRINT_VERSION } from '../core/version.js';
import { usageMessage } from './usage-messages.js';

const EPILOG = `Exit codes: 0 done, nothing high-risk; 1 done, high-risk devices found (see --fail-on: high, elevated, unknown);
2 usage or input error; 3 runtime failure.
camaudit never guesses passwords, never tries default credentials and never sends an exploit.`;

/** An error as one safe line: its message may quote a device, a file's first bytes or a result key. */
function oneLine(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return safeText(msg.split('\n')[0], 500);
}

export function commandOf(args: readonly string[]): (typeof COMMANDS)[number] | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') return undefined;
    if (a === '--log-level' || a === '--log-file') {
      i++; // the option's value, not a command
      continue;
    }
    const c = COMMANDS.find((x) => x.name === a);
    if (c) return c;
  }
  return undefined;
}

/** Every flag name and alias the parser knows at this point (the global ones and the running command's). */
function knownFlags(inst: unknown): string[] {
  const opts = (inst as { getOptions?: () => { key?: Record<string, unknown>; alias?: Record<string, string[]> } }).getOptions?.();
  if (!opts) return [];
  const names = new Set(Object.keys(opts.key ?? {}));
  for (const [k, aliases] of Object.entries(opts.alias ?? {})) [k, ...aliases].forEach((a) => names.add(a));
  return [...names].filter((n) => !/[A-Z]/.test(n) && n !== '$0' && n !== '_');
}

/** Entry point. Sets process.exitCode; never prints a stack trace unless CAMAUDIT_DEBUG=1. */
export async function main(args: string[]): Promise<void> {
  if (args.includes('--version') || args.includes('-V')) {
    process.stdout.write(`camaudit ${TOOL_VERSION} (fingerprints ${FINGERPRINT_VERSION})\n`);
    return;
  }
  // Load only the module of the command being run: `camaudit --help` stays fast.
  // The command is the first argument that names one (`camaudit identify scan` identifies a file called "scan").
  const entry = commandOf(args);
  const spec = entry ? (await entry.load()).default : null;
  let exitCode: number = EXIT.OK;

  let y = yargs(args)
    .scriptName('camaudit')
    .usage('$0 <command> [options]\n\nFind the IP cameras, NVRs and DVRs on a network, work out who really made each one,\nflag the high-risk ones against named government policies, and write an audit report.')
    .version(false)
    .option('version', { alias: 'V', type: 'boolean', describe: 'Print the tool and fingerprint database versions' })
    .option('log-level', { type: 'string', choices: ['silent', 'error', 'warn', 'info', 'debug', 'trace'], default: 'warn', describe: 'Log verbosity (logs go to stderr)' })
    .option('log-file', { type: 'string', describe: 'Write logs to this file instead of stderr' })
    .option('log-json', { type: 'boolean', default: false, describe: 'Write logs as JSON lines' })
    .strict()
    .demandCommand(1, 'Give a command: camaudit <command> (see camaudit --help)')
    .recommendCommands()
    .epilog(EPILOG)
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      if (err) throw err;
      // The parser instance holds the global flags and, by now, the running command's.
      const line = usageMessage(msg, knownFlags(y), args);
      throw new UsageError(line.includes('--help') ? line : `${line} (see camaudit ${entry ? entry.name + ' ' : ''}--help)`);
    });

  for (const c of COMMANDS) {
    if (spec && c === entry) {
      y = y.command(c.usage, c.describe, spec.builder, async (argv) => {
        // Before the command spends minutes (a lab, a capture): a rule file that fails its schema stops the run
        // (one line, exit 3) rather than yield a report that calls every camera "unknown".
        if (c.attributes) (await import('../fingerprint/db.js')).loadFingerprintDb();
        const code = await spec.handler(argv);
        if (typeof code === 'number') exitCode = code;
      });
    } else {
      y = y.command(c.usage, c.describe);
    }
  }

  try {
    await y.parseAsync();
    process.exitCode = exitCode;
  } catch (err) {
    if (isCamauditError(err)) {
      process.stderr.write(`camaudit: ${oneLine(err)}\n`);
      process.exitCode = exitCodeFor(err.code);
    } else {
      process.stderr.write(`camaudit: internal error: ${safeText(describeFailure(err), 500)}\n`);
      if (process.env.CAMAUDIT_DEBUG === '1' && err instanceof Error) process.stderr.write(`${err.stack}\n`);
      process.exitCode = EXIT.RUNTIME;
    }
  }
}
