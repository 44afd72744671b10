import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env";
import { DEV_PUSHER_CREDENTIALS } from "./lib/dev-defaults";

const DB = "postgresql://u:p@127.0.0.1:54329/livecampus";

function problems(source: Record<string, string | undefined>): string[] {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
  return [];
}

describe("parseEnv", () => {
  it("works with no variables but DATABASE_URL in development, pointing at local Soketi", () => {
    const { server, publicRealtime } = parseEnv({ DATABASE_URL: DB });
    expect(server).toMatchObject({
      isProduction: false,
      PUSHER_APP_ID: DEV_PUSHER_CREDENTIALS.appId,
      PUSHER_KEY: DEV_PUSHER_CREDENTIALS.key,
      PUSHER_SECRET: DEV_PUSHER_CREDENTIALS.secret,
      PUSHER_HOST: "127.0.0.1",
      PUSHER_PORT: 6001,
      PUSHER_USE_TLS: false,
    });
    expect(server.AUTH_SECRET.length).toBeGreaterThanOrEqual(32);
    expect(publicRealtime).toEqual({
      key: DEV_PUSHER_CREDENTIALS.key,
      host: undefined,
      port: 6001,
      useTLS: false,
      cluster: "mt1",
      cloud: false,
      sameOrigin: false,
    });
  });

  it("points browsers at the page's origin behind the proxy unless a public host is set", () => {
    const base = { DATABASE_URL: DB, NEXT_PUBLIC_PUSHER_SAME_ORIGIN: "true" };
    expect(parseEnv(base).publicRealtime.sameOrigin).toBe(true);
    expect(
      parseEnv({ ...base, NEXT_PUBLIC_PUSHER_HOST: "ws.example" }).publicRealtime.sameOrigin,
    ).toBe(false);
  });

  it("publishes through the outbox unless a benchmark mode is named, and names a bad one", () => {
    expect(parseEnv({ DATABASE_URL: DB }).server.REALTIME_PUBLISH).toBe("outbox");
    expect(parseEnv({ DATABASE_URL: DB, REALTIME_PUBLISH: "inline" }).server.REALTIME_PUBLISH).toBe(
      "inline",
    );
    expect(problems({ DATABASE_URL: DB, REALTIME_PUBLISH: "later" })).toEqual([
      "REALTIME_PUBLISH must be outbox, off or inline",
    ]);
  });

  it("names a missing or malformed DATABASE_URL", () => {
    expect(problems({})).toEqual([expect.stringMatching(/^DATABASE_URL /)]);
    expect(problems({ DATABASE_URL: "mysql://x" })).toEqual([
      "DATABASE_URL must be a postgres:// URL",
    ]);
  });

  it("names every bad variable at once", () => {
    const found = problems({
      DATABASE_URL: DB,
      PUSHER_PORT: "sixty",
      NEXT_PUBLIC_PUSHER_PORT: "70000",
      PUSHER_USE_TLS: "maybe",
      AUTH_SECRET: "short",
      REDIS_URL: "http://redis",
    });
    expect(found.map((p) => p.split(" ")[0]).sort()).toEqual(
      [
        "AUTH_SECRET",
        "NEXT_PUBLIC_PUSHER_PORT",
        "PUSHER_PORT",
        "PUSHER_USE_TLS",
        "REDIS_URL",
      ].sort(),
    );
  });

  it("refuses the development credentials and a missing AUTH_SECRET in production", () => {
    const found = problems({ DATABASE_URL: DB, NODE_ENV: "production" });
    expect(found).toEqual([
      "AUTH_SECRET is required in production",
      "PUSHER_APP_ID must not be the development value in production",
      "PUSHER_KEY must not be the development value in production",
      "PUSHER_SECRET must not be the development value in production",
    ]);
  });

  it("accepts production with real secrets", () => {
    const { server } = parseEnv({
      DATABASE_URL: DB,
      NODE_ENV: "production",
      AUTH_SECRET: "x".repeat(40),
      PUSHER_APP_ID: "prod-app",
      PUSHER_KEY: "prod-key",
      PUSHER_SECRET: "prod-secret-prod-secret",
      PUSHER_HOST: "soketi",
    });
    expect(server.isProduction).toBe(true);
    expect(server.PUSHER_HOST).toBe("soketi");
  });

  it("targets Pusher cloud by cluster alone when no host or port is set", () => {
    const { server, publicRealtime } = parseEnv({
      DATABASE_URL: DB,
      PUSHER_CLUSTER: "eu",
      PUSHER_HOST: "",
    });
    // An empty PUSHER_HOST counts as unset, but PUSHER_PORT is also unset: cloud.
    expect(server.PUSHER_HOST).toBeUndefined();
    expect(server.PUSHER_PORT).toBeUndefined();
    expect(server.PUSHER_USE_TLS).toBe(true);
    expect(publicRealtime).toMatchObject({
      cloud: true,
      cluster: "eu",
      useTLS: true,
      port: undefined,
    });
  });

  it("lets the browser settings differ from the server's", () => {
    const { publicRealtime } = parseEnv({
      DATABASE_URL: DB,
      PUSHER_HOST: "soketi",
      PUSHER_PORT: "6001",
      NEXT_PUBLIC_PUSHER_HOST: "realtime.example.org",
      NEXT_PUBLIC_PUSHER_PORT: "443",
      NEXT_PUBLIC_PUSHER_USE_TLS: "true",
    });
    expect(publicRealtime).toMatchObject({
      host: "realtime.example.org",
      port: 443,
      useTLS: true,
      cloud: false,
    });
  });
});
