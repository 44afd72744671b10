import { describe, expect, it, vi } from "vitest";
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
      enabledTransports: ["ws", "wss"],
      enableStats: false,
      channelAuthorization: { endpoint: "/api/pusher/auth", transport: "ajax" },
      userAuthentication: { endpoint: "/api/pusher/user-auth", transport: "ajax" },
    });
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

  it("honours custom endpoints", () => {
    const options = pusherClientOptions({
      key: "k",
      host: "h",
      useTLS: true,
      cluster: "mt1",
      authEndpoint: "/auth",
      userAuthEndpoint: "/user-auth",
    });
    expect(options.channelAuthorization).toEqual({ endpoint: "/auth", transport: "ajax" });
    expect(options.userAuthentication).toEqual({ endpoint: "/user-auth", transport: "ajax" });
  });
});
