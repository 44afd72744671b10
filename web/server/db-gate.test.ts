import { readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DatabaseGate, GATE_EXEMPT_FILES, needsDatabase } from "./db-gate";

/** A database whose probes the test answers one by one. */
function fakeDatabase() {
  const pending: Array<{ resolve: () => void; reject: (error: Error) => void }> = [];
  return {
    pending,
    probes: 0,
    probe(): Promise<unknown> {
      this.probes++;
      return new Promise<void>((resolve, reject) => pending.push({ resolve, reject }));
    },
    answer() {
      pending.shift()!.resolve();
    },
    refuse() {
      pending.shift()!.reject(new Error("connect ECONNREFUSED"));
    },
  };
}

/** Lets the gate's promise chains run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

function gateOver(db: ReturnType<typeof fakeDatabase>, overrides: { now?: () => number } = {}) {
  const changes: boolean[] = [];
  const gate = new DatabaseGate({
    probe: () => db.probe(),
    timeoutMs: 500,
    downFreshMs: 1000,
    onChange: (available) => changes.push(available),
    ...overrides,
  });
  return { gate, changes };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("DatabaseGate", () => {
  it("lets a request through once a probe sent after it arrived is answered", async () => {
    const db = fakeDatabase();
    const { gate, changes } = gateOver(db);
    const verdict = gate.isAvailable();
    await settle();
    expect(db.probes).toBe(1);
    db.answer();
    expect(await verdict).toBe(true);
    expect(changes).toEqual([]);
  });

  it("shares one probe among the requests that arrive together", async () => {
    const db = fakeDatabase();
    const { gate } = gateOver(db);
    const verdicts = [gate.isAvailable(), gate.isAvailable(), gate.isAvailable()];
    await settle();
    expect(db.probes).toBe(1);
    db.answer();
    expect(await Promise.all(verdicts)).toEqual([true, true, true]);
  });

  it("never trusts an answer to a probe sent before the request arrived", async () => {
    const db = fakeDatabase();
    const { gate } = gateOver(db);
    const first = gate.isAvailable();
    await settle();
    // Arrives while the first probe is out: that probe's "up" may predate a hang.
    const second = gate.isAvailable();
    db.answer();
    expect(await first).toBe(true);
    await settle();
    expect(db.probes).toBe(2);
    let decided = false;
    void second.then(() => (decided = true));
    await settle();
    expect(decided).toBe(false);
    db.refuse();
    expect(await second).toBe(false);
  });

  it("accepts a failure of an earlier probe: the database was away a moment ago", async () => {
    const db = fakeDatabase();
    const { gate } = gateOver(db);
    const first = gate.isAvailable();
    await settle();
    const second = gate.isAvailable();
    db.refuse();
    expect(await Promise.all([first, second])).toEqual([false, false]);
    expect(db.probes).toBe(1);
  });

  it("counts a probe that does not answer in time as down, and reports the change once", async () => {
    vi.useFakeTimers();
    const db = fakeDatabase();
    const { gate, changes } = gateOver(db);
    const verdict = gate.isAvailable();
    await vi.advanceTimersByTimeAsync(500);
    expect(await verdict).toBe(false);
    expect(changes).toEqual([false]);
    // The hung probe's late answer changes nothing.
    db.answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(changes).toEqual([false]);
  });

  it("answers from a recent failure without probing, then probes again and recovers", async () => {
    let now = 0;
    const db = fakeDatabase();
    const { gate, changes } = gateOver(db, { now: () => now });
    const first = gate.isAvailable();
    await settle();
    db.refuse();
    expect(await first).toBe(false);
    now = 999;
    expect(await gate.isAvailable()).toBe(false);
    expect(db.probes).toBe(1);
    now = 1000;
    const again = gate.isAvailable();
    await settle();
    expect(db.probes).toBe(2);
    db.answer();
    expect(await again).toBe(true);
    expect(changes).toEqual([false, true]);
  });

  it("treats a probe that throws synchronously as a failure", async () => {
    const gate = new DatabaseGate({
      probe: () => {
        throw new Error("bad configuration");
      },
    });
    expect(await gate.isAvailable()).toBe(false);
  });
});

describe("needsDatabase", () => {
  it("gates every page, the 404 page of an unknown path included", () => {
    for (const page of ["/", "/sign-in", "/student", "/admin/users", "/courses/c1", "/nope"])
      expect(needsDatabase(page), page).toBe(true);
  });

  it("leaves Next's assets and dev endpoints alone", () => {
    for (const asset of ["/_next/static/chunks/a.js", "/_next/image", "/__nextjs_font/x"])
      expect(needsDatabase(asset), asset).toBe(false);
  });

  it("leaves every file of web/public alone", () => {
    const root = path.join(import.meta.dirname, "../public");
    const files = readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${path.relative(root, path.join(entry.parentPath, entry.name))}`)
      .sort();
    expect([...GATE_EXEMPT_FILES].sort()).toEqual(files);
    for (const file of files) expect(needsDatabase(file), file).toBe(false);
  });
});
