// Shared set-up of the realtime hook tests (web/hooks/*.integration.test.tsx): the provider and hooks
// in React (jsdom) against a real Soketi with real pusher-js. Auth is signed locally with the app
// secret (customHandler) instead of calling the Next route.
import type { UserIdentity } from "@/lib/domain";
import { cleanup, render } from "@testing-library/react";
import { useMemo, type ReactNode } from "react";
import { SWRConfig } from "swr";
import { afterAll, afterEach, beforeAll } from "vitest";
import { RealtimeProvider, useRealtime } from "@/components/realtime/realtime-provider";
import { IntlWrapper } from "./intl";
import type { RealtimeConnection } from "@/lib/realtime/connection";
import { testCuid } from "./ids";
import { createRealtimeService, type RealtimeService } from "@/server/realtime/publisher";
import {
  clientConfigFor,
  localAuthFor,
  serverFor,
  startTestSoketi,
  type TestSoketi,
} from "./soketi";
import { waitUntil } from "./wait";

export let soketi: TestSoketi;
export let service: RealtimeService;

/** Starts this test file's Soketi and publisher, unmounts after each test, stops at the end. */
export function setupSoketi() {
  beforeAll(async () => {
    soketi = await startTestSoketi();
    service = createRealtimeService({
      pusher: serverFor(soketi),
      logger: { warn: () => {}, error: () => {} },
    });
  });
  afterEach(() => cleanup());
  afterAll(async () => {
    await soketi?.stop();
  });
}

export const student = (name = "Stu Dent"): UserIdentity => ({
  id: testCuid(),
  role: "STUDENT",
  name,
});
export const teacher = (name = "Tea Cher"): UserIdentity => ({
  id: testCuid(),
  role: "TEACHER",
  name,
});

/** Soketi's view of a channel (HTTP API), to see real subscribe/unsubscribe. */
export async function occupied(channel: string): Promise<boolean> {
  const res = await serverFor(soketi).get({ path: `/channels/${channel}` });
  return ((await res.json()) as { occupied: boolean }).occupied;
}

/** Captures the provider's connection for assertions. */
export const probe: { connection: RealtimeConnection | null } = { connection: null };
function Probe() {
  probe.connection = useRealtime().connection;
  return null;
}

/** One browser tab: SWR cache, provider with locally signed auth, a probe. */
export function Tab({
  user,
  children,
  onReconnect,
}: {
  user: UserIdentity | null;
  children?: ReactNode;
  onReconnect?: () => void;
}) {
  const config = useMemo(() => clientConfigFor(soketi), []);
  const auth = useMemo(() => (user ? localAuthFor(soketi, user) : undefined), [user]);
  return (
    <IntlWrapper>
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0 }}>
        {/* No web server here to replay missed events from: reconnects revalidate instead. */}
        <RealtimeProvider
          config={config}
          user={user}
          authHandlers={auth}
          onReconnect={onReconnect}
          fetchMissed={null}
        >
          <Probe />
          {children}
        </RealtimeProvider>
      </SWRConfig>
    </IntlWrapper>
  );
}

export async function connectedTab(ui: ReactNode) {
  const view = render(ui);
  await waitUntil(() => probe.connection?.getState() === "connected", "the provider to connect");
  return view;
}

/** Waits until every channel the connection holds is subscribed on Soketi's side. */
export async function allSubscribed() {
  await waitUntil(() => {
    const c = probe.connection;
    if (!c) return false;
    return c.heldChannels().every((name) => c.pusher.channel(name)?.subscribed);
  }, "all subscriptions to succeed");
}

export type Log = { who: string; event: string; channel?: string; eventId?: string }[];
