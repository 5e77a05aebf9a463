// Runs a passive read for the CLI (`camaudit pcap`): capture files or a live interface into one PassiveSession, then
// the same result building, reports, terminal summary and exit code as a scan. The result is a normal ScanResult with
// `scan.source` saying it was read from captures (files, SHA-256, time span, packetsSent 0).
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ScanResult, PassiveCapture } from '../core/result.js';
import { buildResult } from '../engine/build-result.js';
import { UsageError } from '../core/errors.js';
import { EXIT } from './exit-codes.js';
import { PassiveSession, PASSIVE_MODULE } from '../passive/session.js';
import { readCaptureFile, listenLive } from '../passive/source.js';
import { exitCodeFor, loadEnrichment, terminalSummary } from './scan-run.js';

export interface PcapCliOptions {
  files: string[];
  listen?: string;
  duration: number;
  save?: string;
  filter?: string;
  includePublic: boolean;
  json: boolean;
  out?: string;
  /** Replace an earlier result in --out (otherwise refused). */
  force?: boolean;
  format?: string;
  failOn: 'none' | 'high' | 'elevated' | 'unknown';
  kev?: string;
  policy?: string;
  policyFile?: string[];
  redact: boolean;
  observations: boolean;
}

export async function executePcap(o: PcapCliOptions): Promise<number> {
  if (!o.files.length && !o.listen) throw new UsageError('give capture files (pcap or pcapng, .gz too, "-" for stdin) or --listen INTERFACE (see camaudit pcap --help)');
  if (o.files.length && o.listen) throw new UsageError('read capture files or --listen on an interface, not both');
  if (o.listen && !(Number.isFinite(o.duration) && o.duration > 0)) throw new UsageError('--duration must be a positive number of seconds');
  if (o.save && !o.listen) throw new UsageError('--save keeps a live capture: use it with --listen');
  const policy = { policyIds: o.policy ? o.policy.split(',').map((s) => s.trim()).filter(Boolean) : undefined, policyFiles: o.policyFile };
  const { loadPolicies } = await import('../policy/load.js');
  const appliedPolicies = loadPolicies(policy).map((p) => p.id);
  const enrich = await loadEnrichment({ kev: o.kev });

  const session = new PassiveSession({ includePublic: o.includePublic });
  const captures: PassiveCapture[] = [];
  const started = new Date().toISOString();
  if (o.listen) {
    const abort = new AbortController();
    const onSigint = (): void => {
      process.stderr.write('\ncamaudit: stopping the capture, reading what was heard\n');
      abort.abort();
    };
    process.once('SIGINT', onSigint);
    try {
      const iface = o.listen;
      const onReady = (): void => void process.stderr.write(`Listening on ${iface} for ${o.duration} s (tcpdump; nothing is sent; Ctrl-C stops early)…\n`);
      captures.push(await listenLive({ iface, durationSeconds: o.duration, save: o.save, filter: o.filter, signal: abort.signal, onReady }, session));
    } finally {
      process.removeListener('SIGINT', onSigint);
    }
  } else {
    for (const f of o.files) captures.push(await readCaptureFile(f, session));
  }
  const outcome = session.finish();
  for (const c of captures) {
    if (c.cutFrames) outcome.notes.push(`${PASSIVE_MODULE}: ${c.file}: ${c.cutFrames} of ${c.frames} frame(s) stored shorter than they were on the wire (snap length): evidence in the cut part is lost`);
  }
  const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
  const firstPacket = captures.map((c) => c.firstPacket).filter((x): x is string => !!x).sort()[0] ?? null;
  const lastPacket = captures.map((c) => c.lastPacket).filter((x): x is string => !!x).sort().pop() ?? null;
  const result: ScanResult = buildResult(
    outcome.byHost,
    {
      scanId: randomUUID(),
      // The result spans the traffic it was read from; an empty capture spans the moment it was read.
      startedAt: iso(outcome.firstMs) ?? started,
      finishedAt: iso(outcome.lastMs) ?? started,
      targets: captures.map((c) => c.file),
      excluded: [],
      interfaces: o.listen ? [o.listen] : [],
      modules: [PASSIVE_MODULE],
      options: { passive: true, includePublic: o.includePublic, redact: o.redact, policies: appliedPolicies, ...(o.listen ? { listenSeconds: o.duration, ...(o.filter ? { filter: o.filter } : {}) } : {}) },
      complete: true,
      stats: { ...outcome.stats },
      notes: outcome.notes,
      hostsScanned: outcome.hostsSeen,
      hostsAlive: outcome.hostsSeen,
      redact: o.redact,
      policy,
      keepObservations: o.observations,
      vulns: enrich.vulns,
      kevCatalogVersion: enrich.kevCatalogVersion,
    },
    (ip) => outcome.dropped.get(ip) ?? 0,
  );
  // Evidence seen only at layer 2, from a MAC that never used an address in the capture: keyed by its MAC.
  for (const d of result.devices) {
    if (d.ip.startsWith('mac:')) {
      d.notes.unshift('seen only at layer 2 (no IP address in the capture)');
      d.ip = '';
    }
  }
  result.scan.source = { kind: 'passive', captures, firstPacket, lastPacket, packetsSent: 0 };

  const reports = await import('../report/index.js');
  if (o.out) {
    const formats = o.format ? o.format.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
    const files = await reports.writeReports(result, o.out, formats, { force: o.force });
    if (!o.json) process.stdout.write(`Reports written: ${files.map((f) => path.relative(process.cwd(), f) || f).join(', ')}\n`);
  }
  if (o.json) process.stdout.write(JSON.stringify(result, null, 2) + '\n');
  else process.stdout.write(await terminalSummary(result));
  return o.failOn === 'none' ? EXIT.OK : exitCodeFor(result, o.failOn);
}
