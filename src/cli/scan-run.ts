// Runs a scan for the CLI: interfaces, Ctrl-C/SIGTERM/SIGHUP handling, progress line, result building, report
// files, terminal summary and the exit code.
import path from 'node:path';
import type { Logger } from 'pino';
import type { DiscoveryModule, NetInterface } from '../core/module.js';
import type { ScanResult } from '../core/result.js';
import type { Scope } from '../scope/scope.js';
import { runScan, type ScanProgress } from '../engine/scan.js';
import { buildResult } from '../engine/build-result.js';
import { UsageError } from '../core/errors.js';
import { describeFailure } from '../core/failure.js';
import { safeText } from '../core/text-safety.js';
import type { OutputPlan } from '../report/output.js';
import { EXIT } from './exit-codes.js';
import { progressFor } from './progress.js';

export interface ScanCliOptions {
  exclude?: string[];
  local: boolean;
  interface?: string;
  allowPublic: boolean;
  allowLarge: boolean;
  dryRun: boolean;
  json: boolean;
  out?: string;
  /** Replace an earlier result in --out (otherwise refused before the scan). */
  force?: boolean;
  format?: string;
  ports?: string;
  modules?: string;
  concurrency: number;
  rate: number;
  connectTimeout: number;
  hostBudget: number;
  discoveryWindow: number;
  budget: number;
  /** Seconds between progress lines when stderr is not a terminal (0 = none). */
  statsEvery: number;
  /** No progress and no summary. */
  quiet?: boolean;
  failOn: 'none' | 'high' | 'elevated' | 'unknown';
  credentials?: string;
  kev?: string;
  policy?: string;
  policyFile?: string[];
  redact: boolean;
  observations: boolean;
}

export interface ExecuteOptions extends Omit<ScanCliOptions, 'ports'> {
  scope: Scope;
  ports: number[];
  selection: { sweep: boolean; modules: DiscoveryModule[] };
  interfaces: NetInterface[];
  log: Logger;
  /** The report files, planned and checked before the scan (src/report/output.ts); planned here when missing. */
  outputs?: OutputPlan;
}

/** Signals that stop a scan the way the first Ctrl-C does: partial result written, exit 3. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_NUMBERS: Record<(typeof STOP_SIGNALS)[number], number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 };

/** Where the report files of this scan go: the plan made before the scan, or one made now (before sending). */
export async function outputsFor(o: Pick<ExecuteOptions, 'out' | 'format' | 'outputs' | 'force'>): Promise<OutputPlan | undefined> {
  if (o.outputs || !o.out) return o.outputs;
  const { planOutputs } = await import('../report/output.js');
  return planOutputs(o.out, o.format, { existing: o.force ? 'replace' : 'refuse' });
}

/** Risk levels from worst to least: `--fail-on X` fails on X and every level before it. */
const FAIL_ORDER = ['high', 'elevated', 'unknown'] as const;

export function exitCodeFor(result: ScanResult, failOn: ScanCliOptions['failOn']): number {
  if (failOn === 'none') return EXIT.OK;
  const failing = new Set<string>(FAIL_ORDER.slice(0, FAIL_ORDER.indexOf(failOn) + 1));
  const hit = result.devices.some((d) => failing.has(d.risk.level));
  return hit ? EXIT.HIGH_RISK : EXIT.OK;
}

