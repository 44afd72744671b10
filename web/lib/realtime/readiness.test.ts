import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { watchReadiness } from "./readiness";
import { connectedController, controllers, flush } from "./fake-pusher.test-support";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.stop();
  vi.useRealTimers();
});

/** A fetch whose answers the test gives one by one. */
function scriptedFetch() {
  const pending: Array<(response: Response | Error) => void> = [];
  const urls: string[] = [];
  const fetch = vi.fn((url: string) => {
    urls.push(url);
    return new Promise<Response>((resolve, reject) =>
      pending.push((answer) => (answer instanceof Error ? reject(answer) : resolve(answer))),
    );
  });
  const answer = async (body: unknown, status = 200) => {
    pending.shift()!(new Response(JSON.stringify(body), { status }));
    await flush();
  };
  const fail = async () => {
    pending.shift()!(new TypeError("fetch failed"));
    await flush();
  };
  return { fetch, urls, answer, fail, waiting: () => pending.length };
}

const BASE = "http://app.test";

describe("ReconnectController with a readiness hint", () => {
  it("spaces its own attempts by the cap while holding, and attempts within the hint's delay", async () => {
    const { pusher, controller } = connectedController({ random: () => 0.5, capMs: 10_000 });
    controller.holdForHint(true);
    pusher.drop();
    await flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(pusher.connects).toBe(1);
    controller.hint(300);
    await vi.advanceTimersByTimeAsync(299);
    expect(pusher.connects).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(pusher.connects).toBe(2);
  });

  it("a hint never postpones an attempt that was due sooner", async () => {
    const { pusher, controller } = connectedController({ random: () => 0.5 });
    pusher.drop(); // first retry at 0.5 · 250 ms
    await flush();
    controller.hint(5_000);
    await vi.advanceTimersByTimeAsync(125);
    expect(pusher.connects).toBe(2);
  });
});

describe("watchReadiness", () => {
  it("asks the app once per outage and brings the connection back when it says ready", async () => {
    const { pusher, controller } = connectedController({ random: () => 0.5 });
    const script = scriptedFetch();
    watchReadiness(controller, { baseUrl: BASE, fetch: script.fetch, random: () => 0.5 });

    pusher.drop();
    await flush();
    expect(script.urls).toEqual([`${BASE}/api/realtime/ready?wait=20`]);
    await vi.advanceTimersByTimeAsync(125); // the quick first retry still happens
    pusher.drop(); // refused: the server is still away
    await flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(pusher.connects).toBe(2); // held: no guessing while the app watches
    await script.answer({ ready: false }); // its long poll timed out: ask again
    expect(script.waiting()).toBe(1);
    await script.answer({ ready: true });
    await vi.advanceTimersByTimeAsync(250); // 0.5 · the 500 ms spread
    expect(pusher.connects).toBe(3);
    pusher.open();
    expect(controller.isRetrying()).toBe(false);

    // The next outage may use a hint again.
    pusher.drop();
    await flush();
    expect(script.fetch).toHaveBeenCalledTimes(3);
  });

  it("falls back to plain backoff when the hint fails or the hinted attempt fails", async () => {
    const { pusher, controller } = connectedController({ random: () => 0.5 });
    const script = scriptedFetch();
    watchReadiness(controller, { baseUrl: BASE, fetch: script.fetch, random: () => 0 });

    pusher.drop();
    await flush();
    await script.answer({ ready: true });
    await flush();
    expect(pusher.connects).toBe(2); // hinted with no delay (random 0)
    pusher.drop(); // the app reaches the server, this client does not (network cut)
    await flush();
    expect(script.waiting()).toBe(0); // one hint per outage
    await vi.advanceTimersByTimeAsync(250); // 0.5 · 500 ms: plain backoff again
    expect(pusher.connects).toBe(3);

    pusher.open();
    pusher.drop();
    await flush();
    await script.fail(); // no app: plain backoff, no second poll
    expect(script.waiting()).toBe(0);
    // Third failure in a row (the last connection was not stable): 0.5 · 1 s.
    await vi.advanceTimersByTimeAsync(499);
    expect(pusher.connects).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(pusher.connects).toBe(4);
  });
});
