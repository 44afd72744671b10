// A private copy of the stack for browser tests that stop a service or need pristine data: its own
// database (in the test PostgreSQL), its own Soketi and its own `next start` of the existing build,
// all on free ports and with the test stack's app credentials.
//
// Why its own database: every web server runs an outbox dispatcher on its database. A second
// server on the shared database would have its events claimed by the main server's dispatcher
// and published to the MAIN Soketi (nobody of ours listens there), and vice versa.
import { randomUUID } from "node:crypto";
import { applyMigrations } from "../../../scripts/lib/migrate";
import { createPrismaClient, type PrismaClient } from "../../../scripts/lib/db-client";
import { getFreePort, waitForPortFree } from "../../../scripts/lib/ports";
import { startSoketi, type SoketiHandle } from "../../../scripts/lib/soketi";
import { startWebServer, type WebServer } from "../../../scripts/lib/web";
import { testDb } from "../../helpers/factories";
import { getStack, stackWebEnv } from "../../helpers/stack";

export type IsolatedStack = {
  webUrl: string;
  databaseUrl: string;
  /** Prisma on the private database (for test data). */
  db: PrismaClient;
  soketiPort: number;
  /** True while our Soketi runs. */
  soketiRunning(): boolean;
  /** Stops our Soketi (SIGTERM; waits until it has exited and its port is free). */
  stopSoketi(): Promise<void>;
  /** Starts our Soketi again on the SAME ports and credentials. */
  startSoketi(): Promise<void>;
  /** Stops everything and drops the database. Idempotent. */
  stop(): Promise<void>;
};

const verbose = () => !!process.env.LIVECAMPUS_TEST_VERBOSE;

/** Starts the private stack; resolves once the web server answers. */
export async function startIsolatedStack(name: string): Promise<IsolatedStack> {
  const stack = getStack();
  const database = `e2e_${name}_${randomUUID().replaceAll("-", "").slice(0, 10)}`;
  await testDb().$executeRawUnsafe(`CREATE DATABASE "${database}"`);
  const url = new URL(stack.databaseUrl);
  url.pathname = `/${database}`;
  const databaseUrl = url.toString();

  const [soketiPort, metricsPort, webPort] = [
    await getFreePort(),
    await getFreePort(),
    await getFreePort(),
  ];
  const soketiOptions = {
    port: soketiPort,
    metricsPort,
    appId: stack.soketi.appId,
    key: stack.soketi.key,
    secret: stack.soketi.secret,
    webhookUrl: `http://127.0.0.1:${webPort}/api/pusher/webhooks`,
    quiet: !verbose(),
  };

  let soketi: SoketiHandle | undefined;
  let web: WebServer | undefined;
  let db: PrismaClient | undefined;
  let stopped = false;

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await web?.stop().catch(() => {});
    await soketi?.stop().catch(() => {});
    await db?.$disconnect().catch(() => {});
    await testDb()
      .$executeRawUnsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
      .catch((error: unknown) => console.warn(`[e2e] could not drop ${database}:`, error));
  };

  try {
    await applyMigrations(databaseUrl);
    db = createPrismaClient(databaseUrl);
    soketi = await startSoketi(soketiOptions);
    web = await startWebServer({
      mode: "start",
      port: webPort,
      quiet: !verbose(),
      env: stackWebEnv({ databaseUrl, pusherPort: soketiPort }),
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const running = () =>
    !!soketi && soketi.process.exitCode === null && soketi.process.signalCode === null;
  return {
    webUrl: web.url,
    databaseUrl,
    db,
    soketiPort,
    soketiRunning: running,
    async stopSoketi() {
      await soketi?.stop();
      for (const port of [soketiPort, metricsPort]) {
        if (!(await waitForPortFree(port, 10_000)))
          throw new Error(`port ${port} still taken after stopping Soketi`);
      }
    },
    async startSoketi() {
      if (running()) return;
      soketi = await startSoketi(soketiOptions);
    },
    stop,
  };
}
