// Starts the Next.js app (dev server or production server) as a managed child process.
import path from "node:path";
import { spawnManaged, waitForHttp, type Managed } from "./children";
import { WEB_DIR } from "./paths";
import { isPortFree } from "./ports";

const NEXT_BIN = path.join(WEB_DIR, "node_modules/next/dist/bin/next");

export type WebServer = Managed & { url: string; port: number };

/**
 * Runs `next dev` or `next start` on `port` with `env` added to the current environment,
 * and resolves once the app answers. Throws naming the port when it is taken.
 */
export async function startWebServer(options: {
  mode: "dev" | "start";
  port: number;
  env: Record<string, string | undefined>;
  quiet?: boolean;
  timeoutMs?: number;
  /** Path polled until it answers; default "/api/health" with any status below 500 or 503. */
  readyPath?: string;
}): Promise<WebServer> {
  const { mode, port } = options;
  if (!(await isPortFree(port))) {
    throw new Error(
      `port ${port} (web) is already in use by another program; set PORT to use another one`,
    );
  }
  const args = mode === "dev" ? ["dev", "--port", String(port)] : ["start", "--port", String(port)];
  // LIVECAMPUS_WEB_CPU_PROF=dir: a V8 CPU profile of the server, written to dir when it exits.
  const profileDir = process.env.LIVECAMPUS_WEB_CPU_PROF;
  const nodeArgs = profileDir ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profileDir)}`] : [];
  const managed = spawnManaged("web", process.execPath, [...nodeArgs, NEXT_BIN, ...args], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      NODE_ENV: mode === "dev" ? "development" : "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      ...options.env,
    },
    quiet: options.quiet,
    // Writing a profile of a long run takes seconds after the server's own shutdown.
    stopGraceMs: profileDir ? 60_000 : undefined,
  });
  const url = `http://localhost:${port}`;
  let exitCode: number | null = null;
  managed.child.once("exit", (code) => (exitCode = code ?? -1));
  await waitForHttp(`${url}${options.readyPath ?? "/api/health"}`, {
    timeoutMs: options.timeoutMs ?? 120_000,
    ok: (status) => status < 500 || status === 503,
    abortIf: () =>
      exitCode === null ? undefined : `the web server exited (code ${exitCode}) before answering`,
  });
  return { ...managed, url, port };
}
