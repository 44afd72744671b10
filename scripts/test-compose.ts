// `pnpm test:compose` (also the last step of `pnpm test`): the real docker compose stack on
// this machine. Starts a Docker engine if none answers (no bridge), builds the stand-in base
// images, `up -d --build --scale soketi=2` with generated secrets and free ports, drives it
// through the proxy (tests/compose, vitest project "compose"), then `down -v`. Prints the
// timings and image sizes. Under CI=true a missing docker/debootstrap is a failure; locally
// the suite is skipped with a loud message.
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { REPO_ROOT } from "./lib/paths";
import { findSystemTool } from "./lib/system-tools";
import {
  composeUp,
  containerHealth,
  ensureBaseImages,
  ensureEngine,
  generateEnv,
  stackHandle,
  waitHealthy,
  writeEnvFile,
} from "./compose/stack";

export const COMPOSE_STACK_ENV = "LIVECAMPUS_COMPOSE_STACK";
const VITEST = path.join(REPO_ROOT, "node_modules/vitest/vitest.mjs");
const started = Date.now();
const since = (t: number) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const step = (message: string) => console.log(`\n▶ compose: ${message} (+${since(started)})`);

function missingTools(): string[] {
  const need: [string, () => boolean][] = [
    ["dockerd", () => !!findSystemTool(["dockerd"])],
    // compose v1 builds with the Debian client (see scripts/compose/stack.ts).
    ["docker (Debian's docker.io)", () => existsSync("/usr/bin/docker")],
    ["docker-compose", () => !!findSystemTool(["docker-compose"])],
    ["debootstrap", () => !!findSystemTool(["debootstrap"]) || existsSync("/usr/sbin/debootstrap")],
  ];
  return need.filter(([, found]) => !found()).map(([label]) => label);
}

function vitest(env: NodeJS.ProcessEnv, filters: string[]): Promise<number> {
  const child = spawn(process.execPath, [VITEST, "run", "--project", "compose", ...filters], {
    cwd: REPO_ROOT,
    env,
    stdio: "inherit",
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  const missing = missingTools();
  if (missing.length > 0) {
    const message = `missing ${missing.join(", ")} (apt-get install -y docker.io docker-compose debootstrap)`;
    if (process.env.CI === "true") {
      console.error(`✖ compose suite: ${message}`);
      return 1;
    }
    console.warn(`\n⚠️  ⚠️  SKIPPING the compose suite (pnpm test:compose): ${message}\n`);
    return 0;
  }
  const filters = process.argv.slice(2).filter((a) => a !== "--");

  step("Docker engine");
  const dockerHost = await ensureEngine();
  step("stand-in base images");
  let t = Date.now();
  await ensureBaseImages(dockerHost);
  console.log(`  base images ready in ${since(t)}`);

  const dir = mkdtempSync(path.join(os.tmpdir(), "lc-compose-"));
  const envFile = path.join(dir, "stack.env");
  writeEnvFile(envFile, await generateEnv(), "# pnpm test:compose (throwaway)");
  const project = `lctest${process.pid}`;
  const stack = stackHandle(project, envFile, dockerHost);
  let code = 1;
  try {
    step(`up -d --build --scale soketi=2 (project ${project})`);
    t = Date.now();
    await composeUp(stack, ["--scale", "soketi=2"]);
    const built = since(t);
    await waitHealthy(stack);
    console.log(`  up (build included) ${built}; every service healthy after ${since(t)}`);

    // Trust Caddy's local CA (TLS_MODE=auto for localhost), besides any CA already configured.
    const proxy = (await stack.compose(["ps", "-q", "proxy"])).split("\n")[0]!;
    const ca = path.join(dir, "caddy-root.crt");
    await stack.docker(["cp", `${proxy}:/data/caddy/pki/authorities/local/root.crt`, ca]);
    const extra = process.env.NODE_EXTRA_CA_CERTS;
    if (extra && existsSync(extra)) appendFileSync(ca, `\n${readFileSync(extra, "utf8")}`);

    step("tests through the proxy (tests/compose)");
    code = await vitest(
      {
        ...process.env,
        NODE_EXTRA_CA_CERTS: ca,
        [COMPOSE_STACK_ENV]: JSON.stringify({ project, envFile, dockerHost }),
      },
      filters,
    );
    if (code !== 0) {
      for (const c of await containerHealth(stack).catch(() => []))
        console.log(`  ${c.name}: ${c.state} ${c.health ?? ""}`);
      console.log(await stack.compose(["logs", "--no-color", "--tail", "40"]).catch(String));
    }
    const sizes = await stack.docker([
      "image",
      "ls",
      "--format",
      "{{.Repository}}:{{.Tag}} {{.Size}}",
      "--filter",
      `reference=${project}_*`,
    ]);
    console.log(`\n📏 images:\n${sizes.replace(/^/gm, "   ")}`);
  } finally {
    step("down -v");
    await stack.compose(["down", "-v", "--remove-orphans"]).catch((e: unknown) => {
      console.error(`down failed: ${String(e)}`);
      code = 1;
    });
    // The images stay (they are the build cache of the next run); this run's tags go.
    await stack
      .docker(["image", "ls", "-q", "--filter", `reference=${project}_*`])
      .then((ids) => (ids ? stack.docker(["image", "rm", "-f", ...new Set(ids.split("\n"))]) : ""))
      .catch(() => "");
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(`\ncompose suite ${code === 0 ? "passed" : "FAILED"} in ${since(started)}`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
