// The real compose stack (started by scripts/test-compose.ts with --scale soketi=2), driven
// from outside through the proxy's one HTTPS origin the way browsers and operators do:
// https://localhost:{HTTPS_PORT} and wss://localhost:{HTTPS_PORT}/app/{key}. Caddy's local CA
// is trusted through NODE_EXTRA_CA_CERTS (set by the runner). In order: the origin, sign-in and
// a live approval, presence across two replicas, the container's configuration, web scaled to
// two replicas (both serving, a burst delivered once, one stopped) and back, a Soketi replica
// killed under --scale soketi=3, web restarted, backup and restore.
import { execFile } from "node:child_process";
import https from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import Pusher, { type Channel } from "pusher-js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Session } from "../helpers/http";
import {
  containerHealth,
  stackHandle,
  waitHealthy,
  type ComposeStack,
} from "../../scripts/compose/stack";
import { getFreePort as freePort } from "../../scripts/lib/ports";

const exec = promisify(execFile);
const info = JSON.parse(process.env.LIVECAMPUS_COMPOSE_STACK ?? "null") as {
  project: string;
  envFile: string;
  dockerHost: string;
} | null;
if (!info) throw new Error("run through `pnpm test:compose` (it starts the stack)");
const stack: ComposeStack = stackHandle(info.project, info.envFile, info.dockerHost);
const { url, env } = stack;
const DEMO = env.DEMO_PASSWORD || "livecampus";

type Received = { channel: string; event: string; data: Record<string, unknown>; at: number };

/** pusher-js as a browser on the page would use it: wss on the page's origin, auth via the app. */
function browserClient(session: Session, target: { host: string; port: number; tls: boolean }) {
  const received: Received[] = [];
  const authorize = (
    path: string,
    form: Record<string, string>,
    cb: (e: Error | null, d: never) => void,
  ) =>
    session
      .fetch(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", origin: url },
        body: new URLSearchParams(form).toString(),
      })
      .then(async (r) =>
        r.ok
          ? cb(null, (await r.json()) as never)
          : cb(new Error(`auth ${r.status}`), null as never),
      )
      .catch((e: Error) => cb(e, null as never));
  const pusher = new Pusher(env.PUSHER_KEY!, {
    cluster: "mt1",
    wsHost: target.host,
    wsPort: target.port,
    wssPort: target.port,
    forceTLS: target.tls,
    enabledTransports: ["ws"],
    enableStats: false,
    channelAuthorization: {
      endpoint: "/api/pusher/auth",
      transport: "ajax",
      customHandler: ({ socketId, channelName }, cb) =>
        authorize("/api/pusher/auth", { socket_id: socketId, channel_name: channelName }, cb),
    },
  });
  const subscribe = (name: string) =>
    new Promise<Channel>((resolve, reject) => {
      const channel = pusher.subscribe(name);
      channel.bind_global((event: string, data: Record<string, unknown>) => {
        if (!event.startsWith("pusher"))
          received.push({ channel: name, event, data, at: Date.now() });
      });
      channel.bind("pusher:subscription_succeeded", () => resolve(channel));
      channel.bind("pusher:subscription_error", (e: unknown) =>
        reject(new Error(JSON.stringify(e))),
      );
    });
  const waitFor = (
    event: string,
    match: (d: Record<string, unknown>) => boolean,
    timeout = 20_000,
  ) =>
    vi.waitUntil(() => received.find((r) => r.event === event && match(r.data)), {
      timeout,
      interval: 50,
    });
  return { pusher, received, subscribe, waitFor };
}
const viaProxy = () => ({ host: "localhost", port: Number(env.HTTPS_PORT), tls: true });

async function signedIn(email: string): Promise<Session> {
  const session = new Session(url);
  expect(await session.signIn(email, DEMO), `sign-in of ${email} through the proxy`).toBe(true);
  return session;
}

/** A WebSocket upgrade to /app/{key} with the given Origin: the status the proxy answers. */
function upgradeStatus(origin: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = https.request(`${url}/app/${env.PUSHER_KEY}?protocol=7`, {
      headers: {
        connection: "Upgrade",
        upgrade: "websocket",
        ...(origin ? { origin } : {}),
        "sec-websocket-version": "13",
        "sec-websocket-key": Buffer.from("0123456789abcdef").toString("base64"),
      },
    });
    req.on("upgrade", (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 0);
    });
    req.on("response", (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on("error", reject);
    req.end();
  });
}

