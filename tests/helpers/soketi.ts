// A private Soketi for tests that need their own (through the ops helpers in scripts/lib), the
// real `pusher` SDK pointed at it, pusher-js auth signed locally with its secret, and Soketi's
// Prometheus metrics. Subscribers: createSubscriber() in ./realtime.ts.
import path from "node:path";
import type Pusher from "pusher";
import type { UserIdentity } from "@/lib/domain";
import type { RealtimeClientConfig } from "@/lib/realtime/client";
import { localAuthHandlers, type LocalAuthOptions } from "@/lib/realtime/local-auth";
import { createPusherServer } from "@/server/realtime/pusher-server";
import type { SoketiEndpoint } from "./stack";

export type TestSoketi = SoketiEndpoint & { stop(timeoutMs?: number): Promise<void> };

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

// scripts/lib is compiled under the root tsconfig (.ts import suffixes), and test files under
// web/ import this module with the web tsconfig: load scripts/lib by path at runtime so the web
// program does not type-check it with web settings.
const scriptsLib = path.resolve(import.meta.dirname, "../../scripts/lib");
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
export function serverFor(soketi: SoketiEndpoint, timeoutMs?: number): Pusher {
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
export function clientConfigFor(soketi: SoketiEndpoint): RealtimeClientConfig {
  return { key: soketi.key, host: soketi.host, port: soketi.port, useTLS: false, cluster: "mt1" };
}

/** pusher-js auth handlers that sign locally as `user` with the test Soketi's secret. */
export function localAuthFor(
  soketi: SoketiEndpoint,
  user: UserIdentity,
  options?: LocalAuthOptions,
) {
  return localAuthHandlers(serverFor(soketi), user, options);
}

/** Sum of a Prometheus metric over all its label sets (0 when absent). */
export async function soketiMetric(soketi: SoketiEndpoint, name: string): Promise<number> {
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
export const connectedSockets = (soketi: SoketiEndpoint) =>
  soketiMetric(soketi, "soketi_connected");
