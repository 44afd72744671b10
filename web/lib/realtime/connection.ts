// One pusher-js connection and what every hook shares on it: reference-counted channel
// subscriptions, one ordered event stream per channel with missed-event replay (./replay), the
// connection state, resync listeners and per-tab event de-duplication.
// No React here; RealtimeProvider owns one instance per tab.
import type Pusher from "pusher-js";
import type { Channel } from "pusher-js";
import { LRUCache } from "lru-cache";
import { reconnectControllerOf } from "./client";
import { ChannelStream, type FetchMissed } from "./replay";

export const CONNECTION_STATES = [
  "initialized",
  "connecting",
  "connected",
  "unavailable",
  "failed",
  "disconnected",
] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export type RealtimeConnectionOptions = {
  /** How many (listener, eventId) pairs the de-duplication remembers. Default 2000. */
  dedupeCapacity?: number;
  /** Replays missed events after each (re)subscription; null: revalidate after reconnects. */
  fetchMissed?: FetchMissed | null;
  /** Newest event id when the page's data was loaded: first subscriptions replay from it. */
  initialCursor?: string | null;
};

/** A failed subscription is asked for again after 1 s plus up to this much. */
const SUBSCRIPTION_RETRY_JITTER_MS = 4000;
/** Replays of one reconnect settle within this window of each other. */
const RESYNC_COALESCE_MS = 100;

type Held = {
  count: number;
  channel: Channel;
  stream: ChannelStream;
  listeners: Map<string, Set<(data: unknown) => void>>;
  onEvent: (event: string, data: unknown) => void;
};

export class RealtimeConnection {
  private readonly held = new Map<string, Held>();
  // lru-cache ships a browser build with no Node built-ins (~6 KB gzipped); only `max` is used.
  private readonly delivered: LRUCache<string, true>;
  private readonly stateListeners = new Set<() => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly fetchMissed: FetchMissed | null;
  private state: ConnectionState;
  private hasBeenConnected = false;
  private destroyed = false;
  /** Newest eventId seen on any channel: a valid `after` for any channel (contract §9). */
  private lastSeen: string | null;
  private resyncScheduled = false;
  private readonly stopWatchingRetries: () => void;

  constructor(
    readonly pusher: Pusher,
    options: RealtimeConnectionOptions = {},
  ) {
    this.delivered = new LRUCache({ max: options.dedupeCapacity ?? 2000 });
    this.fetchMissed = options.fetchMissed ?? null;
    this.lastSeen = options.initialCursor ?? null;
    this.state = pusher.connection.state as ConnectionState;
    this.hasBeenConnected = this.state === "connected";
    pusher.connection.bind("state_change", this.onStateChange);
    this.stopWatchingRetries =
      reconnectControllerOf(pusher)?.onChange(() => this.notifyState()) ?? (() => {});
  }

  private readonly onStateChange = ({ current }: { previous: string; current: string }) => {
    this.state = current as ConnectionState;
    this.notifyState();
    if (current !== "connected") return;
    if (this.hasBeenConnected) {
      // Back after a drop: pusher-js re-subscribes by itself and each channel replays what it
      // missed; without replay (or when it cannot), listeners revalidate their data.
      if (!this.fetchMissed) this.resync();
    }
    this.hasBeenConnected = true;
  };

  private notifyState() {
    for (const listener of [...this.stateListeners]) listener();
  }

  // Coalesced: several channels failing to replay at once cost one refetch.
  private resync() {
    if (this.resyncScheduled) return;
    this.resyncScheduled = true;
    setTimeout(() => {
      this.resyncScheduled = false;
      if (this.destroyed) return;
      for (const listener of [...this.reconnectListeners]) listener();
    }, RESYNC_COALESCE_MS);
  }

  /** The channel, subscribed on the first acquire; pair every acquire with one release. */
  acquire(channelName: string): Channel {
    const existing = this.held.get(channelName);
    if (existing) {
      existing.count += 1;
      return existing.channel;
    }
    const channel = this.pusher.subscribe(channelName);
    const listeners = new Map<string, Set<(data: unknown) => void>>();
    // A first subscription replays from what the tab had seen when it asked for the channel
    // (the page's cursor before any event arrived): not from what arrives later elsewhere.
    const stream = new ChannelStream(
      channelName,
      this.lastSeen,
      (event, data) => {
        for (const listener of [...(listeners.get(event) ?? [])]) listener(data);
      },
      (eventId) => {
        this.lastSeen = eventId;
      },
    );
    const onEvent = (event: string, data: unknown) => {
      if (event === "pusher:subscription_succeeded") return void this.replay(channelName);
      if (event === "pusher:subscription_error") return this.retrySubscription(channelName, data);
      if (event.startsWith("pusher:") || event.startsWith("pusher_internal:")) return;
      stream.push(event, data);
    };
    channel.bind_global(onEvent);
    this.held.set(channelName, { count: 1, channel, stream, listeners, onEvent });
    if (channel.subscribed) void this.replay(channelName);
    return channel;
  }