type Replica = { id: string; number: number; port: number };

/** The running containers of a scaled service, by container number, with the port each claimed. */
async function replicas(service: "soketi" | "web"): Promise<Replica[]> {
  const portVar = service === "web" ? "PORT" : "SOKETI_PORT";
  const ids = (await stack.compose(["ps", "-q", service])).split("\n").filter(Boolean);
  const running = await Promise.all(
    ids.map(async (id) => {
      const [state, number] = (
        await stack.docker([
          "inspect",
          "--format",
          '{{.State.Status}} {{index .Config.Labels "com.docker.compose.container-number"}}',
          id,
        ])
      ).split(" ");
      if (state !== "running") return null;
      const port = Number(await stack.docker(["exec", id, "cat", `/tmp/replica-${portVar}`]));
      return { id, number: Number(number), port };
    }),
  );
  return running.filter((c): c is Replica => c !== null).sort((a, b) => a.number - b.number);
}
const soketiContainers = () => replicas("soketi");

const psql = (sql: string) =>
  stack.compose([
    "exec",
    "-T",
    "postgres",
    "psql",
    "-U",
    "livecampus",
    "-d",
    "livecampus",
    "-tAc",
    sql,
  ]);

let student: Session;
let admin: Session;
let teacher: Session;
let studentId: string;
let courseId: string;

beforeAll(async () => {
  [student, admin, teacher] = await Promise.all([
    signedIn("student@livecampus.test"),
    signedIn(env.ADMIN_EMAIL!),
    signedIn("teacher@livecampus.test"),
  ]);
  studentId = (await student.json<{ id: string }>("/api/me")).body.id;
  const courses = (await student.json<{ id: string; enrolled: boolean }[]>("/api/courses")).body;
  courseId = courses.find((c) => c.enrolled)!.id;
});

async function newPayment(amountCents = 1000): Promise<{ status: number; id?: string }> {
  const answer = await student.json<{ id: string }>("/api/payments", {
    method: "POST",
    headers: { "content-type": "application/json", origin: url },
    body: JSON.stringify({ courseId, amountCents }),
  });
  return { status: answer.status, id: answer.body?.id };
}

