import { describe, expect, it } from "vitest";
import { channels } from "./channels";
import { MAX_EVENT_BYTES } from "./events";
import { prepareEvent, utf8ByteLength } from "./prepare";
import { testCuid } from "../../../tests/helpers/ids";

const user = testCuid();
const occurredAt = "2026-11-26T10:00:00.000Z";

describe("prepareEvent", () => {
  it("adds eventId and occurredAt, keeps given ones", () => {
    const fresh = prepareEvent(
      { channels: [channels.user(user)], event: "dashboard-update", payload: { scope: "all" } },
      { now: () => new Date("2026-01-02T03:04:05.000Z"), generateId: () => "gen-1" },
    );
    expect(fresh).toMatchObject({
      ok: true,
      prepared: {
        eventId: "gen-1",
        occurredAt: "2026-01-02T03:04:05.000Z",
        payload: { scope: "all" },
      },
    });
    const given = prepareEvent({
      channels: [channels.user(user)],
      event: "dashboard-update",
      payload: { scope: "all", eventId: "in-payload", occurredAt: "2026-01-01T00:00:00Z" },
    });
    expect(given.ok && given.prepared.eventId).toBe("in-payload");
    const explicit = prepareEvent({
      channels: [channels.user(user)],
      event: "dashboard-update",
      payload: { scope: "all", eventId: "in-payload" },
      eventId: "explicit",
    });
    expect(explicit.ok && explicit.prepared.eventId).toBe("explicit");
    expect(explicit.ok && JSON.parse(explicit.prepared.data)).toMatchObject({
      eventId: "explicit",
    });
  });

  it("generates a different eventId each time by default", () => {
    const make = () =>
      prepareEvent({
        channels: [channels.user(user)],
        event: "dashboard-update",
        payload: { scope: "all" },
      });
    const a = make();
    const b = make();
    expect(a.ok && b.ok && a.prepared.eventId !== b.prepared.eventId).toBe(true);
  });

  it("rejects unknown events, bad channels, empty channel lists and non-objects", () => {
    expect(
      prepareEvent({ channels: [channels.user(user)], event: "client-x", payload: {} }),
    ).toMatchObject({
      ok: false,
      reason: "unknown-event",
    });
    expect(
      prepareEvent({
        channels: ["private-user-1"],
        event: "dashboard-update",
        payload: { scope: "all" },
      }),
    ).toMatchObject({
      ok: false,
      reason: "invalid-channel",
    });
    expect(
      prepareEvent({ channels: [], event: "dashboard-update", payload: { scope: "all" } }),
    ).toMatchObject({
      ok: false,
      reason: "no-channels",
    });
    for (const payload of [null, "x", [1], 3]) {
      expect(
        prepareEvent({ channels: [channels.user(user)], event: "dashboard-update", payload }),
      ).toMatchObject({
        ok: false,
        reason: "invalid-payload",
      });
    }
  });

  it("de-duplicates channels", () => {
    const result = prepareEvent({
      channels: [channels.user(user), channels.user(user)],
      event: "dashboard-update",
      payload: { scope: "all" },
    });
    expect(result.ok && result.prepared.channels).toEqual([channels.user(user)]);
  });

  it("enforces the 10 KB limit on the serialized payload, in UTF-8 bytes", () => {
    // A stats object fills bytes exactly without tripping per-field limits; "é" is 2 bytes.
    const stats = (bytes: number) => {
      const entries: Record<string, string> = {};
      for (let i = 0; bytes > 0; i++) {
        const chunk = Math.min(400, bytes);
        entries[`k${i}`] = "é".repeat(Math.floor(chunk / 2)) + "a".repeat(chunk % 2);
        bytes -= chunk;
      }
      return entries;
    };
    const prep = (fill: number) =>
      prepareEvent({
        channels: [channels.adminDashboard()],
        event: "stats-update",
        payload: { stats: stats(fill) },
        eventId: "fixed",
        occurredAt,
      });
    // Grow byte by byte until the limit: the last accepted size is exactly MAX_EVENT_BYTES or
    // just below it (when adding a key jumps several bytes); the next is refused.
    let fill = 9900;
    let last = prep(fill);
    for (;;) {
      const next = prep(fill + 1);
      if (!next.ok) {
        expect(next.reason).toBe("too-large");
        expect(next.error).toMatch(/over the 10240-byte limit/);
        break;
      }
      last = next;
      fill += 1;
    }
    expect(last.ok && last.prepared.bytes).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(last.ok && last.prepared.bytes).toBeGreaterThan(MAX_EVENT_BYTES - 16);
    expect(last.ok && utf8ByteLength(last.prepared.data)).toBe(last.ok && last.prepared.bytes);
    expect(utf8ByteLength("é")).toBe(2);
  });
});
