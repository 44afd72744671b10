// @vitest-environment jsdom
// Realtime hooks in React (jsdom) against a real Soketi with real pusher-js, set up by
// realtime-hooks.harness.tsx: presence members joining and leaving.
import { render, waitFor as rtlWaitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { channels } from "@/lib/realtime";
import { testCuid } from "../../tests/helpers/ids";
import {
  connectedTab,
  setupSoketi,
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
});
