// The fuzzer's generator on the app's real OpenAPI document: it reaches every operation and
// produces the hostile shapes the fault suite relies on (the requests themselves are sent by
// `pnpm test:faults`).
import { describe, expect, it } from "vitest";
import { getOpenApiDocument } from "@/server/openapi/document";
import { generateRequests, operationsOf } from "./fuzz";

const world = {
  ids: ["cabcdefghijklmnopqrstuvwx", "cbcdefghijklmnopqrstuvwxy"],
  sessions: ["", "authjs.session-token=garbage"],
};

describe("the fuzz generator", () => {
  const ops = operationsOf(getOpenApiDocument() as never);
  const requests = generateRequests(ops, world, 10_000, 42);

  it("covers every operation of the document", () => {
    expect(ops.length).toBeGreaterThan(30);
    const seen = new Set(requests.map((r) => `${r.op.method} ${r.op.path}`));
    expect([...seen].sort()).toEqual(ops.map((op) => `${op.method} ${op.path}`).sort());
  });

  it("sends bad JSON, other media types, oversized and chunked bodies and foreign origins", () => {
    const bodies = requests.filter((r) => r.body !== undefined);
    expect(bodies.some((r) => r.body!.length > 64 * 1024)).toBe(true);
    expect(bodies.some((r) => r.chunked)).toBe(true);
    expect(bodies.some((r) => r.body === "{")).toBe(true);
    expect(requests.some((r) => r.headers["content-type"] === "text/plain")).toBe(true);
    expect(requests.some((r) => r.headers.origin === "http://evil.example")).toBe(true);
    expect(bodies.some((r) => /1e\+308|-1e\+308|9007199254740992/.test(r.body!))).toBe(true);
    expect(bodies.some((r) => r.body!.includes("2026-13-45"))).toBe(true);
  });
});
