import { describe, expect, it } from "vitest";
import type { PlannedCall } from "./plan";
import { chainLengths, sendCalls, type PusherPublisher } from "./send";

/** A plan of one trigger per event: [its channels, the positions of the calls it waits for]. */
const plan = (...specs: Array<[string[], number[]]>): PlannedCall[] =>
  specs.map(([channels, after], index) => ({
    indices: [index],
    channels,
    after,
    request: {
      method: "trigger",
      channels: channels.length === 1 ? channels[0]! : channels,
      event: "e",
      data: `m${index}`,
    },
  }));

type Answer = (channels: string | string[]) => Promise<unknown>;

/** Records each call's channels as it starts; `answer` decides how the "server" responds. */
function stubPusher(answer: Answer = () => Promise.resolve({})) {
  const started: string[][] = [];
  const pusher = {
    trigger: (channels: string | string[]) => {
      started.push([channels].flat());
      return answer(channels);
    },
    triggerBatch: (batch: { channel: string }[]) => {
      started.push(batch.map((b) => b.channel));
      return answer(batch.map((b) => b.channel));
    },
  } as unknown as PusherPublisher;
  return { pusher, started };
}

const options = { timeoutMs: 1000, concurrency: 4 };

describe("sendCalls", () => {
  it("holds back a later call on a channel whose earlier call failed, sends the rest", async () => {
    const { pusher, started } = stubPusher((channels) =>
      [channels].flat().includes("a")
        ? Promise.reject(Object.assign(new Error("connect ECONNREFUSED"), { status: 503 }))
        : Promise.resolve({}),
    );
    const calls = plan([["a", "b"], []], [["a"], [0]], [["c", "d"], []], [["b"], [0]]);
    const errors = await sendCalls(pusher, calls, options);
    expect(started).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
    expect([...errors.keys()].sort()).toEqual([0, 1, 3]);
    expect(errors.get(0)).toEqual({
      message: "connect ECONNREFUSED: HTTP 503",
      status: 503,
      timeout: false,
    });
    expect(errors.get(1)!.message).toBe(
      "held back behind an earlier event on the same channel: connect ECONNREFUSED: HTTP 503",
    );
    expect(errors.get(3)).toEqual(errors.get(1));
  });

  it("keeps at most `concurrency` calls in flight and starts them in plan order", async () => {
    let inFlight = 0;
    let most = 0;
    const { pusher, started } = stubPusher(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return {};
    });
    const calls = plan(
      [["a", "b"], []],
      [["c", "d"], []],
      [["e", "f"], []],
      [["g", "h"], []],
      [["i", "j"], []],
    );
    const errors = await sendCalls(pusher, calls, { ...options, concurrency: 2 });
    expect(errors.size).toBe(0);
    expect(most).toBe(2);
    expect(started.map((c) => c[0])).toEqual(["a", "c", "e", "g", "i"]);
  });

  it("reports a call without an answer within timeoutMs as a timeout", async () => {
    const { pusher } = stubPusher(() => new Promise(() => {}));
    const errors = await sendCalls(pusher, plan([["a"], []], [["a", "b"], [0]]), {
      ...options,
      timeoutMs: 20,
    });
    expect(errors.get(0)).toEqual({
      message: "no answer from the realtime server within 20 ms",
      timeout: true,
    });
    expect(errors.get(1)).toMatchObject({ timeout: true, message: expect.stringMatching(/held/) });
  });

  it("reads an HTTP 200 error body as a failure, a plain 200 as delivered", async () => {
    const body = (text: string) => Promise.resolve({ text: () => Promise.resolve(text) });
    const { pusher } = stubPusher((channels) =>
      body(channels === "bad" ? '{"error":"Invalid signature","code":401}' : "{}"),
    );
    const errors = await sendCalls(pusher, plan([["bad"], []], [["good", "x"], []]), options);
    expect([...errors]).toEqual([
      [
        0,
        {
          message: "rejected by the realtime server: HTTP 401: Invalid signature",
          status: 401,
          timeout: false,
        },
      ],
    ]);
  });

  it("reports an SDK that throws synchronously as a failed call", async () => {
    const { pusher } = stubPusher(() => {
      throw new Error("Invalid channel name");
    });
    const errors = await sendCalls(pusher, plan([["a"], []]), options);
    expect(errors.get(0)).toMatchObject({ message: "Invalid channel name", timeout: false });
  });

  it("gives a free slot to the call with the longest chain behind it, not the oldest waiting", async () => {
    // One slot. While the first call on "hot" is in flight, four calls nothing waits for are
    // queued; each next "hot" call with more calls behind it goes before them once the slot
    // frees. The last one, with none behind it, waits its turn among them.
    const { pusher, started } = stubPusher(
      () => new Promise((resolve) => setTimeout(() => resolve({}), 2)),
    );
    const calls = plan(
      [["hot"], []],
      [["a"], []],
      [["b"], []],
      [["c"], []],
      [["d"], []],
      [["hot"], [0]],
      [["hot"], [5]],
      [["hot"], [6]],
    );
    const errors = await sendCalls(pusher, calls, { ...options, concurrency: 1 });
    expect(errors.size).toBe(0);
    expect(started.map(([channel]) => channel)).toEqual([
      "hot",
      "hot",
      "hot",
      "a",
      "b",
      "c",
      "d",
      "hot",
    ]);
  });
});

describe("chainLengths", () => {
  it("counts the calls that follow one another from each call to the end of the plan", () => {
    const calls = plan(
      [["a"], []],
      [["b"], []],
      [
        ["a", "b"],
        [0, 1],
      ],
      [["a"], [2]],
      [["c"], []],
    );
    expect(chainLengths(calls)).toEqual([3, 3, 2, 1, 1]);
  });
});
