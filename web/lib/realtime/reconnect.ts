// Reconnect timing for a pusher-js connection, taken over through pusher-js's public surface
// (state events, `disconnect()`, `connect()`) plus a view of the sockets it opens
// (./socket-watch). pusher-js alone retries on one fixed schedule for every client (a
// 1 s retry, then 15 s attempt windows doubling to 60 s) and at once after a 4200 close, so a
// Soketi restart brings every tab back at the same moment, or after a long wait, and its
// shutdown grace period is answered with a socket storm. Here each failure waits a random
// delay in [0, min(cap, base·2^n)] ("full jitter"), one socket per attempt.
import { asSocketOwner, watchSockets, type WatchedSocket } from "./socket-watch";

/** WebSocket.CLOSED (the constant is not on faye-websocket's sockets in Node). */
const CLOSED = 3;

export type ReconnectOptions = {
  /** First backoff window (default 250 ms); doubles per consecutive failure. */
  baseMs?: number;
  /** Largest backoff window (default 10 s). */
  capMs?: number;
  /** A connection that lasted this long resets the backoff (default 10 s). */
  stableMs?: number;
  /** An attempt not connected by then is abandoned and counts as failed (default 10 s). */
  attemptTimeoutMs?: number;
  /** [0, 1) source for the jitter (tests). */
  random?: () => number;
  /** Where `online` / `visibilitychange` come from; default the browser's window and document. */
  environment?: ReconnectEnvironment | null;
};

type Listenable = {
  addEventListener(type: string, listener: () => void): void;
  removeEventListener(type: string, listener: () => void): void;
};
export type ReconnectEnvironment = {
  window?: Listenable;
  document?: Listenable & { visibilityState?: string };
};

/** The part of a pusher-js instance the controller drives. */
export type ControlledPusher = {
  connect(): void;
  disconnect(): void;
  connection: {
    state: string;
    bind(event: string, callback: (data?: unknown) => void): unknown;
    unbind(event: string, callback: (data?: unknown) => void): unknown;
  };
};

/** Counters for tests and the fault suite. */
export type ReconnectStats = {
  /** `connect()` calls made by the controller (each opens one socket). */
  attempts: number;
  /** Sockets pusher-js opened for this connection, the first one included. */
  sockets: number;
  /** Times the connection reached "connected". */
  connections: number;
  /** When the connection last reached "connected" (ms since epoch), or 0. */
  lastConnectedAt: number;
  /** When the latest attempt started (ms since epoch), or 0. */
  lastAttemptAt: number;
  /** When the latest socket's WebSocket handshake completed (ms since epoch), or 0. */
  lastOpenAt: number;
  /** When the latest readiness hint arrived (ms since epoch), or 0. */
  lastHintAt: number;
};

/** The delay before retry number `failures` (1 = first failure): full jitter. */
export function backoffDelay(
  failures: number,
  { baseMs = 250, capMs = 10_000, random = Math.random }: ReconnectOptions = {},
): number {
  const window = Math.min(capMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * window);
}

type Phase = "connecting" | "connected" | "waiting" | "stopped";

const browserEnvironment = (): ReconnectEnvironment | null =>
  typeof window === "undefined" ? null : { window, document };

/**
 * Drives `pusher`'s reconnects: start it right after creating the client (see createPusherClient,
 * which also hands it the constructor's first socket). `stop()` before a deliberate disconnect.
 */
export class ReconnectController {
  private phase: Phase = "connecting";
  private failures = 0;
  private connectedAt = 0;
  private socket: WatchedSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** A readiness hint is being waited for: own retries slow down to the cap meanwhile. */
  private holding = false;
  /** A hint that came during an attempt: the delay to use if that attempt fails. */
  private hintedDelay: number | undefined;
  private attemptTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly unwatch: () => void;
  private readonly listeners = new Set<() => void>();
  private readonly environment: ReconnectEnvironment | null;
  private readonly disconnect: () => void;
  readonly stats: ReconnectStats = {
    attempts: 0,
    sockets: 0,
    connections: 0,
    lastConnectedAt: 0,
    lastAttemptAt: 0,
    lastOpenAt: 0,
    lastHintAt: 0,
  };

  constructor(
    private readonly pusher: ControlledPusher,
    private readonly options: ReconnectOptions = {},
  ) {
    this.unwatch = watchSockets(this);
    // A disconnect() by the application is final: stop reconnecting first.
    this.disconnect = pusher.disconnect.bind(pusher);
    pusher.disconnect = () => {
      this.stop();
      this.disconnect();
    };
    pusher.connection.bind("state_change", this.onStateChange);
    pusher.connection.bind("connecting_in", this.onConnectingIn);
    pusher.connection.bind("error", this.onError);
    this.environment =
      options.environment === undefined ? browserEnvironment() : options.environment;
    this.environment?.window?.addEventListener("online", this.tryNow);
    this.environment?.document?.addEventListener("visibilitychange", this.onVisibility);
    if (pusher.connection.state === "connected") this.markConnected();
    else this.armAttemptTimer();
    if (pusher.connection.state !== "initialized") this.stats.attempts = 1;
  }

  /** pusher-js opened a socket for this connection. */
  onSocket(socket: WatchedSocket): void {
    this.stats.sockets += 1;
    this.socket = socket;
    socket.addEventListener("open", () => {
      if (socket === this.socket) this.stats.lastOpenAt = Date.now();
    });
    // After pusher-js's own close handling (it may schedule a retry, which retry() cancels) and
    // before any of its timers run.
    socket.addEventListener("close", () => queueMicrotask(() => this.onSocketClosed(socket)));
  }