export async function executeScan(o: ExecuteOptions): Promise<number> {
  // The report folder, formats and PDF engine are checked before anything is sent: a bad --out costs no scan.
  const outputs = await outputsFor(o);
  const policy = { policyIds: o.policy ? o.policy.split(',').map((s) => s.trim()).filter(Boolean) : undefined, policyFiles: o.policyFile };
  // Validate --policy/--policy-file before sending anything: a typo must not cost a whole scan.
  const { loadPolicies } = await import('../policy/load.js');
  const appliedPolicies = loadPolicies(policy).map((p) => p.id);
  const platform = await import('../platform/index.js');
  const interfaces = o.interfaces.length
    ? o.interfaces
    : platform.selectInterfaces(o.interface, (cidr: string) => cidrMeetsScope(cidr, o.scope));

  const enrich = await loadEnrichment(o);

  // Load the fingerprint data (camaudit's rules, the Recog import, the OUI registry) before sending anything, as
  // the policies above: its load is then not part of the attribution step, which only attributes (both timed).
  const { attributeHost } = await import('../fingerprint/attribute.js');
  const loadStart = performance.now();
  attributeHost([{ host: '0.0.0.0', module: 'preload', kind: 'neigh', fields: { mac: '00:00:00:00:00:00' }, at: new Date(0).toISOString() }]);
  const dataLoadMs = performance.now() - loadStart;

  // Ctrl-C, SIGTERM or SIGHUP: the first stops new work and writes a partial result (exit 3); a second quits at
  // once (128 + the signal's number, as shells report it). The handlers stay until the report files are written.
  const abort = new AbortController();
  let interrupts = 0;
  const onSignal = (sig: (typeof STOP_SIGNALS)[number]) => {
    interrupts++;
    if (interrupts === 1) {
      const how = sig === 'SIGINT' ? 'Ctrl-C again to quit now' : `${sig}: a second signal quits now`;
      process.stderr.write(`\ncamaudit: stopping — finishing work in flight, then writing a partial result (${how})\n`);
      abort.abort();
    } else {
      process.exit(sig === 'SIGINT' ? EXIT.INTERRUPTED : 128 + SIGNAL_NUMBERS[sig]);
    }
  };
  for (const sig of STOP_SIGNALS) process.on(sig, onSignal);
  // After SIGHUP (the terminal went away) or with a closed pipe, printing fails with EIO/EPIPE: the files matter
  // more than the summary, so such a failure must not end the process before they are written.
  const onStreamError = (): void => undefined;
  process.stdout.on('error', onStreamError);
  process.stderr.on('error', onStreamError);
  o.log.info({ addresses: o.scope.count, ports: o.ports.length, interfaces }, 'scan started');

  const progress = progressFor(process.stderr, { quiet: o.quiet, statsEverySeconds: o.statsEvery ?? 30 });
  let outcome;
  try {
    outcome = await runScan({
      scope: o.scope,
      ports: o.ports,
      sweep: o.selection.sweep,
      modules: o.selection.modules,
      interfaces,
      concurrency: Math.floor(o.concurrency),
      rate: o.rate,
      connectTimeoutMs: o.connectTimeout,
      hostBudgetMs: o.hostBudget * 1000,
      discoveryWindowMs: o.discoveryWindow * 1000,
      budgetMs: o.budget * 1000,
      signal: abort.signal,
      log: o.log,
      credentialsFor: enrich.credentialsFor,
      readNeighbours: platform.readNeighbours,
      onProgress: progress.enabled ? (p: ScanProgress) => progress.update(p) : undefined,
    });
  } finally {
    progress.clear();
  }

  const byHost = new Map(outcome.store.hosts().map((h) => [h, outcome.store.get(h)] as const));
  const attributionStart = performance.now();
  const result = buildResult(
    byHost,
    {
      startedAt: outcome.startedAt,
      finishedAt: outcome.finishedAt,
      targets: o.scope.targets,
      excluded: o.scope.excluded,
      interfaces: interfaces.map((i) => `${i.name} ${i.address} ${i.cidr}`),
      modules: [...(o.selection.sweep ? ['sweep'] : []), ...o.selection.modules.map((m) => m.name)],
      options: {
        ports: o.ports,
        concurrency: o.concurrency,
        rate: o.rate,
        connectTimeoutMs: o.connectTimeout,
        hostBudgetSeconds: o.hostBudget,
        discoveryWindowSeconds: o.discoveryWindow,
        budgetSeconds: o.budget,
        redact: o.redact,
        credentialsSupplied: Boolean(o.credentials || process.env.CAMAUDIT_USER),
        // The HTML report quotes exactly these policies (the ones the verdicts were computed against).
        policies: appliedPolicies,
        // How many addresses the scan set out to cover: an interrupted scan's report says how far it got.
        addressesInScope: o.scope.count,
        ...(outcome.stopReason ? { stopReason: outcome.stopReason } : {}),
      },
      complete: outcome.complete,
      stats: outcome.stats.toJSON(),
      notes: outcome.stats.notes(),
      hostsScanned: outcome.hostsScanned,
      hostsAlive: outcome.hostsAlive.size,
      redact: o.redact,
      policy,
      keepObservations: o.observations,
      vulns: enrich.vulns,
      kevCatalogVersion: enrich.kevCatalogVersion,
    },
    (ip) => outcome.store.droppedFor(ip),
  );
  // Verdicts for every device (attribution, policy, vulnerabilities), and the data load done before the scan.
  result.scan.stats.attribution = { 'duration-ms': Math.round(performance.now() - attributionStart), 'data-load-ms': Math.round(dataLoadMs), devices: result.devices.length };

  // report.json first (fsynced), then the other formats; a failed one is named, the others are kept.
  let writeFailed = false;
  const shown = (f: string) => safeText(path.relative(process.cwd(), f) || f, 300);
  if (outputs) {
    const { writePlanned, failureLines } = await import('../report/output.js');
    const written = await writePlanned(result, outputs);
    if (!o.json && !o.quiet && written.written.length) process.stdout.write(`Reports written: ${written.written.map(shown).join(', ')}\n`);
    for (const f of written.keptInputs) process.stderr.write(`camaudit: ${shown(f)} left as it is (it is the input)\n`);
    for (const line of failureLines(written)) process.stderr.write(`camaudit: ${line}\n`);
    writeFailed = written.failed.length > 0;
  }
  if (o.json) {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  } else if (!o.quiet) {
    process.stdout.write(await terminalSummary(result));
  }
  if (!result.scan.complete && !outputs && !o.json) writeFailed = !(await writePartial(result)) || writeFailed;
  if (!result.scan.complete) process.stderr.write(`camaudit: scan incomplete (${safeText(outcome.stopReason ?? 'stopped', 200)})\n`);
  for (const sig of STOP_SIGNALS) process.removeListener(sig, onSignal);
  return interrupts > 0 || writeFailed ? EXIT.RUNTIME : exitCodeFor(result, o.failOn);
}

