import { abortError } from './failure.js';

/**
 * Concurrency limiter with a global cap, a per-key cap (per host) and an optional start rate
 * (new acquisitions per second). Shared by the TCP sweep and every TCP probe so that
 * `--concurrency` and `--rate` hold for the whole scan.
 */
export class Limiter {
  private active = 0;
  private readonly perKey = new Map<string, number>();
  private readonly waiting: Array<{ key: string; resolve: () => void; reject: (e: Error) => void }> = [];
  private nextStartAt = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly concurrency: number,
    readonly perKeyMax: number = Infinity,
    /** New acquisitions per second; 0 = unlimited. */
    readonly rate = 0,
  ) {}

  /** Resolves when a slot is free for `key`; returns the release function. Rejects with code ABORT_ERR on `signal`. */
  acquire(key = '', signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      // The abort listener is removed as soon as a slot is granted, so long scans sharing one
      // signal do not pile up listeners (MaxListenersExceededWarning).
      const onAbort = () => {
        const i = this.waiting.indexOf(entry);
        if (i >= 0) {
          this.waiting.splice(i, 1);
          reject(abortError());
        }
      };
      const entry = {
        key,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.makeRelease(key));
        },
        reject,
      };
      this.waiting.push(entry);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pump();
    });
  }

  async run<T>(key: string, fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const release = await this.acquire(key, signal);
    try {
      return await fn();
    } finally {
      release();
    }
  }

  get inFlight(): number {
    return this.active;
  }

  private makeRelease(key: string): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.active--;
      const n = (this.perKey.get(key) ?? 1) - 1;
      if (n <= 0) this.perKey.delete(key);
      else this.perKey.set(key, n);
      this.pump();
    };
  }

  private pump(): void {
    if (this.timer) return;
    while (this.active < this.concurrency && this.waiting.length) {
      const idx = this.waiting.findIndex((w) => (this.perKey.get(w.key) ?? 0) < this.perKeyMax);
      if (idx < 0) return;
      if (this.rate > 0) {
        const now = Date.now();
        if (now < this.nextStartAt) {
          this.timer = setTimeout(() => {
            this.timer = null;
            this.pump();
          }, this.nextStartAt - now);
          return;
        }
        // Keep the schedule when a timer fires a little late (it always does, by ~1 ms, more on a busy loop):
        // restarting from `now` added that lateness to every interval (measured: --rate 200 gave 174/s). After
        // an idle spell longer than the slack the schedule restarts, so no burst makes up for time without demand.
        const interval = 1000 / this.rate;
        const slack = Math.max(interval, 20);
        this.nextStartAt = (now - this.nextStartAt > slack ? now : this.nextStartAt) + interval;
      }
      const [w] = this.waiting.splice(idx, 1);
      this.active++;
      this.perKey.set(w.key, (this.perKey.get(w.key) ?? 0) + 1);
      w.resolve();
    }
  }
}
