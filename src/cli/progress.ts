// A single progress line on a TTY (stderr): addresses done/total, hosts alive, devices found,
// elapsed and ETA. Silent when stderr is not a terminal, so logs and pipes stay clean.
import type { ScanProgress } from '../engine/scan.js';

function fmt(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

export class ProgressLine {
  readonly enabled: boolean;
  private last = '';

  constructor(private readonly stream: NodeJS.WriteStream) {
    this.enabled = Boolean(stream.isTTY) && process.env.TERM !== 'dumb' && !process.env.CI;
  }

  update(p: ScanProgress): void {
    if (!this.enabled) return;
    const frac = p.addressesTotal ? p.addressesDone / p.addressesTotal : 0;
    const eta = frac > 0.02 && frac < 1 ? ` eta ${fmt((p.elapsedMs / frac) * (1 - frac))}` : '';
    const line = `scanning ${p.addressesDone}/${p.addressesTotal} addresses · ${p.hostsAlive} alive · ${p.devicesFound} devices · ${fmt(p.elapsedMs)}${eta}`;
    if (line === this.last) return;
    this.last = line;
    // \r + clear-to-end-of-line; on terminals without ANSI support the line is padded instead.
    const width = this.stream.columns || 100;
    this.stream.write('\r' + line.slice(0, width - 1).padEnd(Math.min(width - 1, this.last.length + 10)));
  }

  clear(): void {
    if (!this.enabled || !this.last) return;
    const width = this.stream.columns || 100;
    this.stream.write('\r' + ' '.repeat(width - 1) + '\r');
    this.last = '';
  }
}
