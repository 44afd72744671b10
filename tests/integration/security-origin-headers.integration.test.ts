// Contract §10 on the real app: a state-changing /api request from a foreign Origin is 403 with
// nothing written (the Soketi webhook excepted), a JSON route refuses other media types (415),
// Auth.js's own form posts keep working, and pages carry a nonce-based CSP and security headers.
import { beforeAll, describe, expect, it } from "vitest";
import { call, expectError, type ApiError } from "../helpers/api";
import { buildCourseWorld, TEST_PASSWORD, testDb, type CourseWorld } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";
import { getStack } from "../helpers/stack";

let world: CourseWorld;
let student: Session;
let own: string;

beforeAll(async () => {
  world = await buildCourseWorld();
  student = await signedIn(world.enrolled.email, TEST_PASSWORD);
  own = new URL(getStack().webUrl).origin;
});

const paymentCount = () => testDb().payment.count({ where: { studentId: world.enrolled.id } });

describe("Origin check on state-changing /api requests", () => {
  it("refuses a POST whose Origin names another site: 403 forbidden_origin, nothing written", async () => {
    const before = await paymentCount();
    const body = { courseId: world.course.id, amountCents: 500 };
    for (const origin of ["http://evil.example", "null", `${own}.evil.example`]) {
      const answer = await call<ApiError>(student, "POST", "/api/payments", body, { origin });
      expectError(answer, 403);
      expect(answer.body.error.code, origin).toBe("forbidden_origin");
    }
    const enrollment = await testDb().enrollment.findFirstOrThrow({
      where: { studentId: world.enrolled.id, courseId: world.course.id },
    });
    const cancel = await call<ApiError>(
      student,
      "DELETE",
      `/api/enrollments/${enrollment.id}`,
      undefined,
      {
        origin: "https://evil.example",
      },
    );
    expectError(cancel, 403);
    const rename = await call<ApiError>(
      student,
      "PATCH",
      `/api/courses/${world.course.id}`,
      { title: "x" },
      {
        origin: "https://evil.example",
      },
    );
    expect(rename.body.error.code).toBe("forbidden_origin");
    const after = await testDb().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(after.status).toBe("ACTIVE");
    expect(await paymentCount()).toBe(before);
  });

  it("accepts its own Origin and requests without one (non-browser clients)", async () => {
    const before = await paymentCount();
    const body = { courseId: world.course.id, amountCents: 700 };
    expect((await call(student, "POST", "/api/payments", body, { origin: own })).status).toBe(201);
    expect((await call(student, "POST", "/api/payments", body)).status).toBe(201);
    expect(await paymentCount()).toBe(before + 2);
  });

  it("does not apply to the Soketi webhook, whose signature is the check", async () => {
    const response = await fetch(new URL("/api/pusher/webhooks", getStack().webUrl), {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://evil.example" },
      body: JSON.stringify({ time_ms: Date.now(), events: [] }),
    });
    expect(response.status).toBe(401);
  });

  it("lets Auth.js's own sign-in form post (same Origin) through", async () => {
    const session = new Session();
    const csrf = await session.json<{ csrfToken: string }>("/api/auth/csrf");
    const response = await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: own },
      body: new URLSearchParams({
        email: world.enrolled.email,
        password: TEST_PASSWORD,
        csrfToken: csrf.body.csrfToken,
      }),
    });
    await response.arrayBuffer();
    expect(response.status).toBe(302);
    expect((await session.json("/api/me")).status).toBe(200);
  });

  it("refuses Auth.js's sign-in from a foreign Origin before Auth.js sees it, and signs nobody in", async () => {
    const session = new Session();
    const csrf = await session.json<{ csrfToken: string }>("/api/auth/csrf");
    const response = await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://evil.example",
      },
      body: new URLSearchParams({
        email: world.enrolled.email,
        password: TEST_PASSWORD,
        csrfToken: csrf.body.csrfToken,
      }),
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as ApiError).error.code).toBe("forbidden_origin");
    expect((await session.json("/api/me")).status).toBe(401);
  });

  it("answers Auth.js's routes with HSTS when reached over TLS, its redirects included", async () => {
    const session = new Session();
    const tls = { "x-forwarded-proto": "https" };
    const csrf = await session.fetch("/api/auth/csrf", { headers: tls });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    expect(csrf.status).toBe(200);
    expect(csrf.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    // A wrong password: Auth.js answers with Response.redirect(), whose headers are immutable.
    const failed = await session.fetch("/api/auth/callback/credentials", {
      method: "POST",
      headers: { ...tls, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: world.enrolled.email, password: "wrong", csrfToken }),
    });
    await failed.arrayBuffer();
    expect(failed.status).toBe(302);
    expect(failed.headers.get("location")).toMatch(/error=/);
    expect(failed.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});

describe("an /api path no route serves", () => {
  const request = (path: string, init: RequestInit = {}) =>
    fetch(new URL(path, getStack().webUrl), init);

  it("is a JSON 404 not_found for every method, /api itself included", async () => {
    for (const [method, path] of [
      ["GET", "/api"],
      ["GET", "/api/no-such-route"],
      ["POST", "/api/no/such/route"],
      ["DELETE", "/api/courses/x/y/z"],
      ["OPTIONS", "/api/no-such-route"],
    ] as const) {
      const response = await request(path, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(((await response.json()) as ApiError).error.code).toBe("not_found");
    }
  });

  it("still refuses a foreign Origin (403), multipart (415) and bad percent-encoding (400)", async () => {
    const foreign = await request("/api/no-such-route", {
      method: "POST",
      headers: { origin: "http://evil.example" },
    });
    expect(foreign.status).toBe(403);
    expect(((await foreign.json()) as ApiError).error.code).toBe("forbidden_origin");
    // A malformed multipart post where no route matched was a 500 once (Next tried it as a
    // server action's form).
    const multipart = await request("/api/no-such-route", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x", origin: own },
      body: "--x\r\nbroken",
    });
    expect(multipart.status).toBe(415);
    expect(((await multipart.json()) as ApiError).error.code).toBe("unsupported_media_type");
    for (const path of ["/api/%E0%A4%A", "/api/courses/%E0%A4%A"]) {
      const response = await request(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as ApiError).error.code).toBe("bad_request");
    }
  });
});

