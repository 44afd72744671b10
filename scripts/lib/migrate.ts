// Applies prisma/migrations with the real Prisma CLI (JS schema engine, see prisma.config.ts),
// but only when something is pending, so a warm `pnpm dev` start costs one SELECT.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { parseDatabaseUrl } from "../../prisma/adapter.ts";
import { REPO_ROOT } from "./paths.ts";

/** Repository root (this file is scripts/lib/migrate.ts). */
export const MIGRATIONS_DIR = path.join(REPO_ROOT, "prisma", "migrations");

export interface MigrationState {
  /** Migration directory names found on disk, oldest first. */
  local: string[];
  /** Finished (and not rolled back) according to `_prisma_migrations`. */
  applied: string[];
  /** On disk but not applied. */
  pending: string[];
  /** Started but never finished (a failed migration): `migrate deploy` refuses until resolved. */
  failed: string[];
}

/** Compares `prisma/migrations/*` with the database's `_prisma_migrations` table. */
export async function getMigrationState(
  databaseUrl: string,
  migrationsDir = MIGRATIONS_DIR,
): Promise<MigrationState> {
  const local = await listLocalMigrations(migrationsDir);
  const parts = parseDatabaseUrl(databaseUrl);
  const client = new pg.Client({
    host: parts.host,
    port: parts.port,
    user: parts.user,
    password: parts.password,
    database: parts.database,
    ssl: parts.ssl,
  });
  client.on("error", () => {});
  await client.connect();
  try {
    const table = `${client.escapeIdentifier(parts.schema ?? "public")}._prisma_migrations`;
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [
      table,
    ]);
    const rows = exists.rows[0]?.t
      ? (
          await client.query<{
            migration_name: string;
            finished_at: Date | null;
            rolled_back_at: Date | null;
          }>(`SELECT migration_name, finished_at, rolled_back_at FROM ${table}`)
        ).rows
      : [];
    const applied = new Set(
      rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name),
    );
    const failed = rows
      .filter((r) => !r.finished_at && !r.rolled_back_at)
      .map((r) => r.migration_name);
    return {
      local,
      applied: local.filter((name) => applied.has(name)),
      pending: local.filter((name) => !applied.has(name)),
      failed,
    };
  } finally {
    await client.end().catch(() => {});
  }
}

export interface ApplyMigrationsOptions {
  /** Receives the Prisma CLI's output lines (only when it runs). Default: silent. */
  log?: (line: string) => void;
  migrationsDir?: string;
}

export interface ApplyMigrationsResult {
  /** Migrations applied by this call. */
  applied: string[];
  /** False when nothing was pending and the CLI was not started. */
  ranCli: boolean;
  durationMs: number;
}

/**
 * Runs `prisma migrate deploy` against `databaseUrl` when a migration in prisma/migrations
 * is not yet applied (or a failed one is recorded, so the CLI reports it); otherwise returns
 * after one query. The database must exist.
 */
export async function applyMigrations(
  databaseUrl: string,
  options: ApplyMigrationsOptions = {},
): Promise<ApplyMigrationsResult> {
  const started = Date.now();
  const before = await getMigrationState(databaseUrl, options.migrationsDir);
  if (before.pending.length === 0 && before.failed.length === 0) {
    return { applied: [], ranCli: false, durationMs: Date.now() - started };
  }
  await runPrismaCli(["migrate", "deploy"], {
    env: { DATABASE_URL: databaseUrl },
    log: options.log && ((line) => !isCliNoise(line) && options.log?.(line)),
    doneWhen: /All migrations have been successfully applied\.|No pending migrations to apply\./,
  });
  const after = await getMigrationState(databaseUrl, options.migrationsDir);
  if (after.pending.length > 0) {
    throw new Error(
      `prisma migrate deploy finished but these migrations are still pending: ${after.pending.join(", ")}`,
    );
  }
  return {
    applied: before.pending.filter((name) => after.applied.includes(name)),
    ranCli: true,
    durationMs: Date.now() - started,
  };
}

// Lines every CLI run prints: blank lines, config banners, and the warning that the schema's
// `url` is unused with a driver adapter (it must stay: see prisma/schema.prisma).
const CLI_NOISE = [
  /^\s*$/,
  /^Loaded Prisma config from/,
  /^Prisma config detected, skipping environment variable loading/,
  /^WARNING: Your schema specifies the following datasource properties/,
  /^- url$/,
  /^The values from your schema will NOT be used!/,
  /^We recommend you to remove those properties from your schema/,
];

/** True for the Prisma CLI's boilerplate output lines (for quieter logs). */
export function isCliNoise(line: string): boolean {
  return CLI_NOISE.some((pattern) => pattern.test(line));
}

async function listLocalMigrations(migrationsDir: string): Promise<string[]> {
  if (!existsSync(migrationsDir)) return [];
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter(
      (entry) =>
        entry.isDirectory() && existsSync(path.join(migrationsDir, entry.name, "migration.sql")),
    )
    .map((entry) => entry.name)
    .sort();
}

export interface RunPrismaCliOptions {
  /** Added to the inherited environment. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  log?: (line: string) => void;
  /**
   * Output that means the command has done its work. The JS schema engine leaves a timer
   * running (10 s after `migrate deploy`, ~60 s after `migrate dev`) that keeps the CLI
   * alive; once this line is printed the process is stopped instead of waited for.
   */
  doneWhen?: RegExp;
  /** Give up (and fail) after this long. Default 180 s. */
  timeoutMs?: number;
}

export interface RunPrismaCliResult {
  output: string;
  /** The CLI was stopped after printing `doneWhen` (rather than exiting by itself). */
  stoppedEarly: boolean;
}

/**
 * Runs the project's Prisma CLI (`node node_modules/prisma/build/index.js …`) and resolves
 * with its output, or rejects with the output when it fails.
 */
export function runPrismaCli(
  args: string[],
  options: RunPrismaCliOptions = {},
): Promise<RunPrismaCliResult> {
  const cli = createRequire(import.meta.url).resolve("prisma/build/index.js");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // No update check, no telemetry: both would try the network.
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    NO_COLOR: "1",
    ...options.env,
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let pending = "";
    let stoppedEarly = false;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve({ output, stoppedEarly });
    };
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      output += text;
      pending += text;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) options.log?.(line);
      if (!stoppedEarly && options.doneWhen?.test(output)) {
        stoppedEarly = true;
        // The work is committed before the CLI prints its summary; only the engine's stray
        // timer is left. Kill it and wait for it to be gone.
        child.kill("SIGKILL");
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(
        new Error(
          `prisma ${args.join(" ")} timed out after ${options.timeoutMs ?? 180_000} ms:\n${output}`,
        ),
      );
    }, options.timeoutMs ?? 180_000);
    child.once("error", (error) => finish(error));
    child.once("close", (code) => {
      if (pending) options.log?.(pending);
      if (stoppedEarly || code === 0) finish();
      else finish(new Error(`prisma ${args.join(" ")} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
