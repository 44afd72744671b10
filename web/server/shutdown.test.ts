import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { drainBeforeExit, PoolExit, PROBE_HEADER } from "./shutdown";

function fakeProcess() {
  const events = new EventEmitter();
  const exits: (number | string | null | undefined)[] = [];
  const proc = {
    once: (event: string, listener: () => void) => events.once(event, listener),
    exit: (code?: number | string | null) => void exits.push(code),
  } as unknown as Pick<NodeJS.Process, "once" | "exit">;
  return { proc, exits, signal: (name: string) => events.emit(name) };
}

describe("drainBeforeExit", () => {
  it("leaves process.exit alone until a signal arrives", () => {
    const { proc, exits } = fakeProcess();
    drainBeforeExit(() => new Promise(() => {}), { maxMs: 1000 }, proc);
    proc.exit(3);
    expect(exits).toEqual([3]);
  });

  it("after SIGTERM, exits with the code given once the drain is done", async () => {
    const { proc, exits, signal } = fakeProcess();
    let finish!: () => void;
    const onSignal = vi.fn();
    drainBeforeExit(
      () => new Promise<void>((r) => (finish = r)),
      { maxMs: 60_000, onSignal },
      proc,
    );
    signal("SIGTERM");
    expect(onSignal).toHaveBeenCalledOnce();
    proc.exit(143);
    proc.exit(143); // a second call while draining is ignored
    await Promise.resolve();
    expect(exits).toEqual([]);
    finish();
    await vi.waitUntil(() => exits.length > 0);
    expect(exits).toEqual([143]);
  });

  it("exits after maxMs when the drain never ends, or at once when it fails", async () => {
    vi.useFakeTimers();
    try {
      const slow = fakeProcess();
      drainBeforeExit(() => new Promise(() => {}), { maxMs: 5000 }, slow.proc);
      slow.signal("SIGINT");
      slow.proc.exit(130);
      await vi.advanceTimersByTimeAsync(4999);
      expect(slow.exits).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(slow.exits).toEqual([130]);

      const failing = fakeProcess();
      drainBeforeExit(() => Promise.reject(new Error("db gone")), { maxMs: 5000 }, failing.proc);
      failing.signal("SIGTERM");
      failing.proc.exit(143);
      await vi.advanceTimersByTimeAsync(0);
      expect(failing.exits).toEqual([143]);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("PoolExit", () => {
  const probe = { headers: { [PROBE_HEADER]: "1" } };
  const visitor = { headers: {} };

  function setup() {
    let now = 0;
    const scheduled: { run: () => void; ms: number }[] = [];
    const exit = new PoolExit(
      () => now,
      (run, ms) => void scheduled.push({ run, ms }),
    );
    const closes: unknown[][] = [];
    const server = { close: (...args: unknown[]) => void closes.push(args) };
    exit.holdClose(server as never);
    exit.holdClose(server as never); // once per server
    return { exit, server, closes, scheduled, tick: (ms: number) => (now += ms) };
  }

  it("closes at once when no proxy checks this process", () => {
    const { exit, server, closes, scheduled } = setup();
    expect(exit.failsProbe(visitor)).toBe(false);
    server.close("cb");
    expect(closes).toEqual([["cb"]]);
    expect(scheduled).toEqual([]);
  });

  it("with probes arriving, holds the close back two intervals and fails probes meanwhile", () => {
    const { exit, server, closes, scheduled, tick } = setup();
    for (let i = 0; i < 4; i++) {
      expect(exit.failsProbe(probe)).toBe(false);
      tick(1000);
    }
    server.close("cb");
    expect(closes).toEqual([]);
    expect(scheduled.map((s) => s.ms)).toEqual([2250]);
    // While leaving: the proxy's checks fail, every other request is served.
    expect(exit.failsProbe(probe)).toBe(true);
    expect(exit.failsProbe(visitor)).toBe(false);
    scheduled[0]!.run();
    expect(closes).toEqual([["cb"]]);
  });

  it("forgets probes that stopped long ago, and never holds a close back past its cap", () => {
    const stale = setup();
    stale.exit.failsProbe(probe);
    stale.tick(11_000);
    stale.server.close();
    expect(stale.closes).toHaveLength(1);

    const slow = setup();
    slow.exit.failsProbe(probe);
    slow.tick(9000);
    slow.exit.failsProbe(probe);
    slow.server.close();
    expect(slow.scheduled.map((s) => s.ms)).toEqual([4000]);
  });
});
