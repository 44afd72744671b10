// Maps LiveCampus environment (docs/operations.md, "Environment variables") onto Soketi 1.6.1's SOKETI_* variables.
// Variable names are taken from soketi's dist/cli/cli.js (envVariables); Soketi JSON-parses
// every value, so "false"/"10"/"[...]" arrive as boolean/number/array.

import { DEV_PUSHER_CREDENTIALS } from "../../web/lib/dev-defaults.ts";

export const DEFAULT_PORT = 6001;
export const DEFAULT_METRICS_PORT = 9601;
export const DEFAULT_WEBHOOK_URL = "http://localhost:3000/api/pusher/webhooks";
/** Set PUSHER_WEBHOOK_URL to this to send no webhooks at all. */
export const WEBHOOKS_DISABLED = "none";
export const WEBHOOK_EVENT_TYPES = [
  "channel_occupied",
  "channel_vacated",
  "member_added",
  "member_removed",
] as const;
/**
 * Webhooks raised within this many ms go out as ONE request (Pusher's webhook body is a list):
 * a reconnect wave occupying a thousand private-user channels is a handful of requests to the
 * app, not a thousand. Soketi's batch is per process, not per app: this stack runs one app.
 */
export const WEBHOOK_BATCH_MS = 100;

/**
 * With user authentication on, Soketi 1.6.1 closes (4009) every socket that has not sent
 * `pusher:signin` within this many ms, anonymous visitors included, and pusher-js does not
 * reconnect after 4009. 2^31-1 is the largest delay setTimeout accepts (a larger one fires
 * at once), so sign-in stays available without ever cutting anyone off.
 */
export const USER_AUTHENTICATION_TIMEOUT_MS = 2_147_483_647;
/** Pusher Channels' own limit; our payloads are ≤ 10 KB (docs/realtime.md, "Events"). */
export const EVENT_MAX_SIZE_IN_KB = 10;
export const EVENT_MAX_BATCH_SIZE = 10;
export const EVENT_MAX_CHANNELS_AT_ONCE = 100;
export const PRESENCE_MAX_MEMBERS = 100;
export const PRESENCE_MAX_MEMBER_SIZE_IN_KB = 2;
export const SHUTDOWN_GRACE_PERIOD_DEV_MS = 1000;
/** Below docker's default 10 s stop timeout (compose sets stop_grace_period above it anyway). */
export const SHUTDOWN_GRACE_PERIOD_PRODUCTION_MS = 5000;
export const MIN_PRODUCTION_SECRET_LENGTH = 16;
/**
 * Soketi always runs UDP node discovery (node-discover). Without a unicast list it broadcasts a
 * hello to 255.255.255.255 every 500 ms, out of every interface. With this list it sends only
 * to these addresses (on SOKETI_CLUSTER_PORT); cross-node delivery goes through Redis anyway.
 */
export const CLUSTER_UNICAST_ADDRESSES = "127.0.0.1";
/** node-discover's default port. Several Soketi processes on one host each need their own. */
export const DEFAULT_CLUSTER_PORT = 11002;

export type EnvInput = Readonly<Record<string, string | undefined>>;

export interface BuildSoketiEnvOptions {
  /** Force production checks on or off; defaults to `input.NODE_ENV === "production"`. */
  production?: boolean;
}

/** Thrown for a configuration Soketi must not start with; the message names the variable(s). */
export class SoketiConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid Soketi configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "SoketiConfigError";
  }
}

function read(input: EnvInput, name: string): string | undefined {
  const value = input[name]?.trim();
  // Soketi itself treats an empty SOKETI_* as unset (`process.env[x] || null`); so do we.
  return value ? value : undefined;
}

/**
 * Soketi JSON-parses every value: a key "12345" would become a number and a secret "1e5"
 * the number 100000 (HMAC then fails). Quote such strings so they come back as strings.
 */
export function soketiString(value: string): string {
  try {
    return typeof JSON.parse(value) === "string" ? value : JSON.stringify(value);
  } catch {
    return value;
  }
}

function parsePort(input: EnvInput, name: string, fallback: number, problems: string[]): number {
  const raw = read(input, name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    problems.push(`${name} must be a TCP port (1-65535), got "${raw}"`);
    return fallback;
  }
  return port;
}

