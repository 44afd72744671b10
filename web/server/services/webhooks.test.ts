import { beforeEach, describe, expect, it, vi } from "vitest";
import { testCuid } from "../../../tests/helpers/ids";

const refreshOnlineCount = vi.fn(async () => {});
vi.mock("@/server/realtime/online-reconcile", () => ({ refreshOnlineCount }));

const { handleRealtimeWebhook } = await import("./webhooks");

beforeEach(() => refreshOnlineCount.mockClear());

describe("handleRealtimeWebhook", () => {
  it("refreshes the online count when a user channel or course presence changes", async () => {
    await handleRealtimeWebhook([
      { name: "channel_occupied", channel: `private-user-${testCuid()}` },
    ]);
    await handleRealtimeWebhook([
      { name: "member_added", channel: `presence-course-${testCuid()}`, user_id: "u" },
    ]);
    expect(refreshOnlineCount).toHaveBeenCalledTimes(2);
  });

  it("ignores webhooks that say nothing about who is online", async () => {
    await handleRealtimeWebhook([
      { name: "channel_occupied", channel: "public-announcements" },
      { name: "client_event", channel: `private-user-${testCuid()}` },
      { name: "channel_occupied", channel: "private-userx" },
    ]);
    expect(refreshOnlineCount).not.toHaveBeenCalled();
  });
});
