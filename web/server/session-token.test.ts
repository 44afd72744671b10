import { encode } from "next-auth/jwt";
import type * as Jwt from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";

let requestHeaders = new Headers();
vi.mock("next/headers", () => ({ headers: async () => requestHeaders }));
/** Decryptions the module asked Auth.js for. */
const decrypted = vi.hoisted(() => ({ count: 0 }));
vi.mock("next-auth/jwt", async (importOriginal) => {
  const real = await importOriginal<typeof Jwt>();
  return {
    ...real,
    decode: (params: Parameters<typeof real.decode>[0]) => {
      decrypted.count += 1;
      return real.decode(params);
    },
  };
});
const { readSessionClaims, sessionClaimsFromCookies, usesSecureCookie } =
  await import("./session-token");

const SECRET = "test-secret-that-is-long-enough-for-hkdf";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";
const claims = { id: "user-1", role: "TEACHER", sv: 3 };

/** A session cookie as Auth.js writes it: encrypted with a key salted by the cookie's name. */
const mint = (name: string, token: Record<string, unknown> = claims, secret = SECRET) =>
  encode({ token, secret, salt: name, maxAge: 3600 });

describe("usesSecureCookie (the rule auth() uses)", () => {
  it("follows AUTH_URL's protocol when it is set", () => {
    const h = new Headers({ "x-forwarded-proto": "http" });
    expect(usesSecureCookie(h, "https://school.example")).toBe(true);
    expect(usesSecureCookie(new Headers(), "http://localhost:3000")).toBe(false);
  });

  it("else X-Forwarded-Proto, and https when nothing says", () => {
    expect(usesSecureCookie(new Headers({ "x-forwarded-proto": "http" }), undefined)).toBe(false);
    expect(usesSecureCookie(new Headers({ "x-forwarded-proto": "https" }), undefined)).toBe(true);
    expect(usesSecureCookie(new Headers(), undefined)).toBe(true);
  });
});

describe("sessionClaimsFromCookies", () => {
  it("reads id, role and session version from Auth.js's cookie", async () => {
    const cookie = `${PLAIN}=${await mint(PLAIN)}`;
    expect(await sessionClaimsFromCookies(cookie, SECRET, false)).toEqual({
      id: "user-1",
      role: "TEACHER",
      sessionVersion: 3,
    });
  });

  it("reads only the cookie of the request's protocol, as Auth.js does", async () => {
    // A stale plain-http cookie left beside a signed-out HTTPS session must not count.
    const cookie = `${PLAIN}=${await mint(PLAIN)}`;
    expect(await sessionClaimsFromCookies(cookie, SECRET, true)).toBeNull();
    const secure = `${SECURE}=${await mint(SECURE)}`;
    expect(await sessionClaimsFromCookies(secure, SECRET, true)).toMatchObject({ id: "user-1" });
    expect(await sessionClaimsFromCookies(secure, SECRET, false)).toBeNull();
  });

  it("joins a chunked cookie (name.0, name.1) in order", async () => {
    const token = await mint(PLAIN);
    const cut = Math.floor(token.length / 2);
    const cookie = `${PLAIN}.1=${token.slice(cut)}; ${PLAIN}.0=${token.slice(0, cut)}`;
    expect(await sessionClaimsFromCookies(cookie, SECRET, false)).toMatchObject({ id: "user-1" });
  });

  it("is null for another secret, a tampered token, no id, or no cookie", async () => {
    const foreign = await mint(PLAIN, claims, "another-secret-entirely-of-some-length");
    expect(await sessionClaimsFromCookies(`${PLAIN}=${foreign}`, SECRET, false)).toBeNull();
    const token = await mint(PLAIN);
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect(await sessionClaimsFromCookies(`${PLAIN}=${tampered}`, SECRET, false)).toBeNull();
    const noId = await mint(PLAIN, { role: "ADMIN" });
    expect(await sessionClaimsFromCookies(`${PLAIN}=${noId}`, SECRET, false)).toBeNull();
    expect(await sessionClaimsFromCookies("", SECRET, false)).toBeNull();
  });

  it("reads the current request's cookie, and never an Authorization bearer token", async () => {
    const token = await mint(PLAIN);
    requestHeaders = new Headers({ "x-forwarded-proto": "http", cookie: `${PLAIN}=${token}` });
    expect(await readSessionClaims(() => ({ AUTH_SECRET: SECRET }))).toMatchObject({
      id: "user-1",
    });
    // Auth.js's getToken alone would accept this; its session endpoint (auth()) does not.
    requestHeaders = new Headers({ "x-forwarded-proto": "http", authorization: `Bearer ${token}` });
    expect(await readSessionClaims(() => ({ AUTH_SECRET: SECRET }))).toBeNull();
  });

  it("refuses a token past its expiry (and clock tolerance) even after it was read once", async () => {
    const token = await encode({ token: claims, secret: SECRET, salt: PLAIN, maxAge: 60 });
    const cookie = `${PLAIN}=${token}`;
    expect(await sessionClaimsFromCookies(cookie, SECRET, false)).toMatchObject({ id: "user-1" });
    vi.useFakeTimers({ now: Date.now() + 60_000 + 16_000, toFake: ["Date"] });
    try {
      expect(await sessionClaimsFromCookies(cookie, SECRET, false)).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it("decrypts a token once, however many requests bring it at the same moment", async () => {
    const cookie = `${PLAIN}=${await mint(PLAIN, { ...claims, id: "user-herd" })}`;
    const before = decrypted.count;
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => sessionClaimsFromCookies(cookie, SECRET, false)),
    );
    expect(answers.every((a) => a?.id === "user-herd")).toBe(true);
    expect(await sessionClaimsFromCookies(cookie, SECRET, false)).toMatchObject({
      id: "user-herd",
    });
    expect(decrypted.count - before).toBe(1);
  });

  it("never answers from its cache for a secret the token was not read with", async () => {
    const cookie = `${PLAIN}=${await mint(PLAIN, { ...claims, id: "user-cached" })}`;
    expect(await sessionClaimsFromCookies(cookie, SECRET, false)).toMatchObject({
      id: "user-cached",
    });
    expect(
      await sessionClaimsFromCookies(cookie, "another-secret-that-is-long-enough", false),
    ).toBeNull();
  });

  it("defaults the session version to 0 for tokens minted before it existed", async () => {
    const old = await mint(PLAIN, { id: "user-2", role: "STUDENT" });
    expect(await sessionClaimsFromCookies(`${PLAIN}=${old}`, SECRET, false)).toEqual({
      id: "user-2",
      role: "STUDENT",
      sessionVersion: 0,
    });
  });
});