function redisEnv(url: string, problems: string[]): Record<string, string> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    problems.push(`REDIS_URL is not a valid URL (expected redis://[:password@]host[:port][/db])`);
    return {};
  }
  if (parsed.protocol !== "redis:" && parsed.protocol !== "rediss:") {
    problems.push(`REDIS_URL must start with redis:// or rediss://, got "${parsed.protocol}//"`);
    return {};
  }
  if (!parsed.hostname) {
    problems.push("REDIS_URL has no host");
    return {};
  }
  const db = parsed.pathname.replace(/^\//, "") || "0";
  if (!/^\d+$/.test(db)) {
    problems.push(`REDIS_URL database must be a number (redis://host:6379/0), got "/${db}"`);
    return {};
  }
  const env: Record<string, string> = {
    SOKETI_ADAPTER_DRIVER: "redis",
    // Soketi's adapter reads its connection from database.redis, i.e. SOKETI_DB_REDIS_* (not ADAPTER_*).
    SOKETI_DB_REDIS_HOST: soketiString(parsed.hostname.replace(/^\[(.*)\]$/, "$1")),
    SOKETI_DB_REDIS_PORT: parsed.port || "6379",
    SOKETI_DB_REDIS_DB: db,
  };
  if (parsed.username)
    env.SOKETI_DB_REDIS_USERNAME = soketiString(decodeURIComponent(parsed.username));
  if (parsed.password)
    env.SOKETI_DB_REDIS_PASSWORD = soketiString(decodeURIComponent(parsed.password));
  if (parsed.protocol === "rediss:") {
    // These objects are spread into the ioredis options of the adapter's pub/sub clients.
    env.SOKETI_ADAPTER_REDIS_PUB_OPTIONS = '{"tls":{}}';
    env.SOKETI_ADAPTER_REDIS_SUB_OPTIONS = '{"tls":{}}';
  }
  return env;
}

function webhooksEnv(input: EnvInput, problems: string[]): Record<string, string> {
  const raw = read(input, "PUSHER_WEBHOOK_URL") ?? DEFAULT_WEBHOOK_URL;
  if (raw.toLowerCase() === WEBHOOKS_DISABLED) return { SOKETI_DEFAULT_APP_WEBHOOKS: "[]" };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    problems.push(
      `PUSHER_WEBHOOK_URL is not a valid URL: "${raw}" (use "${WEBHOOKS_DISABLED}" to disable webhooks)`,
    );
    return {};
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    problems.push(`PUSHER_WEBHOOK_URL must be http(s), got "${url.protocol}//"`);
    return {};
  }
  return {
    SOKETI_DEFAULT_APP_WEBHOOKS: JSON.stringify([
      { url: url.toString(), event_types: [...WEBHOOK_EVENT_TYPES] },
    ]),
  };
}

// Refused under NODE_ENV=production.
const DEV_VALUES: Record<"appId" | "key" | "secret", string> = DEV_PUSHER_CREDENTIALS;

/**
 * Soketi's environment for our env: hardened defaults (10 KB events, no client events,
 * user sign-in on without the 30 s cut-off, presence limits, metrics on, debug off),
 * credentials, port, metrics port, webhooks and the Redis adapter. Any non-empty SOKETI_*
 * already in `input` wins (escape hatch). Pure: reads only `input`.
 *
 * Under production (NODE_ENV=production or `opts.production`) it throws a
 * {@link SoketiConfigError} naming each variable when the app id, key or secret is
 * missing or the development value, or the secret is shorter than 16 characters.
 */
