// The only reader of process.env in the app. Validated once, on first use, with zod; every
// problem is reported by variable name. NEXT_PUBLIC_* values are read here at request time and
// handed to the browser by the root layout, so one build serves any Pusher-protocol server.
import { z } from "zod";
import { DEV_PUSHER_CREDENTIALS } from "./lib/dev-defaults";
const DEV_AUTH_SECRET = "livecampus-development-auth-secret-do-not-use-in-production";

const bool = z.enum(["true", "false", "1", "0", ""]).transform((v) => v === "true" || v === "1");
const port = z.coerce
  .number({ error: "must be a port number" })
  .int("must be a port number")
  .min(1, "must be a port number")
  .max(65535, "must be a port number");
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z
    .string({ error: "is required (the dev launcher sets it for the embedded database)" })
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL"),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  AUTH_TRUST_HOST: optional(bool),
  AUTH_URL: optional(z.string()),
  NEXTAUTH_URL: optional(z.string()),
  PUSHER_APP_ID: z.string().min(1).default(DEV_PUSHER_CREDENTIALS.appId),
  PUSHER_KEY: z.string().min(1).default(DEV_PUSHER_CREDENTIALS.key),
  PUSHER_SECRET: z.string().min(1).default(DEV_PUSHER_CREDENTIALS.secret),
  PUSHER_HOST: optional(z.string().min(1)),
  PUSHER_PORT: optional(port),
  PUSHER_USE_TLS: optional(bool),
  PUSHER_CLUSTER: optional(z.string().min(1)),
  PUSHER_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(60_000)),
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, "must be a redis:// URL")),
  REALTIME_PUBLISH: optional(
    z.enum(["outbox", "off", "inline"], { error: "must be outbox, off or inline" }),
  ),
  OUTBOX_RETENTION_HOURS: optional(
    z.coerce
      .number({ error: "must be a whole number of hours" })
      .int("must be a whole number of hours")
      .min(24, "must be at least 24 (the missed-events guarantee)")
      .max(24 * 366, "must be at most 8784 (a year)"),
  ),
  DATABASE_CONNECT_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(60_000)),
  DATABASE_QUERY_TIMEOUT_MS: optional(z.coerce.number().int().min(100).max(600_000)),
  TRUST_PROXY: optional(bool),
  ALLOWED_ORIGINS: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((o) => o.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ error: "must be a comma-separated list of origins" }))),
  ),
  METRICS_TOKEN: optional(z.string().min(16, "must be at least 16 characters")),
  SOKETI_METRICS_URL: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((u) => u.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.url({ error: "must be a URL or a comma-separated list of URLs" }))),
  ),
  OUTBOX_BACKLOG_LIMIT: optional(z.coerce.number().int().min(1)),
  NEXT_PUBLIC_PUSHER_KEY: optional(z.string().min(1)),
  NEXT_PUBLIC_PUSHER_HOST: optional(z.string().min(1)),
  NEXT_PUBLIC_PUSHER_PORT: optional(port),
  NEXT_PUBLIC_PUSHER_USE_TLS: optional(bool),
  NEXT_PUBLIC_PUSHER_CLUSTER: optional(z.string().min(1)),
  NEXT_PUBLIC_PUSHER_SAME_ORIGIN: optional(bool),
});

type Raw = z.infer<typeof schema>;

export type ServerEnv = {
  NODE_ENV: Raw["NODE_ENV"];
  isProduction: boolean;
  DATABASE_URL: string;
  AUTH_SECRET: string;
  AUTH_TRUST_HOST: boolean;
  /** Auth.js's own URL setting (AUTH_URL, or NEXTAUTH_URL): its protocol picks the cookie name. */
  AUTH_URL?: string;
  PUSHER_APP_ID: string;
  PUSHER_KEY: string;
  PUSHER_SECRET: string;
  /** Unset (with PUSHER_PORT) only in Pusher-cloud mode: PUSHER_CLUSTER set, no host or port. */
  PUSHER_HOST?: string;
  PUSHER_PORT?: number;
  PUSHER_USE_TLS: boolean;
  PUSHER_CLUSTER: string;
  PUSHER_TIMEOUT_MS: number;
  REDIS_URL?: string;
  /**
   * How events leave a transaction: `outbox` (the product), or for benchmarks only `off`
   * (nothing stored or published) and `inline` (published inside the request after commit).
   */
  REALTIME_PUBLISH: "outbox" | "off" | "inline";
  /** How long published events stay replayable (GET /api/realtime/missed); default 168 (7 days). */
  OUTBOX_RETENTION_HOURS: number;
  /** Bounds on every wait for PostgreSQL (a hung database is a fast 503, contract §10). */
  DATABASE_CONNECT_TIMEOUT_MS: number;
  DATABASE_QUERY_TIMEOUT_MS: number;
  /** Take the client address, scheme and host from X-Forwarded-* (only behind our own proxy). */
  TRUST_PROXY: boolean;
  /** Origins besides the request's own that may send state-changing requests. */
  ALLOWED_ORIGINS: string[];
  /** Bearer token for GET /api/metrics (unset: an admin session only). */
  METRICS_TOKEN?: string;
  /** Soketi's Prometheus endpoints, scraped for the admin System page. */
  SOKETI_METRICS_URL: string[];
  /** Unsent outbox rows older than a minute at or above which health reports the outbox down. */
  OUTBOX_BACKLOG_LIMIT: number;
};