/** An interrupted scan without --out: its result goes to a new file in the current folder, written atomically. */
async function writePartial(result: ScanResult): Promise<boolean> {
  const { writeFileAtomic } = await import('../core/safe-write.js');
  const file = path.resolve(`camaudit-partial-${result.scan.startedAt.replace(/[:.]/g, '-')}.json`);
  try {
    await writeFileAtomic(file, JSON.stringify(result, null, 2) + '\n');
  } catch (err) {
    process.stderr.write(`camaudit: partial result not saved: ${safeText(describeFailure(err), 300)}\n`);
    return false;
  }
  process.stderr.write(`camaudit: partial result (incomplete) written to ${safeText(file, 300)}\n`);
  return true;
}

export async function terminalSummary(result: ScanResult): Promise<string> {
  const reports = await import('../report/index.js');
  try {
    const out = await reports.renderReport(result, 'terminal');
    return typeof out === 'string' ? out : out.toString('utf8');
  } catch (err) {
    // The result and any report files are complete; only the terminal rendering failed: say so, then the counts.
    process.stderr.write(`camaudit: terminal report not rendered (${safeText(describeFailure(err), 300)}); summary only\n`);
    const s = result.summary;
    return `${s.devices} device(s) found on ${s.hostsAlive} live host(s) of ${s.hostsScanned} scanned: ${s.cameras} camera/NVR/DVR, ${s.high} high risk, ${s.elevated} elevated, ${s.unknown} unknown\n`;
  }
}

function cidrMeetsScope(cidr: string, scope: Scope): boolean {
  const [base, bits] = cidr.split('/');
  const n = base.split('.').reduce((a, x) => a * 256 + Number(x), 0);
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(n / size) * size;
  return scope.intervals.some((iv) => iv.start <= start + size - 1 && iv.end >= start);
}

/** Credentials and KEV catalogue, loaded only when asked for. */
export async function loadEnrichment(o: Pick<ScanCliOptions, 'credentials' | 'kev'>): Promise<{
  credentialsFor?: (ip: string, vendorHint?: string) => import('../core/module.js').Credential[];
  vulns?: typeof import('../vulns/evaluate.js').evaluateVulns;
  kevCatalogVersion?: string;
}> {
  const out: Awaited<ReturnType<typeof loadEnrichment>> = {};
  // Either variable alone still loads, so that a half-set pair is an error rather than silently ignored.
  if (o.credentials || process.env.CAMAUDIT_USER || process.env.CAMAUDIT_PASS !== undefined) {
    const creds = await import('../creds/credentials.js').catch((err: unknown) => {
      throw new UsageError('credentialed scanning is not available in this build', 'CAMAUDIT_ERR_USAGE', { cause: err });
    });
    const store = await creds.loadCredentials({ file: o.credentials, env: process.env });
    for (const w of store.warnings) process.stderr.write(`camaudit: warning: ${w}\n`);
    out.credentialsFor = (ip, hint) => store.credentialsFor(ip, hint);
  }
  if (o.kev) {
    const v = await import('../vulns/evaluate.js');
    const k = await import('../vulns/kev.js').catch((err: unknown) => {
      throw new UsageError('--kev is not available in this build', 'CAMAUDIT_ERR_USAGE', { cause: err });
    });
    const catalogue = await k.loadKev(o.kev);
    out.vulns = (attr, obs) => v.evaluateVulns(attr, obs, catalogue);
    out.kevCatalogVersion = catalogue.catalogVersion;
  }
  return out;
}
