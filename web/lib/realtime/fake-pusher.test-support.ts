// Test support for the reconnect controller: a pusher-js stand-in whose sockets are fakes made
// through Pusher.Runtime.createWebSocket (what ./socket-watch observes), and controllers made
// the way createPusherClient makes them.
import Pusher from "pusher-js";
import { vi } from "vitest";
import { ReconnectController, type ControlledPusher } from "./reconnect";
import { asSocketOwner, type WatchedSocket } from "./socket-watch";

export class FakeSocket {
  readyState = 0;
  private readonly listeners: Array<() => void> = [];
  addEventListener(_type: "close", listener: () => void) {
    this.listeners.push(listener);
  }
  close() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    for (const listener of this.listeners) listener();
  }
}

// The controller learns about sockets through Pusher.Runtime.createWebSocket (./socket-watch):
// the fakes below create theirs through it, so no real socket is opened.
const runtime = Pusher.Runtime as unknown as { createWebSocket(url: string): unknown };
runtime.createWebSocket = () => new FakeSocket();

export class FakePusher implements ControlledPusher {
  sockets: FakeSocket[] = [];
  connects = 0;
  private handlers = new Map<string, Set<(data?: unknown) => void>>();
  connection = {
    state: "initialized",
    bind: (event: string, callback: (data?: unknown) => void) => {
      const set = this.handlers.get(event) ?? new Set();
      set.add(callback);
      this.handlers.set(event, set);
    },
    unbind: (event: string, callback: (data?: unknown) => void) => {
      this.handlers.get(event)?.delete(callback);
    },
  };
  emit(event: string, data?: unknown) {
    for (const handler of [...(this.handlers.get(event) ?? [])]) handler(data);
  }
  setState(state: string) {
    const previous = this.connection.state;
    this.connection.state = state;
    if (previous !== state) this.emit("state_change", { previous, current: state });
  }
  connect() {
    this.connects += 1;
    this.setState("connecting");
    this.sockets.push(runtime.createWebSocket("ws://fake") as FakeSocket);
  }
  disconnect() {
    this.sockets.at(-1)?.close();
    this.setState("disconnected");
  }
  /** The current socket finishes its handshake. */
  open() {
    this.sockets.at(-1)!.readyState = 1;
    this.setState("connected");
  }
  /** The current socket dies (server gone, refused, reset). */
  drop() {
    this.sockets.at(-1)!.close();
  }
}

export const flush = () => vi.advanceTimersByTimeAsync(0);
export const noEnvironment = { environment: null } as const;

/** Every controller made here; stop them after each test. */
export const controllers: ReconnectController[] = [];

/** As createPusherClient does it: the constructor's first socket is handed over. */
export function controlled(options: ConstructorParameters<typeof ReconnectController>[1] = {}) {
  const pusher = new FakePusher();
  const early: WatchedSocket[] = [];
  asSocketOwner({ onSocket: (socket) => early.push(socket) }, () => pusher.connect());
  const controller = new ReconnectController(pusher, { ...noEnvironment, ...options });
  for (const socket of early) controller.onSocket(socket);
  controllers.push(controller);
  return { pusher, controller };
}

export function connectedController(
  options: ConstructorParameters<typeof ReconnectController>[1] = {},
) {
  const made = controlled(options);
  made.pusher.open();
  return made;
}