  // pusher-js never asks again after a failed authorization; a transient failure (network,
  // 429, 5xx: the auth handler already retried) is tried again here, later and jittered.
  // 401/403 are answers, not failures.
  private retrySubscription(channelName: string, error: unknown) {
    const status = (error as { status?: unknown } | null)?.status;
    if (typeof status !== "number" || (status !== 0 && status !== 429 && status < 500)) return;
    setTimeout(
      () => {
        const held = this.held.get(channelName);
        if (!held || this.destroyed || held.channel.subscribed) return;
        if (this.pusher.connection.state === "connected") this.pusher.subscribe(channelName);
      },
      1000 + Math.random() * SUBSCRIPTION_RETRY_JITTER_MS,
    );
  }

  private async replay(channelName: string) {
    const held = this.held.get(channelName);
    // Presence channels carry member events only, which the subscription itself restores.
    if (!held || channelName.startsWith("presence-")) return;
    const outcome = await held.stream.resubscribed(this.fetchMissed);
    if (outcome === "resync" && !this.destroyed) this.resync();
  }

  /**
   * Calls `listener` with each `event` on a held channel, live or replayed, in publish order.
   * Returns the unbind function.
   */
  bindEvent(channelName: string, event: string, listener: (data: unknown) => void): () => void {
    const held = this.held.get(channelName);
    if (!held) throw new Error(`bindEvent: ${channelName} is not acquired`);
    const set = held.listeners.get(event) ?? new Set();
    set.add(listener);
    held.listeners.set(event, set);
    return () => {
      set.delete(listener);
    };
  }

  /** Drops one reference; unsubscribes only when the last one goes. */
  release(channelName: string): void {
    const held = this.held.get(channelName);
    if (!held) return;
    if (held.count > 1) {
      held.count -= 1;
      return;
    }
    this.held.delete(channelName);
    held.channel.unbind_global(held.onEvent);
    if (!this.destroyed) this.pusher.unsubscribe(channelName);
  }

  /** Current references to a channel (0 when not subscribed by us). */
  refCount(channelName: string): number {
    return this.held.get(channelName)?.count ?? 0;
  }

  /** Channel names currently held. */
  heldChannels(): string[] {
    return [...this.held.keys()];
  }

  /** The last eventId delivered on a held channel (null before any). */
  cursorOf(channelName: string): string | null {
    return this.held.get(channelName)?.stream.getCursor() ?? null;
  }

  getState(): ConnectionState {
    // Between attempts pusher-js is "disconnected" on the reconnect controller's orders.
    if (this.state === "disconnected" && reconnectControllerOf(this.pusher)?.isRetrying())
      return "connecting";
    return this.state;
  }

  /** For useSyncExternalStore: `listener` runs on every state change. */
  subscribeState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /**
   * `listener` runs when events may have been missed and could not be replayed: after a
   * reconnect without replay, or when a replay failed (410 gone, an error). Listeners refetch.
   */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /**
   * True the first time `listener` sees `eventId`; false for a repeat (a publisher retry, or
   * one event published to several channels this listener is bound to).
   */
  firstDelivery(listener: string, eventId: string): boolean {
    const key = `${listener}\u0000${eventId}`;
    const seen = this.delivered.has(key);
    this.delivered.set(key, true); // a repeat becomes the freshest entry again
    return !seen;
  }

  /** Disconnects and forgets everything; the instance is unusable afterwards. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.pusher.connection.unbind("state_change", this.onStateChange);
    this.stopWatchingRetries();
    this.stateListeners.clear();
    this.reconnectListeners.clear();
    for (const held of this.held.values()) held.channel.unbind_global(held.onEvent);
    this.held.clear();
    this.pusher.disconnect();
    this.state = "disconnected";
  }
}
