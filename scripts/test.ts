// `pnpm test`: every suite. Unit tests first; then one PostgreSQL, one Soketi and one production
// build of the web app on free ports (never the dev ones), shared by the integration and e2e
// projects. Exits non-zero on any failure and leaves no process behind.
//
//   pnpm test                     everything; then the fault suite (scripts/test-faults.ts) and
//                                 the compose suite (scripts/test-compose.ts) last
//   pnpm test -- <vitest filter>  a subset (the stack still starts, unit tests still run; the
//                                 fault/compose suites only for a filter under tests/faults or
//                                 tests/compose)
//   LIVECAMPUS_SKIP_BUILD=1       reuse the last `next build` (local iteration only)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { exited, onShutdown } from "./lib/children";
import { getFreePort } from "./lib/ports";
import { startSoketi } from "./lib/soketi";
import { findSystemTool } from "./lib/system-tools";
import { REPO_ROOT, WEB_DIR } from "./lib/paths";
import { prepareTestBuild, startTestPostgres } from "./lib/test-stack";
import { startWebServer } from "./lib/web";
import { STACK_ENV, webServerEnv, type TestStack } from "../tests/helpers/stack";

const filters = process.argv.slice(2).filter((arg) => arg !== "--");
const VITEST = path.join(REPO_ROOT, "node_modules/vitest/vitest.mjs");
const TSX = path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
const stops: Array<() => Promise<void>> = [];
const shutdown = onShutdown(stops, "Stopping the test stack");

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  const child = spawn(command, args, { cwd: REPO_ROOT, env, stdio: "inherit" });
  stops.push(async () => {
    child.kill("SIGTERM");
    await exited(child);
  });
  return new Promise((resolve) =>
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
}

function vitest(projects: string[], env?: NodeJS.ProcessEnv) {
  // A filter may select files of one project only (e.g. tests/integration/…): the others then
  // have nothing to run, which is not a failure.
  const passEmpty = filters.length > 0 ? ["--passWithNoTests"] : [];
  return run(
    process.execPath,
    [VITEST, "run", ...projects.flatMap((p) => ["--project", p]), ...passEmpty, ...filters],
    env,
  );
}

const secret = () => randomBytes(24).toString("hex");
const started = Date.now();
const step = (message: string) =>
  console.log(`\n▶ ${message} (+${((Date.now() - started) / 1000).toFixed(1)}s)`);

async function main(): Promise<number> {
  step("Unit tests");
  const unit = await vitest(["unit"]);

  step("Starting the test stack: PostgreSQL, Soketi, web (production build)");
  const pg = await startTestPostgres("livecampus_test", stops);
  const [soketiPort, metricsPort, webPort] = [
    await getFreePort(),
    await getFreePort(),
    await getFreePort(),
  ];

  // Production mode refuses the development credentials, so the test stack uses its own.
  const credentials = { appId: `test-${secret().slice(0, 8)}`, key: secret(), secret: secret() };
  const soketi = await startSoketi({
    port: soketiPort!,
    metricsPort: metricsPort!,
    ...credentials,
    webhookUrl: `http://127.0.0.1:${webPort}/api/pusher/webhooks`,
    quiet: true,
  });
  stops.push(() => soketi.stop());

  const runDist = await prepareTestBuild("run", stops);
  // Inherited by this run's web server and by any web server a test starts.
  process.env.NEXT_DIST_DIR = runDist;

  const authSecret = secret();
  const web = await startWebServer({
    mode: "start",
    port: webPort!,
    env: {
      ...webServerEnv({ databaseUrl: pg.url, authSecret, credentials, pusherPort: soketiPort! }),
      SOKETI_METRICS_URL: `http://127.0.0.1:${metricsPort}/metrics`,
    },
    quiet: !process.env.LIVECAMPUS_TEST_VERBOSE,
  });
  stops.push(() => web.stop());

  const stack: TestStack = {
    databaseUrl: pg.url,
    webUrl: web.url,
    webDir: WEB_DIR,
    authSecret,
    soketi: { host: "127.0.0.1", port: soketiPort!, metricsPort: metricsPort!, ...credentials },
    chromium: findSystemTool(["chromium", "chromium-browser", "google-chrome"]),
    redisServer: findSystemTool(["redis-server"]),
  };

  step("Integration and browser tests");
  const rest = await vitest(["integration", "e2e"], {
    ...process.env,
    [STACK_ENV]: JSON.stringify(stack),
  });

  // Its own stack (it kills Soketi), reusing this run's build snapshot (NEXT_DIST_DIR).
  let faults = 0;
  if (
    filters.length === 0 ||
    filters.some((f) => f.replace(/^\.\//, "").startsWith("tests/faults"))
  ) {
    step("Fault suite (pnpm test:faults)");
    faults = await run(process.execPath, [TSX, path.join(REPO_ROOT, "scripts/test-faults.ts")]);
  }
  // Last: the docker compose stack (its own engine, images and ports; skipped loudly outside CI
  // when Docker is missing).
  let compose = 0;
  if (
    filters.length === 0 ||
    filters.some((f) => f.replace(/^\.\//, "").startsWith("tests/compose"))
  ) {
    step("Compose suite (pnpm test:compose)");
    compose = await run(process.execPath, [TSX, path.join(REPO_ROOT, "scripts/test-compose.ts")]);
  }
  console.log(`\nTotal ${((Date.now() - started) / 1000).toFixed(1)}s`);
  return unit !== 0 || rest !== 0 || faults !== 0 || compose !== 0 ? 1 : 0;
}

main()
  .then((code) => shutdown(code))
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    void shutdown(1);
  });
