// The local stack behind `pnpm dev` and `pnpm start`: database, Soketi, web server, one banner,
// and Ctrl-C (or any part dying) stopping everything in reverse order.
import { printBanner } from "./banner";
import { onShutdown } from "./children";
import { prepareDatabase } from "./stack-database";
import { isPortFree } from "./ports";
import { startSoketi } from "./soketi";
import { startWebServer } from "./web";

export type LocalStackOptions = {
  /** `next dev` or `next start` (production mode). */
  mode: "dev" | "start";
  /** App credentials shared by the web app and the local Soketi. */
  credentials: { appId?: string; key?: string; secret?: string };
  /** Extra environment for the web server. */
  webEnv?: Record<string, string | undefined>;
  /** Extra environment for Soketi's config (e.g. NODE_ENV=production). */
  soketiEnv?: Record<string, string | undefined>;
  /** Seeds the demo data into an empty database and shows the demo logins; omit: neither. */
  demoPassword?: string;
  /** Runs first (after the port checks), e.g. to check for a build. */
  preflight?: () => void;
};

function port(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535)
    throw new Error(`${name} must be a port number`);
  return value;
}

/** Starts the stack; resolves once everything answers and the banner is printed. */
export async function runLocalStack(options: LocalStackOptions): Promise<void> {
  const env = process.env;
  const stops: Array<() => Promise<void>> = [];
  const shutdown = onShutdown(stops, "Stopping LiveCampus");
  const started = Date.now();
  try {
    const webPort = port("PORT", 3000);
    const soketiPort = port("PUSHER_PORT", 6001);
    const metricsPort = port("SOKETI_METRICS_PORT", 9601);
    const localSoketi = !env.PUSHER_HOST || ["localhost", "127.0.0.1"].includes(env.PUSHER_HOST);

    // Every port first, so a clash is reported by name before anything starts.
    const wanted: Array<[string, string, number]> = [["web", "PORT", webPort]];
    if (localSoketi) {
      wanted.push(
        ["Soketi", "PUSHER_PORT", soketiPort],
        ["Soketi metrics", "SOKETI_METRICS_PORT", metricsPort],
      );
    }
    for (const [what, variable, number] of wanted) {
      if (!(await isPortFree(number))) {
        throw new Error(
          `port ${number} for ${what} (${variable}) is already in use by another program — stop it or set ${variable} to another port`,
        );
      }
    }
    options.preflight?.();

    const db = await prepareDatabase({
      log: (m) => console.log(`db      │ ${m}`),
      demoPassword: options.demoPassword,
    });
    stops.push(db.stop);

    if (localSoketi) {
      const soketi = await startSoketi({
        port: soketiPort,
        metricsPort,
        ...options.credentials,
        webhookUrl: `http://127.0.0.1:${webPort}/api/pusher/webhooks`,
        redisUrl: env.REDIS_URL,
        env: options.soketiEnv,
      });
      stops.push(() => soketi.stop());
    }

    const web = await startWebServer({
      mode: options.mode,
      port: webPort,
      env: {
        ...options.webEnv,
        DATABASE_URL: db.url,
        PUSHER_PORT: String(soketiPort),
        // The admin System page scrapes the local Soketi's metrics.
        ...(localSoketi && { SOKETI_METRICS_URL: `http://127.0.0.1:${metricsPort}/metrics` }),
      },
    });
    stops.push(() => web.stop());

    printBanner({
      webUrl: web.url,
      mode: options.mode,
      soketiUrl: localSoketi ? `ws://localhost:${soketiPort}` : `${env.PUSHER_HOST}:${soketiPort}`,
      metricsUrl: localSoketi ? `http://localhost:${metricsPort}/metrics` : undefined,
      databaseUrl: db.url,
      embedded: db.embedded,
      seconds: (Date.now() - started) / 1000,
      demoPassword: options.demoPassword,
    });

    // If the web server dies on its own, take the rest down instead of leaving half a stack.
    web.child.once("exit", (code) => {
      console.error(`web exited (code ${code ?? "signal"}); stopping the rest`);
      void shutdown(code ?? 1);
    });
  } catch (error) {
    console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
    await shutdown(1);
  }
}
