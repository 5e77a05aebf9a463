// Achieved new-connection rate from the scanner's side: reads `tcpdump -nn -tt -r <pcap>` text of the SYNs the
// scanner namespace sent (filter: SYN without ACK) and counts each 4-tuple once, so a retransmitted SYN is not
// a new connection. Usage: tcpdump -nn -tt -r rate.pcap | npx tsx bench/rate.ts --requested 50
// Prints one JSON line: connections, span, overall rate ((n-1)/span), the busiest 1-s window, and the median of
// the per-second counts over the whole seconds of the span.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

export interface RateFigures {
  connections: number;
  seconds: number;
  /** (connections - 1) / seconds between the first and last SYN. */
  overall: number;
  /** Most SYNs that started within any 1-s window. */
  peak1s: number;
  /** Median of the per-second counts over the whole seconds of the span. */
  medianPerSecond: number;
}

/** First SYN time per 4-tuple from tcpdump -nn -tt lines. Lines that are not a TCP SYN are ignored. */
export function synTimes(text: string): number[] {
  const first = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^(\d+\.\d+) IP (\S+) > (\S+): Flags \[S\]/.exec(line);
    if (!m) continue;
    const key = `${m[2]}>${m[3]}`;
    if (!first.has(key)) first.set(key, Number(m[1]));
  }
  return [...first.values()].sort((a, b) => a - b);
}

export function rateFigures(times: number[]): RateFigures {
  const n = times.length;
  const seconds = n > 1 ? times[n - 1] - times[0] : 0;
  let peak = 0;
  for (let i = 0, j = 0; i < n; i++) {
    while (times[i] - times[j] >= 1) j++;
    peak = Math.max(peak, i - j + 1);
  }
  const whole = Math.floor(seconds);
  const counts = Array.from({ length: whole }, () => 0);
  for (const t of times) {
    const k = Math.floor(t - times[0]);
    if (k < whole) counts[k]++;
  }
  counts.sort((a, b) => a - b);
  const med = whole ? (whole % 2 ? counts[(whole - 1) / 2] : (counts[whole / 2 - 1] + counts[whole / 2]) / 2) : 0;
  return { connections: n, seconds: +seconds.toFixed(3), overall: seconds > 0 ? +((n - 1) / seconds).toFixed(2) : 0, peak1s: peak, medianPerSecond: med };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { requested: { type: 'string' }, file: { type: 'string' } } });
  const text = readFileSync(values.file ?? 0, 'utf8');
  const f = rateFigures(synTimes(text));
  const requested = Number(values.requested ?? NaN);
  const within = Number.isFinite(requested) ? Math.abs(f.overall - requested) <= requested * 0.1 : null;
  console.log(JSON.stringify({ requested, ...f, within10pct: within }));
}
