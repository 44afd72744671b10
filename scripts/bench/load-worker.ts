// One load process of `pnpm bench`: a share of the benchmark's WebSocket clients, each speaking
// the Pusher protocol over a raw `ws` socket (no pusher-js: a client costs a socket and a few
// string checks per message, so the load processes stay below the server they measure), and
// HTTP load loops for the authorization benchmark. Driven over IPC by scripts/bench/load.ts.
import { createHmac } from "node:crypto";
import http from "node:http";
import WebSocket from "ws";
import type { ConnectionSpec, Receipts, RequestSpec, WorkerCommand, WorkerReply } from "./protocol";
import { now, sequenceOfTag } from "./protocol";

type ConnectCommand = Extract<WorkerCommand, { type: "connect" }>;

const sockets = new Set<WebSocket>();
let receipts: Receipts = { times: {}, channels: {}, resubscribed: [] };
let copies = 0;
/** Set while the runner closes the connections: no reconnecting then. */
let closing = false;
const lastSeq = new Map<string, number>();

const send = (reply: WorkerReply) => process.send?.(reply);

// The event's tag (its title) and channel, read from the frame without parsing it: the data
// field is a JSON string inside the JSON frame, so its quotes arrive escaped.
const TAG = /\\"(?:title|courseTitle)\\":\\"([^"\\]*)\\"/;
const CHANNEL = /"channel":"([^"]+)"/;

function record(frame: string, group: string | undefined): void {
  const at = now();
  const title = TAG.exec(frame)?.[1];
  if (!title) return;
  const tag = group ? `${group}|${title}` : title;
  copies += 1;
  (receipts.times[tag] ??= []).push(at);
  const channel = CHANNEL.exec(frame)?.[1];
  const seq = sequenceOfTag(title);
  if (!channel || seq === null) return;
  const stats = (receipts.channels[channel] ??= { count: 0, duplicates: 0, outOfOrder: 0 });
  stats.count += 1;
  const last = lastSeq.get(channel);
  if (last !== undefined && seq === last) stats.duplicates += 1;
  else if (last !== undefined && seq < last) stats.outOfOrder += 1;
  lastSeq.set(channel, Math.max(seq, last ?? seq));
}

// One process stands for hundreds of browsers but has one HTTP client: it bounds its requests
// to the app itself (as tests/faults/client-worker.ts does) instead of opening hundreds of
// connections at once, whose accept queue would then drop some.
const MAX_IN_FLIGHT = 16;
let inFlight = 0;
const queue: Array<() => void> = [];
async function appFetch(url: URL, init: RequestInit): Promise<{ status: number; text: string }> {
  if (inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => queue.push(resolve));
  inFlight += 1;
  try {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const response = await fetch(url, init);
        return { status: response.status, text: await response.text() };
      } catch (error) {
        // A kept-alive connection the server closed meanwhile: a browser retries too.
        if (attempt === 3) throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    inFlight -= 1;
    queue.shift()?.();
  }
}

/** A connection that failed with a status: the app's answer, or Soketi's error code. */
class StatusError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function signature(
  command: ConnectCommand,
  spec: ConnectionSpec,
  socketId: string,
  channel: string,
): Promise<string> {
  if (!spec.cookie) {
    const hmac = createHmac("sha256", command.secret).update(`${socketId}:${channel}`);
    return `${command.key}:${hmac.digest("hex")}`;
  }
  const { status, text } = await appFetch(new URL("/api/pusher/auth", command.webUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: spec.cookie },
    body: new URLSearchParams({ socket_id: socketId, channel_name: channel }).toString(),
  });
  if (status !== 200) throw new StatusError(`auth ${channel}: ${status} ${text}`, status);
  return (JSON.parse(text) as { auth: string }).auth;
}

/** Signatures for `channels` of one socket: one batch request when the spec asks for it. */
async function signatures(
  command: ConnectCommand,
  spec: ConnectionSpec,
  socketId: string,
  channels: string[],
): Promise<Map<string, string>> {
  if (!spec.cookie || !spec.batch || channels.length === 0) {
    const entries = await Promise.all(
      channels.map(async (c) => [c, await signature(command, spec, socketId, c)] as const),
    );
    return new Map(entries);
  }
  const { status, text } = await appFetch(new URL("/api/pusher/auth/batch", command.webUrl), {
    method: "POST",
    headers: { "content-type": "application/json", cookie: spec.cookie },
    body: JSON.stringify({ socket_id: socketId, channels }),
  });
  if (status !== 200) throw new StatusError(`batch auth: ${status} ${text}`, status);
  const { channels: answers } = JSON.parse(text) as {
    channels: Record<string, { status: number; auth?: string }>;
  };
  return new Map(
    channels.map((c) => {
      const answer = answers[c];
      if (answer?.status !== 200 || !answer.auth)
        throw new StatusError(`batch auth ${c}: ${JSON.stringify(answer)}`, answer?.status ?? 0);
      return [c, answer.auth];
    }),
  );
}

/**
 * Opens one connection and resolves once every channel of `spec` is subscribed; `onLost` is
 * called when that connection closes later without being told to.
 */
