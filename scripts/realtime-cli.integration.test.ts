// The realtime CLI as a user runs it (tsx child processes) against a real Soketi.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "./lib/paths.ts";
import { getFreePort } from "./lib/ports.ts";
import { startSoketi, type SoketiHandle } from "./lib/soketi.ts";

const TSX = path.join(REPO_ROOT, "node_modules/.bin/tsx");
const CLI = path.join(REPO_ROOT, "scripts/realtime-cli.ts");
const id = "ccliintegration0000000001";

let soketi: SoketiHandle;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  soketi = await startSoketi({
    port: await getFreePort(),
    metricsPort: await getFreePort(),
    quiet: true,
  });
  env = { ...process.env, PUSHER_HOST: soketi.host, PUSHER_PORT: String(soketi.port) };
});
afterAll(async () => {
  await soketi?.stop();
});

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(TSX, [CLI, ...args], { cwd: REPO_ROOT, env: { ...env, ...extraEnv } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("pnpm realtime:send / realtime:listen", () => {
  let listener: ChildProcess | undefined;
  afterAll(() => listener?.kill("SIGKILL"));

  it("listens (private, presence, public), sends, and prints one JSON line per event", async () => {
    const channels = [`private-user-${id}`, `presence-course-${id}`, "public-announcements"];
    listener = spawn(TSX, [CLI, "listen", ...channels], { cwd: REPO_ROOT, env });
    let out = "";
    let err = "";
    listener.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    listener.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    await until(
      () => channels.every((c) => err.includes(`subscribed to ${c}`)),
      `3 subscriptions (stderr: ${err})`,
    );

    const sent = await run([
      "send",
      `private-user-${id}`,
      "dashboard-update",
      '{"scope":"payments"}',
    ]);
    expect(sent.code, sent.stderr).toBe(0);
    const receipt = JSON.parse(sent.stdout.trim()) as {
      sent: boolean;
      eventId: string;
      bytes: number;
    };
    expect(receipt).toMatchObject({
      sent: true,
      event: "dashboard-update",
      channel: `private-user-${id}`,
    });

    const announced = await run([
      "send",
      "public-announcements",
      "new-announcement",
      JSON.stringify({
        id,
        title: "Hi",
        message: "All",
        timestamp: new Date().toISOString(),
        eventId: "cli-ann",
      }),
    ]);
    expect(announced.code, announced.stderr).toBe(0);

    await until(() => out.trim().split("\n").filter(Boolean).length >= 2, "two event lines");
    const lines = out
      .trim()
      .split("\n")
      .map(
        (l) => JSON.parse(l) as { channel: string; event: string; data: Record<string, unknown> },
      );
    expect(lines[0]).toMatchObject({
      channel: `private-user-${id}`,
      event: "dashboard-update",
      data: { scope: "payments", eventId: receipt.eventId },
    });
    expect(lines[1]).toMatchObject({
      channel: "public-announcements",
      event: "new-announcement",
      data: { eventId: "cli-ann" },
    });

    // Invalid input: exit 2 with the reason and usage, nothing sent.
    const invalid = await run(["send", `private-user-${id}`, "new-announcement", "{}"]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/may not be published on/);
    expect(invalid.stderr).toMatch(/Usage:/);
    await new Promise((r) => setTimeout(r, 200));
    expect(out.trim().split("\n")).toHaveLength(2);

    listener.kill("SIGINT");
    const code = await new Promise<number | null>((resolve) => listener!.on("close", resolve));
    expect(code).toBe(0);
  });

  it("exits 1 with a clear message when Soketi is not reachable", async () => {
    const result = await run(
      ["send", "private-admin-dashboard", "dashboard-update", '{"scope":"all"}'],
      {
        PUSHER_PORT: String(await getFreePort()),
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/realtime:send failed against http:\/\/127\.0\.0\.1:\d+/);
  });
});
