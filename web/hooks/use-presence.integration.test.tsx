// @vitest-environment jsdom
// Realtime hooks in React (jsdom) against a real Soketi with real pusher-js, set up by
// realtime-hooks.harness.tsx: presence members joining and leaving, and staying true across a
// Soketi restart.
import path from "node:path";
import { render, waitFor as rtlWaitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { channels } from "@/lib/realtime";
import { testCuid } from "../../tests/helpers/ids";
import {
  connectedTab,
  setupSoketi,
  soketi,
  student,
  Tab,
  teacher,
} from "../../tests/helpers/realtime-hooks";
import { usePresence } from "./use-presence";

setupSoketi();

describe("RealtimeProvider + hooks against Soketi", () => {
  it("shows presence members joining and leaving, self included", async () => {
    const courseId = testCuid();
    const presence = channels.presenceCourse(courseId);
    const alice = teacher("Alice");
    const bob = student("Bob");
    const seen: Record<string, string> = {};
    function Members({ who }: { who: string }) {
      const members = usePresence(presence);
      seen[who] = members.map((m) => `${m.name}:${m.role}${m.isMe ? "*" : ""}`).join(",");
      return null;
    }
    // Two tabs = two providers = two connections (one per tab).
    await connectedTab(
      <Tab user={alice}>
        <Members who="alice" />
      </Tab>,
    );
    await rtlWaitFor(() => expect(seen.alice).toBe("Alice:TEACHER*"));
    const bobTab = render(
      <Tab user={bob}>
        <Members who="bob" />
      </Tab>,
    );
    await rtlWaitFor(() => {
      expect(seen.bob).toBe("Alice:TEACHER,Bob:STUDENT*");
      expect(seen.alice).toBe("Alice:TEACHER*,Bob:STUDENT");
    });
    bobTab.unmount();
    await rtlWaitFor(() => expect(seen.alice).toBe("Alice:TEACHER*"), { timeout: 5000 });
  });

  it("stays true across a Soketi restart: one member per user, no ghosts", async () => {
    const courseId = testCuid();
    const presence = channels.presenceCourse(courseId);
    const alice = teacher("Alice");
    const bob = student("Bob");
    const seen: Record<string, string> = {};
    function Members({ who }: { who: string }) {
      const members = usePresence(presence);
      seen[who] = members.map((m) => `${m.name}${m.isMe ? "*" : ""}`).join(",");
      return null;
    }
    // Alice in two tabs (two connections, one user), Bob in one.
    const aliceOne = render(
      <Tab user={alice}>
        <Members who="alice1" />
      </Tab>,
    );
    render(
      <Tab user={alice}>
        <Members who="alice2" />
      </Tab>,
    );
    const bobTab = render(
      <Tab user={bob}>
        <Members who="bob" />
      </Tab>,
    );
    const allSee = async (expected: Record<string, string>, timeout = 10_000) =>
      rtlWaitFor(() => expect(seen).toMatchObject(expected), { timeout });
    await allSee({ alice1: "Alice*,Bob", alice2: "Alice*,Bob", bob: "Alice,Bob*" });

    // Soketi goes away (its shutdown closes every socket) and comes back on the same port.
    const { startSoketi } = (await import(
      /* @vite-ignore */ path.resolve(import.meta.dirname, "../../scripts/lib/soketi.ts")
    )) as { startSoketi(o: object): Promise<{ stop(): Promise<void> }> };
    await soketi.stop();
    await rtlWaitFor(() => expect(seen.bob).toBe(""), { timeout: 10_000 });
    const restarted = await startSoketi({
      port: soketi.port,
      metricsPort: soketi.metricsPort,
      quiet: true,
    });
    try {
      await allSee({ alice1: "Alice*,Bob", alice2: "Alice*,Bob", bob: "Alice,Bob*" }, 20_000);
      // Leaving after the restart is seen too: no ghost Bob, and Alice stays while one tab does.
      bobTab.unmount();
      await allSee({ alice1: "Alice*", alice2: "Alice*" });
      aliceOne.unmount();
      await new Promise((r) => setTimeout(r, 500));
      expect(seen.alice2).toBe("Alice*");
    } finally {
      await restarted.stop();
    }
  }, 60_000);
});
