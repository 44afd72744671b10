// The browser bundle carries no secret (issue: hardening, security tests): neither the running
// stack's Pusher secret and AUTH_SECRET nor the development defaults appear anywhere in the
// built client files (.next/static), which every visitor can download.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_PUSHER_CREDENTIALS } from "@/lib/dev-defaults";
import { getStack } from "../helpers/stack";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

describe("the built client bundle", () => {
  it("contains no server secret", () => {
    const stack = getStack();
    const dist = process.env.NEXT_DIST_DIR ?? ".next";
    const staticDir = path.join(stack.webDir, dist, "static");
    const all = files(staticDir);
    expect(all.length).toBeGreaterThan(10);
    const secrets = {
      "the stack's PUSHER_SECRET": stack.soketi.secret,
      "the stack's AUTH_SECRET": stack.authSecret,
      "the development PUSHER_SECRET": DEV_PUSHER_CREDENTIALS.secret,
      "the development AUTH_SECRET": "livecampus-development-auth-secret-do-not-use-in-production",
    };
    const found: string[] = [];
    for (const file of all) {
      const text = readFileSync(file, "latin1");
      for (const [what, value] of Object.entries(secrets))
        if (text.includes(value)) found.push(`${what} in ${path.relative(staticDir, file)}`);
    }
    expect(found).toEqual([]);
  });
});
