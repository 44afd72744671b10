import { describe, expect, it, vi } from "vitest";
import type { ChannelAuthorizationHandler } from "pusher-js";
import { pusherClientOptions } from "./client";

describe("pusherClientOptions", () => {
  it("points pusher-js at Soketi when a host is given", () => {
    const options = pusherClientOptions({
      key: "k",
      host: "127.0.0.1",
      port: 6001,
      useTLS: false,
      cluster: "mt1",
    });
    expect(options).toMatchObject({
      cluster: "mt1",
      wsHost: "127.0.0.1",
      wsPort: 6001,
      wssPort: 6001,
      forceTLS: false,
      enabledTransports: ["ws"],
      enableStats: false,
      activityTimeout: 20_000,
      pongTimeout: 10_000,
      userAuthentication: { endpoint: "/api/pusher/user-auth", transport: "ajax" },
    });
    // Channels are authorized in batches by our handler (batch-auth.test.ts).
    expect(options.channelAuthorization).toEqual({ customHandler: expect.any(Function) });
  });

  it("leaves pusher-js on Pusher cloud (cluster only) without a host", () => {
    const options = pusherClientOptions({ key: "k", useTLS: true, cluster: "eu", cloud: true });
    expect(options.cluster).toBe("eu");
    expect(options.forceTLS).toBe(true);
    expect(options).not.toHaveProperty("wsHost");
    expect(options).not.toHaveProperty("enabledTransports");
  });

  it("uses the page's hostname for a self-hosted server without a host", () => {
    vi.stubGlobal("location", { hostname: "campus.example" });
    try {
      const options = pusherClientOptions({
        key: "k",
        port: 6001,
        useTLS: false,
        cluster: "mt1",
        cloud: false,
      });
      expect(options).toMatchObject({ wsHost: "campus.example", wsPort: 6001 });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("uses the page's own origin behind the proxy (sameOrigin): wss on the page's port", () => {
    vi.stubGlobal("location", { hostname: "localhost", port: "8443", protocol: "https:" });
    try {
      const config = { key: "k", port: 6001, useTLS: false, cluster: "mt1", cloud: false };
      expect(pusherClientOptions({ ...config, sameOrigin: true })).toMatchObject({
        wsHost: "localhost",
        wsPort: 8443,
        wssPort: 8443,
        forceTLS: true,
      });
      vi.stubGlobal("location", { hostname: "school.example", port: "", protocol: "https:" });
      expect(pusherClientOptions({ ...config, sameOrigin: true })).toMatchObject({
        wsHost: "school.example",
        wssPort: 443,
        forceTLS: true,
      });
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("uses custom handlers instead of the endpoints when given", () => {
    const channelAuthorizationHandler = vi.fn();
    const userAuthenticationHandler = vi.fn();
    const options = pusherClientOptions(
      { key: "k", host: "h", useTLS: true, cluster: "mt1", authEndpoint: "/x" },
      { channelAuthorizationHandler, userAuthenticationHandler },
    );
    expect(options.channelAuthorization).toEqual({ customHandler: channelAuthorizationHandler });
    expect(options.userAuthentication).toEqual({ customHandler: userAuthenticationHandler });
  });

  it("honours custom endpoints (the batch one through its handler)", async () => {
    const fetch = vi.fn(async () =>
      Response.json({ channels: { "private-a": { status: 200, auth: "k:sig" } } }),
    );
    vi.stubGlobal("fetch", fetch);
    try {
      const options = pusherClientOptions({
        key: "k",
        host: "h",
        useTLS: true,
        cluster: "mt1",
        authEndpoint: "/auth",
        userAuthEndpoint: "/user-auth",
      });
      expect(options.userAuthentication).toEqual({ endpoint: "/user-auth", transport: "ajax" });
      const handler = (
        options.channelAuthorization as { customHandler: ChannelAuthorizationHandler }
      ).customHandler;
      const answer = await new Promise((resolve) =>
        handler({ socketId: "1.2", channelName: "private-a" }, (error, data) =>
          resolve(error ?? data),
        ),
      );
      expect(answer).toEqual({ auth: "k:sig", channel_data: undefined });
      expect(fetch).toHaveBeenCalledWith("/auth", expect.objectContaining({ method: "POST" }));
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("resolves endpoints against a base URL and sends given headers (Node clients)", () => {
    const options = pusherClientOptions(
      { key: "k", host: "h", useTLS: false, cluster: "mt1" },
      {},
      { http: { baseUrl: "http://127.0.0.1:3000", headers: { cookie: "a=b" } } },
    );
    expect(options.userAuthentication).toEqual({
      endpoint: "http://127.0.0.1:3000/api/pusher/user-auth",
      transport: "ajax",
      headers: { cookie: "a=b" },
    });
  });
});
