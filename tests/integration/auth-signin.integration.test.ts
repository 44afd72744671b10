// Sign-in, session and sign-out through Auth.js's standard routes (README.md, "Run it"), on the real app.
import { describe, expect, it } from "vitest";
import { buildUser, TEST_PASSWORD } from "../helpers/factories";
import { Session } from "../helpers/http";

type ApiError = { error: { code: string; message: string } };
type AuthSession = {
  user?: { id?: string; name?: string; email?: string; role?: string };
  expires?: string;
} | null;

const ROLES = ["STUDENT", "TEACHER", "ADMIN"] as const;

function hasSessionCookie(session: Session) {
  return /authjs\.session-token=/.test(session.cookieHeader);
}

async function expectSignedOut(session: Session) {
  const me = await session.json<ApiError>("/api/me");
  expect(me.status).toBe(401);
  expect(me.body).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
  const auth = await session.json<AuthSession>("/api/auth/session");
  expect(auth.status).toBe(200);
  // Auth.js answers `null` (older versions `{}`) when there is no session.
  expect(auth.body?.user).toBeUndefined();
}

describe("sign-in with the credentials provider", () => {
  it.each(ROLES)("a %s with the right password gets a session and /api/me", async (role) => {
    const user = await buildUser({ role });
    const session = new Session();
    expect(await session.signIn(user.email, TEST_PASSWORD)).toBe(true);

    const me = await session.json("/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toEqual({ id: user.id, name: user.name, email: user.email, role });

    const auth = await session.json<AuthSession>("/api/auth/session");
    expect(auth.status).toBe(200);
    expect(auth.body?.user).toMatchObject({
      id: user.id,
      name: user.name,
      email: user.email,
      role,
    });
    expect(new Date(auth.body!.expires!).getTime()).toBeGreaterThan(Date.now());
  });

  it("matches the email case-insensitively", async () => {
    const user = await buildUser();
    const session = new Session();
    expect(await session.signIn(user.email.toUpperCase(), TEST_PASSWORD)).toBe(true);
    expect((await session.json<{ id: string }>("/api/me")).body.id).toBe(user.id);
  });

  it("refuses a wrong password: no session cookie, /api/me 401", async () => {
    const user = await buildUser({ role: "ADMIN" });
    const session = new Session();
    expect(await session.signIn(user.email, `${TEST_PASSWORD}x`)).toBe(false);
    expect(hasSessionCookie(session)).toBe(false);
    await expectSignedOut(session);
  });

  it("refuses an unknown email the same way", async () => {
    const session = new Session();
    expect(await session.signIn(`nobody-${Date.now()}@test.livecampus.test`, TEST_PASSWORD)).toBe(
      false,
    );
    await expectSignedOut(session);
  });

  it("sends a refused sign-in back to the sign-in page with an error, not a 5xx", async () => {
    const user = await buildUser();
    const session = new Session();
    const csrf = await session.json<{ csrfToken: string }>("/api/auth/csrf");
    const response = await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        email: user.email,
        password: "wrong",
        csrfToken: csrf.body.csrfToken,
      }),
    });
    await response.arrayBuffer();
    expect(response.status).toBeGreaterThanOrEqual(300);
    expect(response.status).toBeLessThan(400);
    const location = new URL(response.headers.get("location")!, session.baseUrl);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toBeTruthy();
  });

  it("refuses a sign-in without the CSRF token even with the right password", async () => {
    const user = await buildUser();
    const session = new Session();
    const response = await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: user.email, password: TEST_PASSWORD }),
    });
    await response.arrayBuffer();
    expect(response.status).toBeLessThan(500);
    expect(hasSessionCookie(session)).toBe(false);
    await expectSignedOut(session);
  });

  it("treats a forged session cookie as no session (401, never 5xx)", async () => {
    const session = new Session();
    const forged = await session.json<ApiError>("/api/me", {
      headers: {
        cookie: "authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0.forged.token.here",
      },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.error.code).toBe("unauthorized");
  });
});

describe("sign-out", () => {
  it("POST /api/auth/signout with the CSRF token ends the session", async () => {
    const user = await buildUser({ role: "TEACHER" });
    const session = new Session();
    expect(await session.signIn(user.email, TEST_PASSWORD)).toBe(true);
    expect((await session.json("/api/me")).status).toBe(200);

    const csrf = await session.json<{ csrfToken: string }>("/api/auth/csrf");
    const response = await session.fetch("/api/auth/signout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrfToken: csrf.body.csrfToken }),
    });
    await response.arrayBuffer();
    expect(response.status).toBeLessThan(400);
    expect(hasSessionCookie(session)).toBe(false);
    await expectSignedOut(session);
  });
});
