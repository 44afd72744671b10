// Starts a local Soketi 1.6.1 (the @livecampus/soketi package) for the dev launcher and tests.
import type { ChildProcess } from "node:child_process";
import { once } from "node:events";
import { buildSoketiEnv, WEBHOOKS_DISABLED } from "../../soketi/src/config.ts";
import { DEV_PUSHER_CREDENTIALS } from "../../web/lib/dev-defaults.ts";
import { soketiChildEnv, spawnSoketi } from "../../soketi/src/spawn.ts";
import { findPortOwner } from "./port-owner.ts";
import { getFreeUdpPort, isPortFree } from "./ports.ts";

export interface StartSoketiOptions {
  /** WebSocket + HTTP API port (default 6001). */
  port?: number;
  /** Prometheus metrics / usage port (default 9601). */
  metricsPort?: number;
  /** App credentials (default: the development ones, web/lib/dev-defaults.ts). */
  appId?: string;
  key?: string;
  secret?: string;
  /**
   * UDP port of Soketi's node discovery (hellos go to 127.0.0.1 only). Default: a free one, so
   * Soketi processes on one host never see each other unless they share a port on purpose.
   */
  clusterPort?: number;
  /** Where Soketi POSTs channel_occupied/vacated and member_added/removed; omitted = no webhooks. */
  webhookUrl?: string;
  /** redis://… switches Soketi to the Redis adapter (several nodes on one Redis). */
  redisUrl?: string;
  /**
   * Extra environment for buildSoketiEnv, e.g. `{NODE_ENV: "production"}` or a SOKETI_* override.
   * Ambient SOKETI_* of process.env apply too; ports and the options above always win.
   */
  env?: Record<string, string | undefined>;
  /** Do not echo Soketi's own output (it is still kept for error messages). */
  quiet?: boolean;
  /** How long to wait for GET /ready (default 20 s). */
  readyTimeoutMs?: number;
}

export interface SoketiHandle {
  /** Host clients use: 127.0.0.1 (Soketi listens on 0.0.0.0). */
  host: string;
  port: number;
  metricsPort: number;
  /** UDP port of node discovery. */
  clusterPort: number;
  appId: string;
  key: string;
  secret: string;
  /** http://127.0.0.1:{port} – the HTTP API (pusher server SDK). */
  httpUrl: string;
  /** ws://127.0.0.1:{port}/app/{key} – what pusher-js connects to. */
  wsUrl: string;
  /** SIGTERM, wait for exit (SIGKILL after `timeoutMs`, default 8 s). Idempotent. */
  stop(timeoutMs?: number): Promise<void>;
  process: ChildProcess;
}

const HOST = "127.0.0.1";
const PREFIX = "\x1b[35msoketi \x1b[0m │ ";
const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort on a normal exit of this process. A signal death skips 'exit' handlers; then the
  // parent guard in the child (IPC channel closed) stops Soketi instead.
  process.on("exit", () => {
    for (const child of live) {
      try {
        child.kill("SIGKILL");
      } catch {
        // already gone
      }
    }
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

async function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (exited(child)) return true;
  const timer = new Promise<false>((resolve) =>
    setTimeout(() => resolve(false), timeoutMs).unref(),
  );
  return Promise.race([once(child, "exit").then(() => true), timer]);
}

/** Soketi's /ready says "OK" when ready; while closing it still answers 200, with an error body. */
async function isReady(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    return res.ok && (await res.text()) === "OK";
  } catch {
    return false;
  }
}

/**
 * Spawns Soketi with our hardened configuration and resolves once `GET /ready` answers on both
 * its ports. Throws, naming the port, when one is already taken (checked before spawning:
 * Soketi itself would report "up and running" without having bound it), when the child exits
 * early, or after `readyTimeoutMs`. The child never outlives this process.
 */
