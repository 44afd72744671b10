// GET /api/health on the real stack, on a second `next start` whose realtime server is gone, and
// the production start-up refusal (development Pusher credentials, no AUTH_SECRET) of `next start`.
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_PUSHER_CREDENTIALS } from "@/lib/dev-defaults";
import { getFreePort } from "../../scripts/lib/ports";
import { WEB_DIR } from "../../scripts/lib/paths";
import { startWebServer, type WebServer } from "../../scripts/lib/web";
import { testDb } from "../helpers/factories";
import { Session } from "../helpers/http";
import { getStack, stackWebEnv } from "../helpers/stack";

type Health = {
  db: "up" | "down";
  realtime: "up" | "down";
  down?: string[];
  error?: { code: string; message: string };
};

const NEXT_BIN = path.join(WEB_DIR, "node_modules/next/dist/bin/next");

/** The test process's environment without anything that configures the app. */
function ambientEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(AUTH_|PUSHER_|NEXT_PUBLIC_|DATABASE_URL$|REDIS_URL$)/.test(name)) delete env[name];
  }
  return env;
}

describe("GET /api/health on the test stack", () => {
  it("answers 200 with db and realtime up", async () => {
    const { status, body } = await new Session().json<Health>("/api/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({ db: "up", realtime: "up" });
    expect(body.down).toBeUndefined();
  });
});

describe("a second web server whose database is down", () => {
  let web: WebServer | undefined;

  beforeAll(async () => {
    const url = new URL(getStack().databaseUrl);
    url.port = String(await getFreePort()); // nothing listens there
    web = await startWebServer({
      mode: "start",
      port: await getFreePort(),
      quiet: true,
      env: stackWebEnv({ databaseUrl: url.toString() }),
    });
  });

  afterAll(async () => {
    await web?.stop();
  });

  it("answers 503 naming db as down, realtime still up", async () => {
    const { status, body } = await new Session(web!.url).json<Health>("/api/health");
    expect(status).toBe(503);
    expect(body).toMatchObject({ db: "down", realtime: "up", down: ["db"] });
    expect(body.error?.message).toMatch(/db/);
  });
});

describe("a second web server whose realtime server is down", () => {
  // Its own empty database: the second server's outbox dispatcher must not claim (and delay) the
  // events of the tests running against the shared database. SELECT 1 is all health needs.
  const database = `health_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
  let web: WebServer | undefined;

  beforeAll(async () => {
    await testDb().$executeRawUnsafe(`CREATE DATABASE "${database}"`);
    const url = new URL(getStack().databaseUrl);
    url.pathname = `/${database}`;
    const port = await getFreePort();
    const deadRealtimePort = await getFreePort();
    web = await startWebServer({
      mode: "start",
      port,
      quiet: true,
      env: stackWebEnv({ databaseUrl: url.toString(), pusherPort: deadRealtimePort }),
    });
  });

  afterAll(async () => {
    await web?.stop();
    await testDb().$executeRawUnsafe(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  });

  it("answers 503 naming realtime as down, db still up", async () => {
    const { status, body } = await new Session(web!.url).json<Health>("/api/health");
    expect(status).toBe(503);
    expect(body.realtime).toBe("down");
    expect(body.db).toBe("up");
    expect(body.down).toEqual(["realtime"]);
    expect(body.error?.message).toMatch(/realtime/);
  });
});

/**
 * Runs `next start` on the existing build and waits for it to exit on its own: no request is
 * sent, so the refusal must come from start-up (instrumentation), not from the first request.
 */
async function startAndExpectExit(env: Record<string, string>, timeoutMs = 30_000) {
  const port = await getFreePort();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "--port", String(port)], {
    cwd: WEB_DIR,
    env: {
      ...ambientEnv(),
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      ...env,
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(null);
    }, timeoutMs);
    child.once("exit", (exitCode) => {
      clearTimeout(timer);
      resolve(exitCode);
    });
  });
  return { code, output };
}

describe("production start-up refusal of `next start`", () => {
  it("exits non-zero with the development Pusher credentials, naming them", async () => {
    const { code, output } = await startAndExpectExit({
      ...stackWebEnv(),
      PUSHER_APP_ID: DEV_PUSHER_CREDENTIALS.appId,
      PUSHER_KEY: DEV_PUSHER_CREDENTIALS.key,
      PUSHER_SECRET: DEV_PUSHER_CREDENTIALS.secret,
    });
    expect(code, `did not exit on its own; output:\n${output}`).not.toBeNull();
    expect(code).not.toBe(0);
    expect(output).toMatch(/PUSHER_KEY/);
    expect(output).toMatch(/PUSHER_SECRET/);
    expect(output).toMatch(/PUSHER_APP_ID/);
  });

  it("exits non-zero without AUTH_SECRET, naming it", async () => {
    const env = stackWebEnv();
    delete (env as Partial<typeof env>).AUTH_SECRET;
    const { code, output } = await startAndExpectExit(env);
    expect(code, `did not exit on its own; output:\n${output}`).not.toBeNull();
    expect(code).not.toBe(0);
    expect(output).toMatch(/AUTH_SECRET/);
  });
});