describe("one HTTPS origin behind Caddy", () => {
  it("serves pages, the API and health over HTTPS; plain HTTP redirects there", async () => {
    const health = await fetch(`${url}/api/health`);
    expect(health.status).toBe(200);
    const page = await fetch(`${url}/sign-in`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-encoding")).toMatch(/gzip|zstd/);
    const plain = await fetch(`http://localhost:${env.HTTP_PORT}/sign-in`, { redirect: "manual" });
    expect(plain.status).toBeGreaterThanOrEqual(301);
    expect(plain.headers.get("location")).toBe(`${url}/sign-in`);
  });

  it("hides the app's metrics from outside (404) but serves them inside the network", async () => {
    expect((await fetch(`${url}/api/metrics`)).status).toBe(404);
    expect((await fetch(`${url}/api/metrics/anything`)).status).toBe(404);
  });

  it("tells browsers to open their WebSocket on the page's own origin", async () => {
    const html = await (await student.fetch("/")).text();
    expect(html).toMatch(/\\?"sameOrigin\\?":true/);
  });

  it("refuses a WebSocket upgrade from a foreign Origin and accepts its own", async () => {
    expect(await upgradeStatus("https://evil.example")).toBe(403);
    expect(await upgradeStatus("null")).toBe(403);
    expect(await upgradeStatus(url)).toBe(101);
    // No Origin at all: not a browser (browsers always send one), e.g. pusher-js under Node.
    expect(await upgradeStatus("")).toBe(101);
  });
});

describe("live flows through the proxy", () => {
  it("shows a payment approval live to pusher-js on wss://localhost/app/…", async () => {
    const browser = browserClient(student, viaProxy());
    try {
      await browser.subscribe(`private-user-${studentId}`);
      const payment = await newPayment();
      expect(payment.status).toBe(201);
      const approved = await admin.json(`/api/payments/${payment.id}/approve`, {
        method: "POST",
        headers: { origin: url },
      });
      expect(approved.status).toBe(200);
      await browser.waitFor("payment-approved", (d) => d.paymentId === payment.id);
    } finally {
      browser.pusher.disconnect();
    }
  });

  it("shares presence across two Soketi replicas", async () => {
    const replicas = await soketiContainers();
    expect(replicas.length).toBe(2);
    const [a, b] = replicas.map((r) => ({ host: "127.0.0.1", port: r.port, tls: false }));
    const onA = browserClient(student, a!);
    const onB = browserClient(teacher, b!);
    try {
      const name = `presence-course-${courseId}`;
      const chA = (await onA.subscribe(name)) as unknown as { members: { count: number } };
      const chB = (await onB.subscribe(name)) as unknown as { members: { count: number } };
      await vi.waitUntil(() => chA.members.count === 2 && chB.members.count === 2, {
        timeout: 15_000,
      });
      onB.pusher.disconnect();
      await vi.waitUntil(() => chA.members.count === 1, { timeout: 15_000 });
    } finally {
      onA.pusher.disconnect();
      onB.pusher.disconnect();
    }
  });
});

describe("the Soketi container", () => {
  it("refuses the development credentials, like the app", async () => {
    const image = `${info.project}_soketi`;
    const run = exec(
      "/usr/bin/docker",
      [
        "run",
        "--rm",
        "--network",
        "host",
        "-e",
        "PUSHER_APP_ID=livecampus",
        "-e",
        "PUSHER_KEY=livecampus-key",
        "-e",
        "PUSHER_SECRET=livecampus-secret",
        "-e",
        `SOKETI_PORT=${await freePort()}`,
        "-e",
        "REPLICA_PORTS=1",
        image,
      ],
      { env: { ...process.env, DOCKER_HOST: info.dockerHost } },
    );
    const failure = await run.then(
      () => null,
      (error: { code?: number; stderr?: string; stdout?: string }) => error,
    );
    expect(failure, "the container must not start").not.toBeNull();
    expect(failure!.code).toBe(78);
    expect(`${failure!.stdout}${failure!.stderr}`).toMatch(
      /PUSHER_SECRET is the development value/,
    );
  });

  it("keeps node discovery on loopback: hellos to 127.0.0.1, UDP bound to 127.0.0.1", async () => {
    for (const { id } of await soketiContainers()) {
      const logs = await exec("/usr/bin/docker", ["logs", id], {
        env: { ...process.env, DOCKER_HOST: info.dockerHost },
      });
      const line = /node discovery unicast=([^\s,]+) port=(\d+) bind=([^\s,]+)/.exec(
        logs.stdout + logs.stderr,
      );
      expect(line, "the discovery settings line").not.toBeNull();
      expect(line![1]).toBe("127.0.0.1");
      expect(line![3]).toBe("127.0.0.1");
      const port = Number(line![2]).toString(16).toUpperCase().padStart(4, "0");
      // /proc/net/udp of the (host) network namespace: that port is bound to 127.0.0.1 only.
      const udp = await stack.docker(["exec", id, "cat", "/proc/net/udp"]);
      const local = udp
        .split("\n")
        .map((l) => l.trim().split(/\s+/)[1] ?? "")
        .filter((addr) => addr.endsWith(`:${port}`));
      expect(local).toEqual([`0100007F:${port}`]);
    }
  });
});

/** A web replica's own metrics, straight from its port (inside the network; the proxy hides them). */
async function replicaMetrics(replica: Replica): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${replica.port}/api/metrics`, {
    headers: { authorization: `Bearer ${env.METRICS_TOKEN}` },
  });
  expect(res.status, `metrics of the web replica on port ${replica.port}`).toBe(200);
  return res.text();
}

/** The sum of a Prometheus sample over the series that carry all of `labels`. */
function sample(metrics: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of metrics.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const have = new Map(
      [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
    );
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) sum += Number(match[3]);
  }
  return sum;
}

/** Per replica, how much `name{labels}` grew between two readings of every replica's metrics. */
const grown = (before: string[], after: string[], name: string, labels = {}) =>
  after.map((text, i) => sample(text, name, labels) - sample(before[i]!, name, labels));

/** Runs `task(0…count-1)` with at most `concurrency` at a time; resolves their results in order. */
async function inPool<T>(count: number, concurrency: number, task: (i: number) => Promise<T>) {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** The outbox's newest place in the event log. */
const outboxSeq = async () => Number(await psql('SELECT coalesce(max(seq), 0) FROM "OutboxEvent"'));

/** The outbox rows after `seq` on any of `channels`: id, channels, whether sent. */
async function outboxAfter(seq: number, channels: string[]) {
  const list = channels.map((c) => `'${c}'`).join(",");
  const out = await psql(
    `SELECT id || ' ' || array_to_string(channels, ',') || ' ' || ("sentAt" IS NOT NULL)
     FROM "OutboxEvent" WHERE seq > ${seq} AND channels && ARRAY[${list}]::text[] ORDER BY seq`,
  );
  return out
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [id, on, sent] = line.split(" ");
      return { id: id!, channels: on!.split(","), sent: sent === "true" };
    });
}

/**
 * Raw receipts of `client` by eventId against what the outbox holds for its `channels` after
 * `seq`: waits until every row is sent and received (or `timeoutMs`), then a little longer so a
 * late second copy is counted too.
 */
async function deliveryReport(
  client: ReturnType<typeof browserClient>,
  channels: string[],
  seq: number,
  timeoutMs = 90_000,
) {
  await vi.waitUntil(async () => (await outboxAfter(seq, channels)).every((r) => r.sent), {
    timeout: timeoutMs,
    interval: 500,
  });
  const expected = (await outboxAfter(seq, channels)).flatMap((row) =>
    row.channels.filter((c) => channels.includes(c)).map((c) => `${c} ${row.id}`),
  );
  const count = () => {
    const receipts = new Map<string, Received[]>();
    for (const r of client.received) {
      const key = `${r.channel} ${String(r.data.eventId)}`;
      receipts.set(key, [...(receipts.get(key) ?? []), r]);
    }
    return receipts;
  };
  await vi
    .waitUntil(() => expected.every((key) => count().has(key)), {
      timeout: timeoutMs,
      interval: 100,
    })
    .catch(() => undefined);
  await sleep(3000);
  const receipts = count();
  // Written (occurredAt: the row's createdAt, from its transaction; one clock here) → received.
  const latencies = expected
    .filter((key) => receipts.has(key))
    .map((key) => {
      const first = receipts.get(key)![0]!;
      return first.at - Date.parse(String(first.data.occurredAt));
    })
    .sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    events: expected.length,
    receipts: expected.reduce((n, key) => n + (receipts.get(key)?.length ?? 0), 0),
    lost: expected.filter((key) => !receipts.has(key)),
    duplicates: expected.filter((key) => (receipts.get(key)?.length ?? 0) > 1),
    latency: `written → received p50 ${at(0.5) ?? "-"} ms, p99 ${at(0.99) ?? "-"} ms, max ${latencies.at(-1) ?? "-"} ms`,
  };
}

/** A session that can talk straight to one web replica, with the headers the proxy would add. */
class PinnedSession extends Session {
  pinnedPort: number | undefined;

  override fetch(path: string, init: RequestInit = {}): Promise<Response> {
    if (this.pinnedPort === undefined) return super.fetch(path, init);
    const headers = new Headers(init.headers);
    headers.set("x-forwarded-proto", "https");
    headers.set("x-forwarded-host", new URL(url).host);
    return super.fetch(`http://127.0.0.1:${this.pinnedPort}${path}`, { ...init, headers });
  }
}

