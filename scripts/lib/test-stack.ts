// What the test runners (`pnpm test`, `pnpm test:faults`, `pnpm soak`, `pnpm bench`) start
// alike: a throwaway PostgreSQL with the migrations applied, and the production build they serve
// — built once into web/.next-test under a lock (several runs may share a checkout), then each
// run serves a private snapshot of it, so a later build cannot pull the files from under a
// running server. `startLocalTestStack` adds Soketi and the web server on free ports.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exited } from "./children";
import { createPrismaClient, type PrismaClient } from "./db-client";
import { withLock } from "./lock";
import { applyMigrations } from "./migrate";
import { WEB_DIR } from "./paths";
import { getFreePort, waitForPortFree } from "./ports";
import { startEmbeddedPostgres } from "./postgres";
import { startSoketi, type SoketiHandle, type StartSoketiOptions } from "./soketi";
import { startWebServer, type WebServer } from "./web";
import { webServerEnv } from "../../tests/helpers/stack";

const TEST_DIST = ".next-test";

/**
 * Builds web/.next-test unless `LIVECAMPUS_SKIP_BUILD=1` and a build exists, copies it to
 * `.next-test-{label}-{pid}` and returns that directory's name (for NEXT_DIST_DIR). `stops`
 * receives the cleanup (and the build's termination if the run is stopped meanwhile).
 */
export async function prepareTestBuild(
  label: string,
  stops: Array<() => Promise<void>>,
): Promise<string> {
  const buildDir = path.join(WEB_DIR, TEST_DIST);
  await withLock(`${buildDir}.lock`, async () => {
    if (process.env.LIVECAMPUS_SKIP_BUILD === "1" && existsSync(path.join(buildDir, "BUILD_ID"))) {
      console.log("Reusing the existing test build (LIVECAMPUS_SKIP_BUILD=1)");
      return;
    }
    const child = spawn(
      process.execPath,
      [path.join(WEB_DIR, "node_modules/next/dist/bin/next"), "build", WEB_DIR],
      {
        cwd: WEB_DIR, // next-intl resolves ./i18n/request.ts from the working directory
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: TEST_DIST },
        stdio: "inherit",
      },
    );
    stops.push(async () => {
      child.kill("SIGTERM");
      await exited(child);
    });
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    if (code !== 0) throw new Error("next build failed");
  });
  const runDist = `${TEST_DIST}-${label}-${process.pid}`;
  cpSync(buildDir, path.join(WEB_DIR, runDist), {
    recursive: true,
    filter: (source) => !source.startsWith(path.join(buildDir, "cache")),
  });
  stops.push(async () => rmSync(path.join(WEB_DIR, runDist), { recursive: true, force: true }));
  return runDist;
}

/**
 * An embedded PostgreSQL in a throwaway data directory on a free port, not durable (a test run
 * needs no fsync), with every migration applied. `stops` receives its shutdown and cleanup.
 */
export async function startTestPostgres(
  database: string,
  stops: Array<() => Promise<void>>,
): Promise<{ url: string; pid: number }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `${database}-`));
  stops.push(async () => rmSync(tmp, { recursive: true, force: true }));
  const pg = await startEmbeddedPostgres({
    dataDir: path.join(tmp, "postgres"),
    port: (await getFreePort())!,
    database,
    durable: false,
  });
  stops.push(() => pg.stop());
  await applyMigrations(pg.url);
  return { url: pg.url, pid: pg.pid };
}

/** A throwaway stack: PostgreSQL, one Soketi and the production build, each on a free port. */
export type LocalTestStack = {
  databaseUrl: string;
  postgresPid: number;
  db: PrismaClient;
  credentials: { appId: string; key: string; secret: string };
  authSecret: string;
  ports: { soketi: number; metrics: number; web: number };
  /** The Soketi running now (replaced by `startSoketi`). */
  soketi: SoketiHandle;
  /** The web server running now (replaced by `restartWeb`). */
  web: WebServer;
  /** http://127.0.0.1:port (not "localhost": no IPv6 first try per request). */
  webUrl: string;
  /** Stops Soketi (SIGKILL with `kill`, else gracefully) and waits until its ports are free. */
  stopSoketi(options?: { kill?: boolean }): Promise<void>;
  /** Starts Soketi again on the same ports, with the same settings. */
  startSoketi(): Promise<SoketiHandle>;
  /**
   * Replaces the web server (same port, database and build): the old one is stopped first, so
   * one dispatcher drains the outbox. `pusherPort`/`metricsUrl` move it to another Soketi; `env`
   * is added to its environment (until the next restart).
   */
  restartWeb(options?: {
    pusherPort?: number;
    metricsUrl?: string;
    env?: Record<string, string>;
  }): Promise<void>;
};

