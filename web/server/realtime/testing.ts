import type { UserIdentity } from "@/lib/domain";
import "server-only";
// Test support for the realtime integration tests: a real Soketi on free ports (through the
// ops helpers in scripts/lib), the real `pusher` SDK, real pusher-js subscribers that sign
// their authorizations locally with the app secret, and Soketi's Prometheus metrics.
import path from "node:path";
import { fileURLToPath } from "node:url";
import type Pusher from "pusher";
import type { Channel } from "pusher-js";
import { createPusherClient, type RealtimeClientConfig } from "@/lib/realtime/client";
import { localAuthHandlers, type LocalAuthOptions } from "@/lib/realtime/local-auth";
import { createPusherServer } from "./pusher-server";

export type TestSoketi = {
  host: string;
  port: number;
  metricsPort: number;
  appId: string;
  key: string;
  secret: string;
  stop(timeoutMs?: number): Promise<void>;
};

type SoketiModule = {
  startSoketi(options: {
    port: number;
    metricsPort: number;
    appId?: string;
    key?: string;
    secret?: string;
    quiet?: boolean;
  }): Promise<TestSoketi>;
};
type PortsModule = { getFreePort(): Promise<number> };

// scripts/lib is compiled under the root tsconfig (.ts import suffixes); import it by path at
// runtime so the web program does not type-check it with web settings.
const scriptsLib = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../scripts/lib",
);
const load = <T>(file: string) =>
  import(/* @vite-ignore */ path.join(scriptsLib, file)) as Promise<T>;

/** Starts a private Soketi (dev credentials unless given) on free ports. */
export async function startTestSoketi(
  credentials: { appId?: string; key?: string; secret?: string } = {},
): Promise<TestSoketi> {
  const [{ startSoketi }, { getFreePort }] = await Promise.all([
    load<SoketiModule>("soketi.ts"),
    load<PortsModule>("ports.ts"),
  ]);
  return startSoketi({
    port: await getFreePort(),
    metricsPort: await getFreePort(),
    quiet: true,
    ...credentials,
  });
}

/** A free TCP port (for "nothing listens here" tests). */
export async function freePort(): Promise<number> {
  return (await load<PortsModule>("ports.ts")).getFreePort();
}

/** The `pusher` SDK pointed at a test Soketi. */
export function serverFor(soketi: TestSoketi, timeoutMs?: number): Pusher {
  return createPusherServer({
    appId: soketi.appId,
    key: soketi.key,
    secret: soketi.secret,
    host: soketi.host,
    port: soketi.port,
    useTLS: false,
    cluster: "mt1",
    timeoutMs,
  });
}

/** The public (browser) config for a test Soketi. */
export function clientConfigFor(soketi: TestSoketi): RealtimeClientConfig {
  return { key: soketi.key, host: soketi.host, port: soketi.port, useTLS: false, cluster: "mt1" };
}

/** pusher-js auth handlers that sign locally as `user` with the test Soketi's secret. */
export function localAuthFor(soketi: TestSoketi, user: UserIdentity, options?: LocalAuthOptions) {
  return localAuthHandlers(serverFor(soketi), user, options);
}

/** Sum of a Prometheus metric over all its label sets (0 when absent). */
export async function soketiMetric(soketi: TestSoketi, name: string): Promise<number> {
  const response = await fetch(`http://${soketi.host}:${soketi.metricsPort}/metrics`);
  const text = await response.text();
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith("#")) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+([-0-9.eE+]+|NaN)$/.exec(line.trim());
    if (match && match[1] === name) total += Number(match[3]);
  }
  return total;
}

/** Sockets currently connected to Soketi. */
export const connectedSockets = (soketi: TestSoketi) => soketiMetric(soketi, "soketi_connected");

/** Polls `check` until it returns true (or a truthy value), else fails naming `what`. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  what: string,
  timeoutMs = 5000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`,
      );
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export type ReceivedEvent = { channel: string; event: string; data: unknown };

/**
 * A real pusher-js subscriber (outside React) that records every non-internal event on the
 * channels it subscribes to.
 */
export function createSubscriber(soketi: TestSoketi, user: UserIdentity) {
  const pusher = createPusherClient(clientConfigFor(soketi), localAuthFor(soketi, user));
  const received: ReceivedEvent[] = [];
  const channels = new Map<string, Channel>();
  return {
    pusher,
    received,
    /** Subscribes and resolves once Soketi confirmed the subscription. */
    subscribe(name: string): Promise<Channel> {
      const channel = pusher.subscribe(name);
      channels.set(name, channel);
      channel.bind_global((event: string, data: unknown) => {
        if (!event.startsWith("pusher:") && !event.startsWith("pusher_internal:")) {
          received.push({ channel: name, event, data });
        }
      });
      return new Promise((resolve, reject) => {
        if (channel.subscribed) return resolve(channel);
        channel.bind("pusher:subscription_succeeded", () => resolve(channel));
        channel.bind("pusher:subscription_error", (error: unknown) =>
          reject(new Error(`subscription to ${name} failed: ${JSON.stringify(error)}`)),
        );
      });
    },
    eventsOn(name: string) {
      return received.filter((r) => r.channel === name);
    },
    disconnect() {
      pusher.disconnect();
    },
  };
}
