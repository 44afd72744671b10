"use client";
// Owns the tab's single pusher-js connection. Hooks get channels from it by reference
// counting (see RealtimeConnection); nothing else creates a connection.
import {
  createContext,
  useContext,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from "react";
import { useSWRConfig } from "swr";
import type { UserIdentity } from "@/lib/domain";
import {
  createPusherClient,
  type PusherClientOptions,
  type RealtimeClientConfig,
} from "@/lib/realtime/client";
import { RealtimeConnection } from "@/lib/realtime/connection";
import { httpMissedFetcher, type FetchMissed } from "@/lib/realtime/replay";

type RealtimeContextValue = {
  /** The live connection, or null before it exists (server render, first client render) or when disabled. */
  connection: RealtimeConnection | null;
  user: UserIdentity | null;
};

const RealtimeContext = createContext<RealtimeContextValue>({ connection: null, user: null });

type RealtimeProviderProps = {
  /** Public realtime settings, passed from the server layout as a prop; null disables realtime. */
  config: RealtimeClientConfig | null;
  /** The signed-in user, or null for anonymous visitors (they still get public channels). */
  user: UserIdentity | null;
  children: ReactNode;
  /**
   * Replaces the HTTP auth endpoints (tests and tools sign locally). Pass a stable object:
   * a new one reconnects.
   */
  authHandlers?: PusherClientOptions;
  /**
   * Called, besides revalidating every SWR key, when events may have been missed and could not
   * be replayed (a reconnect without replay, a 410 from the missed-events route).
   */
  onReconnect?: () => void;
  /**
   * The newest event id when the page's data was loaded (server layouts: getEventCursor()):
   * a channel's first subscription replays what was published after it.
   */
  initialCursor?: string | null;
  /** Missed-event source; default the app's /api/realtime/missed, null for none (tests). */
  fetchMissed?: FetchMissed | null;
  /** Size of the per-tab de-duplication memory. */
  dedupeCapacity?: number;
};

/**
 * Provides one pusher-js connection per tab: created on mount (and for anonymous visitors,
 * for public-announcements), signed in (`pusher.signin()`) when a user is set, replaced when
 * the user or config changes, disconnected on sign-out and unmount. After a reconnect every
 * SWR key is revalidated (`mutate(() => true)`) so nothing missed while offline is lost.
 */
export function RealtimeProvider({
  config,
  user,
  children,
  authHandlers,
  onReconnect,
  dedupeCapacity,
  initialCursor = null,
  fetchMissed,
}: RealtimeProviderProps) {
  const [connection, setConnection] = useState<RealtimeConnection | null>(null);
  // Read when a connection is made, not a reason to make a new one.
  const cursorRef = useRef(initialCursor);
  const { mutate } = useSWRConfig();

  // Primitives as effect dependencies: the layout hands a new config object on each render.
  const enabled = config !== null;
  const key = config?.key;
  const host = config?.host;
  const port = config?.port;
  const useTLS = config?.useTLS;
  const cluster = config?.cluster;
  const cloud = config?.cloud;
  const authEndpoint = config?.authEndpoint;
  const userAuthEndpoint = config?.userAuthEndpoint;
  const userId = user?.id;
  const userRole = user?.role;

  useEffect(() => {
    if (!enabled || !key || !cluster || useTLS === undefined) return;
    const pusher = createPusherClient(
      { key, host, port, useTLS, cluster, cloud, authEndpoint, userAuthEndpoint },
      authHandlers,
    );
    const created = new RealtimeConnection(pusher, {
      dedupeCapacity,
      fetchMissed: fetchMissed === undefined ? httpMissedFetcher() : fetchMissed,
      initialCursor: cursorRef.current,
    });
    // The server checks the session; the id only decides whether to ask.
    if (userId) pusher.signin();
    setConnection(created);
    return () => {
      created.destroy();
      setConnection((current) => (current === created ? null : current));
    };
  }, [
    enabled,
    key,
    host,
    port,
    useTLS,
    cluster,
    cloud,
    authEndpoint,
    userAuthEndpoint,
    userId,
    userRole,
    authHandlers,
    dedupeCapacity,
    fetchMissed,
  ]);

  const onReconnectRef = useRef(onReconnect);
  useLayoutEffect(() => {
    onReconnectRef.current = onReconnect;
    cursorRef.current = initialCursor;
  });

  useEffect(() => {
    if (!connection) return;
    return connection.onReconnect(() => {
      void mutate(() => true);
      onReconnectRef.current?.();
    });
  }, [connection, mutate]);

  // A new context value only when the connection or the user really changed, not on every
  // parent render (the layout passes a fresh user object each time).
  const userName = user?.name;
  const value = useMemo<RealtimeContextValue>(
    () => ({
      connection,
      user:
        userId && userRole && userName !== undefined
          ? { id: userId, role: userRole, name: userName }
          : null,
    }),
    [connection, userId, userRole, userName],
  );
  return <RealtimeContext.Provider value={value}>{children}</RealtimeContext.Provider>;
}

/** The realtime context (connection may be null: hooks then do nothing). */
export function useRealtime(): RealtimeContextValue {
  return useContext(RealtimeContext);
}
