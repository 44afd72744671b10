import { describe, expect, it } from "vitest";
import { localizedPath, negotiateLocale, splitLocalePrefix } from "./locales";

describe("negotiateLocale", () => {
  it.each([
    [null, "en"],
    ["", "en"],
    ["de", "de"],
    ["de-AT,de;q=0.9", "de"],
    ["fr-FR,fr;q=0.9,de;q=0.8,en;q=0.7", "de"],
    ["en-US,en;q=0.9,de;q=0.8", "en"],
    ["de;q=0.5,en;q=0.6", "en"],
    ["de;q=0,en", "en"],
    ["de;q=0", "en"],
    ["fr", "en"],
    ["*", "en"],
    ["DE-ch", "de"],
    ["de;q=abc", "en"],
  ])("%s → %s", (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe("splitLocalePrefix", () => {
  it("takes a language prefix off", () => {
    expect(splitLocalePrefix("/de/student")).toEqual({ locale: "de", rest: "/student" });
    expect(splitLocalePrefix("/de")).toEqual({ locale: "de", rest: "/" });
    expect(splitLocalePrefix("/en/courses/1")).toEqual({ locale: "en", rest: "/courses/1" });
  });
  it("leaves other paths alone", () => {
    expect(splitLocalePrefix("/student")).toEqual({ locale: null, rest: "/student" });
    expect(splitLocalePrefix("/deutsch")).toEqual({ locale: null, rest: "/deutsch" });
    expect(splitLocalePrefix("/fr/student")).toEqual({ locale: null, rest: "/fr/student" });
    expect(splitLocalePrefix("/")).toEqual({ locale: null, rest: "/" });
  });
});

describe("localizedPath", () => {
  it("prefixes app paths", () => {
    expect(localizedPath("de", "/student")).toBe("/de/student");
    expect(localizedPath("de", "/")).toBe("/de");
    expect(localizedPath("de", "/student#payments")).toBe("/de/student#payments");
    expect(localizedPath("de", "/sign-in?callbackUrl=%2Fadmin")).toBe(
      "/de/sign-in?callbackUrl=%2Fadmin",
    );
  });
  it("keeps what must not change", () => {
    expect(localizedPath(null, "/student")).toBe("/student");
    expect(localizedPath("", "/student")).toBe("/student");
    expect(localizedPath("de", "/de/student")).toBe("/de/student");
    expect(localizedPath("de", "/en/student")).toBe("/en/student");
    expect(localizedPath("de", "/api/me")).toBe("/api/me");
    expect(localizedPath("de", "https://example.com/x")).toBe("https://example.com/x");
    expect(localizedPath("de", "//evil.example/x")).toBe("//evil.example/x");
    expect(localizedPath("de", "#main")).toBe("#main");
  });
});
