// `pnpm dev`: the whole app offline in one command. Embedded PostgreSQL (unless DATABASE_URL is
// set), pending migrations, demo data when the database is empty, local Soketi, `next dev`.
// Ctrl-C stops everything in reverse order and leaves no process behind.
import { loadDotEnv } from "./lib/dotenv";
import { onShutdown } from "./lib/children";
import { prepareDatabase } from "./lib/database";
import { isPortFree } from "./lib/ports";
import { startSoketi } from "./lib/soketi";
import { startWebServer } from "./lib/web";
import { printBanner } from "./lib/banner";

loadDotEnv();
const env = process.env;
const stops: Array<() => Promise<void>> = [];
const shutdown = onShutdown(stops, "Stopping LiveCampus");
const started = Date.now();

function port(name: string, fallback: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} must be a port number`);
  return value;
}

async function main() {
  const webPort = port("PORT", 3000);
  const soketiPort = port("PUSHER_PORT", 6001);
  const metricsPort = port("SOKETI_METRICS_PORT", 9601);
  const localSoketi = !env.PUSHER_HOST || ["localhost", "127.0.0.1"].includes(env.PUSHER_HOST);

  // Check every port first so a clash is reported by name before anything starts.
  const wanted: Array<[string, number]> = [["web (PORT)", webPort]];
  if (localSoketi) wanted.push(["Soketi (PUSHER_PORT)", soketiPort], ["Soketi metrics (SOKETI_METRICS_PORT)", metricsPort]);
  for (const [name, number] of wanted) {
    if (!(await isPortFree(number))) {
      throw new Error(`port ${number} for ${name} is already in use by another program — stop it or set ${name.match(/\((.+)\)/)?.[1]} to another port`);
    }
  }

  const db = await prepareDatabase({ log: (m) => console.log(`db      │ ${m}`) });
  stops.push(db.stop);

  if (localSoketi) {
    const soketi = await startSoketi({
      port: soketiPort,
      metricsPort,
      appId: env.PUSHER_APP_ID,
      key: env.PUSHER_KEY,
      secret: env.PUSHER_SECRET,
      webhookUrl: `http://127.0.0.1:${webPort}/api/pusher/webhooks`,
      redisUrl: env.REDIS_URL,
    });
    stops.push(() => soketi.stop());
  }

  const web = await startWebServer({
    mode: "dev",
    port: webPort,
    env: { DATABASE_URL: db.url, PUSHER_PORT: String(soketiPort) },
    readyPath: "/api/health",
  });
  stops.push(() => web.stop());

  printBanner({
    webUrl: web.url,
    soketiUrl: localSoketi ? `ws://localhost:${soketiPort}` : `${env.PUSHER_HOST}:${soketiPort}`,
    metricsUrl: localSoketi ? `http://localhost:${metricsPort}/metrics` : undefined,
    databaseUrl: db.url,
    embedded: db.embedded,
    seconds: (Date.now() - started) / 1000,
    demoPassword: env.DEMO_PASSWORD ?? "livecampus",
  });

  // If Next dies on its own, take the rest down too instead of leaving a half-running stack.
  web.child.once("exit", (code) => {
    console.error(`web exited (code ${code ?? "signal"}); stopping the rest`);
    void shutdown(code ?? 1);
  });
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
