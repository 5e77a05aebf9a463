/** Per-module counters for the scan statistics (sent, received, dropped, malformed…). */
export class Stats {
  private readonly counters = new Map<string, Map<string, number>>();

  count(module: string, counter: string, n = 1): void {
    let m = this.counters.get(module);
    if (!m) {
      m = new Map();
      this.counters.set(module, m);
    }
    m.set(counter, (m.get(counter) ?? 0) + n);
  }

  get(module: string, counter: string): number {
    return this.counters.get(module)?.get(counter) ?? 0;
  }

  toJSON(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [mod, m] of this.counters) out[mod] = Object.fromEntries(m);
    return out;
  }
}
