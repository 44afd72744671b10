// Per-key request counts in fixed one-minute windows, shared by every app instance without a
// query per request: each instance counts in memory and adds its counts to the shared totals
// (one statement for all keys) every `flushMs`, learning the totals back. A key's count is the
// shared total last learnt plus what this instance counted since, so another instance's
// requests are seen at most one flush late.

/** Adds `increments` to the shared totals of `windowStart`; resolves with the new totals. */
export type FlushCounts = (
  windowStart: Date,
  increments: Map<string, number>,
) => Promise<Map<string, number>>;

export const WINDOW_MS = 60_000;

export class SharedWindowCounter {
  private windowStart = 0;
  /** Shared totals as of the last flush (this instance's flushed counts included). */
  private shared = new Map<string, number>();
  /** Counted here since the last flush began. */
  private pending = new Map<string, number>();
  /** Being written by the flush in flight (counted until it lands), and its window. */
  private inFlight = new Map<string, number>();
  private inFlightWindow = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flushCounts: FlushCounts,
    private readonly options: {
      flushMs: number;
      now?: () => number;
      onError?: (error: unknown) => void;
    },
  ) {}

  /** Counts one request for `key`; returns its count in the current window, this one included. */
  add(key: string): { count: number; windowEndsAt: number } {
    this.roll();
    const pending = (this.pending.get(key) ?? 0) + 1;
    this.pending.set(key, pending);
    this.schedule();
    const inFlight = this.inFlightWindow === this.windowStart ? (this.inFlight.get(key) ?? 0) : 0;
    const count = (this.shared.get(key) ?? 0) + inFlight + pending;
    return { count, windowEndsAt: this.windowStart + WINDOW_MS };
  }

  /** Writes what was counted so far (also called by the timer). */
  async flush(): Promise<void> {
    this.timer = undefined;
    if (this.pending.size === 0 || this.inFlight.size > 0) return;
    const windowStart = this.windowStart;
    this.inFlightWindow = windowStart;
    this.inFlight = this.pending;
    this.pending = new Map();
    try {
      const totals = await this.flushCounts(new Date(windowStart), this.inFlight);
      if (windowStart === this.windowStart) for (const [k, v] of totals) this.shared.set(k, v);
      this.inFlight = new Map();
    } catch (error) {
      // Kept: counted again with the next flush (the database may be back by then).
      if (windowStart === this.windowStart) {
        for (const [key, n] of this.inFlight)
          this.pending.set(key, (this.pending.get(key) ?? 0) + n);
      }
      this.inFlight = new Map();
      this.options.onError?.(error);
    }
    if (this.pending.size > 0) this.schedule();
  }

  /** A new window starts from nothing (the old one's counts no longer limit anyone). */
  private roll() {
    const now = (this.options.now ?? Date.now)();
    const start = now - (now % WINDOW_MS);
    if (start === this.windowStart) return;
    this.windowStart = start;
    this.shared = new Map();
    this.pending = new Map();
  }

  private schedule() {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.options.flushMs);
    this.timer.unref();
  }
}
