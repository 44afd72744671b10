// GET /api/metrics: the app's Prometheus metrics for an admin session only (no METRICS_TOKEN on
// the test stack), with request latency, outbox and authorization figures.
import { describe, expect, it } from "vitest";
import { buildUser, TEST_PASSWORD } from "../helpers/factories";
import { Session, signedIn } from "../helpers/http";

describe("GET /api/metrics", () => {
  it("refuses anonymous callers (401), other roles (403) and a bearer token nobody configured", async () => {
    expect((await new Session().fetch("/api/metrics")).status).toBe(401);
    const student = await signedIn((await buildUser()).email, TEST_PASSWORD);
    expect((await student.fetch("/api/metrics")).status).toBe(403);
    const bearer = await new Session().fetch("/api/metrics", {
      headers: { authorization: "Bearer anything-at-all-0123456789" },
    });
    expect(bearer.status).toBe(401);
  });

  it("gives an admin Prometheus text with latency, outbox and auth figures", async () => {
    const admin = await signedIn((await buildUser({ role: "ADMIN" })).email, TEST_PASSWORD);
    await admin.fetch("/api/courses");
    const response = await admin.fetch("/api/metrics");
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(text).toMatch(
      /^livecampus_http_request_duration_seconds_count\{.*route="\/api\/courses".*\} \d+/m,
    );
    expect(text).toMatch(/^livecampus_outbox_backlog \d+/m);
    expect(text).toMatch(/^livecampus_outbox_oldest_unsent_age_seconds [\d.]+/m);
    expect(text).toMatch(/^livecampus_auth_decisions_total\{kind="signin",decision="ok"\} \d+/m);
    expect(text).toMatch(/^livecampus_process_resident_memory_bytes \d+/m);
  });
});
