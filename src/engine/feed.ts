/**
 * An append-only list that any number of readers can iterate asynchronously from the start;
 * each reader waits for new items until the feed is closed. Used to hand hosts found by the
 * sweep to the UDP modules' unicast probes while the sweep is still running.
 */
export class Feed<T> {
  private readonly items: T[] = [];
  private closed = false;
  private wakers: Array<() => void> = [];

  push(item: T): void {
    if (this.closed) return;
    this.items.push(item);
    this.wake();
  }

  close(): void {
    this.closed = true;
    this.wake();
  }

  get length(): number {
    return this.items.length;
  }

  async *read(signal?: AbortSignal): AsyncGenerator<T> {
    let i = 0;
    for (;;) {
      while (i < this.items.length) yield this.items[i++];
      if (this.closed || signal?.aborted) return;
      // The abort listener is removed on every wake: one per wait would pile up on a long-lived signal
      // (MaxListenersExceededWarning) and keep the resolved promises alive.
      await new Promise<void>((resolve) => {
        const onAbort = (): void => resolve();
        this.wakers.push(() => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        });
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    }
  }

  private wake(): void {
    const w = this.wakers;
    this.wakers = [];
    for (const f of w) f();
  }
}
