import { describe, expect, it } from "vitest";
import { appLines } from "./banner";

describe("appLines", () => {
  it("names every host the dev server answers, on the app's port", () => {
    const [first, ...rest] = appLines("http://localhost:3123", "dev");
    expect(first).toContain("http://localhost:3123");
    expect(first).toContain("http://127.0.0.1:3123");
    expect(rest.join(" ")).toContain("allowedDevOrigins");
  });

  it("is the plain URL under next start", () => {
    expect(appLines("http://localhost:3000", "start")).toEqual([
      "  App        http://localhost:3000",
    ]);
  });
});
