// One worker process of the fault suite: a share of the 1,000 clients, each a pusher-js
// connection made by the app's own client library (web/lib/realtime: reconnect controller,
// batched channel auth, missed-event replay), on its `private-user-{id}` channel and
// `public-announcements`. Driven over IPC by tests/faults/run.ts.
import { createPusherClient } from "../../web/lib/realtime/client.ts";
import { RealtimeConnection } from "../../web/lib/realtime/connection.ts";
import { httpMissedFetcher } from "../../web/lib/realtime/replay.ts";
import { reconnectControllerOf } from "../../web/lib/realtime/client.ts";
import { unattributedSockets } from "../../web/lib/realtime/socket-watch.ts";
import type { ClientReport, WorkerMessage, WorkerReply } from "./protocol.ts";
import { sequenceOf } from "./protocol.ts";

const ANNOUNCEMENTS = "public-announcements";

type Stream = { seqs: number[]; duplicates: number; outOfOrder: number };
type Client = {
  userId: string;
  connection: RealtimeConnection;
  user: Stream;
  announcements: Stream;
  authRequests: number;
  subscribed: Set<string>;
  replayResyncs: number;
  errors: string[];
};

const clients: Client[] = [];

// One process stands for hundreds of browsers but has ONE HTTP client: bound its requests in
// flight so it queues them itself instead of opening hundreds of sockets to the web server at
// once (whose accept queue then drops connections: "connect timeout").
const MAX_IN_FLIGHT = 16;
let inFlight = 0;
const queue: Array<() => void> = [];
async function limitedFetch(url: string, init: RequestInit): Promise<Response> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => queue.push(resolve));
  inFlight += 1;
  try {
    const response = await fetch(url, init);
    // Read the body inside the slot: the connection is free again only then.
    const body = await response.arrayBuffer();
    return new Response(body, { status: response.status, headers: response.headers });
  } finally {
    inFlight -= 1;
    queue.shift()?.();
  }
}
// The readiness hint is a long poll that every client holds while Soketi is away: hundreds of
// them would hold every slot above, and auth and replay requests would queue behind them. Each
// browser has its own connection for it; this process stands for hundreds of browsers, so the
// clients' polls share one request per URL (the server answers every poll from one probe loop
// anyway, so what a poll tells a client does not depend on how many ask).
const sharedPolls = new Map<string, Promise<{ status: number; body: string }>>();
async function hintFetch(url: string, init: RequestInit): Promise<Response> {
  let poll = sharedPolls.get(url);
  if (!poll) {
    poll = fetch(url, { headers: init.headers })
      .then(async (response) => ({ status: response.status, body: await response.text() }))
      .finally(() => sharedPolls.delete(url));
    sharedPolls.set(url, poll);
  }
  const { status, body } = await poll;
  return new Response(body, { status, headers: { "content-type": "application/json" } });
}
const send = (reply: WorkerReply) => process.send?.(reply);

function record(stream: Stream, data: unknown) {
  const seq = sequenceOf(data);
  if (seq === null) return;
  const last = stream.seqs.at(-1) ?? 0;
  if (stream.seqs.includes(seq)) stream.duplicates += 1;
  else if (seq < last) stream.outOfOrder += 1;
  stream.seqs.push(seq);
}

async function start(message: Extract<WorkerMessage, { type: "start" }>) {
  for (const { userId, cookie } of message.clients) {
    // Tabs open over seconds, not in one instant: spread the first connections.
    await new Promise((r) => setTimeout(r, 10));
    const http = { baseUrl: message.webUrl, headers: { cookie }, fetch: limitedFetch };
    const client: Client = {
      userId,
      user: { seqs: [], duplicates: 0, outOfOrder: 0 },
      announcements: { seqs: [], duplicates: 0, outOfOrder: 0 },
      authRequests: 0,
      subscribed: new Set(),
      replayResyncs: 0,
      errors: [],
      connection: undefined as unknown as RealtimeConnection,
    };
    const pusher = createPusherClient(
      {
        key: message.key,
        host: "127.0.0.1",
        port: message.proxyPort,
        useTLS: false,
        cluster: "mt1",
      },
      {},
      {
        http,
        onAuthRequest: () => (client.authRequests += 1),
        reconnect: { environment: null },
        readiness: { fetch: hintFetch },
      },
    );
    client.connection = new RealtimeConnection(pusher, {
      fetchMissed: httpMissedFetcher(http),
      initialCursor: message.initialCursor,
    });
    client.connection.onReconnect(() => (client.replayResyncs += 1));
    const userChannel = `private-user-${userId}`;
    for (const [name, event, stream] of [
      [userChannel, "new-notification", client.user],
      [ANNOUNCEMENTS, "new-announcement", client.announcements],
    ] as const) {
      const channel = client.connection.acquire(name);
      channel.bind("pusher:subscription_succeeded", () => client.subscribed.add(name));
      channel.bind("pusher:subscription_error", (error: { status?: number; error?: string }) =>
        client.errors.push(`${name}: ${error.status ?? "?"} ${error.error ?? ""}`.slice(0, 200)),
      );
      client.connection.bindEvent(name, event, (data) => record(stream, data));
    }
    pusher.connection.bind("state_change", ({ current }: { current: string }) => {
      if (current !== "connected") client.subscribed.clear();
    });
    clients.push(client);
  }
}

function report(client: Client): ClientReport {
  const stats = reconnectControllerOf(client.connection.pusher)?.stats;
  const summary = (s: Stream) => ({
    count: s.seqs.length,
    max: s.seqs.length ? Math.max(...s.seqs) : 0,
    duplicates: s.duplicates,
    outOfOrder: s.outOfOrder,
  });
  return {
    userId: client.userId,
    ready: client.connection.getState() === "connected" && client.subscribed.size === 2,
    state: client.connection.getState(),
    subscribed: client.subscribed.size,
    errors: client.errors.slice(-3),
    attempts: stats?.attempts ?? 0,
    sockets: stats?.sockets ?? 0,
    lastConnectedAt: stats?.lastConnectedAt ?? 0,
    lastAttemptAt: stats?.lastAttemptAt ?? 0,
    lastOpenAt: stats?.lastOpenAt ?? 0,
    lastHintAt: stats?.lastHintAt ?? 0,
    authRequests: client.authRequests,
    resyncs: client.replayResyncs,
    user: summary(client.user),
    announcements: summary(client.announcements),
  };
}

process.on("message", (message: WorkerMessage) => {
  if (message.type === "start") {
    void start(message).then(() => send({ type: "started" }));
  } else if (message.type === "report") {
    send({ type: "report", clients: clients.map(report), unattributed: unattributedSockets() });
  } else if (message.type === "stop") {
    for (const client of clients) client.connection.destroy();
    setTimeout(() => process.exit(0), 100);
  }
});
// The parent is gone: leave no process behind.
process.on("disconnect", () => process.exit(0));
