// The publisher when the realtime server is down, silent or refusing: it answers quickly with
// retryable failures instead of hanging or counting a refused publish as delivered.
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { beforeAll, describe, expect, it } from "vitest";
import { channels, realtimeMessages } from "@/lib/realtime";
import { testCuid } from "../../../tests/helpers/ids";
import { createRealtimeService, type RealtimeLogger } from "./publisher";
import { createPusherServer } from "./pusher-server";
import {
  freePort,
  serverFor,
  startTestSoketi,
  type TestSoketi,
} from "../../../tests/helpers/soketi";

let soketi: TestSoketi;
beforeAll(async () => {
  soketi = await startTestSoketi();
  return () => soketi.stop();
});

const silent: RealtimeLogger = { warn: () => {}, error: () => {} };

describe("publisher when the realtime server is unavailable", () => {
  it("returns a retryable failure quickly when Soketi is down", async () => {
    // Nothing listens on this port: exactly what a stopped Soketi looks like to the SDK.
    const down: TestSoketi = { ...soketi, port: await freePort(), stop: async () => {} };
    const pusher = serverFor(down, 1000);
    const errors: unknown[] = [];
    const service = createRealtimeService({
      pusher,
      timeoutMs: 1000,
      logger: { warn: () => {}, error: (_m, details) => errors.push(details) },
    });
    const started = Date.now();
    const message = realtimeMessages.dashboardUpdate(testCuid(), "all");
    const result = await service.publish([{ ...message, eventId: "retry-me" }]);
    expect(Date.now() - started).toBeLessThan(10_000); // no hang (generous: no timing flake)
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failed).toMatchObject([
      {
        index: 0,
        event: "dashboard-update",
        eventId: "retry-me",
        reason: "send-failed",
        retryable: true,
      },
    ]);
    expect(result.error).toMatch(/dashboard-update/);
    expect(errors).toHaveLength(1);
  });

  it("returns a timeout failure within timeoutMs when the server accepts but never answers", async () => {
    const sockets = new Set<Socket>();
    const blackHole = http.createServer(() => {
      // never respond
    });
    blackHole.on("connection", (s) => sockets.add(s));
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    try {
      const port = (blackHole.address() as AddressInfo).port;
      const fake: TestSoketi = { ...soketi, port, stop: async () => {} };
      // The SDK timeout is set far above ours, so the publisher's own timer must fire.
      const service = createRealtimeService({
        pusher: serverFor(fake, 60_000),
        timeoutMs: 300,
        logger: silent,
      });
      const started = Date.now();
      const result = await service.publish([
        {
          channels: [channels.adminDashboard()],
          event: "dashboard-update",
          payload: { scope: "all" },
        },
        {
          channels: [channels.user(testCuid()), channels.adminDashboard()],
          event: "dashboard-update",
          payload: { scope: "all" },
        },
      ]);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(290);
      // Far below the 60 s a hang would take; generous so a loaded machine cannot flake it.
      expect(elapsed).toBeLessThan(10_000);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.failed.map((f) => [f.index, f.reason, f.retryable])).toEqual([
        [0, "timeout", true],
        [1, "timeout", true],
      ]);

      // And with only the SDK timeout (AbortController) in play, it is reported as a timeout too.
      const sdkOnly = createRealtimeService({
        pusher: serverFor(fake, 200),
        timeoutMs: 60_000,
        logger: silent,
      });
      const t0 = Date.now();
      const viaSdk = await sdkOnly.publish([realtimeMessages.dashboardUpdate(testCuid(), "all")]);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(viaSdk).toMatchObject({ ok: false, failed: [{ reason: "timeout", retryable: true }] });
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise((r) => blackHole.close(r));
    }
  });

  it("reports a publish Soketi refused with HTTP 200 and an error body (wrong secret) as failed", async () => {
    const wrong = createPusherServer({
      appId: soketi.appId,
      key: soketi.key,
      secret: "not-the-secret-of-this-app",
      host: soketi.host,
      port: soketi.port,
      useTLS: false,
      cluster: "mt1",
    });
    const service = createRealtimeService({ pusher: wrong, logger: silent });
    const result = await service.publish([realtimeMessages.dashboardUpdate(testCuid(), "all")]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failed).toEqual([
      expect.objectContaining({ reason: "send-failed", retryable: true, status: 401 }),
    ]);
  });
});
