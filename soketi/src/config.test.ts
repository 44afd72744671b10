import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  buildSoketiEnv,
  DEFAULT_WEBHOOK_URL,
  SoketiConfigError,
  soketiString,
  USER_AUTHENTICATION_TIMEOUT_MS,
  WEBHOOK_EVENT_TYPES,
} from "./config.ts";

const PROD = {
  NODE_ENV: "production",
  PUSHER_APP_ID: "campus-prod",
  PUSHER_KEY: "0f3c9a1b2d4e5f60",
  PUSHER_SECRET: "8d9e0f1a2b3c4d5e6f708192a3b4c5d6",
};

function errorOf(fn: () => unknown): SoketiConfigError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(SoketiConfigError);
    return err as SoketiConfigError;
  }
  throw new Error("expected buildSoketiEnv to throw");
}

describe("buildSoketiEnv – development defaults", () => {
  const env = buildSoketiEnv({});

  it("uses the development credentials and default ports", () => {
    expect(env).toMatchObject({
      SOKETI_DEFAULT_APP_ID: "livecampus",
      SOKETI_DEFAULT_APP_KEY: "livecampus-key",
      SOKETI_DEFAULT_APP_SECRET: "livecampus-secret",
      SOKETI_PORT: "6001",
      SOKETI_METRICS_SERVER_PORT: "9601",
    });
  });

  it("hardens Soketi: 10 KB events, no client events, no debug, metrics on, discovery on loopback", () => {
    expect(env).toMatchObject({
      SOKETI_EVENT_MAX_SIZE_IN_KB: "10",
      SOKETI_EVENT_MAX_BATCH_SIZE: "10",
      SOKETI_EVENT_MAX_CHANNELS_AT_ONCE: "100",
      SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "false",
      SOKETI_DEBUG: "false",
      SOKETI_METRICS_ENABLED: "true",
      SOKETI_PRESENCE_MAX_MEMBERS: "100",
      SOKETI_PRESENCE_MAX_MEMBER_SIZE: "2",
      SOKETI_CLUSTER_UNICAST_ADDRESSES: "127.0.0.1",
      SOKETI_CLUSTER_PORT: "11002",
    });
  });

  it("turns user sign-in on without the 30 s cut-off of anonymous sockets", () => {
    expect(env.SOKETI_DEFAULT_APP_USER_AUTHENTICATION).toBe("true");
    expect(env.SOKETI_USER_AUTHENTICATION_TIMEOUT).toBe("2147483647");
    // The largest delay setTimeout honours; one more and it fires after 1 ms.
    expect(USER_AUTHENTICATION_TIMEOUT_MS).toBe(2 ** 31 - 1);
  });

  it("uses a short shutdown grace period in development", () => {
    expect(env.SOKETI_SHUTDOWN_GRACE_PERIOD).toBe("1000");
  });

  it("batches webhooks: a reconnect wave is a few requests to the app, not one per channel", () => {
    expect(env.SOKETI_WEBHOOKS_BATCHING).toBe("true");
    expect(env.SOKETI_WEBHOOKS_BATCHING_DURATION).toBe("100");
  });

  it("sends the four webhooks to the local web app", () => {
    const hooks = JSON.parse(env.SOKETI_DEFAULT_APP_WEBHOOKS ?? "null");
    expect(hooks).toEqual([{ url: DEFAULT_WEBHOOK_URL, event_types: [...WEBHOOK_EVENT_TYPES] }]);
    expect(WEBHOOK_EVENT_TYPES).toEqual([
      "channel_occupied",
      "channel_vacated",
      "member_added",
      "member_removed",
    ]);
  });

  it("uses the local adapter without REDIS_URL", () => {
    expect(env.SOKETI_ADAPTER_DRIVER).toBeUndefined();
    expect(Object.keys(env).some((k) => k.startsWith("SOKETI_DB_REDIS_"))).toBe(false);
  });

  it("emits only SOKETI_* variables, every value a non-empty string", () => {
    for (const [name, value] of Object.entries(env)) {
      expect(name).toMatch(/^SOKETI_[A-Z_]+$/);
      expect(typeof value).toBe("string");
      expect(value.length).toBeGreaterThan(0);
    }
  });

  it("is pure: does not read process.env", () => {
    process.env.PUSHER_KEY = "from-process-env";
    try {
      expect(buildSoketiEnv({}).SOKETI_DEFAULT_APP_KEY).toBe("livecampus-key");
    } finally {
      delete process.env.PUSHER_KEY;
    }
  });
});

