// Embedded PostgreSQL lifecycle against the real binaries: first init, restart on the same
// data, a server left behind by a SIGKILLed launcher, a stale pid file, a taken port.
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./paths.ts";
import { getFreePort, isPortFree } from "./ports.ts";
import {
  internals,
  PortInUseError,
  startEmbeddedPostgres,
  type EmbeddedPostgres,
} from "./postgres.ts";

let root: string;
let dataDir: string;
let port: number;
const running: EmbeddedPostgres[] = [];

async function start(overrides: Partial<Parameters<typeof startEmbeddedPostgres>[0]> = {}) {
  const server = await startEmbeddedPostgres({
    dataDir,
    port,
    database: "lifecycle",
    durable: false,
    ...overrides,
  });
  running.push(server);
  return server;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Starts postgres from a separate Node process, then SIGKILLs that process: the server stays. */
async function leaveServerBehind(leftoverPort: number): Promise<number> {
  const script = `
    import { startEmbeddedPostgres } from ${JSON.stringify(path.join(REPO_ROOT, "scripts/lib/postgres.ts"))};
    const pg = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${leftoverPort}, database: "lifecycle", durable: false });
    console.log("READY " + pg.pid);
    setInterval(() => {}, 1 << 30);
  `;
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /READY (\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    child.once("exit", (code) => reject(new Error(`launcher exited early (${code}): ${out}`)));
  });
  child.removeAllListeners("exit");
  const gone = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await gone;
  return pid;
}

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "livecampus-pg-lifecycle-"));
  dataDir = path.join(root, "data");
  port = await getFreePort();
});

afterAll(async () => {
  for (const server of running) await server.stop().catch(() => {});
  await rm(root, { recursive: true, force: true });
});

describe("startEmbeddedPostgres", () => {
  it("initialises the data directory on first use and creates the database", async () => {
    const server = await start();
    expect(server.initialised).toBe(true);
    expect(server.reused).toBe(false);
    expect(server.url).toBe(`postgresql://livecampus:livecampus@127.0.0.1:${port}/lifecycle`);
    const [row] = await query<{ db: string; createdb: boolean }>(
      server.url,
      "SELECT current_database() AS db, rolcreatedb AS createdb FROM pg_roles WHERE rolname = current_user",
    );
    // CREATEDB: Prisma's `migrate dev` creates a shadow database.
    expect(row).toEqual({ db: "lifecycle", createdb: true });
    await query(server.url, "CREATE TABLE kept (value text); INSERT INTO kept VALUES ('hello')");
    await server.stop();
    expect(await internals.isAlive(server.pid)).toBe(false);
    expect(await isPortFree(port)).toBe(true);
  });

  it("restarts on the existing data without initialising again", async () => {
    const server = await start();
    expect(server.initialised).toBe(false);
    expect(server.reused).toBe(false);
    expect(await query(server.url, "SELECT value FROM kept")).toEqual([{ value: "hello" }]);
    // Another database on the same cluster is created on demand.
    const other = await start({ database: "second" });
    expect(other.reused).toBe(true);
    expect(await query(other.url, "SELECT current_database() AS db")).toEqual([{ db: "second" }]);
    await server.stop();
  });

  it("reuses a server left running by a killed launcher, and stop() ends it", async () => {
    const leftoverPid = await leaveServerBehind(port);
    expect(await internals.isAlive(leftoverPid)).toBe(true);

    const server = await start();
    expect(server.reused).toBe(true);
    expect(server.pid).toBe(leftoverPid);
    expect(await query(server.url, "SELECT value FROM kept")).toEqual([{ value: "hello" }]);

    await server.stop();
    expect(await internals.isAlive(leftoverPid)).toBe(false);
    expect(await isPortFree(port)).toBe(true);
  });

  it("restarts a leftover server when asked to, or when it listens on another port", async () => {
    const otherPort = await getFreePort();
    const leftoverPid = await leaveServerBehind(otherPort);

    const server = await start(); // configured port differs from the leftover's
    expect(server.reused).toBe(false);
    expect(server.pid).not.toBe(leftoverPid);
    expect(await internals.isAlive(leftoverPid)).toBe(false);
    expect(await isPortFree(otherPort)).toBe(true);
    await server.stop();

    const samePortPid = await leaveServerBehind(port);
    const restarted = await start({ leftover: "restart" });
    expect(restarted.reused).toBe(false);
    expect(restarted.pid).not.toBe(samePortPid);
    expect(await internals.isAlive(samePortPid)).toBe(false);
    await restarted.stop();
  });

  it("ignores a stale postmaster.pid whose pid now belongs to another process", async () => {
    // Our own pid: alive, but not a postgres. Postgres itself would refuse to start on it.
    await writeFile(
      path.join(dataDir, "postmaster.pid"),
      `${process.pid}\n${dataDir}\n0\n${port}\n\n127.0.0.1\n0 0\nready\n`,
    );
    const server = await start();
    expect(server.reused).toBe(false);
    expect(await query(server.url, "SELECT value FROM kept")).toEqual([{ value: "hello" }]);
    await server.stop();
  });

  it("names the port when another program holds it", async () => {
    const blocker = net.createServer();
    const takenPort = await getFreePort();
    await new Promise<void>((resolve) => blocker.listen(takenPort, "127.0.0.1", resolve));
    try {
      const error = await start({
        port: takenPort,
        dataDir: path.join(root, "never-created"),
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(PortInUseError);
      expect((error as Error).message).toContain(
        `port ${takenPort} is already in use by another program`,
      );
      // This very process holds it; /proc lets us say so.
      if (process.platform === "linux")
        expect((error as PortInUseError).owner?.pid).toBe(process.pid);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