const REQUESTS = "livecampus_http_request_duration_seconds_count";
const BATCHES = "livecampus_outbox_publish_duration_seconds_count";

describe("--scale web=2 (each replica on its own port slot, the proxy balancing)", () => {
  let web: Replica[] = [];
  const scaleWeb = async (count: number) => {
    await stack.compose([
      "up",
      "-d",
      "--no-recreate",
      "--no-build",
      "--no-deps",
      "--scale",
      `web=${count}`,
      "web",
    ]);
    await waitHealthy(stack, 120_000);
  };

  beforeAll(async () => {
    await scaleWeb(2);
    web = await replicas("web");
  });
  // Back to one replica for the tests that follow (a stopped replica is the one removed).
  afterAll(() => scaleWeb(1));

  it("runs two healthy replicas, and requests through the proxy reach both", async () => {
    expect(web.length).toBe(2);
    expect(new Set(web.map((r) => r.port)).size).toBe(2);
    const health = (await containerHealth(stack)).filter((c) => c.service === "web");
    expect(health.map((c) => `${c.state}/${c.health}`)).toEqual([
      "running/healthy",
      "running/healthy",
    ]);

    const before = await Promise.all(web.map(replicaMetrics));
    const sent = 40;
    const answers = await inPool(sent, 4, async () => {
      const answer = await student.fetch("/api/me");
      let seen = await answer.text();
      answer.headers.forEach((value, name) => (seen += `\n${name}: ${value}`));
      return { status: answer.status, seen };
    });
    for (const { status, seen } of answers) {
      expect(status).toBe(200);
      // Nothing tells an outside client which replica answered.
      for (const r of web) expect(seen).not.toContain(String(r.port));
    }
    const after = await Promise.all(web.map(replicaMetrics));
    // Each replica's own request counter (GET /api/me is asked by nothing else here).
    const served = grown(before, after, REQUESTS, {
      method: "GET",
      route: "/api/me",
      status: "200",
    });
    console.log(
      `\n📏 ${sent} GET /api/me through the proxy: ${served.join(" + ")} served by the replicas on ports ${web.map((r) => r.port).join(", ")}\n`,
    );
    expect(served.reduce((a, b) => a + b, 0)).toBe(sent);
    for (const n of served) expect(n).toBeGreaterThan(0);
  });

  it("delivers a burst written through both replicas to a wss subscriber exactly once per event", async () => {
    const browser = browserClient(student, viaProxy());
    // payment-received, the student's dashboard-update and new-announcement: 3 events a pair.
    const channels = [
      `private-user-${studentId}`,
      `private-student-dashboard-${studentId}`,
      "public-announcements",
    ];
    try {
      for (const channel of channels) await browser.subscribe(channel);
      const seq = await outboxSeq();
      const before = await Promise.all(web.map(replicaMetrics));
      const started = Date.now();
      // $1 payments (well within what the demo student owes) and announcements, interleaved;
      // 60 writes per user, far below the 300 a minute each may make.
      const [payments, announcements] = await Promise.all([
        inPool(60, 3, async () => (await newPayment(100)).status),
        inPool(60, 3, async (i) => {
          const posted = await admin.json("/api/announcements", {
            method: "POST",
            headers: { "content-type": "application/json", origin: url },
            body: JSON.stringify({ title: `Burst ${i}`, message: "Two web replicas, one outbox." }),
          });
          return posted.status;
        }),
      ]);
      const wroteAt = Date.now();
      expect([...payments, ...announcements].filter((s) => s !== 201)).toEqual([]);
      const report = await deliveryReport(browser, channels, seq);
      const after = await Promise.all(web.map(replicaMetrics));
      const writes = grown(before, after, REQUESTS, { method: "POST", status: "201" });
      const batches = grown(before, after, BATCHES, { outcome: "ok" });
      console.log(
        `\n📏 burst: 120 writes in ${wroteAt - started} ms (${writes.join(" + ")} per replica); ` +
          `${report.events} events on the subscriber's channels, ${report.receipts} receipts on wss: ` +
          `${report.lost.length} lost, ${report.duplicates.length} duplicated; ` +
          `outbox batches published per replica ${batches.join(" + ")}; ` +
          `${report.latency}\n`,
      );
      expect(report.events).toBeGreaterThanOrEqual(180);
      expect(report.lost).toEqual([]);
      expect(report.duplicates).toEqual([]);
      // Both dispatchers took part (each publishes what its own requests wrote, SKIP LOCKED).
      for (const n of batches) expect(n).toBeGreaterThan(0);
    } finally {
      browser.pusher.disconnect();
    }
  });

  it("keeps serving with one replica stopped: sessions stay valid and no event is lost", async () => {
    // The newest replica: scaling back to one removes it.
    const [survivor, victim] = [web[0]!, web[web.length - 1]!];
    // Signed in on the replica about to stop (straight to its port, as the proxy forwards).
    const pinned = new PinnedSession(url);
    pinned.pinnedPort = victim.port;
    expect(await pinned.signIn("student2@livecampus.test", DEMO)).toBe(true);
    expect((await pinned.json<{ email: string }>("/api/me")).body.email).toBe(
      "student2@livecampus.test",
    );
    pinned.pinnedPort = undefined;

    const browser = browserClient(student, viaProxy());
    const channel = `private-user-${studentId}`;
    try {
      await browser.subscribe(channel);
      const seq = await outboxSeq();
      const answers: { request: string; status: number; at: number }[] = [];
      let stop = false;
      const loop = async (request: string, every: number, send: () => Promise<number>) => {
        while (!stop) {
          answers.push({ request, status: await send().catch(() => 0), at: Date.now() });
          await sleep(every);
        }
      };
      const writes = () => answers.filter((a) => a.request === "POST /api/payments").length;
      // $1 every 500 ms (within what is owed and the write limit), a read every 100 ms.
      const traffic = Promise.all([
        loop("POST /api/payments", 500, async () => (await newPayment(100)).status),
        loop("GET /api/me (session from the stopped replica)", 100, async () => {
          const me = await pinned.json<{ email: string }>("/api/me");
          return me.body?.email === "student2@livecampus.test" ? me.status : -me.status;
        }),
      ]);
      await vi.waitUntil(() => writes() >= 3, { timeout: 30_000 });
      const stoppingAt = Date.now();
      await stack.docker(["stop", victim.id]);
      const stoppedAt = Date.now();
      const writesBefore = writes();
      await vi.waitUntil(() => writes() >= writesBefore + 6, { timeout: 60_000 });
      stop = true;
      await traffic;
      // A new sign-in through the proxy, with only the survivor left.
      expect(await new Session(url).signIn("teacher@livecampus.test", DEMO)).toBe(true);
      expect((await replicas("web")).map((r) => r.id)).toEqual([survivor.id]);

      const report = await deliveryReport(browser, [channel], seq);
      const failed = answers.filter((a) => a.status !== 200 && a.status !== 201);
      const during = answers.filter((a) => a.at >= stoppingAt);
      console.log(
        `\n📏 web replica stopped (docker stop ${stoppedAt - stoppingAt} ms): ${answers.length} requests ` +
          `through the proxy (${during.length} from the stop on), ${failed.length} failed; ` +
          `${report.events} events, ${report.lost.length} lost, ${report.duplicates.length} duplicated; ` +
          `${report.latency}\n`,
      );
      expect(failed).toEqual([]);
      expect(report.lost).toEqual([]);
      expect(report.duplicates).toEqual([]);
    } finally {
      browser.pusher.disconnect();
    }
  });
});