describe("the channel-authorization routes", () => {
  const userChannel = () => `private-user-${world.enrolled.id}`;
  const authorize = (path: string, headers: Record<string, string>, body: string) =>
    student.fetch(path, { method: "POST", headers, body });
  const form = () =>
    new URLSearchParams({ socket_id: "1234.5678", channel_name: userChannel() }).toString();
  const batch = () => JSON.stringify({ socket_id: "1234.5678", channels: [userChannel()] });

  it("refuse a foreign Origin (403 forbidden_origin) and multipart (415) themselves, sign nothing", async () => {
    for (const [path, type, body] of [
      ["/api/pusher/auth", "application/x-www-form-urlencoded", form()],
      ["/api/pusher/auth/batch", "application/json", batch()],
    ] as const) {
      for (const origin of ["http://evil.example", "null"]) {
        const response = await authorize(path, { "content-type": type, origin }, body);
        const answer = (await response.json()) as ApiError;
        expect(response.status, `${path} ${origin}`).toBe(403);
        expect(answer.error.code).toBe("forbidden_origin");
        expect(JSON.stringify(answer)).not.toContain('"auth"');
      }
      const multipart = await authorize(
        path,
        { "content-type": "multipart/form-data; boundary=x", origin: own },
        "--x\r\nbroken",
      );
      expect(multipart.status, path).toBe(415);
      expect(((await multipart.json()) as ApiError).error.code).toBe("unsupported_media_type");
    }
  });

  it("sign for their own Origin, and answer with HSTS when reached over TLS", async () => {
    const plain = await authorize(
      "/api/pusher/auth",
      { "content-type": "application/x-www-form-urlencoded", origin: own },
      form(),
    );
    expect(plain.status).toBe(200);
    expect(((await plain.json()) as { auth: string }).auth).toMatch(/^[^:]+:[0-9a-f]{64}$/);
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const tls = await authorize(
      "/api/pusher/auth/batch",
      { "content-type": "application/json", "x-forwarded-proto": "https" },
      batch(),
    );
    // Over TLS Auth.js reads its __Secure- cookie, which this plain-HTTP session does not have.
    expect(tls.status).toBe(401);
    await tls.arrayBuffer();
    expect(tls.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
  });
});

describe("media types of JSON routes", () => {
  it("answers 415 for a text/plain or form body, and writes nothing", async () => {
    const before = await paymentCount();
    const body = JSON.stringify({ courseId: world.course.id, amountCents: 900 });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]) {
      const answer = await call<ApiError>(student, "POST", "/api/payments", body, {
        "content-type": type,
      });
      expectError(answer, 415);
      expect(answer.body.error.code).toBe("unsupported_media_type");
    }
    expect(await paymentCount()).toBe(before);
  });

  it("accepts application/json with a charset, and a body-less POST", async () => {
    const body = { courseId: world.course.id, amountCents: 901 };
    const answer = await call(student, "POST", "/api/payments", body, {
      "content-type": "application/json; charset=utf-8",
    });
    expect(answer.status).toBe(201);
    const read = await student.fetch("/api/notifications/read-all", { method: "POST" });
    expect(read.status).toBe(200);
  });

  it("lets a body-less DELETE through without a content type, as browsers send it", async () => {
    const course = await buildCourseWorld();
    const own = await signedIn(course.enrolled.email, TEST_PASSWORD);
    const enrollment = await testDb().enrollment.findFirstOrThrow({
      where: { studentId: course.enrolled.id, courseId: course.course.id },
    });
    const answer = await own.fetch(`/api/enrollments/${enrollment.id}`, { method: "DELETE" });
    expect(answer.status, await answer.clone().text()).toBe(200);
    const after = await testDb().enrollment.findUniqueOrThrow({ where: { id: enrollment.id } });
    expect(after.status).toBe("CANCELLED");
  });
});

