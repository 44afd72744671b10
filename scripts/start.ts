// `pnpm start`: the same local stack as `pnpm dev`, but the production server (`next start`
// on the output of `pnpm build`) in production mode. Production refuses the development
// credentials, so missing secrets are generated once into .data/local-secrets.json (mode 600);
// set real ones in the environment or `.env` for a real deployment.
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { printBanner } from "./lib/banner";
import { onShutdown } from "./lib/children";
import { prepareDatabase } from "./lib/database";
import { loadDotEnv } from "./lib/dotenv";
import { isPortFree } from "./lib/ports";
import { startSoketi } from "./lib/soketi";
import { ROOT, startWebServer, WEB_DIR } from "./lib/web";

loadDotEnv();
const env = process.env;
const stops: Array<() => Promise<void>> = [];
const shutdown = onShutdown(stops, "Stopping LiveCampus");
const started = Date.now();

const SECRET_NAMES = ["PUSHER_APP_ID", "PUSHER_KEY", "PUSHER_SECRET", "AUTH_SECRET"] as const;

function localSecrets(): Record<(typeof SECRET_NAMES)[number], string> {
  const file = path.join(ROOT, ".data/local-secrets.json");
  let stored: Partial<Record<string, string>> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const generate: Record<(typeof SECRET_NAMES)[number], () => string> = {
    PUSHER_APP_ID: () => `livecampus-${randomBytes(4).toString("hex")}`,
    PUSHER_KEY: () => randomBytes(16).toString("hex"),
    PUSHER_SECRET: () => randomBytes(32).toString("hex"),
    AUTH_SECRET: () => randomBytes(32).toString("base64url"),
  };
  let changed = false;
  const result = {} as Record<(typeof SECRET_NAMES)[number], string>;
  for (const name of SECRET_NAMES) {
    const value = env[name] ?? stored[name];
    if (value) {
      result[name] = value;
    } else {
      result[name] = stored[name] = generate[name]();
      changed = true;
    }
  }
  if (changed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2));
    chmodSync(file, 0o600);
    console.log(`Generated local production secrets in ${path.relative(ROOT, file)} (set them in .env for a real deployment)`);
  }
  return result;
}

async function main() {
  if (!existsSync(path.join(WEB_DIR, ".next/BUILD_ID"))) {
    throw new Error("No production build found: run `pnpm build` first");
  }
  const webPort = Number(env.PORT ?? 3000);
  const soketiPort = Number(env.PUSHER_PORT ?? 6001);
  const metricsPort = Number(env.SOKETI_METRICS_PORT ?? 9601);
  const localSoketi = !env.PUSHER_HOST || ["localhost", "127.0.0.1"].includes(env.PUSHER_HOST);
  for (const [name, number] of [["web (PORT)", webPort], ...(localSoketi ? [["Soketi (PUSHER_PORT)", soketiPort], ["Soketi metrics (SOKETI_METRICS_PORT)", metricsPort]] : [])] as Array<[string, number]>) {
    if (!(await isPortFree(number))) throw new Error(`port ${number} for ${name} is already in use by another program`);
  }
  const secrets = localSecrets();

  const db = await prepareDatabase({
    log: (m) => console.log(`db      │ ${m}`),
    seedWhenEmpty: env.SEED_DEMO !== "false",
  });
  stops.push(db.stop);

  if (localSoketi) {
    const soketi = await startSoketi({
      port: soketiPort,
      metricsPort,
      appId: secrets.PUSHER_APP_ID,
      key: secrets.PUSHER_KEY,
      secret: secrets.PUSHER_SECRET,
      webhookUrl: `http://127.0.0.1:${webPort}/api/pusher/webhooks`,
      redisUrl: env.REDIS_URL,
      env: { NODE_ENV: "production" },
    });
    stops.push(() => soketi.stop());
  }

  const web = await startWebServer({
    mode: "start",
    port: webPort,
    env: { ...secrets, DATABASE_URL: db.url, PUSHER_PORT: String(soketiPort), AUTH_TRUST_HOST: env.AUTH_TRUST_HOST ?? "true" },
  });
  stops.push(() => web.stop());
  printBanner({
    webUrl: web.url,
    soketiUrl: `ws://localhost:${soketiPort}`,
    metricsUrl: localSoketi ? `http://localhost:${metricsPort}/metrics` : undefined,
    databaseUrl: db.url,
    embedded: db.embedded,
    seconds: (Date.now() - started) / 1000,
    demoPassword: env.SEED_DEMO === "false" ? undefined : (env.DEMO_PASSWORD ?? "livecampus"),
  });
  web.child.once("exit", (code) => void shutdown(code ?? 1));
}

main().catch((error: unknown) => {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
