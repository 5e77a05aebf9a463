/** Most scan notes kept; further ones are counted under `notes-dropped`. */
export const SCAN_NOTES_MAX = 50;

/** Per-module counters for the scan statistics (sent, received, dropped, malformed…), and the scan's notes. */
export class Stats {
  private readonly counters = new Map<string, Map<string, number>>();
  private readonly scanNotes: string[] = [];

  /**
   * A failure that belongs to no one device (a module that threw, a neighbour table that could not be read):
   * kept as `module: text` in the result's `scan.notes`. Per-device failures go on that device's observations.
   */
  note(module: string, text: string): void {
    const line = `${module}: ${text}`;
    if (this.scanNotes.includes(line)) return;
    if (this.scanNotes.length < SCAN_NOTES_MAX) this.scanNotes.push(line);
    else this.count(module, 'notes-dropped');
  }

  notes(): string[] {
    return [...this.scanNotes];
  }

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
