import { describe, expect, it } from "vitest";
import { UserStateCache, type UserState } from "./cache";

const state = (overrides: Partial<UserState> = {}): UserState => ({
  id: "u1",
  name: "Ada",
  email: "ada@example.test",
  role: "TEACHER",
  active: true,
  sessionVersion: 0,
  locale: null,
  ...overrides,
});

/** A loader over a mutable "database" that counts its calls; `gate` holds a lookup back. */
function fakeDb() {
  const rows = new Map<string, UserState>([["u1", state()]]);
  const db = {
    rows,
    calls: 0,
    fail: false,
    gate: undefined as Promise<void> | undefined,
    load: async (id: string) => {
      db.calls++;
      const snapshot = rows.get(id) ?? null;
      if (db.gate) await db.gate;
      if (db.fail) throw new Error("database down");
      return snapshot;
    },
  };
  return db;
}

describe("UserStateCache", () => {
  it("serves a hit without a lookup and coalesces concurrent misses", async () => {
    const db = fakeDb();
    const cache = new UserStateCache(db.load);
    cache.setListening(true);
    const [a, b] = await Promise.all([cache.get("u1"), cache.get("u1")]);
    expect(a).toEqual(state());
    expect(b).toBe(a);
    await cache.get("u1");
    expect(db.calls).toBe(1);
  });

  it("reads the new state after an invalidation", async () => {
    const db = fakeDb();
    const cache = new UserStateCache(db.load);
    cache.setListening(true);
    await cache.get("u1");
    db.rows.set("u1", state({ active: false }));
    expect((await cache.get("u1"))?.active).toBe(true);
    cache.invalidate(["u1"]);
    expect((await cache.get("u1"))?.active).toBe(false);
  });

  it("never stores a lookup that started before an invalidation", async () => {
    const db = fakeDb();
    const cache = new UserStateCache(db.load);
    cache.setListening(true);
    let release!: () => void;
    db.gate = new Promise((resolve) => (release = resolve));
    const old = cache.get("u1");
    // The change commits while the old lookup is still in flight.
    db.rows.set("u1", state({ role: "STUDENT" }));
    cache.invalidate(["u1"]);
    const fresh = cache.get("u1");
    release();
    expect((await old)?.role).toBe("TEACHER");
    expect((await fresh)?.role).toBe("STUDENT");
    db.gate = undefined;
    expect((await cache.get("u1"))?.role).toBe("STUDENT");
  });

  it("keeps entries briefly while no invalidations arrive, longer while they do", async () => {
    let now = 0;
    const db = fakeDb();
    const cache = new UserStateCache(db.load, {
      freshMs: 60_000,
      fallbackMs: 1_000,
      now: () => now,
    });
    await cache.get("u1");
    now = 1_500;
    await cache.get("u1");
    expect(db.calls).toBe(2);
    cache.setListening(true);
    await cache.get("u1");
    now = 50_000;
    await cache.get("u1");
    expect(db.calls).toBe(3);
  });

  it("clears everything when the listener comes up or goes down (changes may be missed)", async () => {
    const db = fakeDb();
    const cache = new UserStateCache(db.load);
    cache.setListening(true);
    await cache.get("u1");
    cache.setListening(false);
    expect(cache.isListening).toBe(false);
    await cache.get("u1");
    expect(db.calls).toBe(2);
  });

  it("serves a recent entry while the database is unreachable, else fails", async () => {
    let now = 0;
    const db = fakeDb();
    const cache = new UserStateCache(db.load, {
      fallbackMs: 1_000,
      staleLimitMs: 60_000,
      now: () => now,
    });
    await cache.get("u1");
    db.fail = true;
    now = 30_000;
    expect(await cache.get("u1")).toEqual(state());
    now = 90_000;
    await expect(cache.get("u1")).rejects.toThrow("database down");
    await expect(cache.get("u2")).rejects.toThrow("database down");
  });

  it("remembers unknown users as null", async () => {
    const db = fakeDb();
    const cache = new UserStateCache(db.load);
    cache.setListening(true);
    expect(await cache.get("nobody")).toBeNull();
    expect(await cache.get("nobody")).toBeNull();
    expect(db.calls).toBe(1);
  });
});
