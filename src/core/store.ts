import type { Observation } from './observation.js';

/**
 * All observations of a scan, keyed by host. Bounded: a host that floods us (10,000 replies a second)
 * cannot grow memory without limit; what is dropped is counted and noted on the host.
 */
export class ObservationStore {
  private readonly byHost = new Map<string, Observation[]>();
  private readonly seen = new Map<string, Set<string>>();
  private readonly dropped = new Map<string, number>();
  private listeners: Array<(o: Observation) => void> = [];

  constructor(private readonly perHostMax = 400) {}

  /** Adds an observation unless an identical one (same module, kind, port, fields) is already stored. */
  add(obs: Observation): boolean {
    let list = this.byHost.get(obs.host);
    let keys = this.seen.get(obs.host);
    if (!list || !keys) {
      list = [];
      keys = new Set();
      this.byHost.set(obs.host, list);
      this.seen.set(obs.host, keys);
    }
    const key = `${obs.module}|${obs.kind}|${obs.port ?? ''}|${safeKey(obs.fields)}`;
    if (keys.has(key)) return false;
    if (list.length >= this.perHostMax) {
      this.dropped.set(obs.host, (this.dropped.get(obs.host) ?? 0) + 1);
      return false;
    }
    keys.add(key);
    list.push(obs);
    for (const l of this.listeners) l(obs);
    return true;
  }

  onAdd(listener: (o: Observation) => void): void {
    this.listeners.push(listener);
  }

  hosts(): string[] {
    return [...this.byHost.keys()];
  }

  get(host: string): Observation[] {
    return this.byHost.get(host) ?? [];
  }

  droppedFor(host: string): number {
    return this.dropped.get(host) ?? 0;
  }

  all(): Observation[] {
    return [...this.byHost.values()].flat();
  }

  get size(): number {
    let n = 0;
    for (const l of this.byHost.values()) n += l.length;
    return n;
  }
}

function safeKey(fields: unknown): string {
  const s = JSON.stringify(fields);
  // Keys only need to tell observations apart; hashing a huge body is not worth it.
  return s.length > 2048 ? s.slice(0, 2048) + s.length : s;
}
