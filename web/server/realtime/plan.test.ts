import { describe, expect, it } from "vitest";
import { planCalls, type PlanItem, type PlannedCall } from "./plan";

/** Events on the given channels, with their eventIds as data so calls show what they carry. */
const items = (...rows: [string[], string][]): PlanItem[] =>
  rows.map(([channels, id], index) => ({ index, prepared: { channels, event: "e", data: id } }));

const sizes = (calls: PlannedCall[]) =>
  calls.map(({ request }) =>
    request.method === "trigger"
      ? ["trigger", [request.channels].flat().length]
      : ["triggerBatch", request.batch.length],
  );

/** What each channel receives when the calls run in plan order. */
function deliveries(calls: PlannedCall[]): Record<string, string[]> {
  const got: Record<string, string[]> = {};
  for (const { request } of calls) {
    const sent =
      request.method === "trigger"
        ? [request.channels].flat().map((channel) => ({ channel, data: request.data }))
        : request.batch;
    for (const { channel, data } of sent) (got[channel] ??= []).push(data);
  }
  return got;
}

describe("planCalls", () => {
  it("batches single-channel events ten per call", () => {
    const rows = Array.from({ length: 23 }, (_, i): [string[], string] => [[`c${i}`], `e${i}`]);
    const calls = planCalls(items(...rows));
    expect(sizes(calls)).toEqual([
      ["triggerBatch", 10],
      ["triggerBatch", 10],
      ["triggerBatch", 3],
    ]);
    expect(calls.map((c) => c.indices)).toEqual([
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      [10, 11, 12, 13, 14, 15, 16, 17, 18, 19],
      [20, 21, 22],
    ]);
    expect(calls.every((c) => c.after.length === 0)).toBe(true);
  });

  it("sends a lone single-channel event as a plain trigger", () => {
    expect(planCalls(items([["a"], "x"]))).toEqual([
      {
        indices: [0],
        channels: ["a"],
        after: [],
        request: { method: "trigger", channels: "a", event: "e", data: "x" },
      },
    ]);
  });

  it("sends one event to many channels as one trigger, chunked at 100 channels", () => {
    const many = Array.from({ length: 250 }, (_, i) => `c${i}`);
    const calls = planCalls(items([["a", "b"], "two"], [many, "wide"]));
    expect(sizes(calls)).toEqual([
      ["trigger", 2],
      ["trigger", 100],
      ["trigger", 100],
      ["trigger", 50],
    ]);
    expect(calls.map((c) => c.indices)).toEqual([[0], [1], [1], [1]]);
    expect(calls.slice(1).flatMap((c) => c.channels)).toEqual(many);
  });

  it("batches events to up to ten channels as one entry per channel", () => {
    const calls = planCalls(
      items([["u1", "dash"], "p1"], [["u2"], "n2"], [["u3", "dash"], "p3"], [["u4", "dash"], "p4"]),
    );
    // 2 + 1 + 2 + 2 entries: one call.
    expect(sizes(calls)).toEqual([["triggerBatch", 7]]);
    expect(calls[0]!.indices).toEqual([0, 1, 2, 3]);
    // One event to three channels alone: a plain trigger to the three.
    expect(sizes(planCalls(items([["a", "b", "c"], "x"])))).toEqual([["trigger", 3]]);
  });

  it("gives a channel with ten or more entries calls of its own; the rest share calls", () => {
    // Twelve payments, each to its student and to the admins' dashboard.
    const rows = Array.from({ length: 12 }, (_, i): [string[], string] => [
      [`u${i}`, "dash"],
      `p${i}`,
    ]);
    const calls = planCalls(items(...rows));
    const dashCalls = calls.filter((c) => c.channels.includes("dash"));
    expect(dashCalls.map((c) => c.channels)).toEqual([["dash"], ["dash"]]);
    expect(sizes(dashCalls)).toEqual([
      ["triggerBatch", 10],
      ["triggerBatch", 2],
    ]);
    // The students' entries travel beside the dashboard's chain, not in it.
    const others = calls.filter((c) => !c.channels.includes("dash"));
    expect(others.map((c) => c.channels.length)).toEqual([10, 2]);
    expect(others.every((c) => c.after.length === 0)).toBe(true);
    expect(deliveries(calls).dash).toEqual(rows.map(([, id]) => id));
    // Every event is in the calls of both its channels.
    for (let i = 0; i < rows.length; i += 1) {
      expect(calls.filter((c) => c.indices.includes(i)).length).toBe(2);
    }
  });

  it("keeps each channel's order and Pusher's limits for any mix of events", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 50; round += 1) {
      const rows = Array.from({ length: 1 + random(80) }, (_, i): [string[], string] => {
        const channels = new Set(Array.from({ length: 1 + random(3) }, () => `c${random(12)}`));
        return [[...channels], `e${i}`];
      });
      const calls = planCalls(items(...rows));
      const expected: Record<string, string[]> = {};
      for (const [channels, id] of rows) for (const c of channels) (expected[c] ??= []).push(id);
      expect(deliveries(calls)).toEqual(expected);
      for (const [position, call] of calls.entries()) {
        const request = call.request;
        const entries = request.method === "trigger" ? 1 : request.batch.length;
        expect(entries).toBeLessThanOrEqual(10);
        // Waits only for earlier calls that share a channel.
        for (const earlier of call.after) {
          expect(earlier).toBeLessThan(position);
          expect(calls[earlier]!.channels.some((c) => call.channels.includes(c))).toBe(true);
        }
      }
    }
  });

  it("keeps every channel's order across triggers and batches, batching where order allows", () => {
    // As one approval's outbox rows: a 2-channel event between single-channel ones, twice.
    const rows: [string[], string][] = [
      [["dash"], "d1"],
      [["user", "dash"], "m1"],
      [["user"], "u1"],
      [["dash"], "d2"],
      [["other"], "o1"],
      [["user", "dash"], "m2"],
      [["dash"], "d3"],
      [["user"], "u2"],
    ];
    const calls = planCalls(items(...rows));
    expect(deliveries(calls)).toEqual({
      dash: ["d1", "m1", "d2", "m2", "d3"],
      user: ["m1", "u1", "m2", "u2"],
      other: ["o1"],
    });
    // Ten entries in all: one call, its entries in input order.
    expect(calls.map((c) => c.indices)).toEqual([[0, 1, 2, 3, 4, 5, 6, 7]]);
    // One more event: its entry opens the next call, which waits for the first.
    const more = planCalls(items(...rows, [["dash"], "d4"]));
    expect(more.map((c) => [c.indices, c.after])).toEqual([
      [[0, 1, 2, 3, 4, 5, 6, 7], []],
      [[8], [0]],
    ]);
    expect(deliveries(more).dash).toEqual(["d1", "m1", "d2", "m2", "d3", "d4"]);
  });

  it("makes each call wait for the latest earlier call on each of its channels", () => {
    const wide = (prefix: string) => Array.from({ length: 11 }, (_, i) => `${prefix}${i}`);
    const calls = planCalls(
      items(
        [["a", ...wide("x")], "first"],
        [["a"], "second"],
        [["c", ...wide("y")], "unrelated"],
        [["a", "c", ...wide("z")], "both"],
      ),
    );
    expect(calls.map((c) => c.after)).toEqual([[], [0], [], [1, 2]]);
  });

  it("plans nothing for nothing", () => {
    expect(planCalls([])).toEqual([]);
  });
});