export async function startSoketi(options: StartSoketiOptions = {}): Promise<SoketiHandle> {
  const port = options.port ?? 6001;
  const metricsPort = options.metricsPort ?? 9601;
  const appId = options.appId ?? DEV_PUSHER_CREDENTIALS.appId;
  const key = options.key ?? DEV_PUSHER_CREDENTIALS.key;
  const secret = options.secret ?? DEV_PUSHER_CREDENTIALS.secret;
  if (port === metricsPort)
    throw new Error(`Soketi port and metrics port must differ (both ${port})`);

  for (const [what, p] of [
    ["Soketi port", port],
    ["Soketi metrics port", metricsPort],
  ] as const) {
    if (!(await isPortFree(p))) {
      const owner = await findPortOwner(p).catch(() => null);
      const by = owner ? `by ${owner.name} (pid ${owner.pid})` : "by another program";
      throw new Error(`${what} ${p} is already in use ${by}; stop it or choose another port`);
    }
  }

  const ambientSoketi = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name.startsWith("SOKETI_")),
  );
  const soketiEnv = buildSoketiEnv({
    NODE_ENV: process.env.NODE_ENV,
    ...ambientSoketi,
    ...options.env,
    PUSHER_APP_ID: appId,
    PUSHER_KEY: key,
    PUSHER_SECRET: secret,
    PUSHER_PORT: String(port),
    SOKETI_METRICS_PORT: String(metricsPort),
    PUSHER_WEBHOOK_URL: options.webhookUrl ?? WEBHOOKS_DISABLED,
    REDIS_URL: options.redisUrl,
  });
  // Explicit arguments beat any SOKETI_* override: we wait on exactly these ports.
  soketiEnv.SOKETI_PORT = String(port);
  soketiEnv.SOKETI_METRICS_SERVER_PORT = String(metricsPort);
  const clusterPort =
    options.clusterPort ??
    (options.env?.SOKETI_CLUSTER_PORT || ambientSoketi.SOKETI_CLUSTER_PORT
      ? Number(soketiEnv.SOKETI_CLUSTER_PORT)
      : await getFreeUdpPort());
  soketiEnv.SOKETI_CLUSTER_PORT = String(clusterPort);

  const child = spawnSoketi({ env: soketiChildEnv(soketiEnv), output: "pipe" });
  installExitHook();
  live.add(child);
  child.once("exit", () => live.delete(child));

  // Keep the last lines for error messages; echo them (prefixed like the launchers' other
  // children) unless quiet. Soketi's banner is padded with blank lines: drop those.
  const tail: string[] = [];
  const onOutput = (chunk: Buffer) => {
    for (const raw of chunk.toString().split("\n")) {
      const line = raw.trimEnd();
      if (!line.trim()) continue;
      tail.push(line);
      if (!options.quiet) process.stdout.write(`${PREFIX}${line.trim()}\n`);
    }
    tail.splice(0, Math.max(0, tail.length - 40));
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);
  let spawnError: Error | undefined;
  child.once("error", (err) => {
    spawnError = err;
  });

  let stopping: Promise<void> | undefined;
  const stop = (timeoutMs = 8000): Promise<void> => {
    stopping ??= (async () => {
      if (!exited(child)) {
        child.kill("SIGTERM");
        if (!(await waitForExit(child, timeoutMs))) {
          child.kill("SIGKILL");
          await waitForExit(child, 5000);
        }
      }
      live.delete(child);
      if (child.connected) child.disconnect();
    })();
    return stopping;
  };

  const timeoutMs = options.readyTimeoutMs ?? 20_000;
  const deadline = Date.now() + timeoutMs;
  const started = Date.now();
  for (;;) {
    if (spawnError || exited(child)) {
      await stop();
      const why = spawnError
        ? spawnError.message
        : `exited with ${child.exitCode ?? child.signalCode}`;
      throw new Error(`Soketi on port ${port} ${why} before it was ready:\n${tail.join("\n")}`);
    }
    if (
      (await isReady(`http://${HOST}:${port}/ready`)) &&
      (await isReady(`http://${HOST}:${metricsPort}/ready`))
    )
      break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `Soketi did not answer http://${HOST}:${port}/ready within ${timeoutMs} ms (after ${Date.now() - started} ms):\n${tail.join("\n")}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  return {
    host: HOST,
    port,
    metricsPort,
    clusterPort,
    appId,
    key,
    secret,
    httpUrl: `http://${HOST}:${port}`,
    wsUrl: `ws://${HOST}:${port}/app/${key}`,
    stop,
    process: child,
  };
}
