/**
 * Counts requests whose handlers are still running. A client that hangs up does not stop its handler (a
 * simulation keeps running on the worker pool), so closing the server's sockets is not enough to know the
 * work is done: a stop waits for this count to reach zero before it closes the pool and the database.
 */
export class InFlightRequests {
  #count = 0;
  #waiters: (() => void)[] = [];

  get count(): number {
    return this.#count;
  }

  enter(): void {
    this.#count += 1;
  }

  leave(): void {
    this.#count -= 1;
    if (this.#count === 0) {
      for (const wake of this.#waiters.splice(0)) wake();
    }
  }

  /** Resolves when no request is in flight, or after `timeoutMs`, whichever comes first. */
  async drained(timeoutMs: number): Promise<void> {
    if (this.#count === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.#waiters.push(resolve)),
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }
}