describe("scale and restarts", () => {
  it("--scale soketi=3, one replica killed: its clients move on and delivery continues", async () => {
    await stack.compose([
      "up",
      "-d",
      "--no-recreate",
      "--no-build",
      "--scale",
      "soketi=3",
      "soketi",
    ]);
    await waitHealthy(stack, 120_000);
    expect((await soketiContainers()).length).toBe(3);
    const fleet = Array.from({ length: 6 }, () => browserClient(student, viaProxy()));
    let victimId: string | undefined;
    try {
      await Promise.all(fleet.map((c) => c.subscribe(`private-user-${studentId}`)));
      const dropped = new Set<number>();
      fleet.forEach((c, i) =>
        c.pusher.connection.bind("state_change", ({ current }: { current: string }) => {
          if (current !== "connected") dropped.add(i);
        }),
      );
      // The replica holding the most of them (Soketi's own gauge, on the replica's metrics port).
      const replicas = await Promise.all(
        (await soketiContainers()).map(async (r) => {
          const slot = r.port - Number(env.SOKETI_PORT);
          const metrics = await (
            await fetch(`http://127.0.0.1:${Number(env.SOKETI_METRICS_PORT) + slot}/metrics`)
          ).text();
          const connected = /^soketi_connected(?:\{[^}]*\})? (\d+)/m.exec(metrics);
          return { ...r, connected: Number(connected?.[1] ?? 0) };
        }),
      );
      const victim = replicas.sort((a, b) => b.connected - a.connected)[0]!;
      expect(victim.connected).toBeGreaterThan(0);
      victimId = victim.id;
      const killedAt = Date.now();
      await stack.docker(["kill", victim.id]);
      await vi.waitUntil(
        () =>
          dropped.size > 0 &&
          fleet.every(
            (c) =>
              c.pusher.connection.state === "connected" &&
              (c.pusher.channel(`private-user-${studentId}`) as unknown as { subscribed: boolean })
                .subscribed,
          ),
        { timeout: 60_000, interval: 50 },
      );
      console.log(
        `\n📏 ${dropped.size} of 6 clients were on the killed replica; all back ${Date.now() - killedAt} ms after docker kill\n`,
      );
      const payment = await newPayment();
      expect(payment.status).toBe(201);
      for (const c of fleet) await c.waitFor("payment-received", (d) => d.paymentId === payment.id);
    } finally {
      for (const c of fleet) c.pusher.disconnect();
      // Back to three healthy replicas for what follows (a no-op if Docker restarted it).
      if (victimId) await stack.docker(["start", victimId]).catch(() => "");
      await waitHealthy(stack, 120_000);
    }
  });

  it("restarts web with no lost event", async () => {
    const browser = browserClient(student, viaProxy());
    try {
      await browser.subscribe(`private-user-${studentId}`);
      const created: string[] = [];
      let stop = false;
      const producer = (async () => {
        while (!stop) {
          // $1 every 500 ms: well inside the per-user write limit (300 a minute) and within
          // what the demo student owes, however long the restart takes.
          const p = await newPayment(100).catch(() => ({ status: 0, id: undefined }));
          if (p.status === 201 && p.id) created.push(p.id);
          await new Promise((r) => setTimeout(r, 500));
        }
      })();
      await vi.waitUntil(() => created.length >= 3, { timeout: 30_000 });
      const restartedAt = Date.now();
      await stack.compose(["restart", "web"]);
      await waitHealthy(stack, 120_000);
      const back = Date.now() - restartedAt;
      const before = created.length;
      await vi.waitUntil(() => created.length >= before + 3, { timeout: 60_000 });
      stop = true;
      await producer;
      console.log(
        `\n📏 web restart → healthy ${back} ms; ${created.length} payments created around it\n`,
      );
      for (const id of created)
        await browser.waitFor("payment-received", (d) => d.paymentId === id, 60_000);
    } finally {
      browser.pusher.disconnect();
    }
  });
});

