import { afterEach, describe, expect, it, vi } from "vitest";

const terminate = vi.fn<(userId: string) => Promise<unknown>>();
vi.mock("@/server/realtime/pusher-instance", () => ({
  getPusherServer: () => ({ terminateUserConnections: terminate }),
}));

const { closeRealtimeConnections } = await import("./index");

afterEach(() => {
  terminate.mockReset();
  vi.useRealTimers();
});

describe("closeRealtimeConnections", () => {
  it("asks the realtime server to close each user's connections", async () => {
    terminate.mockResolvedValue({});
    await closeRealtimeConnections(["u1", "u2"]);
    expect(terminate.mock.calls).toEqual([["u1"], ["u2"]]);
  });

  it("never fails the request when the realtime server is down", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    terminate.mockRejectedValue(new Error("connect ECONNREFUSED 127.0.0.1:6001"));
    await expect(closeRealtimeConnections(["u1"])).resolves.toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it("stops waiting for a realtime server that never answers", async () => {
    vi.useFakeTimers();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    terminate.mockReturnValue(new Promise(() => {}));
    const done = closeRealtimeConnections(["u1"]);
    await vi.advanceTimersByTimeAsync(2000);
    await expect(done).resolves.toBeUndefined();
    expect(String(warn.mock.calls[0]?.[1])).toMatch(/timed out/);
    warn.mockRestore();
  });
});
