/** At most `limit` holders at a time; the others wait their turn in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Resolves once a slot is free, with the function that frees it (calling it twice is harmless). */
  async acquire(): Promise<() => void> {
    if (this.active < this.limit) this.active++;
    // The slot is handed over by release() without ever being counted free.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active--;
  }
}
