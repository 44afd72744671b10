import { describe, expect, it, vi } from "vitest";
import { ChannelStream, httpMissedFetcher, type FetchMissed, type MissedResult } from "./replay";

const ev = (id: string, event = "new-notification", channel = "private-user-u") => ({
  event,
  channel,
  data: { eventId: id },
});

function recorder(cursor: string | null = null) {
  const seen: string[] = [];
  const stream = new ChannelStream("private-user-u", cursor, (_event, data) =>
    seen.push((data as { eventId: string }).eventId),
  );
  return { seen, stream };
}

describe("ChannelStream", () => {
  it("delivers live events at once and remembers the last eventId", () => {
    const { seen, stream } = recorder();
    stream.push("new-notification", { eventId: "a" });
    stream.push("new-notification", { eventId: "b" });
    expect(seen).toEqual(["a", "b"]);
    expect(stream.getCursor()).toBe("b");
  });

  it("replays from the cursor, paging while incomplete, then the live events that waited", async () => {
    const { seen, stream } = recorder();
    stream.push("x", { eventId: "e1" });
    let release!: (value: MissedResult) => void;
    const fetchMissed = vi.fn<FetchMissed>(async (_channel, after) => {
      if (after === "e1") return { ok: true, events: [ev("e2"), ev("e3")], complete: false };
      return new Promise<MissedResult>((resolve) => (release = resolve));
    });
    const done = stream.resubscribed(fetchMissed);
    await vi.waitFor(() => expect(fetchMissed).toHaveBeenCalledTimes(2));
    // Live while the replay runs: held back, and e4 also comes in the replay.
    stream.push("x", { eventId: "e4" });
    stream.push("x", { eventId: "e5" });
    expect(seen).toEqual(["e1", "e2", "e3"]);
    expect(fetchMissed.mock.calls[1]).toEqual(["private-user-u", "e3"]);
    release({ ok: true, events: [ev("e4"), ev("other", "x", "private-user-v")], complete: true });
    expect(await done).toBe("replayed");
    expect(seen).toEqual(["e1", "e2", "e3", "e4", "e5"]);
    expect(stream.getCursor()).toBe("e5");
  });

  it("asks for a resync on 410 (or an error) and still delivers what was buffered", async () => {
    const { seen, stream } = recorder();
    stream.push("x", { eventId: "old" });
    const gone: FetchMissed = async () => ({ ok: false, gone: true, status: 410 });
    const done = stream.resubscribed(gone);
    stream.push("x", { eventId: "live" });
    expect(await done).toBe("resync");
    expect(seen).toEqual(["old", "live"]);
  });

  it("starts from the cursor it was made with and keeps it while the channel is quiet", async () => {
    const { stream } = recorder("page-cursor");
    const fetchMissed = vi.fn<FetchMissed>(async () => ({ ok: true, events: [], complete: true }));
    expect(await stream.resubscribed(fetchMissed)).toBe("replayed");
    expect(await stream.resubscribed(fetchMissed)).toBe("replayed");
    expect(fetchMissed.mock.calls).toEqual([
      ["private-user-u", "page-cursor"],
      ["private-user-u", "page-cursor"],
    ]);

    const fresh = recorder().stream;
    expect(await fresh.resubscribed(fetchMissed)).toBe("skipped");
    // Re-subscribed later still without a cursor: events may be lost, so resync.
    expect(await fresh.resubscribed(fetchMissed)).toBe("resync");
  });

  it("lets a newer subscription supersede a running replay", async () => {
    const { seen, stream } = recorder();
    stream.push("x", { eventId: "c" });
    let first = true;
    const fetchMissed: FetchMissed = async () => {
      if (first) {
        first = false;
        await new Promise((r) => setTimeout(r, 20));
        return { ok: true, events: [ev("stale")], complete: true };
      }
      return { ok: true, events: [ev("d")], complete: true };
    };
    const older = stream.resubscribed(fetchMissed);
    const newer = stream.resubscribed(fetchMissed);
    expect(await newer).toBe("replayed");
    expect(await older).toBe("skipped");
    expect(seen).toEqual(["c", "d"]);
  });
});

describe("httpMissedFetcher", () => {
  it("calls the route with channel and after, and maps 200 and 410", async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(Response.json({ events: [ev("a")], complete: false }))
      .mockResolvedValueOnce(Response.json({ error: { code: "gone" } }, { status: 410 }));
    const fetchMissed = httpMissedFetcher({
      fetch,
      baseUrl: "http://app.test",
      headers: { cookie: "c" },
    });
    expect(await fetchMissed("private-user-u", "e 1")).toEqual({
      ok: true,
      events: [ev("a")],
      complete: false,
    });
    expect(fetch.mock.calls[0]![0]).toBe(
      "http://app.test/api/realtime/missed?channel=private-user-u&after=e+1",
    );
    expect(fetch.mock.calls[0]![1]).toMatchObject({ headers: { cookie: "c" } });
    expect(await fetchMissed("private-user-u", "x")).toEqual({
      ok: false,
      gone: true,
      status: 410,
    });
  });
});