const secret = () => randomBytes(24).toString("hex");

/**
 * Starts the stack `pnpm bench`, `pnpm soak` and `pnpm test:faults` measure: its own PostgreSQL
 * (database `livecampus_{label}`), Soketi in production settings with its webhooks to the app,
 * and the production build (`dist`, or a snapshot made here). `stops` receives each part's
 * shutdown, in start order.
 */
export async function startLocalTestStack(
  label: string,
  stops: Array<() => Promise<void>>,
  options: {
    /** The build to serve (NEXT_DIST_DIR); default: a snapshot of web/.next-test. */
    dist?: string;
    /** Give the web server SOKETI_METRICS_URL (default true). */
    soketiMetrics?: boolean;
    /** Echo the web server's output. */
    verbose?: boolean;
  } = {},
): Promise<LocalTestStack> {
  // The build (when one is needed) and PostgreSQL's start overlap.
  const building = options.dist ? Promise.resolve(options.dist) : prepareTestBuild(label, stops);
  building.catch(() => {}); // awaited below; a failure of PostgreSQL first must not leave it unhandled
  const pg = await startTestPostgres(`livecampus_${label}`, stops);
  const ports = {
    soketi: (await getFreePort())!,
    metrics: (await getFreePort())!,
    web: (await getFreePort())!,
  };
  const db = createPrismaClient(pg.url);
  stops.push(() => db.$disconnect());
  // Production mode refuses the development credentials: each stack has its own.
  const credentials = {
    appId: `${label}-${secret().slice(0, 8)}`,
    key: secret(),
    secret: secret(),
  };
  const soketiOptions: StartSoketiOptions = {
    port: ports.soketi,
    metricsPort: ports.metrics,
    ...credentials,
    webhookUrl: `http://127.0.0.1:${ports.web}/api/pusher/webhooks`,
    quiet: true,
    // Production settings, its 5 s shutdown grace among them.
    env: { NODE_ENV: "production" },
  };
  const dist = await building;
  const authSecret = secret();
  let webConfig = {
    pusherPort: ports.soketi,
    metricsUrl: `http://127.0.0.1:${ports.metrics}/metrics`,
    env: {} as Record<string, string>,
  };
  const startWeb = () =>
    startWebServer({
      mode: "start",
      port: ports.web,
      env: {
        ...webServerEnv({
          databaseUrl: pg.url,
          authSecret,
          credentials,
          pusherPort: webConfig.pusherPort,
        }),
        NEXT_DIST_DIR: dist,
        ...(options.soketiMetrics === false ? {} : { SOKETI_METRICS_URL: webConfig.metricsUrl }),
        ...webConfig.env,
      },
      quiet: !options.verbose,
    });

  const stack: LocalTestStack = {
    databaseUrl: pg.url,
    postgresPid: pg.pid,
    db,
    credentials,
    authSecret,
    ports,
    soketi: await startSoketi(soketiOptions),
    web: undefined as unknown as WebServer,
    webUrl: `http://127.0.0.1:${ports.web}`,
    async stopSoketi({ kill = false } = {}) {
      if (kill) stack.soketi.process.kill("SIGKILL");
      await stack.soketi.stop();
      for (const port of [ports.soketi, ports.metrics])
        if (!(await waitForPortFree(port, 10_000))) throw new Error(`port ${port} still taken`);
    },
    async startSoketi() {
      stack.soketi = await startSoketi(soketiOptions);
      return stack.soketi;
    },
    async restartWeb(change = {}) {
      await stack.web.stop();
      webConfig = {
        pusherPort: change.pusherPort ?? webConfig.pusherPort,
        metricsUrl: change.metricsUrl ?? webConfig.metricsUrl,
        env: change.env ?? {},
      };
      stack.web = await startWeb();
    },
  };
  stops.push(() => stack.soketi.stop());
  stack.web = await startWeb();
  stops.push(() => stack.web.stop());
  return stack;
}
