// `pnpm realtime:send <channel> <event> [json]` – validate an event against the catalog and
// trigger it on the Pusher-protocol server (local Soketi by default).
// `pnpm realtime:listen <channel…>` – subscribe with pusher-js and print each event as one JSON
// line. Private and presence channels are authorized locally with the app secret (presence as
// a synthetic "realtime-cli" user), so no web server or session is needed.
import type { UserIdentity } from "../web/lib/domain.ts";
import { pathToFileURL } from "node:url";
import { DEV_PUSHER_CREDENTIALS } from "../web/lib/dev-defaults.ts";
import Pusher from "pusher";
import {
  EVENT_NAMES,
  parseChannel,
  prepareEvent,
  type PreparedEvent,
} from "../web/lib/realtime/index.ts";
import { createPusherClient } from "../web/lib/realtime/client.ts";
import { localAuthHandlers } from "../web/lib/realtime/local-auth.ts";
import { loadDotEnv } from "./lib/dotenv.ts";

export const USAGE = `Usage:
  pnpm realtime:send <channel> <event> [json]   validate and trigger one event
  pnpm realtime:listen <channel> [channel…]     print every event as one JSON line (Ctrl-C stops)

  <channel>  a LiveCampus channel, e.g. private-user-<cuid>, private-admin-dashboard,
             presence-course-<cuid>, public-announcements
  <event>    one of: ${EVENT_NAMES.join(", ")}
  [json]     the payload object (default {}); eventId and occurredAt are added when missing

Environment (dev defaults): PUSHER_APP_ID=livecampus PUSHER_KEY=livecampus-key
  PUSHER_SECRET=livecampus-secret PUSHER_HOST=127.0.0.1 PUSHER_PORT=6001 PUSHER_USE_TLS=false
  PUSHER_CLUSTER=mt1`;

/** A mistake in how the CLI was called: printed with the usage, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type CliCommand =
  | { command: "help" }
  | { command: "send"; prepared: PreparedEvent }
  | { command: "listen"; channels: string[] };

function checkChannel(name: string): string {
  if (!parseChannel(name)) {
    throw new UsageError(
      `${JSON.stringify(name)} is not a LiveCampus channel (ids are cuids: c + 24 lowercase letters/digits)`,
    );
  }
  return name;
}

/** Parses and validates the arguments (after the script name); throws UsageError. */
export function parseCliArgs(
  argv: readonly string[],
  options: { generateId?: () => string } = {},
): CliCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    return { command: "help" };
  }
  if (command === "send") {
    if (rest.length < 2 || rest.length > 3) {
      throw new UsageError(`send takes <channel> <event> [json], got ${rest.length} argument(s)`);
    }
    const [channel, event, json] = rest as [string, string, string | undefined];
    checkChannel(channel);
    let payload: unknown = {};
    if (json !== undefined) {
      try {
        payload = JSON.parse(json);
      } catch (error) {
        throw new UsageError(`[json] is not valid JSON: ${(error as Error).message}`);
      }
    }
    const result = prepareEvent({ channels: [channel], event, payload }, options);
    if (!result.ok) throw new UsageError(result.error);
    return { command: "send", prepared: result.prepared };
  }
  if (command === "listen") {
    if (rest.length === 0) throw new UsageError("listen needs at least one <channel>");
    return { command: "listen", channels: [...new Set(rest.map(checkChannel))] };
  }
  throw new UsageError(`unknown command ${JSON.stringify(command)} (expected send or listen)`);
}

export type ServerSettings = {
  appId: string;
  key: string;
  secret: string;
  host: string;
  port: number;
  useTLS: boolean;
  cluster: string;
};

/** PUSHER_* from the environment with the development defaults (.env.example). */
export function serverSettings(env: Record<string, string | undefined>): ServerSettings {
  const port = Number(env.PUSHER_PORT || 6001);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(
      `PUSHER_PORT must be a port number, got ${JSON.stringify(env.PUSHER_PORT)}`,
    );
  }
  return {
    appId: env.PUSHER_APP_ID || DEV_PUSHER_CREDENTIALS.appId,
    key: env.PUSHER_KEY || DEV_PUSHER_CREDENTIALS.key,
    secret: env.PUSHER_SECRET || DEV_PUSHER_CREDENTIALS.secret,
    host: env.PUSHER_HOST || "127.0.0.1",
    port,
    useTLS: env.PUSHER_USE_TLS === "true" || env.PUSHER_USE_TLS === "1",
    cluster: env.PUSHER_CLUSTER || "mt1",
  };
}

function serverSdk(s: ServerSettings): Pusher {
  return new Pusher({
    appId: s.appId,
    key: s.key,
    secret: s.secret,
    host: s.host,
    port: String(s.port),
    useTLS: s.useTLS,
    timeout: 5000,
  });
}

/** The synthetic user the listener authorizes (and joins presence channels) as. */
export const CLI_USER: UserIdentity = {
  id: "crealtimecli0000000000000",
  role: "ADMIN",
  name: "realtime-cli",
};

async function send(s: ServerSettings, prepared: PreparedEvent): Promise<number> {
  const [channel] = prepared.channels;
  try {
    await serverSdk(s).trigger(channel!, prepared.event, prepared.data);
  } catch (error) {
    const e = error as {
      message?: string;
      status?: number;
      body?: string;
      error?: { message?: string };
    };
    const why = [e.message, e.status && `HTTP ${e.status}`, e.body, e.error?.message]
      .filter(Boolean)
      .join(": ");
    console.error(
      `realtime:send failed against ${s.useTLS ? "https" : "http"}://${s.host}:${s.port}: ${why}`,
    );
    return 1;
  }
  console.log(
    JSON.stringify({
      sent: true,
      channel,
      event: prepared.event,
      eventId: prepared.eventId,
      bytes: prepared.bytes,
    }),
  );
  return 0;
}

function listen(s: ServerSettings, channelNames: string[]): Promise<number> {
  const client = createPusherClient(
    { key: s.key, host: s.host, port: s.port, useTLS: s.useTLS, cluster: s.cluster },
    localAuthHandlers(serverSdk(s), CLI_USER),
  );
  const status = (message: string) => console.error(`[realtime:listen] ${message}`);
  client.connection.bind("state_change", ({ current }: { current: string }) =>
    status(`connection ${current}`),
  );
  for (const name of channelNames) {
    const channel = client.subscribe(name);
    channel.bind("pusher:subscription_succeeded", () => status(`subscribed to ${name}`));
    channel.bind("pusher:subscription_error", (error: unknown) =>
      status(`subscription to ${name} failed: ${JSON.stringify(error)}`),
    );
    channel.bind_global((event: string, data: unknown) => {
      if (event.startsWith("pusher_internal:") || event === "pusher:subscription_succeeded") return;
      if (event === "pusher:subscription_error") return;
      console.log(
        JSON.stringify({ channel: name, event, data, receivedAt: new Date().toISOString() }),
      );
    });
  }
  return new Promise((resolve) => {
    const stop = () => {
      client.disconnect();
      resolve(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

/** Runs the CLI; resolves to the exit code. */
export async function main(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  let parsed: CliCommand;
  let settings: ServerSettings;
  try {
    parsed = parseCliArgs(argv);
    settings = serverSettings(env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`error: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.command === "help") {
    console.log(USAGE);
    return 0;
  }
  if (parsed.command === "send") return send(settings, parsed.prepared);
  return listen(settings, parsed.channels);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  loadDotEnv();
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
