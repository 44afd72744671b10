// Sign-in throttling (contract §10): more than 10 failed attempts for one account or one client
// address within 15 minutes → 429 with Retry-After, even with the right password. The test
// stack trusts X-Forwarded-For (TRUST_PROXY), so each Session is its own address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFreePort } from "../../scripts/lib/ports";
import { startWebServer, type WebServer } from "../../scripts/lib/web";
import { buildUser, TEST_PASSWORD } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";
import { createOwnDatabase } from "../helpers/own-database";
import { stackWebEnv } from "../helpers/stack";

/** One credentials sign-in through Auth.js's route, as a browser form posts it. */
async function attempt(session: Session, email: string, password: string) {
  const csrf = await session.json<{ csrfToken: string }>("/api/auth/csrf");
  const response = await session.fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken: csrf.body.csrfToken }),
  });
  const text = await response.text();
  const signedIn = /authjs\.session-token=/.test(session.cookieHeader);
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    text,
    signedIn,
  };
}

describe("per account", () => {
  it("the 11th attempt after 10 failures is 429 with Retry-After, even with the right password, from any address", async () => {
    const user = await buildUser({ role: "ADMIN" });
    for (let i = 0; i < 10; i += 1) {
      const answer = await attempt(new Session(), user.email, `wrong-${i}`);
      expect(answer.status, `failure ${i + 1}`).toBe(302);
      expect(answer.signedIn).toBe(false);
    }
    const blocked = await attempt(new Session(), user.email.toUpperCase(), TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(blocked.signedIn).toBe(false);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    expect(Number(blocked.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(JSON.parse(blocked.text)).toEqual({
      error: { code: "rate_limited", message: expect.any(String) },
    });
  });

  it("fewer failures do not block, and other accounts are unaffected", async () => {
    const user = await buildUser();
    for (let i = 0; i < 9; i += 1) await attempt(new Session(), user.email, `wrong-${i}`);
    expect((await attempt(new Session(), user.email, TEST_PASSWORD)).signedIn).toBe(true);
    const other = await buildUser();
    expect((await attempt(new Session(), other.email, TEST_PASSWORD)).signedIn).toBe(true);
  });
});

describe("per client address", () => {
  it("10 failures from one address on different accounts block that address, not others", async () => {
    const session = new Session();
    for (let i = 0; i < 10; i += 1) {
      const answer = await attempt(session, `nobody-${i}-${Date.now()}@test.livecampus.test`, "x");
      expect(answer.status).toBe(302);
    }
    const user = await buildUser();
    const blocked = await attempt(session, user.email, TEST_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    // The same account from another address signs in: only the address is throttled.
    expect((await attempt(new Session(), user.email, TEST_PASSWORD)).signedIn).toBe(true);
  });
});

describe("per signed-in user (contract §10)", () => {
  it("the 301st mutating request within a minute is 429 with Retry-After; other users are unaffected", async () => {
    const user = await buildUser();
    const session = await signedIn(user.email, TEST_PASSWORD);
    // All 301 within one minute window: start early in a minute (the window is fixed, not sliding).
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoMinute + 100));
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1) {
      statuses.push((await session.post("/api/notifications/read-all", {})).status);
    }
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const over = await session.fetch("/api/notifications/read-all", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(over.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await over.json()).toEqual({
      error: { code: "rate_limited", message: expect.any(String) },
    });
    // Reads are not counted, and another user's writes go through.
    expect((await session.json("/api/me")).status).toBe(200);
    const other = await signedIn((await buildUser()).email, TEST_PASSWORD);
    expect((await other.post("/api/notifications/read-all", {})).status).toBe(200);
  });
});

describe("without TRUST_PROXY the address is the TCP peer", () => {
  // Its own database: the throttled address here is 127.0.0.1, which the stack's browsers use.
  let web: WebServer | undefined;
  let own: Awaited<ReturnType<typeof createOwnDatabase>> | undefined;

  beforeAll(async () => {
    own = await createOwnDatabase("throttle_peer");
    web = await startWebServer({
      mode: "start",
      port: await getFreePort(),
      quiet: true,
      env: { ...stackWebEnv({ databaseUrl: own.url }), TRUST_PROXY: "false" },
    });
  });

  afterAll(async () => {
    await web?.stop();
    await own?.drop();
  });

  it("an X-Forwarded-For the client invents does not spread its failures", async () => {
    for (let i = 0; i < 10; i += 1) {
      // Each Session claims another address; the server must not believe it.
      const answer = await attempt(new Session(web!.url), `nobody-${i}@test.livecampus.test`, "x");
      expect(answer.status).toBe(302);
    }
    const blocked = await attempt(new Session(web!.url), "someone@test.livecampus.test", "x");
    expect(blocked.status).toBe(429);
  });
});
