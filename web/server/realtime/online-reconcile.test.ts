import { beforeEach, describe, expect, it, vi } from "vitest";
import { testCuid } from "../../../tests/helpers/ids";

const enqueueEvents = vi.fn(async (..._messages: unknown[]) => {});
const userChannels: Record<string, object> = {};
const presence: Record<string, { user_count: number }> = {};
const get = vi.fn(async ({ params }: { path: string; params: Record<string, string> }) => {
  await new Promise((resolve) => setTimeout(resolve, 10));
  const channels = params.filter_by_prefix === "private-user-" ? userChannels : presence;
  return { json: async () => ({ channels }) };
});
vi.mock("@/server/outbox", () => ({ enqueueEvents }));
vi.mock("@/server/realtime/pusher-instance", () => ({ getPusherServer: () => ({ get }) }));

const { refreshOnlineCount, onlineSnapshot } = await import("./online-reconcile");

beforeEach(() => {
  enqueueEvents.mockClear();
  get.mockClear();
  for (const key of Object.keys(userChannels)) delete userChannels[key];
  for (const key of Object.keys(presence)) delete presence[key];
  for (let i = 0; i < 3; i++) userChannels[`private-user-${testCuid()}`] = {};
});

describe("online count", () => {
  it("publishes the count through the outbox, on the admin dashboard", async () => {
    await refreshOnlineCount();
    expect(enqueueEvents.mock.calls[0]).toEqual([
      {
        event: "stats-update",
        channels: ["private-admin-dashboard"],
        payload: { stats: { onlineUsers: 3 } },
      },
    ]);
  });

  it("asks Soketi twice per count, however many presence channels there are", async () => {
    for (let i = 0; i < 500; i++) presence[`presence-course-${testCuid()}`] = { user_count: 2 };
    await onlineSnapshot();
    expect(get).toHaveBeenCalledTimes(2);
  });

  it("coalesces a storm of refreshes into at most two counts", async () => {
    await Promise.all(Array.from({ length: 200 }, () => refreshOnlineCount()));
    expect(get.mock.calls.length / 2).toBeGreaterThanOrEqual(1);
    expect(get.mock.calls.length / 2).toBeLessThanOrEqual(2);
    expect(enqueueEvents).toHaveBeenCalledTimes(get.mock.calls.length / 2);
  });

  it("heals on the timer: publishes only when Soketi's view changed since the last count", async () => {
    await refreshOnlineCount();
    enqueueEvents.mockClear();
    await refreshOnlineCount({ onlyIfChanged: true });
    expect(enqueueEvents).not.toHaveBeenCalled();
    // A user came online and its webhook was lost: the next check publishes the new count.
    userChannels[`private-user-${testCuid()}`] = {};
    await refreshOnlineCount({ onlyIfChanged: true });
    expect(enqueueEvents).toHaveBeenCalledTimes(1);
    expect(enqueueEvents.mock.calls[0]![0]).toMatchObject({
      payload: { stats: { onlineUsers: 4 } },
    });
    // A move between course pages changes the signature too.
    enqueueEvents.mockClear();
    presence[`presence-course-${testCuid()}`] = { user_count: 1 };
    await refreshOnlineCount({ onlyIfChanged: true });
    expect(enqueueEvents).toHaveBeenCalledTimes(1);
  });

  it("settles each call after the count that covers it, however long the stream of calls lasts", async () => {
    let stop = false;
    const stream = (async () => {
      while (!stop) {
        void refreshOnlineCount();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const counted = get.mock.calls.length;
    await refreshOnlineCount();
    // Settled while calls kept coming: by at most two counts, not by the end of the stream.
    expect(stop).toBe(false);
    expect((get.mock.calls.length - counted) / 2).toBeLessThanOrEqual(2);
    stop = true;
    await stream;
    await refreshOnlineCount();
  });
});
