// Sees every WebSocket pusher-js opens, without changing pusher-js: its public static
// `Pusher.Runtime.createWebSocket` is wrapped once to tell the owner of the connection about the
// new socket. The reconnect controller needs this because pusher-js reports nothing when a
// socket fails before its handshake (a refused or reset TCP connection): it silently waits for
// its own 15 s attempt window instead.
import Pusher from "pusher-js";

/** A socket as pusher-js's runtimes create it (browser WebSocket, faye-websocket in Node). */
export type WatchedSocket = {
  readonly readyState: number;
  addEventListener(type: "open" | "close", listener: () => void): void;
};

/** Told about each socket created while it is the current owner. */
export type SocketOwner = { onSocket(socket: WatchedSocket): void };

let current: SocketOwner | null = null;
let installed = false;
const owners = new Set<SocketOwner>();
let unattributed = 0;

function install(): void {
  if (installed) return;
  installed = true;
  const runtime = Pusher.Runtime as unknown as { createWebSocket(url: string): WatchedSocket };
  const create = runtime.createWebSocket.bind(runtime);
  runtime.createWebSocket = (url: string) => {
    const socket = create(url);
    // A socket opened outside an owner's connect() call (pusher-js's own retries, which the
    // controller normally pre-empts) belongs to the only owner when there is just one (a tab).
    const owner = current ?? (owners.size === 1 ? [...owners][0]! : null);
    if (owner) owner.onSocket(socket);
    else unattributed += 1;
    return socket;
  };
}

/** Registers `owner`; the returned function unregisters it. */
export function watchSockets(owner: SocketOwner): () => void {
  install();
  owners.add(owner);
  return () => {
    owners.delete(owner);
  };
}

/**
 * Runs `work` (a `new Pusher()` or `pusher.connect()`: pusher-js creates the first socket of
 * an attempt synchronously) with `owner` receiving the sockets it creates.
 */
export function asSocketOwner<T>(owner: SocketOwner, work: () => T): T {
  install();
  const previous = current;
  current = owner;
  try {
    return work();
  } finally {
    current = previous;
  }
}

/** Sockets no owner could be found for (several connections in one process; tests report it). */
export function unattributedSockets(): number {
  return unattributed;
}
