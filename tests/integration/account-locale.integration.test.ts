// A signed-in user's own language (PATCH /api/me {locale}) wins over the path's prefix and the
// browser's Accept-Language, on every app instance at once; bad settings are a 422 naming the
// field, never stored.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOtherWebServer } from "../helpers/admin";
import { call } from "../helpers/api";
import { buildUser, testDb, TEST_PASSWORD } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";
import { waitUntil } from "../helpers/wait";
import type { WebServer } from "../../scripts/lib/web";

const langOf = async (session: Session, path: string, acceptLanguage: string) => {
  const response = await session.fetch(path, { headers: { "accept-language": acceptLanguage } });
  const html = await response.text();
  expect(response.status).toBe(200);
  return /<html[^>]*\blang="([^"]+)"/.exec(html)?.[1];
};

describe("the user's language setting", () => {
  it("wins over Accept-Language and the prefix, and null gives the choice back to the browser", async () => {
    const user = await buildUser({ role: "STUDENT" });
    const session = await signedIn(user.email, TEST_PASSWORD);
    expect(await langOf(session, "/student", "en")).toBe("en");

    const saved = await call(session, "PATCH", "/api/me", { locale: "de" });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      id: user.id,
      name: user.name,
      email: user.email,
      role: "STUDENT",
      locale: "de",
    });
    expect((await testDb().user.findUnique({ where: { id: user.id } }))?.locale).toBe("de");
    expect(await langOf(session, "/student", "en")).toBe("de");
    expect(await langOf(session, "/en/student", "en")).toBe("de");

    expect((await call(session, "PATCH", "/api/me", { locale: null })).status).toBe(200);
    expect(await langOf(session, "/student", "en")).toBe("en");
    expect(await langOf(session, "/student", "de")).toBe("de");
    // Only pages: the API keeps speaking English to programs.
    const me = await call(session, "GET", "/api/me");
    expect(me.body).toEqual({ id: user.id, name: user.name, email: user.email, role: "STUDENT" });
  });

  it.each([
    [{ locale: "fr" }, "locale"],
    [{ locale: 7 }, "locale"],
    [{}, "locale"],
    [{ locale: "de", role: "ADMIN" }, "role"],
  ])("refuses %j with 422 naming %s, storing nothing", async (body, field) => {
    const user = await buildUser({ role: "STUDENT" });
    const session = await signedIn(user.email, TEST_PASSWORD);
    const answer = await call<{ error: { code: string; message: string } }>(
      session,
      "PATCH",
      "/api/me",
      body,
    );
    expect(answer.status).toBe(422);
    expect(answer.body.error.message).toContain(field);
    const stored = await testDb().user.findUnique({ where: { id: user.id } });
    expect(stored?.locale).toBeNull();
    expect(stored?.role).toBe("STUDENT");
  });

  it("needs a session", async () => {
    expect((await call(new Session(), "PATCH", "/api/me", { locale: "de" })).status).toBe(401);
  });
});

describe("across app instances", () => {
  let other: WebServer;

  beforeAll(async () => {
    other = await startOtherWebServer();
  });

  afterAll(async () => {
    await other?.stop();
  });

  it("a setting changed through one instance shows on the other's next page", async () => {
    const user = await buildUser({ role: "TEACHER" });
    const here = await signedIn(user.email, TEST_PASSWORD);
    const there = new Session(other.url);
    expect(await there.signIn(user.email, TEST_PASSWORD)).toBe(true);
    // The other instance caches the user's state now.
    expect(await langOf(there, "/teacher", "en")).toBe("en");
    expect((await call(here, "PATCH", "/api/me", { locale: "de" })).status).toBe(200);
    await waitUntil(async () => (await langOf(there, "/teacher", "en")) === "de", "German there", {
      timeout: 5000,
      interval: 20,
    });
  });
});
