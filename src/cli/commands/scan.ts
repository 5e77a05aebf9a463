import type { Argv } from 'yargs';
import type { CommandSpec } from './index.js';
import { UsageError } from '../../core/errors.js';
import { EXIT } from '../exit-codes.js';
import type { Scope } from '../../scope/scope.js';
import type { Plan } from '../../engine/plan.js';
import type { ScanCliOptions } from '../scan-run.js';
import { parseScanNumbers, rangeText, SCAN_FLAG_RANGES as R } from '../flags.js';
// The scope, engine, module registry and logger are imported inside the handler: loading them (axios, pino,
// every discovery module) took `camaudit scan --help` from ~0.35 s to ~0.9 s.

const EXAMPLES: [string, string][] = [
  ['camaudit scan 10.1.2.0/24 --out ./audit', 'Scan one office subnet and write report.json/.csv/.html to ./audit'],
  ['camaudit scan 10.1.2.10-40 10.1.3.0/25 --exclude 10.1.3.1', 'Ranges and CIDRs, leaving out the router'],
  ['camaudit scan @sites.txt --json > result.json', 'Targets from a file (one per line, # comments), result as JSON'],
  ['camaudit scan --local --interface eth0 --dry-run', 'Show the plan for the subnets on eth0 without sending anything'],
  ['camaudit scan 10.1.2.0/24 --rate 50 --concurrency 32', 'A gentle scan for a busy network'],
  ['camaudit scan 10.1.2.0/24 --credentials creds.yaml --out ./audit', 'Read exact firmware with credentials you supply'],
];

const spec: CommandSpec = {
  builder: (y: Argv) => {
    let b = y
      .positional('targets', { type: 'string', array: true, describe: 'IPv4 addresses, CIDRs, ranges (10.1.2.10-40), hostnames, @file' })
      .option('exclude', { type: 'string', array: true, default: [], describe: 'Addresses never to contact (same forms as targets)' })
      .option('local', { type: 'boolean', default: false, describe: 'Scan the IPv4 subnets attached to --interface (or all non-loopback interfaces)' })
      .option('interface', { alias: 'i', type: 'string', describe: 'Interface name or address to send discovery on' })
      .option('allow-public', { type: 'boolean', default: false, describe: 'Allow public (non-private) addresses in scope' })
      .option('allow-large', { type: 'boolean', default: false, describe: 'Allow more than 65,536 addresses' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print the plan (addresses, ports, modules, estimated duration) and send nothing' })
      .option('json', { type: 'boolean', default: false, describe: 'Write the machine result (or plan) as JSON to stdout' })
      .option('out', { alias: 'o', type: 'string', describe: 'Write report files to this folder (an earlier result there is refused unless --force)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an earlier result in the --out folder' })
      .option('format', { type: 'string', describe: 'Report formats for --out, comma-separated (json,csv,html,pdf,cyclonedx,terminal; txt = terminal, written as report.txt); checked before the scan' })
      .option('ports', { alias: 'p', type: 'string', describe: 'TCP ports to sweep (default: the camera port set in fingerprints/ports.json)' })
      .option('modules', { alias: 'm', type: 'string', describe: 'Modules to run, comma-separated (default: all; "sweep" is the TCP sweep)' })
      // Numeric flags are read as typed and checked by src/cli/flags.ts: whole numbers within these ranges.
      .option('concurrency', { type: 'string', requiresArg: true, default: 256, describe: `Most TCP connections open at once (sweep and probes together), ${rangeText(R.concurrency)}` })
      .option('rate', { type: 'string', requiresArg: true, default: 0, describe: `Most new connections per second (0 = no limit), ${rangeText(R.rate)}` })
      .option('connect-timeout', { type: 'string', requiresArg: true, default: 1500, describe: `Milliseconds to wait for one TCP connect, ${rangeText(R['connect-timeout'])}` })
      .option('host-budget', { type: 'string', requiresArg: true, default: 15, describe: `Seconds the sweep may spend on one host, ${rangeText(R['host-budget'])}` })
      .option('discovery-window', { type: 'string', requiresArg: true, default: 3, describe: `Seconds to listen for UDP discovery replies, ${rangeText(R['discovery-window'])}` })
      .option('budget', { type: 'string', requiresArg: true, default: 0, describe: `Stop the whole scan after this many seconds (0 = no limit), ${rangeText(R.budget)}; the result is marked incomplete` })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'No progress on stderr and no summary on stdout (errors, warnings, report files and the exit code as usual)' })
      .option('stats-every', { type: 'string', requiresArg: true, default: 30, describe: `When stderr is not a terminal (a log, CI), print a progress line every this many seconds (0 = never), ${rangeText(R['stats-every'])}` })
      .option('fail-on', { type: 'string', choices: ['none', 'high', 'elevated', 'unknown'], default: 'high', describe: 'Exit 1 when devices at this risk level or above are found (high > elevated > unknown: "unknown" also fails on cameras of unknown maker)' })
      .option('credentials', { type: 'string', describe: 'YAML/JSON file of credentials you own (per host, CIDR or vendor); or CAMAUDIT_USER/CAMAUDIT_PASS' })
      .option('kev', { type: 'string', describe: 'A newer CISA KEV JSON catalogue to check firmware against' })
      .option('policy', { type: 'string', describe: 'Policy ids to apply, comma-separated (default: all)' })
      .option('policy-file', { type: 'string', array: true, describe: 'Your own policy file(s), validated' })
      .option('redact', { type: 'boolean', default: false, describe: 'Mask serial numbers in the result and reports' })
      .option('observations', { type: 'boolean', default: true, describe: 'Keep raw observations in the JSON result (--no-observations to drop)' });
    for (const [cmd, what] of EXAMPLES) b = b.example(cmd, what);
    return b.epilog('Exit codes: 0 done, nothing at --fail-on level; 1 done and devices at that level found; 2 usage error; 3 runtime failure.\nFirst Ctrl-C (or SIGTERM, SIGHUP) stops new work and writes a partial result marked incomplete, exit 3; a second one quits at once.\nReport files: --out and the formats are checked before anything is sent; report.json is written first; every file goes to a temporary name and is renamed into place, so an earlier result in the folder is refused before anything is sent unless --force is given (then each file is replaced whole, never half-overwritten); a symbolic link is never written through.') as Argv;
  },
  handler: async (argv) => {
    const a = argv as unknown as ScanCliOptions & { targets?: string[]; logLevel: string; logFile?: string; logJson: boolean };
    const [{ buildScope }, { defaultPorts, parsePorts }, { selectModules }, { createLogger }, { estimatePlan }, { executeScan }] = await Promise.all([
      import('../../scope/scope.js'),
      import('../../engine/ports.js'),
      import('../../engine/registry.js'),
      import('../../core/logger.js'),
      import('../../engine/plan.js'),
      import('../scan-run.js'),
    ]);
    // Whole numbers within their documented ranges, before anything else (src/cli/flags.ts).
    Object.assign(a, parseScanNumbers(a as unknown as Record<string, unknown>));
    const log = createLogger({ level: a.logLevel as never, file: a.logFile, json: a.logJson });

    const { targets, interfaces } = await resolveTargets(a);
    const scope: Scope = await buildScope(targets, a.exclude ?? [], { allowPublic: a.allowPublic, allowLarge: a.allowLarge || a.dryRun });
    // A repeated --ports gives an array: every list counts.
    const portSpec = Array.isArray(a.ports) ? (a.ports as string[]).join(',') : a.ports;
    const ports = portSpec ? parsePorts(portSpec) : defaultPorts();
    const selection = selectModules(a.modules);
    // Formats are checked even for a dry run; the report folder and the PDF engine only for a real scan, before
    // anything is sent (src/report/output.ts): a bad --out, an unknown format or an unusable Chromium costs no scan.
    const { formatList, planOutputs } = await import('../../report/output.js');
    formatList(a.format);
    if (a.dryRun) {
      const plan = estimatePlan(scope, ports, selection, interfaces, a);
      if (a.json) process.stdout.write(JSON.stringify(plan, null, 2) + '\n');
      else process.stdout.write(formatPlan(plan));
      if (scope.count > 65_536 && !a.allowLarge) process.stderr.write('note: a real scan of this size needs --allow-large\n');
      return EXIT.OK;
    }
    const outputs = a.out ? await planOutputs(a.out, a.format, { existing: a.force ? 'replace' : 'refuse' }) : undefined;
    return executeScan({ ...a, scope, ports, selection, interfaces, log, outputs });
  },
};