/** What the browser needs to reach the Pusher-protocol server: no secrets. */
export type PublicRealtimeConfig = {
  key: string;
  /** Unset: the page's own hostname (local Soketi), or Pusher cloud when `cloud` is true. */
  host?: string;
  port?: number;
  useTLS: boolean;
  cluster: string;
  cloud: boolean;
  /** Behind the compose proxy: browsers reach the realtime server on the page's own origin. */
  sameOrigin: boolean;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/**
 * Parses and checks an environment. Pure (takes the variables as an argument) so it can be
 * tested; the app calls it through getServerEnv().
 */
export function parseEnv(source: Record<string, string | undefined>): {
  server: ServerEnv;
  publicRealtime: PublicRealtimeConfig;
} {
  const result = schema.safeParse(source);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => `${issue.path.join(".") || "(root)"} ${issue.message}`),
    );
  }
  const raw = result.data;
  const isProduction = raw.NODE_ENV === "production";
  const problems: string[] = [];
  if (isProduction) {
    if (!raw.AUTH_SECRET) problems.push("AUTH_SECRET is required in production");
    if (raw.PUSHER_APP_ID === DEV_PUSHER_CREDENTIALS.appId)
      problems.push("PUSHER_APP_ID must not be the development value in production");
    if (raw.PUSHER_KEY === DEV_PUSHER_CREDENTIALS.key)
      problems.push("PUSHER_KEY must not be the development value in production");
    if (raw.PUSHER_SECRET === DEV_PUSHER_CREDENTIALS.secret)
      problems.push("PUSHER_SECRET must not be the development value in production");
    if (raw.AUTH_SECRET === DEV_AUTH_SECRET)
      problems.push("AUTH_SECRET must not be the development value in production");
  }
  if (problems.length > 0) throw new EnvError(problems);

  // A cluster with no host and no port means the Pusher cloud, addressed by cluster alone;
  // otherwise (and with nothing set at all) the local Soketi on 127.0.0.1:6001.
  const cloud =
    raw.PUSHER_CLUSTER !== undefined &&
    raw.PUSHER_HOST === undefined &&
    raw.PUSHER_PORT === undefined;
  const cluster = raw.PUSHER_CLUSTER ?? "mt1";
  const server: ServerEnv = {
    NODE_ENV: raw.NODE_ENV,
    isProduction,
    DATABASE_URL: raw.DATABASE_URL,
    AUTH_SECRET: raw.AUTH_SECRET ?? DEV_AUTH_SECRET,
    AUTH_TRUST_HOST: raw.AUTH_TRUST_HOST ?? true,
    AUTH_URL: raw.AUTH_URL ?? raw.NEXTAUTH_URL,
    PUSHER_APP_ID: raw.PUSHER_APP_ID,
    PUSHER_KEY: raw.PUSHER_KEY,
    PUSHER_SECRET: raw.PUSHER_SECRET,
    PUSHER_HOST: cloud ? undefined : (raw.PUSHER_HOST ?? "127.0.0.1"),
    PUSHER_PORT: cloud ? undefined : (raw.PUSHER_PORT ?? 6001),
    PUSHER_USE_TLS: raw.PUSHER_USE_TLS ?? cloud,
    PUSHER_CLUSTER: cluster,
    PUSHER_TIMEOUT_MS: raw.PUSHER_TIMEOUT_MS ?? 5000,
    REDIS_URL: raw.REDIS_URL,
    REALTIME_PUBLISH: raw.REALTIME_PUBLISH ?? "outbox",
    OUTBOX_RETENTION_HOURS: raw.OUTBOX_RETENTION_HOURS ?? 168,
    DATABASE_CONNECT_TIMEOUT_MS: raw.DATABASE_CONNECT_TIMEOUT_MS ?? 1000,
    DATABASE_QUERY_TIMEOUT_MS: raw.DATABASE_QUERY_TIMEOUT_MS ?? 1500,
    TRUST_PROXY: raw.TRUST_PROXY ?? false,
    ALLOWED_ORIGINS: (raw.ALLOWED_ORIGINS ?? []).map((o) => new URL(o).origin),
    METRICS_TOKEN: raw.METRICS_TOKEN,
    SOKETI_METRICS_URL: raw.SOKETI_METRICS_URL ?? [],
    OUTBOX_BACKLOG_LIMIT: raw.OUTBOX_BACKLOG_LIMIT ?? 100,
  };
  const publicCloud =
    raw.NEXT_PUBLIC_PUSHER_HOST === undefined && raw.NEXT_PUBLIC_PUSHER_PORT === undefined && cloud;
  const publicRealtime: PublicRealtimeConfig = {
    key: raw.NEXT_PUBLIC_PUSHER_KEY ?? raw.PUSHER_KEY,
    host: raw.NEXT_PUBLIC_PUSHER_HOST,
    port: publicCloud ? undefined : (raw.NEXT_PUBLIC_PUSHER_PORT ?? server.PUSHER_PORT ?? 6001),
    useTLS: raw.NEXT_PUBLIC_PUSHER_USE_TLS ?? server.PUSHER_USE_TLS,
    cluster: raw.NEXT_PUBLIC_PUSHER_CLUSTER ?? cluster,
    cloud: publicCloud,
    // An explicit public host wins over the page's origin.
    sameOrigin:
      (raw.NEXT_PUBLIC_PUSHER_SAME_ORIGIN ?? false) && raw.NEXT_PUBLIC_PUSHER_HOST === undefined,
  };
  return { server, publicRealtime };
}

let cached: ReturnType<typeof parseEnv> | undefined;

function load() {
  // Read through a plain object so Next does not inline NEXT_PUBLIC_* at build time.
  cached ??= parseEnv({ ...process.env });
  return cached;
}

/** Server-side configuration; throws EnvError naming every bad variable. */
export function getServerEnv(): ServerEnv {
  return load().server;
}

/** The browser's realtime settings, passed down as props by the root layout. */
export function getPublicRealtimeConfig(): PublicRealtimeConfig {
  return load().publicRealtime;
}
