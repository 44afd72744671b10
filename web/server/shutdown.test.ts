import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import { drainBeforeExit } from "./shutdown";

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
