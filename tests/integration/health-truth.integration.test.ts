// GET /api/health tells the truth (contract §10): a realtime server that refuses the app's
// credentials (Soketi answers HTTP 200 with an error body) is down, an outbox backlog over its
// limit is down, anonymous callers see which parts are down and nothing else; and with the
// database refused every route answers 503 `unavailable`, never 500, and every page the proxy's
// 503 page.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { getFreePort } from "../../scripts/lib/ports";
import { startWebServer, type WebServer } from "../../scripts/lib/web";
import { buildUser, TEST_PASSWORD, testDb } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";
import { createOwnDatabase } from "../helpers/own-database";
import { getStack, stackWebEnv } from "../helpers/stack";

type Health = Record<string, unknown> & { down?: string[] };

describe("a web server with a wrong Soketi secret and an outbox backlog", () => {
  let web: WebServer | undefined;
  let own: Awaited<ReturnType<typeof createOwnDatabase>>;

  beforeAll(async () => {
    own = await createOwnDatabase("health_truth");
    // Five events unsent for ten minutes (the wrong secret keeps them so).
    const client = new pg.Client({ connectionString: own.url });
    await client.connect();
    for (let i = 0; i < 5; i += 1) {
      await client.query(
        `INSERT INTO "OutboxEvent" (id, channels, event, payload, "createdAt")
         VALUES ($1, ARRAY['public-announcements'], 'new-announcement', '{}', now() - interval '10 minutes')`,
        [`chealthtruth${i}${Date.now()}`.slice(0, 25)],
      );
    }
    await client.end();
    web = await startWebServer({
      mode: "start",
      port: await getFreePort(),
      quiet: true,
      env: {
        ...stackWebEnv({ databaseUrl: own.url }),
        PUSHER_SECRET: "not-the-secret-soketi-knows",
        OUTBOX_BACKLOG_LIMIT: "3",
      },
    });
  });

  afterAll(async () => {
    await web?.stop();
    await own?.drop();
  });

  it("answers 503 naming realtime and outbox, with no internal text for anonymous callers", async () => {
    const { status, body } = await new Session(web!.url).json<Health>("/api/health");
    expect(status).toBe(503);
    expect(body).toMatchObject({ db: "up", realtime: "down", outbox: "down" });
    expect(body.down).toEqual(["realtime", "outbox"]);
    expect(body.checks).toBeUndefined();
    expect(body.backlog).toBeUndefined();
    expect(JSON.stringify(body)).not.toMatch(/secret|signature|authentication|401|events unsent/i);
  });
});

describe("details for an admin", () => {
  it("the stack's health, asked by an admin, carries each probe and the backlog", async () => {
    const admin = await buildUser({ role: "ADMIN" });
    const session = await signedIn(admin.email, TEST_PASSWORD);
    const { status, body } = await session.json<Health>("/api/health");
    expect(status).toBe(200);
    expect(body).toMatchObject({
      db: "up",
      realtime: "up",
      outbox: "up",
      checks: { db: { ok: true }, realtime: { ok: true }, outbox: { ok: true } },
      backlog: { count: expect.any(Number), limit: 100 },
    });
  });
});

describe("a web server whose database refuses connections", () => {
  let web: WebServer | undefined;
  let cookie = "";

  beforeAll(async () => {
    // A session cookie from the stack's own server (same AUTH_SECRET), used on the second one.
    const user = await buildUser();
    const session = await signedIn(user.email, TEST_PASSWORD);
    cookie = session.cookieHeader;
    const url = new URL(getStack().databaseUrl);
    url.port = String(await getFreePort()); // nothing listens there
    web = await startWebServer({
      mode: "start",
      port: await getFreePort(),
      quiet: true,
      env: stackWebEnv({ databaseUrl: url.toString() }),
    });
    await testDb().user.count();
  });

  afterAll(async () => {
    await web?.stop();
  });

  it("every route answers 503 unavailable, never 500", async () => {
    const routes: Array<[string, string, string?]> = [
      ["GET", "/api/courses"],
      ["GET", "/api/dashboard"],
      ["GET", "/api/me"],
      [
        "POST",
        "/api/payments",
        JSON.stringify({ courseId: "czzzzzzzzzzzzzzzzzzzzzzzz", amountCents: 1 }),
      ],
      ["GET", "/api/announcements"],
      ["GET", "/api/realtime/missed?channel=public-announcements&after=czzzzzzzzzzzzzzzzzzzzzzzz"],
    ];
    const timings: string[] = [];
    for (const [method, path, body] of routes) {
      const started = performance.now();
      const response = await fetch(new URL(path, web!.url), {
        method,
        headers: { cookie, ...(body && { "content-type": "application/json" }) },
        body,
      });
      const text = await response.text();
      timings.push(`${method} ${path.split("?")[0]} ${Math.round(performance.now() - started)} ms`);
      expect(response.status, `${method} ${path}: ${text}`).toBe(503);
      expect(JSON.parse(text)).toEqual({
        error: { code: "unavailable", message: expect.any(String) },
      });
      expect(text).not.toMatch(/ECONNREFUSED|prisma|127\.0\.0\.1/i);
    }
    console.log(`[health-truth] database refused → 503: ${timings.join(", ")}`);
  });

  it("every page answers the 503 page: HTML, the page's headers, no internals", async () => {
    for (const [path, session] of [
      ["/sign-in", undefined],
      ["/", undefined],
      ["/nowhere", undefined],
      ["/student", cookie],
      ["/courses", cookie],
    ] as const) {
      const response = await fetch(new URL(path, web!.url), {
        redirect: "manual",
        headers: session ? { cookie: session } : {},
      });
      const html = await response.text();
      expect(response.status, path).toBe(503);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("retry-after")).toBe("5");
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("content-security-policy")).toMatch(/script-src [^;]*'nonce-/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(html).toContain("<h1>LiveCampus is temporarily unavailable</h1>");
      expect(html).toContain(`href="${path}"`);
      expect(html).not.toMatch(/ECONNREFUSED|prisma|postgres|127\.0\.0\.1/i);
    }
  });

  it("a server action's fetch gets plain text, which Next's client shows as the error", async () => {
    const response = await fetch(new URL("/sign-in", web!.url), {
      method: "POST",
      headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
      body: "[]",
    });
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("text/plain");
    expect(await response.text()).toMatch(/temporarily unavailable/);
  });

  it("files that need no database are still served", async () => {
    const robots = await fetch(new URL("/robots.txt", web!.url));
    expect(robots.status).toBe(200);
    const icon = await fetch(new URL("/icon.svg", web!.url));
    expect(icon.status).toBe(200);
  });

  it("a credentials sign-in answers 503 too", async () => {
    const session = new Session(web!.url);
    const csrf = await session.json<{ csrfToken: string }>("/api/auth/csrf");
    const response = await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: "a@b.test",
        password: "x",
        csrfToken: csrf.body.csrfToken,
      }),
    });
    expect(response.status).toBe(503);
  });
});