describe("buildSoketiEnv – mapping our variables", () => {
  it("maps credentials and ports", () => {
    const env = buildSoketiEnv({
      PUSHER_APP_ID: "a1",
      PUSHER_KEY: "k1",
      PUSHER_SECRET: "s1",
      PUSHER_PORT: "7001",
      SOKETI_METRICS_PORT: "7601",
    });
    expect(env).toMatchObject({
      SOKETI_DEFAULT_APP_ID: "a1",
      SOKETI_DEFAULT_APP_KEY: "k1",
      SOKETI_DEFAULT_APP_SECRET: "s1",
      SOKETI_PORT: "7001",
      SOKETI_METRICS_SERVER_PORT: "7601",
    });
    // Our own SOKETI_METRICS_PORT is mapped, not passed through as if it were Soketi's.
    expect(env.SOKETI_METRICS_PORT).toBeUndefined();
  });

  it("treats empty values as unset (as Soketi does)", () => {
    const env = buildSoketiEnv({ PUSHER_KEY: "", PUSHER_PORT: " ", SOKETI_DEBUG: "" });
    expect(env.SOKETI_DEFAULT_APP_KEY).toBe("livecampus-key");
    expect(env.SOKETI_PORT).toBe("6001");
    expect(env.SOKETI_DEBUG).toBe("false");
  });

  it("quotes values Soketi's JSON.parse would turn into numbers or booleans", () => {
    const env = buildSoketiEnv({
      PUSHER_APP_ID: "123456",
      PUSHER_KEY: "true",
      PUSHER_SECRET: "1e5",
    });
    expect(JSON.parse(env.SOKETI_DEFAULT_APP_ID!)).toBe("123456");
    expect(JSON.parse(env.SOKETI_DEFAULT_APP_KEY!)).toBe("true");
    expect(JSON.parse(env.SOKETI_DEFAULT_APP_SECRET!)).toBe("1e5");
    expect(soketiString("livecampus-key")).toBe("livecampus-key");
  });

  it("maps REDIS_URL onto the redis adapter and SOKETI_DB_REDIS_*", () => {
    const env = buildSoketiEnv({ REDIS_URL: "redis://:p%40ss@redis.internal:6380/2" });
    expect(env).toMatchObject({
      SOKETI_ADAPTER_DRIVER: "redis",
      SOKETI_DB_REDIS_HOST: "redis.internal",
      SOKETI_DB_REDIS_PORT: "6380",
      SOKETI_DB_REDIS_DB: "2",
      SOKETI_DB_REDIS_PASSWORD: "p@ss",
    });
    expect(env.SOKETI_DB_REDIS_USERNAME).toBeUndefined();
    expect(env.SOKETI_ADAPTER_REDIS_PUB_OPTIONS).toBeUndefined();
  });

  it("defaults the redis port and db, and supports a user and rediss://", () => {
    const env = buildSoketiEnv({ REDIS_URL: "rediss://app:123@cache" });
    expect(env).toMatchObject({
      SOKETI_DB_REDIS_HOST: "cache",
      SOKETI_DB_REDIS_PORT: "6379",
      SOKETI_DB_REDIS_DB: "0",
      SOKETI_DB_REDIS_USERNAME: "app",
      SOKETI_DB_REDIS_PASSWORD: '"123"',
      SOKETI_ADAPTER_REDIS_PUB_OPTIONS: '{"tls":{}}',
      SOKETI_ADAPTER_REDIS_SUB_OPTIONS: '{"tls":{}}',
    });
  });

  it("points webhooks at PUSHER_WEBHOOK_URL, or none", () => {
    const env = buildSoketiEnv({ PUSHER_WEBHOOK_URL: "http://web:3000/api/pusher/webhooks" });
    expect(JSON.parse(env.SOKETI_DEFAULT_APP_WEBHOOKS!)[0].url).toBe(
      "http://web:3000/api/pusher/webhooks",
    );
    expect(buildSoketiEnv({ PUSHER_WEBHOOK_URL: "none" }).SOKETI_DEFAULT_APP_WEBHOOKS).toBe("[]");
  });

  it("rejects malformed values, naming the variable", () => {
    expect(errorOf(() => buildSoketiEnv({ PUSHER_PORT: "http" })).message).toMatch(/PUSHER_PORT/);
    expect(errorOf(() => buildSoketiEnv({ SOKETI_METRICS_PORT: "70000" })).message).toMatch(
      /SOKETI_METRICS_PORT/,
    );
    expect(errorOf(() => buildSoketiEnv({ REDIS_URL: "localhost:6379" })).message).toMatch(
      /REDIS_URL/,
    );
    expect(errorOf(() => buildSoketiEnv({ REDIS_URL: "redis://h/x" })).message).toMatch(
      /REDIS_URL/,
    );
    expect(errorOf(() => buildSoketiEnv({ PUSHER_WEBHOOK_URL: "web:3000" })).message).toMatch(
      /PUSHER_WEBHOOK_URL/,
    );
    expect(
      errorOf(() => buildSoketiEnv({ SOKETI_USER_AUTHENTICATION_TIMEOUT: "3000000000" })).message,
    ).toMatch(/SOKETI_USER_AUTHENTICATION_TIMEOUT/);
  });
});

