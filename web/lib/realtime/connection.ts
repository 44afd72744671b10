// One pusher-js connection and what every hook shares on it: reference-counted channel
// subscriptions, the connection state, reconnect listeners and per-tab event de-duplication.
// No React here; RealtimeProvider owns one instance per tab.
import type Pusher from "pusher-js";
import type { Channel } from "pusher-js";
import { LRUCache } from "lru-cache";

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
};

export class RealtimeConnection {
  private readonly counts = new Map<string, number>();
  // lru-cache ships a browser build with no Node built-ins (~6 KB gzipped); only `max` is used.
  private readonly delivered: LRUCache<string, true>;
  private readonly stateListeners = new Set<() => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private state: ConnectionState;
  private hasBeenConnected = false;
  private destroyed = false;

  constructor(
    readonly pusher: Pusher,
    options: RealtimeConnectionOptions = {},
  ) {
    this.delivered = new LRUCache({ max: options.dedupeCapacity ?? 2000 });
    this.state = pusher.connection.state as ConnectionState;
    this.hasBeenConnected = this.state === "connected";
    pusher.connection.bind("state_change", this.onStateChange);
  }

  private readonly onStateChange = ({ current }: { previous: string; current: string }) => {
    this.state = current as ConnectionState;
    for (const listener of [...this.stateListeners]) listener();
    if (current !== "connected") return;
    if (this.hasBeenConnected) {
      // Back after a drop: pusher-js re-subscribes by itself, but events sent while we were
      // away are gone; listeners revalidate their data.
      for (const listener of [...this.reconnectListeners]) listener();
    }
    this.hasBeenConnected = true;
  };

  /** The channel, subscribed on the first acquire; pair every acquire with one release. */
  acquire(channelName: string): Channel {
    const count = this.counts.get(channelName) ?? 0;
    this.counts.set(channelName, count + 1);
    if (count === 0) return this.pusher.subscribe(channelName);
    return this.pusher.channel(channelName) ?? this.pusher.subscribe(channelName);
  }

  /** Drops one reference; unsubscribes only when the last one goes. */
  release(channelName: string): void {
    const count = this.counts.get(channelName) ?? 0;
    if (count <= 1) {
      this.counts.delete(channelName);
      if (count === 1 && !this.destroyed) this.pusher.unsubscribe(channelName);
      return;
    }
    this.counts.set(channelName, count - 1);
  }

  /** Current references to a channel (0 when not subscribed by us). */
  refCount(channelName: string): number {
    return this.counts.get(channelName) ?? 0;
  }

  /** Channel names currently held. */
  heldChannels(): string[] {
    return [...this.counts.keys()];
  }

  getState(): ConnectionState {
    return this.state;
  }

  /** For useSyncExternalStore: `listener` runs on every state change. */
  subscribeState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  /** `listener` runs each time the connection is back after having been connected before. */
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
    this.stateListeners.clear();
    this.reconnectListeners.clear();
    this.counts.clear();
    this.pusher.disconnect();
    this.state = "disconnected";
  }
}
