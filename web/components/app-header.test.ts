import { describe, expect, it } from "vitest";
import { currentNavHref } from "./app-header";

const NAV = [
  { href: "/admin", label: "Dashboard" },
  { href: "/admin/users", label: "Users" },
  { href: "/courses", label: "Courses" },
];

describe("currentNavHref", () => {
  it("marks the most specific entry the path belongs to", () => {
    expect(currentNavHref(NAV, "/admin")).toBe("/admin");
    expect(currentNavHref(NAV, "/admin/users")).toBe("/admin/users");
    expect(currentNavHref(NAV, "/courses/abc")).toBe("/courses");
  });

  it("marks nothing for a page outside the navigation", () => {
    expect(currentNavHref(NAV, "/account/password")).toBeUndefined();
    expect(currentNavHref(NAV, "/administration")).toBeUndefined();
  });
});
