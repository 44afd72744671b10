import { describe, expect, it } from "vitest";
import { lastWeeks, weekStart } from "./charts";

describe("weekly buckets", () => {
  it("starts a week on Monday 00:00 UTC", () => {
    // Sunday 2026-11-29 late evening belongs to the week of Monday 2026-11-23.
    expect(weekStart(new Date("2026-11-29T23:59:00Z")).toISOString()).toBe(
      "2026-11-23T00:00:00.000Z",
    );
    expect(weekStart(new Date("2026-11-30T00:00:00Z")).toISOString()).toBe(
      "2026-11-30T00:00:00.000Z",
    );
  });

  it("lists the last weeks oldest first, ending with the current one", () => {
    expect(lastWeeks(new Date("2026-12-01T12:00:00Z"), 3)).toEqual([
      "2026-11-16",
      "2026-11-23",
      "2026-11-30",
    ]);
  });
});
