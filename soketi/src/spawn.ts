// Spawns Soketi 1.6.1 as a child Node process. Shared by `pnpm --filter @livecampus/soketi start`
// (src/start.ts) and the dev/test helper scripts/lib/soketi.ts.
import { spawn, type ChildProcess, type StdioOptions } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Directory of the installed @soketi/soketi package. */
export function soketiPackageDir(): string {
  return path.dirname(require.resolve("@soketi/soketi/package.json"));
}

/** Absolute path of Soketi's CLI entry (`bin/server.js`). */
export function soketiServerScript(): string {
  return path.join(soketiPackageDir(), "bin", "server.js");
}

/** Version of the installed Soketi (1.6.1). */
export function soketiVersion(): string {
  const pkg = JSON.parse(readFileSync(path.join(soketiPackageDir(), "package.json"), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

// Only what a Node process needs; DATABASE_URL, AUTH_SECRET & co. never reach Soketi, and
// NODE_OPTIONS (loaders of tsx or vitest) does not leak into it.
const PASS_THROUGH = [
  "PATH",
  "HOME",
  "USER",
  "LANG",
  "LC_ALL",
  "TZ",
  "TMPDIR",
  "NODE_ENV",
  "NO_COLOR",
  "FORCE_COLOR",
];

/** The child's environment: a minimal base plus the SOKETI_* variables from buildSoketiEnv. */
export function soketiChildEnv(
  soketiEnv: Record<string, string>,
  base: Readonly<Record<string, string | undefined>> = process.env,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASS_THROUGH) {
    const value = base[name];
    if (value !== undefined) env[name] = value;
  }
  // aws-sdk v2 (an unused Soketi dependency) prints an end-of-support notice at start.
  env.AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE = "1";
  return { ...env, ...soketiEnv };
}

export interface SpawnSoketiOptions {
  /** Full environment of the child (see soketiChildEnv). */
  env: Record<string, string>;
  /** stdout/stderr handling; default "inherit". */
  output?: "inherit" | "pipe" | "ignore";
}

/**
 * Soketi's JSON config file: options that have no SOKETI_* variable. Today one: node discovery
 * binds its UDP socket to loopback instead of 0.0.0.0 (node-discover's `address`).
 */
export const SOKETI_CONFIG_FILE = path.join(here, "soketi.json");

/**
 * Starts `node bin/server.js start --config soketi.json` with the preloads: redis-guard.cjs (a
 * Redis outage must not shut Soketi down) and http-api.cjs (an HTTP API publish is answered
 * before its fan-out, on a connection kept open). The parent guard: the child gets an IPC
 * channel and stops itself when the parent disappears, even after a SIGKILL. The child runs in
 * its own process group, so a terminal Ctrl-C reaches only the parent, which is expected to
 * forward SIGTERM (one graceful shutdown instead of two).
 * Working directory: this package, so Soketi's built-in dotenv does not pick up a stray .env.
 */
export function spawnSoketi({ env, output = "inherit" }: SpawnSoketiOptions): ChildProcess {
  const stdio: StdioOptions = ["ignore", output, output, "ipc"];
  return spawn(
    process.execPath,
    [
      "--require",
      path.join(here, "parent-guard.cjs"),
      "--require",
      path.join(here, "redis-guard.cjs"),
      "--require",
      path.join(here, "http-api.cjs"),
      soketiServerScript(),
      "start",
      `--config=${SOKETI_CONFIG_FILE}`,
    ],
    {
      cwd: path.join(here, ".."),
      env,
      stdio,
      detached: true,
    },
  );
}