export function buildSoketiEnv(
  input: EnvInput,
  opts: BuildSoketiEnvOptions = {},
): Record<string, string> {
  const production = opts.production ?? read(input, "NODE_ENV") === "production";
  const problems: string[] = [];

  const credentials = {
    appId: { ours: "PUSHER_APP_ID", soketi: "SOKETI_DEFAULT_APP_ID" },
    key: { ours: "PUSHER_KEY", soketi: "SOKETI_DEFAULT_APP_KEY" },
    secret: { ours: "PUSHER_SECRET", soketi: "SOKETI_DEFAULT_APP_SECRET" },
  } as const;
  const resolved = {} as Record<keyof typeof credentials, string>;
  for (const [field, names] of Object.entries(credentials) as [
    keyof typeof credentials,
    (typeof credentials)[keyof typeof credentials],
  ][]) {
    // Production checks apply to the value Soketi will really use, whichever variable set it.
    const explicit = read(input, names.soketi);
    const ours = read(input, names.ours);
    const source = explicit !== undefined ? names.soketi : names.ours;
    const value = explicit ?? ours;
    if (production) {
      if (value === undefined) {
        problems.push(
          `${names.ours} is required in production (generate one with: openssl rand -hex 32)`,
        );
      } else if (value === DEV_VALUES[field]) {
        problems.push(
          `${source} is the development value "${DEV_VALUES[field]}"; set a real one for production`,
        );
      } else if (field === "secret" && value.length < MIN_PRODUCTION_SECRET_LENGTH) {
        problems.push(
          `${source} is too short (${value.length} characters); use at least ${MIN_PRODUCTION_SECRET_LENGTH} (openssl rand -hex 32)`,
        );
      }
    }
    resolved[field] = value ?? DEV_VALUES[field];
  }

  const port = parsePort(input, "PUSHER_PORT", DEFAULT_PORT, problems);
  const metricsPort = parsePort(input, "SOKETI_METRICS_PORT", DEFAULT_METRICS_PORT, problems);
  const redisUrl = read(input, "REDIS_URL");
  const redis = redisUrl ? redisEnv(redisUrl, problems) : {};
  const webhooks = webhooksEnv(input, problems);
  const timeoutOverride = read(input, "SOKETI_USER_AUTHENTICATION_TIMEOUT");
  if (
    timeoutOverride !== undefined &&
    !(Number(timeoutOverride) >= 1 && Number(timeoutOverride) <= USER_AUTHENTICATION_TIMEOUT_MS)
  ) {
    // setTimeout turns anything above 2^31-1 into 1 ms: every socket would be closed at once.
    problems.push(
      `SOKETI_USER_AUTHENTICATION_TIMEOUT must be between 1 and ${USER_AUTHENTICATION_TIMEOUT_MS} ms, got "${timeoutOverride}"`,
    );
  }

  if (problems.length > 0) throw new SoketiConfigError(problems);

  const defaults: Record<string, string> = {
    SOKETI_DEBUG: "false",
    SOKETI_PORT: String(port),
    SOKETI_DEFAULT_APP_ID: soketiString(resolved.appId),
    SOKETI_DEFAULT_APP_KEY: soketiString(resolved.key),
    SOKETI_DEFAULT_APP_SECRET: soketiString(resolved.secret),
    SOKETI_DEFAULT_APP_ENABLE_CLIENT_MESSAGES: "false",
    SOKETI_DEFAULT_APP_USER_AUTHENTICATION: "true",
    SOKETI_USER_AUTHENTICATION_TIMEOUT: String(USER_AUTHENTICATION_TIMEOUT_MS),
    SOKETI_EVENT_MAX_SIZE_IN_KB: String(EVENT_MAX_SIZE_IN_KB),
    SOKETI_EVENT_MAX_BATCH_SIZE: String(EVENT_MAX_BATCH_SIZE),
    SOKETI_EVENT_MAX_CHANNELS_AT_ONCE: String(EVENT_MAX_CHANNELS_AT_ONCE),
    SOKETI_PRESENCE_MAX_MEMBERS: String(PRESENCE_MAX_MEMBERS),
    SOKETI_PRESENCE_MAX_MEMBER_SIZE: String(PRESENCE_MAX_MEMBER_SIZE_IN_KB),
    SOKETI_METRICS_ENABLED: "true",
    SOKETI_METRICS_SERVER_PORT: String(metricsPort),
    SOKETI_SHUTDOWN_GRACE_PERIOD: String(
      production ? SHUTDOWN_GRACE_PERIOD_PRODUCTION_MS : SHUTDOWN_GRACE_PERIOD_DEV_MS,
    ),
    SOKETI_CLUSTER_UNICAST_ADDRESSES: CLUSTER_UNICAST_ADDRESSES,
    SOKETI_CLUSTER_PORT: String(DEFAULT_CLUSTER_PORT),
    SOKETI_WEBHOOKS_BATCHING: "true",
    SOKETI_WEBHOOKS_BATCHING_DURATION: String(WEBHOOK_BATCH_MS),
    ...webhooks,
    ...redis,
  };

  const explicit: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    // SOKETI_METRICS_PORT is ours (mapped above), not one of Soketi's variables.
    if (name.startsWith("SOKETI_") && name !== "SOKETI_METRICS_PORT" && value?.trim())
      explicit[name] = value;
  }
  return { ...defaults, ...explicit };
}
