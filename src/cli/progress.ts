// Scan progress on stderr, three ways:
//   - on a terminal, one line rewritten in place: addresses done/total, hosts alive, devices, elapsed, ETA;
//   - when stderr is not a terminal (a log, CI), one plain line every --stats-every seconds (as nmap's
//     --stats-every), the first after one period, so a short scan prints nothing;
//   - nothing with --quiet (or --stats-every 0 off a terminal).
// The ETA is smoothed (EtaEstimator): a sweep finishes its refused and dead addresses in bursts, and the plain
// "elapsed / fraction done" estimate then jumps about (3 s to 11 s at 57/256 in issue 17).
import type { ScanProgress } from '../engine/scan.js';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

/**
 * Remaining time from the rate of the last WINDOW_MS (not of the whole scan: the refused and quickly answered
 * addresses finish in a burst at the start), shown through a smoothing that counts down between updates and moves
 * towards a new estimate gently when it is longer (RISE_TAU_MS) and faster when it is shorter (FALL_TAU_MS).
 * Measured on synthetic timelines in test/cli/progress.test.ts: the plain "elapsed / fraction done" estimate
 * travels upwards 23.5 s over a bursty 30 s sweep, this one 5.5 s.
 */
export class EtaEstimator {
  static readonly WINDOW_MS = 10_000;
  static readonly RISE_TAU_MS = 3_000;
  static readonly FALL_TAU_MS = 1_000;
  /** No estimate before this much time or this share of the work: too little to go on. */
  static readonly MIN_ELAPSED_MS = 2_000;
  static readonly MIN_FRACTION = 0.02;
  /** Samples of (elapsed, done) at least 250 ms apart, the last WINDOW_MS of them (at most ~41). */
  private readonly samples: { t: number; done: number }[] = [];
  private shown: { t: number; ms: number } | null = null;

  /** The ETA in ms after `done` of `total` at `elapsedMs`, or null while there is too little to go on. */
  update(elapsedMs: number, done: number, total: number): number | null {
    if (total <= 0) return null;
    if (done >= total) return 0;
    const lastSample = this.samples[this.samples.length - 1];
    if (!lastSample || elapsedMs - lastSample.t >= 250) this.samples.push({ t: elapsedMs, done });
    while (this.samples.length > 1 && this.samples[0].t < elapsedMs - EtaEstimator.WINDOW_MS) this.samples.shift();
    if (elapsedMs < EtaEstimator.MIN_ELAPSED_MS || done / total < EtaEstimator.MIN_FRACTION) return this.shown ? this.countdown(elapsedMs) : null;
    const overall = done / elapsedMs;
    const first = this.samples[0];
    const span = elapsedMs - first.t;
    const recent = span >= 1_000 ? (done - first.done) / span : overall;
    // Nothing finished in the whole window: assume half the average pace rather than none (no infinite ETA).
    const rate = recent > 0 ? recent : overall / 2;
    const raw = (total - done) / rate;
    if (!this.shown) {
      this.shown = { t: elapsedMs, ms: raw };
      return raw;
    }
    const expected = this.countdown(elapsedMs);
    const tau = raw > expected ? EtaEstimator.RISE_TAU_MS : EtaEstimator.FALL_TAU_MS;
    const w = 1 - Math.exp(-(elapsedMs - this.shown.t) / tau);
    this.shown = { t: elapsedMs, ms: Math.max(0, expected + w * (raw - expected)) };
    return this.shown.ms;
  }

  private countdown(elapsedMs: number): number {
    return Math.max(0, this.shown!.ms - (elapsedMs - this.shown!.t));
  }
}

function line(p: ScanProgress, eta: number | null): string {
  return `${p.addressesDone}/${p.addressesTotal} addresses · ${p.hostsAlive} alive · ${p.devicesFound} devices · ${formatDuration(p.elapsedMs)}${eta !== null && p.addressesDone < p.addressesTotal ? ` eta ${formatDuration(eta)}` : ''}`;
}

export interface Progress {
  readonly enabled: boolean;
  update(p: ScanProgress): void;
  clear(): void;
}

/** The one line on a terminal, rewritten in place. */
export class ProgressLine implements Progress {
  readonly enabled: boolean;
  private last = '';
  private readonly eta = new EtaEstimator();

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.enabled = Boolean(stream.isTTY) && process.env.TERM !== 'dumb' && !process.env.CI;
  }

  update(p: ScanProgress): void {
    if (!this.enabled) return;
    const text = `scanning ${line(p, this.eta.update(p.elapsedMs, p.addressesDone, p.addressesTotal))}`;
    if (text === this.last) return;
    this.last = text;
    // \r + clear-to-end-of-line; on terminals without ANSI support the line is padded instead.
    const width = this.stream.columns || 100;
    this.stream.write('\r' + text.slice(0, width - 1).padEnd(Math.min(width - 1, this.last.length + 10)));
  }

  clear(): void {
    if (!this.enabled || !this.last) return;
    const width = this.stream.columns || 100;
    this.stream.write('\r' + ' '.repeat(width - 1) + '\r');
    this.last = '';
  }
}

/** A plain line every `everyMs` (the first after one period), for logs and CI. */
export class PeriodicProgress implements Progress {
  readonly enabled: boolean;
  private nextAt: number;
  private readonly eta = new EtaEstimator();

  constructor(
    private readonly stream: NodeJS.WritableStream,
    private readonly everyMs: number,
  ) {
    this.enabled = everyMs > 0;
    this.nextAt = everyMs;
  }

  update(p: ScanProgress): void {
    if (!this.enabled) return;
    const eta = this.eta.update(p.elapsedMs, p.addressesDone, p.addressesTotal);
    if (p.elapsedMs < this.nextAt) return;
    while (this.nextAt <= p.elapsedMs) this.nextAt += this.everyMs;
    const pct = p.addressesTotal ? Math.floor((100 * p.addressesDone) / p.addressesTotal) : 0;
    this.stream.write(`camaudit: progress ${pct}%: ${line(p, eta)}\n`);
  }

  clear(): void {
    // Each line is complete: nothing to clear.
  }
}

/** Silent: --quiet. */
export const NO_PROGRESS: Progress = { enabled: false, update: () => undefined, clear: () => undefined };

/** The progress a scan shows: none with --quiet, the line on a terminal, periodic lines otherwise. */
export function progressFor(stream: NodeJS.WriteStream, o: { quiet?: boolean; statsEverySeconds: number }): Progress {
  if (o.quiet) return NO_PROGRESS;
  const tty = new ProgressLine(stream);
  return tty.enabled ? tty : new PeriodicProgress(stream, o.statsEverySeconds * 1000);
}
