import { describe, expect, it, vi } from "vitest";
import { SharedWindowCounter, WINDOW_MS, type FlushCounts } from "./window-counter";

/** A shared store like the RateLimitCounter table: totals per window and key. */
function sharedStore() {
  const totals = new Map<string, number>();
  const flushes: Array<Map<string, number>> = [];
  const flush: FlushCounts = async (windowStart, increments) => {
    flushes.push(new Map(increments));
    const result = new Map<string, number>();
    for (const [key, n] of increments) {
      const id = `${windowStart.getTime()}:${key}`;
      totals.set(id, (totals.get(id) ?? 0) + n);
      result.set(key, totals.get(id)!);
    }
    return result;
  };
  return { flush, flushes, totals };
}

describe("SharedWindowCounter", () => {
  it("counts in memory and writes all keys in one flush", async () => {
    const store = sharedStore();
    const counter = new SharedWindowCounter(store.flush, { flushMs: 1000, now: () => 5_000 });
    expect(counter.add("a").count).toBe(1);
    expect(counter.add("a").count).toBe(2);
    expect(counter.add("b").count).toBe(1);
    await counter.flush();
    expect(store.flushes).toEqual([
      new Map([
        ["a", 2],
        ["b", 1],
      ]),
    ]);
    expect(counter.add("a")).toEqual({ count: 3, windowEndsAt: WINDOW_MS });
  });

  it("sees another instance's counts after its next flush", async () => {
    const store = sharedStore();
    const now = () => 5_000;
    const one = new SharedWindowCounter(store.flush, { flushMs: 1000, now });
    const two = new SharedWindowCounter(store.flush, { flushMs: 1000, now });
    for (let i = 0; i < 5; i += 1) one.add("user");
    await one.flush();
    expect(two.add("user").count).toBe(1); // not flushed yet: only its own
    await two.flush();
    expect(two.add("user").count).toBe(7); // 5 + its 1, learnt back, + this one
  });

  it("starts each minute from nothing", async () => {
    const store = sharedStore();
    let clock = 59_000;
    const counter = new SharedWindowCounter(store.flush, { flushMs: 1000, now: () => clock });
    counter.add("a");
    counter.add("a");
    await counter.flush();
    clock = 60_500;
    expect(counter.add("a")).toEqual({ count: 1, windowEndsAt: 2 * WINDOW_MS });
  });

  it("keeps the counts of a failed flush and writes them with the next", async () => {
    const store = sharedStore();
    const onError = vi.fn();
    let fail = true;
    const flaky: FlushCounts = (w, inc) =>
      fail ? Promise.reject(new Error("database down")) : store.flush(w, inc);
    const counter = new SharedWindowCounter(flaky, { flushMs: 1000, now: () => 5_000, onError });
    counter.add("a");
    counter.add("a");
    await counter.flush();
    expect(onError).toHaveBeenCalledOnce();
    expect(counter.add("a").count).toBe(3);
    fail = false;
    await counter.flush();
    expect(store.flushes).toEqual([new Map([["a", 3]])]);
  });

  it("counts requests made while a flush is in flight", async () => {
    let release: () => void = () => {};
    const store = sharedStore();
    const slow: FlushCounts = (w, inc) =>
      new Promise((resolve) => (release = () => resolve(store.flush(w, inc))));
    const counter = new SharedWindowCounter(slow, { flushMs: 1000, now: () => 5_000 });
    counter.add("a");
    const flushing = counter.flush();
    expect(counter.add("a").count).toBe(2);
    release();
    await flushing;
    expect(counter.add("a").count).toBe(3);
  });
});
