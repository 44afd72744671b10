import { beforeEach, describe, expect, it, vi } from "vitest";
import { testCuid } from "../../../tests/helpers/ids";

const enqueueEvents = vi.fn(async (..._messages: unknown[]) => {});
const listOnlineUsers = vi.fn(async () => {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return [{ id: "a" }, { id: "b" }, { id: "c" }];
});
vi.mock("@/server/outbox", () => ({ enqueueEvents }));
vi.mock("@/server/services/online", () => ({ listOnlineUsers }));

const { handleRealtimeWebhook } = await import("./webhooks");

const occupied = () => [{ name: "channel_occupied", channel: `private-user-${testCuid()}` }];

beforeEach(() => {
  enqueueEvents.mockClear();
  listOnlineUsers.mockClear();
});

describe("handleRealtimeWebhook", () => {
  it("publishes the online count through the outbox, on the admin dashboard", async () => {
    await handleRealtimeWebhook(occupied());
    expect(listOnlineUsers).toHaveBeenCalledTimes(1);
    expect(enqueueEvents).toHaveBeenCalledTimes(1);
    expect(enqueueEvents.mock.calls[0]).toEqual([
      {
        event: "stats-update",
        channels: ["private-admin-dashboard"],
        payload: { stats: { onlineUsers: 3 } },
      },
    ]);
  });

  it("coalesces a storm of webhooks into at most two counts", async () => {
    await Promise.all(Array.from({ length: 200 }, () => handleRealtimeWebhook(occupied())));
    expect(listOnlineUsers.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(listOnlineUsers.mock.calls.length).toBeLessThanOrEqual(2);
    expect(enqueueEvents).toHaveBeenCalledTimes(listOnlineUsers.mock.calls.length);
  });

  it("ignores webhooks that say nothing about who is online", async () => {
    await handleRealtimeWebhook([
      { name: "channel_occupied", channel: "public-announcements" },
      { name: "client_event", channel: `private-user-${testCuid()}` },
      { name: "channel_occupied", channel: "private-userx" },
    ]);
    expect(listOnlineUsers).not.toHaveBeenCalled();
  });
});