function connect(command: ConnectCommand, spec: ConnectionSpec, onLost?: () => void) {
  return new Promise<void>((resolve, reject) => {
    // The client's share of each copy kept small: no compression offered, and frames taken as
    // the UTF-8 Soketi sends without validating every byte first.
    const socket = new WebSocket(
      `${spec.wsUrl ?? command.wsUrl}?protocol=7&client=bench&version=1.0`,
      { perMessageDeflate: false, skipUTF8Validation: true },
    );
    const pending = new Set(spec.channels);
    let subscribed = false;
    // Handshake, then each step on its own clock: a signature waiting in this process's
    // queue of requests to the app (many clients at once) is not a slow Soketi.
    let timer = setTimeout(() => fail(new Error("no connection_established in 30 s")), 30_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    };
    socket.on("error", fail);
    socket.on("close", () => {
      sockets.delete(socket);
      if (subscribed && !closing) onLost?.();
    });
    socket.on("message", (raw) => {
      const frame = raw.toString();
      if (spec.countOnly && subscribed && !frame.includes('"event":"pusher')) {
        copies += 1;
        return;
      }
      if (!frame.includes('"event":"pusher')) return record(frame, spec.group);
      const message = JSON.parse(frame) as { event: string; channel?: string; data?: unknown };
      if (message.event === "pusher:ping") {
        socket.send(JSON.stringify({ event: "pusher:pong", data: {} }));
      } else if (message.event === "pusher:connection_established") {
        const { socket_id } = JSON.parse(message.data as string) as { socket_id: string };
        const privates = spec.channels.filter((c) => c.startsWith("private-"));
        clearTimeout(timer);
        signatures(command, spec, socket_id, privates)
          .then((signed) => {
            timer = setTimeout(() => fail(new Error("subscribe timeout (30 s)")), 30_000);
            for (const channel of spec.channels) {
              const data = { channel, auth: signed.get(channel) };
              socket.send(JSON.stringify({ event: "pusher:subscribe", data }));
            }
          })
          .catch((error: unknown) => fail(error as Error));
      } else if (message.event === "pusher_internal:subscription_succeeded") {
        pending.delete(message.channel ?? "");
        if (pending.size === 0) {
          clearTimeout(timer);
          subscribed = true;
          sockets.add(socket);
          resolve();
        }
      } else if (message.event === "pusher:error" || message.event.endsWith("subscription_error")) {
        const { code, status } = (message.data ?? {}) as { code?: number; status?: number };
        fail(
          new StatusError(`${message.event}: ${JSON.stringify(message.data)}`, code ?? status ?? 0),
        );
      }
    });
  });
}

/** Keeps `spec` connected: after a loss, retries every second (with jitter) until subscribed. */
function keepConnected(command: ConnectCommand, spec: ConnectionSpec): () => void {
  const lost = () => {
    const attempt = () => {
      if (closing) return;
      connect(command, spec, lost)
        .then(() => receipts.resubscribed.push(now()))
        .catch(() => setTimeout(attempt, 1000 + Math.random() * 250));
    };
    setTimeout(attempt, 200 + Math.random() * 800);
  };
  return lost;
}

async function connectAll(command: ConnectCommand) {
  closing = false;
  const started = now();
  let ok = 0;
  let failed = 0;
  const failedBy: Record<string, number> = {};
  const errors: string[] = [];
  let next = 0;
  const lane = async () => {
    while (next < command.connections.length) {
      const spec = command.connections[next++]!;
      // Up to three attempts, as a client would retry a failed connection.
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        try {
          await connect(command, spec, spec.reconnect ? keepConnected(command, spec) : undefined);
          ok += 1;
          break;
        } catch (error) {
          if (attempt < 3) continue;
          failed += 1;
          const status = error instanceof StatusError ? error.status : 0;
          failedBy[status] = (failedBy[status] ?? 0) + 1;
          if (errors.length < 5) errors.push((error as Error).message);
        }
      }
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, lane));
  send({ type: "connected", ok, failed, failedBy, errors, ms: now() - started });
}

async function httpLoad(command: Extract<WorkerCommand, { type: "http" }>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: command.connections });
  const base = new URL(command.webUrl);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let requests = 0;
  let authorizations = 0;
  let next = 0;
  const end = now() + command.durationMs;
  const one = (spec: RequestSpec) =>
    new Promise<number>((resolve) => {
      const request = http.request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method: spec.method,
          path: spec.path,
          headers: {
            ...(spec.cookie ? { cookie: spec.cookie } : {}),
            ...(spec.contentType ? { "content-type": spec.contentType } : {}),
          },
        },
        (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        },
      );
      request.on("error", () => resolve(0));
      request.end(spec.body);
    });
  const lane = async () => {
    while (now() < end) {
      const spec = command.requests[next++ % command.requests.length]!;
      const started = now();
      const status = await one(spec);
      latencies.push(now() - started);
      requests += 1;
      statuses[status] = (statuses[status] ?? 0) + 1;
      if (status === 200) authorizations += spec.weight;
    }
  };
  await Promise.all(Array.from({ length: command.connections }, lane));
  agent.destroy();
  send({ type: "http-done", requests, authorizations, statuses, latencies });
}

process.on("message", (command: WorkerCommand) => {
  switch (command.type) {
    case "connect":
      void connectAll(command);
      break;
    case "reset":
      receipts = { times: {}, channels: {}, resubscribed: [] };
      copies = 0;
      lastSeq.clear();
      send({ type: "done" });
      break;
    case "collect":
      send({ type: "receipts", receipts });
      break;
    case "count":
      send({ type: "count", copies, resubscribed: receipts.resubscribed.length });
      break;
    case "disconnect": {
      closing = true;
      const closed = sockets.size;
      for (const socket of sockets) socket.terminate();
      sockets.clear();
      send({ type: "disconnected", closed });
      break;
    }
    case "http":
      void httpLoad(command);
      break;
    case "stop":
      closing = true;
      for (const socket of sockets) socket.terminate();
      process.exit(0);
  }
});
// The runner went away without a word: do not outlive it.
process.on("disconnect", () => process.exit(0));