describe("malformed paths", () => {
  it("a path that is not valid percent-encoding is a 400, on API routes and pages alike", async () => {
    for (const path of ["/api/courses/%E0%A4%A", "/api/scores/%E0%A4%A", "/courses/%E0%A4%A"]) {
      const response = await student.fetch(path, {
        method: path.startsWith("/api/scores") ? "PATCH" : "GET",
      });
      await response.arrayBuffer();
      expect(response.status, path).toBe(400);
    }
  });
});

describe("multipart bodies under /api", () => {
  it("are 415 even where no route matches (never a 500 from a malformed form)", async () => {
    for (const path of ["/api/approve", "/api/payments"]) {
      const response = await student.fetch(path, {
        method: "POST",
        headers: { "content-type": "multipart/form-data; boundary=x" },
        body: "--x\r\nbroken",
      });
      await response.arrayBuffer();
      expect(response.status, path).toBe(415);
    }
  });
});

describe("security headers", () => {
  it("a page has a nonce-based CSP reaching the realtime server, nosniff, a framing rule and a referrer policy", async () => {
    const response = await new Session().fetch("/sign-in");
    const html = await response.text();
    expect(response.status).toBe(200);
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce, csp).toBeTruthy();
    expect(csp).toMatch(/script-src [^;]*'strict-dynamic'/);
    expect(csp).not.toMatch(/script-src [^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(
      new RegExp(`connect-src [^;]*ws://127\\.0\\.0\\.1:${getStack().soketi.port}`),
    );
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    // Plain HTTP: no HSTS.
    expect(response.headers.get("strict-transport-security")).toBeNull();
    // Every script Next renders carries the nonce.
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  });

  it("a fresh nonce per page view", async () => {
    const nonceOf = async () =>
      /'nonce-([^']+)'/.exec(
        (await new Session().fetch("/sign-in")).headers.get("content-security-policy") ?? "",
      )?.[1];
    expect(await nonceOf()).not.toBe(await nonceOf());
  });

  it("HSTS when the page was served over TLS (the trusted proxy says https)", async () => {
    const response = await new Session().fetch("/sign-in", {
      headers: { "x-forwarded-proto": "https" },
    });
    await response.arrayBuffer();
    expect(response.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(response.headers.get("content-security-policy")).toContain("upgrade-insecure-requests");
  });

  it("API answers are nosniff too", async () => {
    const response = await new Session().fetch("/api/health");
    await response.arrayBuffer();
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
