import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { backoffDelay } from "./reconnect";
import { connectedController, controlled, controllers, flush } from "./fake-pusher.test-support";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.stop();
  vi.useRealTimers();
});

describe("backoffDelay", () => {
  it("is full jitter over a window doubling from the base up to the cap", () => {
    const top = () => 0.999999;
    expect(backoffDelay(1, { random: top })).toBe(249);
    expect(backoffDelay(2, { random: top })).toBe(499);
    expect(backoffDelay(6, { random: top })).toBe(7999);
    expect(backoffDelay(7, { random: top })).toBe(9999);
    expect(backoffDelay(30, { random: top })).toBe(9999);
    expect(backoffDelay(5, { random: () => 0 })).toBe(0);
    expect(backoffDelay(3, { baseMs: 100, capMs: 300, random: top })).toBe(299);
  });
});

describe("ReconnectController", () => {
  it("takes over after a drop: one socket per attempt, after a jittered, growing delay", async () => {
    const { pusher, controller } = connectedController({ random: () => 0.5 });
    expect(controller.stats).toMatchObject({ attempts: 1, sockets: 1, connections: 1 });

    pusher.drop();
    await flush();
    expect(pusher.connection.state).toBe("disconnected");
    expect(controller.isRetrying()).toBe(true);
    await vi.advanceTimersByTimeAsync(124);
    expect(pusher.connects).toBe(1);
    await vi.advanceTimersByTimeAsync(1); // 0.5 · 250 ms
    expect(pusher.connects).toBe(2);

    pusher.drop(); // refused at once
    await flush();
    await vi.advanceTimersByTimeAsync(249);
    expect(pusher.connects).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    // 0.5 · 500 ms
    expect(pusher.connects).toBe(3);

    pusher.open();
    expect(controller.isRetrying()).toBe(false);
    expect(controller.stats).toMatchObject({ attempts: 3, sockets: 3, connections: 2 });
  });

  it("keeps the backoff growing while connections do not last, resets it after a stable one", async () => {
    const { pusher } = connectedController({ random: () => 0.999, stableMs: 10_000 });
    const delays: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      pusher.drop();
      await flush();
      const before = pusher.connects;
      let waited = 0;
      while (pusher.connects === before) {
        await vi.advanceTimersByTimeAsync(10);
        waited += 10;
      }
      delays.push(waited);
      pusher.open(); // up, but drops again at once
    }
    expect(delays).toEqual([250, 500, 1000]);

    await vi.advanceTimersByTimeAsync(10_000);
    pusher.drop();
    await flush();
    await vi.advanceTimersByTimeAsync(250);
    expect(pusher.connects).toBe(5);
  });

  it("abandons an attempt that neither connects nor fails within the attempt timeout", async () => {
    const { pusher, controller } = connectedController({ random: () => 0, attemptTimeoutMs: 5000 });
    pusher.drop();
    await flush();
    await flush();
    expect(pusher.connects).toBe(2); // delay 0
    await vi.advanceTimersByTimeAsync(4999);
    expect(pusher.connects).toBe(2);
    await vi.advanceTimersByTimeAsync(1);
    // The next attempt after a 0 ms backoff (fake timers run a timer set inside a timer 1 ms on).
    await vi.advanceTimersByTimeAsync(1);
    expect(pusher.connects).toBe(3);
    expect(controller.stats.sockets).toBe(3);
  });

  it("reconnects at once after a close pusher-js reports as an error (4009, 4200)", async () => {
    const { pusher } = connectedController({ random: () => 0 });
    const socket = pusher.sockets.at(-1)!;
    socket.readyState = 3; // closed, its close event still being dispatched
    pusher.emit("error", { type: "PusherError", data: { code: 4009 } });
    // Synchronously, so pusher-js's own retry (bound to the same close) is unbound in time.
    expect(pusher.connection.state).toBe("disconnected");
    await flush();
    await flush();
    expect(pusher.connects).toBe(2);
  });

  it("backs off after a handshake refused with 4200 instead of retrying at once", async () => {
    const { pusher } = connectedController({ random: () => 0.999 });
    pusher.drop();
    await flush();
    await vi.advanceTimersByTimeAsync(250);
    expect(pusher.connects).toBe(2);
    // The socket is open; Soketi answers pusher:error 4200; pusher-js would retry at once.
    pusher.sockets.at(-1)!.readyState = 1;
    pusher.emit("error", { type: "WebSocketError", error: { data: { code: 4200 } } });
    await flush();
    expect(pusher.connection.state).toBe("disconnected");
    await vi.advanceTimersByTimeAsync(498);
    expect(pusher.connects).toBe(2);
    await vi.advanceTimersByTimeAsync(2);
    expect(pusher.connects).toBe(3);
  });

  it("ignores pusher:error messages on a live socket", async () => {
    const { pusher, controller } = connectedController();
    pusher.emit("error", { type: "PusherError", data: { code: 4301 } });
    await flush();
    expect(controller.isRetrying()).toBe(false);
    expect(pusher.connection.state).toBe("connected");
  });

  it("tries at once when the browser comes online or the tab becomes visible", async () => {
    const target = () => {
      const listeners = new Map<string, () => void>();
      return {
        listeners,
        visibilityState: "hidden",
        addEventListener: (type: string, listener: () => void) => listeners.set(type, listener),
        removeEventListener: (type: string) => listeners.delete(type),
      };
    };
    const window = target();
    const document = target();
    const { pusher } = controlled({ environment: { window, document }, random: () => 0.999 });
    pusher.open();
    for (let i = 0; i < 6; i += 1) {
      pusher.drop();
      await flush();
      await vi.advanceTimersByTimeAsync(10_000);
    }
    pusher.drop();
    await flush();
    const waiting = pusher.connects;
    window.listeners.get("online")!();
    expect(pusher.connects).toBe(waiting + 1);

    pusher.drop();
    await flush();
    document.listeners.get("visibilitychange")!(); // still hidden: nothing
    expect(pusher.connects).toBe(waiting + 1);
    document.visibilityState = "visible";
    document.listeners.get("visibilitychange")!();
    expect(pusher.connects).toBe(waiting + 2);
  });

  it("stops for good when the application disconnects", async () => {
    const { pusher, controller } = connectedController();
    pusher.disconnect();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(pusher.connects).toBe(1);
    expect(controller.isRetrying()).toBe(false);
  });

  it("undoes a connect pusher-js starts on its own while waiting", async () => {
    const { pusher } = connectedController({ random: () => 0.999 });
    pusher.drop();
    await flush();
    pusher.setState("connecting"); // an orphaned pusher-js retry timer fired
    expect(pusher.connection.state).toBe("connecting");
    await flush();
    expect(pusher.connection.state).toBe("disconnected");
  });
});