describe("buildSoketiEnv – escape hatch", () => {
  it("lets any explicit SOKETI_* win over our mapping", () => {
    const env = buildSoketiEnv({
      PUSHER_PORT: "7001",
      SOKETI_PORT: "7002",
      SOKETI_EVENT_MAX_SIZE_IN_KB: "20",
      SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "true",
      SOKETI_DEBUG: "true",
      SOKETI_HOST: "127.0.0.1",
    });
    expect(env).toMatchObject({
      SOKETI_PORT: "7002",
      SOKETI_EVENT_MAX_SIZE_IN_KB: "20",
      SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "true",
      SOKETI_DEBUG: "true",
      SOKETI_HOST: "127.0.0.1",
    });
  });
});

describe("buildSoketiEnv – production", () => {
  it("accepts real credentials and uses the longer grace period", () => {
    const env = buildSoketiEnv(PROD);
    expect(env.SOKETI_DEFAULT_APP_SECRET).toBe(PROD.PUSHER_SECRET);
    expect(env.SOKETI_SHUTDOWN_GRACE_PERIOD).toBe("5000");
  });

  it.each(["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"] as const)(
    "refuses a missing %s",
    (name) => {
      const err = errorOf(() => buildSoketiEnv({ ...PROD, [name]: undefined }));
      expect(err.message).toContain(name);
      expect(err.problems).toHaveLength(1);
    },
  );

  it.each([
    ["PUSHER_APP_ID", "livecampus"],
    ["PUSHER_KEY", "livecampus-key"],
    ["PUSHER_SECRET", "livecampus-secret"],
  ] as const)("refuses the development %s", (name, value) => {
    const err = errorOf(() => buildSoketiEnv({ ...PROD, [name]: value }));
    expect(err.message).toContain(name);
    expect(err.message).toContain("development value");
  });

  it("refuses a secret shorter than 16 characters", () => {
    expect(
      errorOf(() => buildSoketiEnv({ ...PROD, PUSHER_SECRET: "short-secret" })).message,
    ).toMatch(/PUSHER_SECRET is too short \(12 characters\)/);
    expect(() => buildSoketiEnv({ ...PROD, PUSHER_SECRET: "x".repeat(16) })).not.toThrow();
  });

  it("names every problem at once", () => {
    const err = errorOf(() => buildSoketiEnv({ NODE_ENV: "production" }));
    expect(err.problems).toHaveLength(3);
    for (const name of ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"])
      expect(err.message).toContain(name);
  });

  it("checks the value Soketi will use, also when set through SOKETI_*", () => {
    const err = errorOf(() =>
      buildSoketiEnv({ ...PROD, SOKETI_DEFAULT_APP_SECRET: "livecampus-secret" }),
    );
    expect(err.message).toContain("SOKETI_DEFAULT_APP_SECRET");
    expect(() =>
      buildSoketiEnv({
        ...PROD,
        PUSHER_SECRET: undefined,
        SOKETI_DEFAULT_APP_SECRET: "y".repeat(32),
      }),
    ).not.toThrow();
  });

  it("follows opts.production over NODE_ENV", () => {
    expect(() => buildSoketiEnv({}, { production: true })).toThrow(SoketiConfigError);
    expect(() => buildSoketiEnv({ NODE_ENV: "production" }, { production: false })).not.toThrow();
  });
});

describe("docker-compose.yml", () => {
  // The compose stack runs this package (soketi/Dockerfile → src/start.ts → buildSoketiEnv),
  // so its service passes our variables, never hand-written SOKETI_* defaults that could drift.
  const compose = readFileSync(
    path.join(import.meta.dirname, "..", "..", "docker-compose.yml"),
    "utf8",
  );
  const service = compose.split(/\n {2}soketi:\n/)[1]?.split(/\n {2}[a-z]+:\n/)[0] ?? "";

  it("builds the soketi service from soketi/Dockerfile in production mode", () => {
    expect(service).toMatch(/dockerfile: soketi\/Dockerfile/);
    expect(service).not.toMatch(/image:/);
    expect(service).toMatch(/NODE_ENV: production/);
    for (const name of ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET"])
      expect(service).toMatch(new RegExp(`${name}: \\$\\{${name}:\\?.+\\}`));
  });

  it("overrides none of the hardened defaults, and discovery stays on loopback", () => {
    const soketiVars = [...service.matchAll(/^ {6}(SOKETI_[A-Z_]+):/gm)].map((m) => m[1]);
    expect(soketiVars.sort()).toEqual([
      "SOKETI_CLUSTER_PORT",
      "SOKETI_HOST",
      "SOKETI_METRICS_HOST",
      "SOKETI_METRICS_PORT",
      "SOKETI_PORT",
    ]);
    const env = buildSoketiEnv({ ...PROD, SOKETI_CLUSTER_PORT: "11002" });
    expect(env.SOKETI_CLUSTER_UNICAST_ADDRESSES).toBe("127.0.0.1");
  });
});