async function resolveTargets(a: ScanCliOptions & { targets?: string[] }): Promise<{ targets: string[]; interfaces: import('../../core/module.js').NetInterface[] }> {
  const targets = [...(a.targets ?? [])];
  if (a.local) {
    const platform = await import('../../platform/index.js');
    const ifs = platform.selectInterfaces(a.interface);
    if (!ifs.length) throw new UsageError('--local: no non-loopback IPv4 interface found', 'CAMAUDIT_ERR_INTERFACE');
    const line = `Local subnets: ${ifs.map((i) => `${i.cidr} (${i.name})`).join(', ')}\n`;
    (a.json ? process.stderr : process.stdout).write(line);
    targets.push(...ifs.map((i) => i.cidr));
    return { targets, interfaces: ifs };
  }
  if (!targets.length) throw new UsageError('no targets given: name addresses, CIDRs, ranges, hostnames, @file or --local (see camaudit scan --help)', 'CAMAUDIT_ERR_TARGET');
  return { targets, interfaces: [] };
}

function formatPlan(p: Plan): string {
  return [
    `Plan (nothing sent):`,
    `  addresses:  ${p.addresses}`,
    `  ranges:     ${p.ranges.slice(0, 10).join(', ')}${p.ranges.length > 10 ? ` … (+${p.ranges.length - 10})` : ''}`,
    `  excluded:   ${p.excluded.length ? p.excluded.join(', ') : 'none'}`,
    `  ports:      ${p.ports.join(',')}`,
    `  modules:    ${p.modules.join(', ')}`,
    `  interfaces: ${p.interfaces.length ? p.interfaces.join(', ') : 'chosen at scan time (those whose subnet meets the scope)'}`,
    `  estimated:  up to ${p.estimatedSeconds} s (worst case: every address empty; concurrency ${p.concurrency}${p.rate ? `, rate ${p.rate}/s` : ''})`,
    '',
  ].join('\n');
}

export default spec;
