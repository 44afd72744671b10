// `pnpm --filter @livecampus/soketi start`: Soketi 1.6.1 with LiveCampus defaults as a child
// process. Reads our env (docs/operations.md, and the repo's .env if there is one), prints one line with
// the URLs once Soketi answers /ready, forwards SIGINT/SIGTERM and exits with the child.
import { existsSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { buildSoketiEnv, SoketiConfigError } from "./config.ts";
import { soketiChildEnv, soketiVersion, spawnSoketi } from "./spawn.ts";
import { REPO_ROOT } from "../../scripts/lib/paths.ts";
import { isPortFree } from "../../scripts/lib/ports.ts";

const dotenv = path.join(REPO_ROOT, ".env");
// Same file the other launchers read; variables already set in the shell win.
if (existsSync(dotenv)) process.loadEnvFile(dotenv);

let soketiEnv: Record<string, string>;
try {
  soketiEnv = buildSoketiEnv(process.env);
} catch (err) {
  if (err instanceof SoketiConfigError) {
    console.error(`[soketi] ${err.message}`);
    process.exit(1);
  }
  throw err;
}

const port = Number(soketiEnv.SOKETI_PORT);
const metricsPort = Number(soketiEnv.SOKETI_METRICS_SERVER_PORT);
const key = unquote(soketiEnv.SOKETI_DEFAULT_APP_KEY ?? "");

function unquote(value: string): string {
  try {
    return String(JSON.parse(value));
  } catch {
    return value;
  }
}

// Soketi (uWS) reports "Server is up and running!" even when it could not bind: check first.
for (const [name, p] of [
  ["PUSHER_PORT", port],
  ["SOKETI_METRICS_PORT", metricsPort],
] as const) {
  if (!(await isPortFree(p))) {
    console.error(
      `[soketi] port ${p} (${name}) is already in use; stop what listens there or set ${name}`,
    );
    process.exit(1);
  }
}

const child = spawnSoketi({ env: soketiChildEnv(soketiEnv) });
let exiting = false;

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (exiting) {
      // A second Ctrl-C: do not wait for the grace period.
      child.kill("SIGKILL");
      return;
    }
    exiting = true;
    child.kill("SIGTERM");
  });
}

child.on("exit", (code, signal) => {
  process.exitCode = code ?? (signal ? 128 + constants.signals[signal] : 1);
  // The IPC channel would keep this process alive.
  if (child.connected) child.disconnect();
});
child.on("error", (err) => {
  console.error(`[soketi] could not start: ${err.message}`);
  process.exitCode = 1;
});

async function announceWhenReady(): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null && !exiting) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/ready`);
      if (res.ok && (await res.text()) === "OK") {
        console.log(
          `[soketi] Soketi ${soketiVersion()} ready · ws://127.0.0.1:${port}/app/${key} · http://127.0.0.1:${port} · metrics http://127.0.0.1:${metricsPort}/metrics`,
        );
        return;
      }
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  if (child.exitCode === null && !exiting)
    console.error(`[soketi] not ready on port ${port} after 30 s`);
}
void announceWhenReady();