describe("backup and restore (docs/operations.md)", () => {
  it("round-trips a pg_dump: what was written after the dump is gone after the restore", async () => {
    const count = async () => Number(await psql('SELECT count(*) FROM "Payment"'));
    const atDump = await count();
    // The documented commands: a custom-format dump streamed out of the container…
    await exec(
      "bash",
      [
        "-c",
        `docker-compose -p ${info.project} --env-file ${info.envFile} -f docker-compose.yml -f tests/compose/docker-compose.host.yml exec -T postgres pg_dump -U livecampus -Fc livecampus > /tmp/${info.project}.dump`,
      ],
      {
        env: { ...process.env, DOCKER_HOST: info.dockerHost, PATH: `/usr/bin:${process.env.PATH}` },
      },
    );
    expect((await newPayment(700)).status).toBe(201);
    expect(await count()).toBe(atDump + 1);
    // …and restored with web stopped.
    await stack.compose(["stop", "web"]);
    await exec(
      "bash",
      [
        "-c",
        `docker-compose -p ${info.project} --env-file ${info.envFile} -f docker-compose.yml -f tests/compose/docker-compose.host.yml exec -T postgres pg_restore -U livecampus -d livecampus --clean --if-exists --no-owner < /tmp/${info.project}.dump`,
      ],
      {
        env: { ...process.env, DOCKER_HOST: info.dockerHost, PATH: `/usr/bin:${process.env.PATH}` },
      },
    );
    await stack.compose(["start", "web"]);
    await waitHealthy(stack, 120_000);
    expect(await count()).toBe(atDump);
    const again = new Session(url);
    expect(await again.signIn("student@livecampus.test", DEMO)).toBe(true);
  });
});
