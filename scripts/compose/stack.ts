// The real docker compose stack on this machine (no Docker bridge, no image registry): a
// Docker engine (engine.sh), local stand-ins for the upstream base images (base-images.sh),
// then docker-compose.yml plus the host-network override tests/compose/docker-compose.host.yml.
// Shared by `pnpm compose:local` (scripts/compose/cli.ts) and `pnpm test:compose`.
import { execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../lib/paths.ts";
import { getFreeUdpPort, isPortFree } from "../lib/ports.ts";

const run = promisify(execFile);
const HERE = path.join(REPO_ROOT, "scripts/compose");
export const HOST_OVERRIDE = path.join(REPO_ROOT, "tests/compose/docker-compose.host.yml");
/** Replica slots per scaled service (web, soketi): the most `--scale` may ask for. */
export const REPLICA_PORTS = 4;

export type ComposeEnv = Record<string, string>;

export interface ComposeStack {
  project: string;
  envFile: string;
  dockerHost: string;
  env: ComposeEnv;
  /** https://localhost:{HTTPS_PORT} */
  url: string;
  /** Runs `docker-compose …args` for this stack; resolves stdout, rejects with stderr. */
  compose(args: string[], options?: { timeoutMs?: number }): Promise<string>;
  /** Runs `docker …args` against the engine. */
  docker(args: string[]): Promise<string>;
}

/** Environment of every docker/compose command: our engine, the Debian client, BuildKit. */
export function dockerEnv(dockerHost: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DOCKER_HOST: dockerHost,
    // /usr/bin/docker (Debian 20.10) first: the newer client in /usr/local/bin refuses BuildKit
    // without buildx, and compose v1 shells out to `docker build`.
    PATH: `/usr/bin:${process.env.PATH ?? ""}`,
    COMPOSE_DOCKER_CLI_BUILD: "1",
    DOCKER_BUILDKIT: "1",
  };
}

function streamed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`${command} exited with ${code}`)),
    );
  });
}

/** Starts a Docker engine when none answers (engine.sh); resolves its DOCKER_HOST. */
export async function ensureEngine(): Promise<string> {
  return streamed("bash", [path.join(HERE, "engine.sh")], process.env);
}

/** Builds the missing stand-in base images (base-images.sh). */
export async function ensureBaseImages(dockerHost: string): Promise<void> {
  await streamed("bash", [path.join(HERE, "base-images.sh")], dockerEnv(dockerHost));
}

/**
 * Where the stack's ports may lie: below the kernel's ephemeral range (the local ports of
 * outgoing connections), else above it. A port inside it can be taken by any outgoing
 * connection while its service is down (a replica scaled up late, a restart), and Soketi's
 * metrics listener then fails without a word.
 */
function portWindow(): { from: number; to: number } {
  let [low, high] = [32_768, 60_999];
  try {
    const range = readFileSync("/proc/sys/net/ipv4/ip_local_port_range", "utf8").trim();
    [low, high] = range.split(/\s+/).map(Number) as [number, number];
  } catch {
    // not Linux: its usual range
  }
  return low - 10_000 >= 2_000 ? { from: 10_000, to: low - 1 } : { from: high + 1, to: 65_535 };
}

async function freeRange(count: number, used: Set<number>): Promise<number> {
  const { from, to } = portWindow();
  for (let attempt = 0; attempt < 200; attempt++) {
    const base = from + Math.floor(Math.random() * (to - from + 2 - count));
    let ok = true;
    for (let p = base; p < base + count && ok; p++) ok = !used.has(p) && (await isPortFree(p));
    if (ok) {
      for (let p = base; p < base + count; p++) used.add(p);
      return base;
    }
  }
  throw new Error(`no ${count} consecutive free ports found`);
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/**
 * A complete environment for the stack on this machine: random secrets, free ports (ranges of
 * REPLICA_PORTS for the scaled services), demo data on. Nothing here is a development value:
 * the app and Soketi run in production mode.
 */
export async function generateEnv(overrides: ComposeEnv = {}): Promise<ComposeEnv> {
  const used = new Set<number>();
  const one = async () => String(await freeRange(1, used));
  const soketiMetrics = await freeRange(REPLICA_PORTS, used);
  let cluster = await getFreeUdpPort();
  // The discovery ports of the slots must be free too; UDP ports rarely collide here.
  if (cluster > 65_000) cluster = 40_000 + (cluster % 20_000);
  return {
    DOMAIN: "localhost",
    HTTP_PORT: await one(),
    HTTPS_PORT: await one(),
    PROXY_INTERNAL_PORT: await one(),
    POSTGRES_PORT: await one(),
    REDIS_PORT: await one(),
    WEB_PORT: String(await freeRange(REPLICA_PORTS, used)),
    SOKETI_PORT: String(await freeRange(REPLICA_PORTS, used)),
    SOKETI_METRICS_PORT: String(soketiMetrics),
    SOKETI_CLUSTER_PORT: String(cluster),
    SOKETI_METRICS_URL: Array.from(
      { length: REPLICA_PORTS },
      (_, i) => `http://127.0.0.1:${soketiMetrics + i}/metrics`,
    ).join(","),
    REPLICA_PORTS: String(REPLICA_PORTS),
    // This machine's hard limit on open files (the daemon cannot grant more).
    SOKETI_NOFILE: "20000",
    PUSHER_APP_ID: `lc-${hex(6)}`,
    PUSHER_KEY: hex(16),
    PUSHER_SECRET: hex(32),
    AUTH_SECRET: hex(32),
    POSTGRES_PASSWORD: hex(24),
    METRICS_TOKEN: hex(24),
    ADMIN_EMAIL: "admin@livecampus.test",
    ADMIN_PASSWORD: process.env.DEMO_PASSWORD || "livecampus",
    SEED_DEMO: "true",
    DEMO_PASSWORD: process.env.DEMO_PASSWORD || "livecampus",
    ...overrides,
  };
}

/** KEY=value lines (values are hex, numbers, URLs and e-mail addresses: no quoting needed). */
export function writeEnvFile(file: string, env: ComposeEnv, header: string): void {
  const lines = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  writeFileSync(file, `${header}\n${lines.join("\n")}\n`, { mode: 0o600 });
}

/** Parses a KEY=value env file (comments and blank lines ignored). */
export function readEnvFile(file: string): ComposeEnv {
  const env: ComposeEnv = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!.trim().replace(/^"(.*)"$/, "$1");
  }
  return env;
}

