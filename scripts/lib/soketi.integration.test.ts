// Real Soketi (spawned through the @livecampus/soketi package), the real `pusher` server SDK and
// the real `pusher-js` client in Node. Nothing here is mocked.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import type net from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Pusher from "pusher";
import PusherJS from "pusher-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getFreePort, isPortFree } from "./ports.ts";
import { serverFor } from "../../tests/helpers/soketi.ts";
import { waitUntil } from "../../tests/helpers/wait.ts";
import { startSoketi, type SoketiHandle } from "./soketi.ts";

type Client = InstanceType<typeof PusherJS>;

const unique = () => randomBytes(6).toString("hex");
const clients: Client[] = [];

/** pusher-js as the browser uses it, with authorization signed by the server SDK in-process. */
function connect(s: SoketiHandle, signer: Pusher): Client {
  const client = new PusherJS(s.key, {
    cluster: "mt1",
    wsHost: s.host,
    wsPort: s.port,
    forceTLS: false,
    enabledTransports: ["ws"],
    disableStats: true,
    channelAuthorization: {
      endpoint: "/unused",
      transport: "ajax",
      customHandler: ({ socketId, channelName }, callback) =>
        callback(null, signer.authorizeChannel(socketId, channelName)),
    },
    userAuthentication: {
      endpoint: "/unused",
      transport: "ajax",
      customHandler: ({ socketId }, callback) =>
        callback(
          null,
          signer.authenticateUser(socketId, { id: "user-1", user_info: { name: "Test" } }),
        ),
    },
  });
  clients.push(client);
  return client;
}

/** The first value `register` hands to its callback; fails naming `what` after `timeoutMs`. */
async function firstCall<T>(
  what: string,
  register: (resolve: (value: T) => void) => void,
  timeoutMs = 5000,
): Promise<T> {
  let call: { value: T } | undefined;
  register((value) => (call ??= { value }));
  return (await waitUntil(() => call, what, { timeout: timeoutMs, interval: 10 })).value;
}

const connected = (c: Client) =>
  firstCall<void>("connection", (done) =>
    c.connection.state === "connected" ? done() : c.connection.bind("connected", () => done()),
  );

const subscribed = (c: Client, channel: string) => {
  const ch = c.subscribe(channel);
  return firstCall<typeof ch>(`subscription to ${channel}`, (done) =>
    ch.bind("pusher:subscription_succeeded", () => done(ch)),
  );
};

/** Soketi answers API errors with HTTP 200 and {error, code} (see the 413 test); read the body. */
async function triggerResult(
  p: ReturnType<Pusher["trigger"]>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await p;
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Local addresses of the UDP sockets a process holds, from /proc (Linux). */
function udpSocketsOf(pid: number): string[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // the descriptor closed meanwhile
    }
  }
  const bound: string[] = [];
  for (const line of readFileSync(`/proc/${pid}/net/udp`, "utf8").split("\n").slice(1)) {
    const fields = line.trim().split(/\s+/);
    const [hexIp, hexPort] = fields[1]?.split(":") ?? [];
    if (!hexIp || !hexPort || !inodes.has(fields[9] ?? "")) continue;
    const ip = [3, 2, 1, 0].map((i) => parseInt(hexIp.slice(i * 2, i * 2 + 2), 16)).join(".");
    bound.push(`${ip}:${parseInt(hexPort, 16)}`);
  }
  return bound.sort();
}

