// The production build the test suites serve (`pnpm test`, `pnpm test:faults`): built once into
// web/.next-test under a lock (several runs may share a checkout), then each run serves a private
// snapshot of it, so a later build cannot pull the files from under a running server.
import { spawn } from "node:child_process";
import { cpSync, existsSync, rmSync } from "node:fs";
import path from "node:path";
import { exited } from "./children";
import { withLock } from "./lock";
import { REPO_ROOT, WEB_DIR } from "./paths";

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