/** A handle on the stack `project` described by `envFile` (nothing is started). */
export function stackHandle(project: string, envFile: string, dockerHost: string): ComposeStack {
  const env = readEnvFile(envFile);
  const procEnv = dockerEnv(dockerHost);
  const files = ["-f", path.join(REPO_ROOT, "docker-compose.yml"), "-f", HOST_OVERRIDE];
  return {
    project,
    envFile,
    dockerHost,
    env,
    url: `https://localhost:${env.HTTPS_PORT}`,
    async compose(args, options = {}) {
      const { stdout } = await run(
        "docker-compose",
        ["-p", project, "--env-file", envFile, ...files, ...args],
        {
          cwd: REPO_ROOT,
          env: procEnv,
          timeout: options.timeoutMs ?? 15 * 60_000,
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      return stdout.trim();
    },
    async docker(args) {
      const { stdout } = await run("/usr/bin/docker", args, {
        env: procEnv,
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout.trim();
    },
  };
}

/** `up -d --build` with output shown (image builds take a while). */
export async function composeUp(stack: ComposeStack, extra: string[] = []): Promise<void> {
  await streamed(
    "docker-compose",
    [
      "-p",
      stack.project,
      "--env-file",
      stack.envFile,
      "-f",
      path.join(REPO_ROOT, "docker-compose.yml"),
      "-f",
      HOST_OVERRIDE,
      "up",
      "-d",
      "--build",
      ...extra,
    ],
    dockerEnv(stack.dockerHost),
  );
}

type Health = { name: string; service: string; state: string; health: string | undefined };

/** State and health of every container of the stack. */
export async function containerHealth(stack: ComposeStack): Promise<Health[]> {
  const ids = (await stack.compose(["ps", "-q"])).split("\n").filter(Boolean);
  if (ids.length === 0) return [];
  const out = await stack.docker([
    "inspect",
    "--format",
    '{{.Name}}|{{index .Config.Labels "com.docker.compose.service"}}|{{.State.Status}}|{{if .State.Health}}{{.State.Health.Status}}{{end}}',
    ...ids,
  ]);
  return out.split("\n").map((line) => {
    const [name, service, state, health] = line.split("|");
    return {
      name: name!.replace(/^\//, ""),
      service: service!,
      state: state!,
      health: health || undefined,
    };
  });
}

/** Resolves once every long-running container is healthy and migrate exited 0. */
export async function waitHealthy(stack: ComposeStack, timeoutMs = 180_000): Promise<Health[]> {
  const deadline = Date.now() + timeoutMs;
  let last: Health[] = [];
  for (;;) {
    last = await containerHealth(stack);
    const ready =
      last.length > 0 &&
      last.every((c) =>
        c.service === "migrate"
          ? c.state === "exited"
          : c.state === "running" && c.health === "healthy",
      );
    if (ready) return last;
    if (Date.now() > deadline)
      throw new Error(
        `stack not healthy after ${timeoutMs} ms: ${last.map((c) => `${c.name}=${c.state}/${c.health ?? "-"}`).join(", ")}`,
      );
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The env file of `pnpm compose:local`: the repo's .env, written with fresh values when absent. */
export async function localEnvFile(): Promise<{ file: string; created: boolean }> {
  const file = path.join(REPO_ROOT, ".env");
  if (existsSync(file)) return { file, created: false };
  const env = await generateEnv();
  writeEnvFile(
    file,
    env,
    "# Written by `pnpm compose:local up` (random secrets, free ports). Edit or delete freely.",
  );
  return { file, created: true };
}