describe("startSoketi", () => {
  let soketi: SoketiHandle;
  let sdk: Pusher;
  let webhookServer: http.Server;
  const webhooks: { headers: http.IncomingHttpHeaders; rawBody: string }[] = [];

  beforeAll(async () => {
    webhookServer = http.createServer((req, res) => {
      let rawBody = "";
      req.on("data", (c: Buffer) => (rawBody += c.toString()));
      req.on("end", () => {
        webhooks.push({ headers: req.headers, rawBody });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => webhookServer.listen(0, "127.0.0.1", r));
    const { port: hookPort } = webhookServer.address() as net.AddressInfo;

    soketi = await startSoketi({
      port: await getFreePort(),
      metricsPort: await getFreePort(),
      appId: `app-${unique()}`,
      key: `key-${unique()}`,
      secret: randomBytes(24).toString("hex"),
      webhookUrl: `http://127.0.0.1:${hookPort}/api/pusher/webhooks`,
      quiet: true,
    });
    sdk = serverFor(soketi);
  }, 60_000);

  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await soketi?.stop();
    await new Promise((r) => webhookServer?.close(r));
  });

  it("answers /ready and serves Prometheus metrics on the metrics port", async () => {
    expect(await (await fetch(`${soketi.httpUrl}/ready`)).text()).toBe("OK");
    const metrics = await (
      await fetch(`http://${soketi.host}:${soketi.metricsPort}/metrics`)
    ).text();
    expect(metrics).toContain("soketi_connected");
  });

  it("keeps node discovery on loopback: UDP bound to 127.0.0.1, hellos to 127.0.0.1 only", () => {
    const pid = soketi.process.pid!;
    const environ = Object.fromEntries(
      readFileSync(`/proc/${pid}/environ`, "utf8")
        .split("\0")
        .filter(Boolean)
        .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
    );
    // node-discover sends to the unicast list instead of broadcasting to 255.255.255.255.
    expect(environ.SOKETI_CLUSTER_UNICAST_ADDRESSES).toBe("127.0.0.1");
    expect(environ.SOKETI_CLUSTER_PORT).toBe(String(soketi.clusterPort));
    expect(soketi.clusterPort).not.toBe(11002);
    // Every UDP socket the process holds is bound to loopback, one of them on the cluster port.
    expect(udpSocketsOf(pid)).toEqual([`127.0.0.1:${soketi.clusterPort}`]);
  });

  it("delivers a server trigger on a public channel to pusher-js", async () => {
    const client = connect(soketi, sdk);
    const channel = await subscribed(client, `public-test-${unique()}`);
    const received = firstCall<unknown>("event", (done) => channel.bind("new-announcement", done));
    const result = await triggerResult(
      sdk.trigger(channel.name, "new-announcement", { title: "hi" }),
    );
    expect(result).toEqual({ status: 200, body: { ok: true } });
    expect(await received).toEqual({ title: "hi" });
  });

  it("keeps an API connection open after a successful call, closes it after a refused one", async () => {
    // Counts the TCP connections a kept-alive agent opens (soketi/src/http-api.cjs).
    const agent = new http.Agent({ keepAlive: true });
    let opened = 0;
    const createConnection = agent.createConnection.bind(agent);
    agent.createConnection = (...args: Parameters<typeof createConnection>) => {
      opened += 1;
      return createConnection(...args);
    };
    const options = { appId: soketi.appId, key: soketi.key, host: soketi.host, agent };
    const kept = new Pusher({ ...options, secret: soketi.secret, port: String(soketi.port) });
    const channel = `public-keep-${unique()}`;
    for (let i = 0; i < 3; i++) await kept.trigger(channel, "tick", { i });
    await kept.triggerBatch([{ channel, name: "tick", data: { i: 3 } }]);
    expect(opened).toBe(1);
    // A refused call (wrong secret, code 401 in the body) closes its connection: the next
    // call opens another.
    const wrong = new Pusher({ ...options, secret: "not-the-secret", port: String(soketi.port) });
    expect((await triggerResult(wrong.trigger(channel, "tick", { i: 4 }))).body).toMatchObject({
      code: 401,
    });
    await kept.trigger(channel, "tick", { i: 5 });
    expect(opened).toBe(2);
    agent.destroy();
  });

  // http-api.cjs moves each fan-out after the answer; the order must not change.
  it("keeps the order of publishes sent one after another, single and batched", async () => {
    const name = `public-order-${unique()}`;
    const subscribers = [connect(soketi, sdk), connect(soketi, sdk)];
    const seen = subscribers.map(() => [] as number[]);
    for (const [i, client] of subscribers.entries()) {
      const channel = await subscribed(client, name);
      channel.bind("tick", (data: { n: number }) => seen[i]!.push(data.n));
    }
    // One call at a time, as the dispatcher publishes a channel: single triggers and batches.
    for (let n = 0; n < 40; n += 5) {
      await sdk.trigger(name, "tick", { n });
      await sdk.triggerBatch(
        [1, 2, 3, 4].map((k) => ({ channel: name, name: "tick", data: { n: n + k } })),
      );
    }
    const all = Array.from({ length: 40 }, (_, n) => n);
    await waitUntil(() => seen.every((s) => s.length === all.length), "40 events on both");
    expect(seen).toEqual([all, all]);
  });

  it("delivers on a private channel signed with authorizeChannel, and refuses a bad signature", async () => {
    const client = connect(soketi, sdk);
    const name = `private-user-${unique()}`;
    const channel = await subscribed(client, name);
    const received = firstCall<unknown>("event", (done) => channel.bind("new-notification", done));
    await sdk.trigger(name, "new-notification", { id: "n1" });
    expect(await received).toEqual({ id: "n1" });

    const forger = new Pusher({
      appId: soketi.appId,
      key: soketi.key,
      secret: "not-the-secret",
      host: soketi.host,
      port: String(soketi.port),
    });
    const intruder = connect(soketi, forger);
    const denied = intruder.subscribe(name);
    const error = await firstCall<{ status: number }>("subscription error", (done) =>
      denied.bind("pusher:subscription_error", done),
    );
    expect(error.status).toBe(401);
  });

  it("rejects an 11 KB event (10 KB limit) – with HTTP 200 and an error body", async () => {
    const client = connect(soketi, sdk);
    const channel = await subscribed(client, `public-size-${unique()}`);
    const got: unknown[] = [];
    channel.bind("big", (d: unknown) => got.push(d));

    const tooBig = await triggerResult(
      sdk.trigger(channel.name, "big", { blob: "x".repeat(11 * 1024) }),
    );
    // Soketi 1.6.1 writes its CORS headers before the status, so uWS sends "200 OK" for every
    // API error; the real outcome is only in the body. Publishers must check `error`/`code`.
    expect(tooBig.status).toBe(200);
    expect(tooBig.body).toMatchObject({ code: 413, error: expect.stringContaining("10 KB") });

    // The limit applies to the serialized `data` string: exactly 10 × 1024 bytes passes.
    const atLimit = await triggerResult(sdk.trigger(channel.name, "big", "x".repeat(10 * 1024)));
    expect(atLimit.body).toEqual({ ok: true });
    await firstCall<void>("the 10 KB event", (done) => {
      const check = () => (got.length > 0 ? done() : setTimeout(check, 20));
      check();
    });
    expect(got).toHaveLength(1);
  });

  it("reports a wrong secret in the body too (HTTP 200, code 401)", async () => {
    const forger = new Pusher({
      appId: soketi.appId,
      key: soketi.key,
      secret: "wrong",
      host: soketi.host,
      port: String(soketi.port),
    });
    const result = await triggerResult(forger.trigger(`public-${unique()}`, "x", {}));
    expect(result.body).toMatchObject({ code: 401 });
  });

  it("refuses client events (4301) and does not forward them", async () => {
    const name = `private-course-${unique()}`;
    const sender = connect(soketi, sdk);
    const listener = connect(soketi, sdk);
    const senderChannel = await subscribed(sender, name);
    const listenerChannel = await subscribed(listener, name);
    const forwarded: unknown[] = [];
    listenerChannel.bind("client-typing", (d: unknown) => forwarded.push(d));

    const refusal = firstCall<{ data?: { code?: number } }>("pusher:error", (done) =>
      sender.connection.bind("error", (err: { data?: { code?: number } }) => done(err)),
    );
    expect(senderChannel.trigger("client-typing", { hello: true })).toBe(true);
    expect((await refusal).data?.code).toBe(4301);
    await sleep(300);
    expect(forwarded).toEqual([]);
  });

  it("has user sign-in on: pusher:signin succeeds and sendToUser reaches the user", async () => {
    const client = connect(soketi, sdk);
    await connected(client);
    const received = firstCall<unknown>("user event", (done) => client.user.bind("direct", done));
    const signedIn = firstCall<void>("signin", (done) => {
      const check = () => (client.user.user_data ? done() : setTimeout(check, 20));
      check();
    });
    client.signin();
    await signedIn;
    await sdk.sendToUser("user-1", "direct", { n: 1 });
    expect(await received).toEqual({ n: 1 });
  });

  it("posts signed channel_occupied webhooks", async () => {
    const client = connect(soketi, sdk);
    const name = `private-hook-${unique()}`;
    await subscribed(client, name);
    const hook = await firstCall<(typeof webhooks)[number]>("webhook", (done) => {
      const check = () => {
        const found = webhooks.find((w) => w.rawBody.includes(name));
        if (found) done(found);
        else setTimeout(check, 20);
      };
      check();
    });
    const webhook = sdk.webhook({
      headers: hook.headers as Record<string, string>,
      rawBody: hook.rawBody,
    });
    expect(webhook.isValid()).toBe(true);
    expect(webhook.getEvents()).toContainEqual(
      expect.objectContaining({ name: "channel_occupied", channel: name }),
    );
  });

  it("throws, naming the port, when the port is taken", async () => {
    await expect(
      startSoketi({ port: soketi.port, metricsPort: await getFreePort(), quiet: true }),
    ).rejects.toThrow(new RegExp(`port ${soketi.port} is already in use`));
    await expect(
      startSoketi({ port: await getFreePort(), metricsPort: soketi.metricsPort, quiet: true }),
    ).rejects.toThrow(new RegExp(`metrics port ${soketi.metricsPort} is already in use`));
  });
});

describe("user authentication timeout", () => {
  it("keeps anonymous sockets with our default, while Soketi's stock behaviour cuts them off (4009)", async () => {
    // Escape hatch: a short timeout shows what our 2147483647 default prevents.
    const [short, ours] = await Promise.all([
      startSoketi({
        port: await getFreePort(),
        metricsPort: await getFreePort(),
        env: { SOKETI_USER_AUTHENTICATION_TIMEOUT: "400" },
        quiet: true,
      }),
      startSoketi({ port: await getFreePort(), metricsPort: await getFreePort(), quiet: true }),
    ]);
    try {
      const cut = connect(short, serverFor(short));
      const kept = connect(ours, serverFor(ours));
      await Promise.all([
        subscribed(cut, "public-announcements"),
        subscribed(kept, "public-announcements"),
      ]);
      const error = await firstCall<{ data?: { code?: number } }>(
        "4009",
        (done) => cut.connection.bind("error", done),
        3000,
      );
      expect(error.data?.code).toBe(4009);
      await sleep(800);
      expect(kept.connection.state).toBe("connected");
    } finally {
      await Promise.all([short.stop(), ours.stop()]);
    }
  }, 30_000);
});

describe("stop()", () => {
  it("leaves no process and frees both ports", async () => {
    const s = await startSoketi({
      port: await getFreePort(),
      metricsPort: await getFreePort(),
      quiet: true,
    });
    const pid = s.process.pid!;
    expect(processAlive(pid)).toBe(true);
    await s.stop();
    expect(s.process.signalCode).not.toBe("SIGKILL"); // stopped by SIGTERM, not the fallback
    expect(processAlive(pid)).toBe(false);
    expect(await isPortFree(s.port)).toBe(true);
    expect(await isPortFree(s.metricsPort)).toBe(true);
    await s.stop(); // idempotent
  }, 30_000);

  it("kills with SIGKILL when SIGTERM is not enough within the timeout", async () => {
    const s = await startSoketi({
      port: await getFreePort(),
      metricsPort: await getFreePort(),
      env: { SOKETI_SHUTDOWN_GRACE_PERIOD: "20000" },
      quiet: true,
    });
    const started = Date.now();
    await s.stop(500);
    expect(Date.now() - started).toBeLessThan(15_000); // far below the 20 s grace period
    expect(s.process.signalCode).toBe("SIGKILL");
    expect(processAlive(s.process.pid!)).toBe(false);
  }, 30_000);

  it("does not outlive a parent that is SIGKILLed (no exit hook can run then)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "soketi-parent-"));
    try {
      const [port, metricsPort] = [await getFreePort(), await getFreePort()];
      const script = path.join(dir, "parent.mts");
      writeFileSync(
        script,
        `import { startSoketi } from ${JSON.stringify(path.join(import.meta.dirname, "soketi.ts"))};
const s = await startSoketi({ port: ${port}, metricsPort: ${metricsPort}, quiet: true });
console.log("PID " + s.process.pid);
setInterval(() => {}, 1000);
`,
      );
      // The tsx loader in-process (the tsx CLI would put a wrapper process in between).
      const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx/esm")).href;
      const parent = spawn(process.execPath, ["--import", loader, script], {
        stdio: ["ignore", "pipe", "inherit"],
      });
      const pid = await firstCall<number>(
        "the parent to start Soketi",
        (done) => {
          let out = "";
          parent.stdout.on("data", (c: Buffer) => {
            out += c.toString();
            const m = /PID (\d+)/.exec(out);
            if (m) done(Number(m[1]));
          });
        },
        20_000,
      );
      expect(processAlive(pid)).toBe(true);
      parent.kill("SIGKILL");
      await vi.waitFor(() => expect(processAlive(pid)).toBe(false), {
        timeout: 10_000,
        interval: 100,
      });
      expect(await isPortFree(port)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
