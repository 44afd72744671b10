import { describe, expect, it } from "vitest";
import { LruSet } from "./lru";

describe("LruSet", () => {
  it("reports new vs seen keys", () => {
    const set = new LruSet(3);
    expect(set.add("a")).toBe(true);
    expect(set.add("a")).toBe(false);
    expect(set.has("a")).toBe(true);
  });

  it("forgets the oldest beyond its capacity, refreshing re-added keys", () => {
    const set = new LruSet(2);
    set.add("a");
    set.add("b");
    set.add("a"); // a is now freshest
    set.add("c"); // evicts b
    expect(set.has("a")).toBe(true);
    expect(set.has("b")).toBe(false);
    expect(set.has("c")).toBe(true);
    expect(set.size).toBe(2);
  });

  it("rejects a bad capacity", () => {
    expect(() => new LruSet(0)).toThrow(RangeError);
  });
});
