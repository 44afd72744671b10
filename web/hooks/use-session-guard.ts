"use client";
import { useCallback, useEffect, useRef } from "react";
import type { Channel } from "pusher-js";
import { useRealtime } from "@/components/realtime/realtime-provider";

// pusher-js keeps no list of subscription errors: new channels are picked up this often.
const CHANNEL_SCAN_MS = 250;

// Requests of this tab that end by re-issuing its session (a password change): the server
// closes the realtime connections before its answer brings the new cookie, so a check made
// meanwhile would see the old session as revoked. Checks wait for them.
let renewing = 0;
const afterRenewal = new Set<() => void>();

/** Runs `request`, which re-issues this tab's session; session checks wait until it is done. */
export async function whileRenewingSession<T>(request: () => Promise<T>): Promise<T> {
  renewing += 1;
  try {
    return await request();
  } finally {
    renewing -= 1;
    if (renewing === 0) {
      const waiting = [...afterRenewal];
      afterRenewal.clear();
      for (const check of waiting) check();
    }
  }
}

/** Where a signed-out page goes: the sign-in page, back here afterwards. */
function signInUrl(): string {
  const here = `${location.pathname}${location.search}`;
  return `/sign-in?callbackUrl=${encodeURIComponent(here)}`;
}

/**
 * Sends an open page to the sign-in page as soon as its session has been revoked
 * (deactivation, password change elsewhere): when the server closes the realtime connection,
 * a channel authorization answers 401, or `verify()` is called (an API answered 401), it asks
 * GET /api/me: a 401 there means the session is gone; another role than the page's reloads
 * it. Returns `verify`.
 */
export function useSessionGuard(): () => void {
  const { connection, user } = useRealtime();
  const checking = useRef(false);
  const leaving = useRef(false);
  const signedIn = user !== null;
  const role = user?.role;

  const verify = useCallback(() => {
    if (!signedIn || checking.current || leaving.current) return;
    if (renewing > 0) {
      afterRenewal.add(verify);
      return;
    }
    checking.current = true;
    fetch("/api/me", { cache: "no-store", headers: { Accept: "application/json" } })
      .then(async (response) => {
        if (response.status === 401) {
          leaving.current = true;
          location.assign(signInUrl());
          return;
        }
        if (!response.ok) return;
        // A new role (promoted, demoted): this page was rendered for the old one; the reload
        // shows the new one's view, or the server sends them to their new home.
        const me = (await response.json()) as { role?: string };
        if (me.role && me.role !== role) {
          leaving.current = true;
          location.reload();
        }
      })
      // Offline or the server restarting: nothing to judge; the next trigger asks again.
      .catch(() => {})
      .finally(() => {
        checking.current = false;
      });
  }, [signedIn, role]);

  useEffect(() => {
    if (!connection || !signedIn) return;
    const { pusher } = connection;
    let previous = connection.getState();
    // The server closed the socket (Soketi's 4009 after terminateUserConnections leaves
    // pusher-js "disconnected"), or the connection gave up.
    const offState = connection.subscribeState(() => {
      const state = connection.getState();
      if (state !== previous && (state === "disconnected" || state === "failed")) verify();
      previous = state;
    });
    const onError = (error: { data?: { code?: number } }) => {
      const code = error?.data?.code;
      if (typeof code === "number" && code >= 4000 && code < 4100) verify();
    };
    pusher.connection.bind("error", onError);

    const watched = new WeakSet<Channel>();
    const onSubscriptionError = (error: { status?: number }) => {
      if (error?.status === 401) verify();
    };
    const scan = () => {
      for (const channel of pusher.allChannels()) {
        if (watched.has(channel)) continue;
        watched.add(channel);
        channel.bind("pusher:subscription_error", onSubscriptionError);
      }
    };
    scan();
    const timer = setInterval(scan, CHANNEL_SCAN_MS);
    return () => {
      offState();
      clearInterval(timer);
      pusher.connection.unbind("error", onError);
      for (const channel of pusher.allChannels()) {
        if (watched.has(channel)) channel.unbind("pusher:subscription_error", onSubscriptionError);
      }
    };
  }, [connection, signedIn, verify]);

  return verify;
}
