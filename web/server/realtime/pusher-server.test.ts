import http from "node:http";
import https from "node:https";
import { describe, expect, it } from "vitest";
import { createPusherServer, DEFAULT_PUSHER_TIMEOUT_MS } from "./pusher-server";

type Internals = {
  config: {
    host: string;
    port?: string;
    scheme: string;
    timeout?: number;
    appId: string;
    agent?: http.Agent & { keepAlive?: boolean; options: { timeout?: number } };
  };
};
const internals = (p: unknown) => (p as Internals).config;

const creds = { appId: "app", key: "key", secret: "secret" };

describe("createPusherServer", () => {
  it("targets Pusher cloud by cluster when no host is given", () => {
    const config = internals(createPusherServer({ ...creds, useTLS: true, cluster: "eu" }));
    expect(config.host).toBe("api-eu.pusher.com");
    expect(config.scheme).toBe("https");
    expect(config.port).toBeUndefined();
  });

  it("targets Soketi by host and port", () => {
    const config = internals(
      createPusherServer({
        ...creds,
        host: "127.0.0.1",
        port: 6001,
        useTLS: false,
        cluster: "mt1",
      }),
    );
    expect(config.host).toBe("127.0.0.1");
    expect(config.port).toBe("6001");
    expect(config.scheme).toBe("http");
    expect(config.appId).toBe("app");
  });

  it("always sets a request timeout", () => {
    expect(internals(createPusherServer({ ...creds, useTLS: true, cluster: "mt1" })).timeout).toBe(
      DEFAULT_PUSHER_TIMEOUT_MS,
    );
    expect(
      internals(createPusherServer({ ...creds, useTLS: true, cluster: "mt1", timeoutMs: 250 }))
        .timeout,
    ).toBe(250);
  });

  it("keeps its connections open between calls, over TLS too", () => {
    const plain = internals(
      createPusherServer({ ...creds, host: "127.0.0.1", useTLS: false, cluster: "mt1" }),
    ).agent!;
    expect(plain).toBeInstanceOf(http.Agent);
    expect(plain.keepAlive).toBe(true);
    // Closed by us after 4 s unused, before Soketi would close it (10 s).
    expect(plain.options.timeout).toBe(4000);
    const tls = internals(createPusherServer({ ...creds, useTLS: true, cluster: "eu" })).agent!;
    expect(tls).toBeInstanceOf(https.Agent);
    expect(tls.keepAlive).toBe(true);
  });
});