  /** True while the connection is down and the controller is bringing it back. */
  isRetrying(): boolean {
    return this.phase === "waiting" || (this.phase === "connecting" && this.stats.connections > 0);
  }

  /** `listener` runs whenever isRetrying() may have changed. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * While `on`, the controller expects a readiness hint (./readiness) and spaces its own attempts
   * by the cap instead of the backoff: the hint, not guessing, brings the connection back.
   */
  holdForHint(on: boolean): void {
    if (this.holding === on) return;
    this.holding = on;
    if (!on && this.phase === "waiting")
      this.schedule(backoffDelay(this.failures, this.options), true);
  }

  /**
   * The realtime server is reachable again: attempt within `delayMs` (the caller's jitter, so
   * that hinted clients spread out) instead of at the backoff's time, if that is later.
   */
  hint(delayMs: number): void {
    this.stats.lastHintAt = Date.now();
    if (this.phase === "waiting") this.schedule(delayMs, true);
    else if (this.phase === "connecting") this.hintedDelay = delayMs;
  }

  /** Stops controlling (no more reconnects); pusher-js is left as it is. */
  stop(): void {
    if (this.phase === "stopped") return;
    this.phase = "stopped";
    clearTimeout(this.retryTimer);
    clearTimeout(this.attemptTimer);
    this.unwatch();
    this.pusher.connection.unbind("state_change", this.onStateChange);
    this.pusher.connection.unbind("connecting_in", this.onConnectingIn);
    this.pusher.connection.unbind("error", this.onError);
    this.environment?.window?.removeEventListener("online", this.tryNow);
    this.environment?.document?.removeEventListener("visibilitychange", this.onVisibility);
    this.listeners.clear();
  }

  private readonly onStateChange = (change?: unknown) => {
    const current = (change as { current?: string } | undefined)?.current;
    if (current === "connected" && this.phase === "connecting") this.markConnected();
    // A connect we did not ask for (a retry timer pusher-js set twice for one close, so
    // disconnect() could cancel only one): undo it once its synchronous part is done.
    if (current === "connecting" && this.phase === "waiting")
      queueMicrotask(() => {
        if (this.phase === "waiting") this.disconnect();
      });
  };

  // pusher-js is about to retry on its own schedule after a close it saw: take over.
  private readonly onConnectingIn = () => {
    if (this.phase === "connected") this.retry();
  };

  // A close with a code reaches pusher-js as an error first, then as an action (retry, backoff,
  // refused) that schedules its own retry. On an established connection, disconnecting now
  // unbinds those before they run. During the handshake (e.g. Soketi's 4200 while it shuts
  // down, sent before the socket closes) pusher-js schedules its immediate retry right after
  // this event: cancel it once that has happened.
  private readonly onError = () => {
    if (this.phase === "connected" && this.socket?.readyState === CLOSED) this.retry();
    else if (this.phase === "connecting")
      queueMicrotask(() => {
        if (this.phase === "connecting") this.retry();
      });
  };

  private readonly onVisibility = () => {
    if (this.environment?.document?.visibilityState === "visible") this.tryNow();
  };

  /** An immediate attempt when waiting (the network is back, the tab is visible again). */
  private readonly tryNow = () => {
    if (this.phase !== "waiting") return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.attempt();
  };

  private markConnected() {
    this.phase = "connected";
    clearTimeout(this.attemptTimer);
    this.connectedAt = Date.now();
    this.stats.connections += 1;
    this.stats.lastConnectedAt = this.connectedAt;
    this.emit();
  }

  private onSocketClosed(socket: WatchedSocket | null) {
    if (!socket || socket !== this.socket) return;
    if (this.phase === "connecting" || this.phase === "connected") this.retry();
  }

  private retry() {
    if (
      this.phase === "connected" &&
      Date.now() - this.connectedAt >= (this.options.stableMs ?? 10_000)
    )
      this.failures = 0;
    this.failures += 1;
    this.phase = "waiting";
    this.socket = null;
    clearTimeout(this.attemptTimer);
    clearTimeout(this.retryTimer);
    // Cancels whatever pusher-js scheduled itself and closes a half-open attempt.
    this.disconnect();
    const hinted = this.hintedDelay;
    this.hintedDelay = undefined;
    this.schedule(
      hinted ??
        (this.holding ? (this.options.capMs ?? 10_000) : backoffDelay(this.failures, this.options)),
    );
    this.emit();
  }

  private retryAt = 0;

  /** (Re)sets the next attempt `delayMs` from now; `onlySooner` keeps an earlier one. */
  private schedule(delayMs: number, onlySooner = false) {
    const at = Date.now() + delayMs;
    if (onlySooner && this.retryTimer !== undefined && this.retryAt <= at) return;
    clearTimeout(this.retryTimer);
    this.retryAt = at;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.attempt();
    }, delayMs);
  }

  private attempt() {
    if (this.phase !== "waiting") return;
    this.phase = "connecting";
    this.stats.attempts += 1;
    this.stats.lastAttemptAt = Date.now();
    this.armAttemptTimer();
    asSocketOwner(this, () => this.pusher.connect());
  }

  private armAttemptTimer() {
    clearTimeout(this.attemptTimer);
    this.attemptTimer = setTimeout(() => {
      if (this.phase === "connecting") this.retry();
    }, this.options.attemptTimeoutMs ?? 10_000);
  }

  private emit() {
    for (const listener of [...this.listeners]) listener();
  }
}
