// GET /api/realtime/ready, the reconnect hint (docs/realtime.md, "How the client reconnects"):
// answers at once while the realtime server is up, for anyone; bad waits are a 400 naming the
// field. Its other half — held while Soketi is away, answered when it returns — is what
// `pnpm test:faults` (a) exercises with 1,000 clients.
import { describe, expect, it } from "vitest";
import { call, expectError } from "../helpers/api";
import { Session } from "../helpers/http";

describe("GET /api/realtime/ready", () => {
  it("answers ready for anyone while the realtime server is up, uncached", async () => {
    const response = await new Session().fetch("/api/realtime/ready?wait=5");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true });
    expect(response.headers.get("cache-control")).toContain("no-store");
  });

  it("answers 400 naming `wait` for a wait that is not 0–25 whole seconds", async () => {
    for (const wait of ["abc", "-1", "26", "1.5"]) {
      expectError(
        await call(new Session(), "GET", `/api/realtime/ready?wait=${wait}`),
        400,
        /wait/,
      );
    }
  });
});
