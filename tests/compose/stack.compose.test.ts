// The real compose stack (started by scripts/test-compose.ts with --scale soketi=2), driven
// from outside through the proxy's one HTTPS origin the way browsers and operators do:
// https://localhost:{HTTPS_PORT} and wss://localhost:{HTTPS_PORT}/app/{key}. Caddy's local CA
// is trusted through NODE_EXTRA_CA_CERTS (set by the runner). In order: the origin, sign-in and
// a live approval, presence across two replicas, the container's configuration, a replica
// killed under --scale soketi=3, web restarted, backup and restore.
import { execFile } from "node:child_process";
import https from "node:https";
import { promisify } from "node:util";
import Pusher, { type Channel } from "pusher-js";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { Session } from "../helpers/http";
import { stackHandle, waitHealthy, type ComposeStack } from "../../scripts/compose/stack";
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

type Received = { channel: string; event: string; data: Record<string, unknown> };

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
        if (!event.startsWith("pusher")) received.push({ channel: name, event, data });
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

async function soketiContainers(): Promise<{ id: string; port: number }[]> {
  const ids = (await stack.compose(["ps", "-q", "soketi"])).split("\n").filter(Boolean);
  const running = await Promise.all(
    ids.map(async (id) => {
      const state = await stack.docker(["inspect", "--format", "{{.State.Status}}", id]);
      if (state !== "running") return null;
      const port = Number(await stack.docker(["exec", id, "cat", "/tmp/replica-SOKETI_PORT"]));
      return { id, port };
    }),
  );
  return running.filter((c): c is { id: string; port: number } => c !== null);
}

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
