// What the test runners (`pnpm test`, `pnpm test:faults`) start alike: a throwaway PostgreSQL
// with the migrations applied, and the production build they serve — built once into
// web/.next-test under a lock (several runs may share a checkout), then each run serves a private
// snapshot of it, so a later build cannot pull the files from under a running server.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { exited } from "./children";
import { withLock } from "./lock";
import { applyMigrations } from "./migrate";
import { REPO_ROOT, WEB_DIR } from "./paths";
import { getFreePort } from "./ports";
import { startEmbeddedPostgres } from "./postgres";

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
        cwd: REPO_ROOT,
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
