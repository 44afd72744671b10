// Published after the transaction commits, never before; never dropped (docs/realtime.md,
// "Publishing: after commit, never lost"), end to end
// with this file's OWN Soketi, web server (`next start` on the shared build) and database, so it
// can stop and restart them without disturbing the other test files:
//   (a) Soketi up: the event arrives, its eventId is the OutboxEvent row id, the row gets sentAt;
//   (b) Soketi stopped: requests still answer at once, rows stay unsent with attempts/lastError
//       growing; Soketi restarted on the same port: every event arrives once, in order;
//   (c) the web server restarted while rows are unsent: the new process delivers them;
//   (d) a mutation whose transaction fails (409) writes no OutboxEvent and publishes nothing;
//   (e) Soketi accepting connections but never answering: requests still answer at once.
//
// Why a relay between the web server and Soketi: Pusher has no history, so a client only receives
// what is published while it is subscribed. After Soketi restarts, the app's retry and pusher-js's
// reconnect race; the relay keeps the APP's path to Soketi shut until the clients have
// reconnected (a deterministic order instead of a race), then opens. It is a plain TCP pipe that
// can also refuse (like a stopped server) or swallow connections (like a hung one).
import { randomUUID } from "node:crypto";
import net from "node:net";
import { PrismaPg } from "@prisma/adapter-pg";
import bcrypt from "bcryptjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "../../web/server/generated/prisma/client";
import { getFreePort } from "../../scripts/lib/ports";
import { startSoketi, type SoketiHandle } from "../../scripts/lib/soketi";
import { startWebServer, type WebServer } from "../../scripts/lib/web";
import { TEST_PASSWORD } from "../helpers/factories";
import { Session } from "../helpers/http";
import { createOwnDatabase } from "../helpers/own-database";
import { connectAs, type RealtimeClient } from "../helpers/realtime";
import { getStack, stackWebEnv } from "../helpers/stack";
import { waitUntil } from "../helpers/wait";

/** The publisher's per-request timeout in this file's web server: "fast" means well under it. */
const PUBLISHER_TIMEOUT_MS = 6000;
const DEADLINE_MS = 20_000;
/**
 * After a long outage a row may wait out the longest backoff (60 s) plus one sweep (2 s) before
 * its next try: the hard bound on delivery once Soketi is reachable again (usually seconds).
 */
const RECOVERY_DEADLINE_MS = 70_000;

type Row = {
  id: string;
  channels: string[];
  event: string;
  attempts: number;
  lastError: string | null;
  sentAt: Date | null;
};

/** A TCP pipe to Soketi that can refuse (like a stopped server) or swallow (like a hung one) connections. */
class Relay {
  private mode: "open" | "refuse" | "hang" = "open";
  private readonly sockets = new Set<net.Socket>();
  private readonly server = net.createServer((client) => this.accept(client));

  constructor(private readonly targetPort: number) {}

  listen(port: number): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, "127.0.0.1", () => resolve());
    });
  }

  /** Switches mode and drops every connection in flight (a hung request then fails at once). */
  set(mode: "open" | "refuse" | "hang") {
    this.mode = mode;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  close(): Promise<void> {
    this.set("refuse");
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private track(socket: net.Socket) {
    this.sockets.add(socket);
    socket.on("error", () => socket.destroy());
    socket.once("close", () => this.sockets.delete(socket));
  }

  private accept(client: net.Socket) {
    this.track(client);
    if (this.mode === "refuse") return void client.destroy();
    if (this.mode === "hang") return;
    const upstream = net.connect(this.targetPort, "127.0.0.1");
    this.track(upstream);
    client.once("close", () => upstream.destroy());
    upstream.once("close", () => client.destroy());
    client.pipe(upstream).pipe(client);
  }
}

let db: PrismaClient;
let database: Awaited<ReturnType<typeof createOwnDatabase>> | undefined;
let soketi: SoketiHandle;
let relay: Relay;
let web: WebServer;
let webEnv: Record<string, string>;
let admin: Session;
let student: Session;
let adminClient: RealtimeClient;
let studentClient: RealtimeClient;
let ids: { admin: string; student: string; course: string };
const soketiPorts = { port: 0, metricsPort: 0 };

const ADMIN_CHANNELS = ["private-admin-dashboard", "public-announcements"];
const studentChannels = () => [
  `private-user-${ids.student}`,
  `private-student-dashboard-${ids.student}`,
];

const until = <T>(probe: () => T | Promise<T>, what: string, timeout = DEADLINE_MS) =>
  waitUntil(probe, what, { timeout, interval: 100 });

/** Outbox rows in the dispatcher's order (createdAt, id). */
async function outbox(): Promise<Row[]> {
  return db.outboxEvent.findMany({
    // Log order: the order each channel's events must arrive in.
    orderBy: { seq: "asc" },
    select: {
      id: true,
      channels: true,
      event: true,
      attempts: true,
      lastError: true,
      sentAt: true,
    },
  });
}

/** Runs `work` and returns the rows it added to the outbox (in order). */
async function rowsAddedBy(work: () => Promise<void>): Promise<Row[]> {
  const before = new Set((await outbox()).map((r) => r.id));
  await work();
  return (await outbox()).filter((r) => !before.has(r.id));
}

/** A timed request: must succeed and answer well under the publisher's timeout. */
async function timed<T>(
  what: string,
  request: () => Promise<{ status: number; body: T }>,
  status: number,
) {
  const started = performance.now();
  const answer = await request();
  const ms = performance.now() - started;
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
  // A request that waited on Soketi would take at least the publisher timeout.
  expect(ms, `${what} took ${Math.round(ms)} ms`).toBeLessThan(PUBLISHER_TIMEOUT_MS);
  return answer.body;
}

const clientFor = (channel: string) =>
  ADMIN_CHANNELS.includes(channel) ? adminClient : studentClient;
const observed = () => [...ADMIN_CHANNELS, ...studentChannels()];

/** Delivery of `rows` as the clients saw it: every (row, observed channel) once, per-channel order. */
function deliveryProblems(rows: Row[]): string[] {
  const problems: string[] = [];
  const mine = new Set(rows.map((r) => r.id));
  for (const channel of observed()) {
    const expected = rows
      .filter((r) => r.channels.includes(channel))
      .map((r) => `${r.event}#${r.id}`);
    const got = clientFor(channel)
      .received.filter((e) => e.channel === channel && mine.has(String(e.data.eventId)))
      .map((e) => `${e.event}#${String(e.data.eventId)}`);
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      problems.push(
        `${channel}: expected ${JSON.stringify(expected)}, received ${JSON.stringify(got)}`,
      );
    }
  }
  return problems;
}

async function allDelivered(rows: Row[], what: string, timeoutMs = DEADLINE_MS) {
  const wanted = rows.flatMap((r) =>
    r.channels.filter((c) => observed().includes(c)).map((c) => `${c}|${r.id}`),
  );
  expect(wanted.length, `${what}: no observed channel in ${JSON.stringify(rows)}`).toBeGreaterThan(
    0,
  );
  const have = () =>
    new Set(
      [adminClient, studentClient].flatMap((client) =>
        client.received.map((e) => `${e.channel}|${String(e.data.eventId)}`),
      ),
    );
  await until(
    () => wanted.every((w) => have().has(w)),
    `${what}: delivery of ${wanted.length} (row, channel) pairs`,
    timeoutMs,
  ).catch((error: Error) => {
    throw new Error(`${error.message}\n${deliveryProblems(rows).join("\n")}`);
  });
  // Let a duplicate, if any, arrive before judging: the rows are marked sent after Soketi answered.
  await until(async () => {
    const rowIds = new Set(rows.map((r) => r.id));
    return (await outbox()).filter((r) => rowIds.has(r.id)).every((r) => r.sentAt !== null);
  }, `${what}: sentAt on every row`);
  expect(deliveryProblems(rows)).toEqual([]);
}

async function startOwnSoketi() {
  const { appId, key, secret } = getStack().soketi;
  soketi = await startSoketi({ ...soketiPorts, appId, key, secret, quiet: true });
}

async function signIn(email: string): Promise<Session> {
  const session = new Session(web.url);
  if (!(await session.signIn(email, TEST_PASSWORD))) throw new Error(`sign-in failed for ${email}`);
  return session;
}

async function createPayment(amountCents = 1500) {
  return db.payment.create({ data: { studentId: ids.student, courseId: ids.course, amountCents } });
}

beforeAll(async () => {
  database = await createOwnDatabase("outbox");
  const databaseUrl = database.url;
  // Own database: the shared stack's dispatcher must not deliver these rows to the shared Soketi,
  // nor this web server's dispatcher claim the other files' rows.
  db = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const passwordHash = bcrypt.hashSync(TEST_PASSWORD, 4);
  const tag = randomUUID().slice(0, 8);
  const user = (role: "ADMIN" | "STUDENT" | "TEACHER") =>
    db.user.create({
      data: {
        role,
        name: `${role.toLowerCase()} ${tag}`,
        email: `${role.toLowerCase()}-${tag}@outbox.test`,
        passwordHash,
      },
    });
  const [a, s, t] = [await user("ADMIN"), await user("STUDENT"), await user("TEACHER")];
  const course = await db.course.create({
    data: { teacherId: t.id, title: `Outbox ${tag}`, description: "outbox test" },
  });
  ids = { admin: a.id, student: s.id, course: course.id };

  [soketiPorts.port, soketiPorts.metricsPort] = [await getFreePort(), await getFreePort()];
  await startOwnSoketi();
  relay = new Relay(soketiPorts.port);
  const relayPort = await getFreePort();
  await relay.listen(relayPort);

  webEnv = {
    ...stackWebEnv({ databaseUrl, pusherPort: relayPort }),
    PUSHER_TIMEOUT_MS: String(PUBLISHER_TIMEOUT_MS),
  };
  web = await startWebServer({
    mode: "start",
    port: await getFreePort(),
    env: webEnv,
    quiet: true,
  });
  [admin, student] = await Promise.all([signIn(a.email), signIn(s.email)]);
  const target = { soketi: { host: soketi.host, port: soketi.port, key: soketi.key } };
  [adminClient, studentClient] = await Promise.all([
    connectAs(admin, target),
    connectAs(student, target),
  ]);
  await Promise.all([
    ...ADMIN_CHANNELS.map((c) => adminClient.subscribe(c)),
    ...studentChannels().map((c) => studentClient.subscribe(c)),
  ]);
});

afterAll(async () => {
  adminClient?.disconnect();
  studentClient?.disconnect();
  await web?.stop();
  await soketi?.stop();
  await relay?.close();
  await db?.$disconnect();
  await database?.drop();
});

describe("transactional outbox → Soketi", () => {
  it("(a) Soketi up: the event arrives with the OutboxEvent row id as eventId; the row gets sentAt", async () => {
    let announcementId = "";
    const rows = await rowsAddedBy(async () => {
      const body = await timed(
        "POST /api/announcements",
        () => admin.post("/api/announcements", { title: "Up", message: "Soketi is up" }),
        201,
      );
      announcementId = (body as { id: string }).id;
    });
    const event = await adminClient.waitFor(
      "public-announcements",
      "new-announcement",
      (d) => d.id === announcementId,
      DEADLINE_MS,
    );
    const row = rows.find((r) => r.id === event.data.eventId);
    expect(row, `eventId ${String(event.data.eventId)} is not an OutboxEvent row id`).toBeDefined();
    expect(row).toMatchObject({ event: "new-announcement", channels: ["public-announcements"] });
    expect(event.data).toMatchObject({ id: announcementId, title: "Up", message: "Soketi is up" });
    expect(new Date(String(event.data.occurredAt)).toISOString()).toBe(event.data.occurredAt);
    await allDelivered(rows, "(a)");
  });

  it("(b) Soketi down: requests answer at once, rows wait and retry; after a restart every event arrives once, in order", async () => {
    await soketi.stop();
    const payments = [await createPayment(1100), await createPayment(2200)];
    const rows = await rowsAddedBy(async () => {
      await timed(
        "approve #1",
        () => admin.post(`/api/payments/${payments[0]!.id}/approve`, {}),
        200,
      );
      await timed(
        "announcement #1",
        () =>
          admin.post("/api/announcements", { title: "Down 1", message: "while Soketi is down" }),
        201,
      );
      await timed(
        "approve #2",
        () => admin.post(`/api/payments/${payments[1]!.id}/approve`, {}),
        200,
      );
      await timed(
        "announcement #2",
        () => admin.post("/api/announcements", { title: "Down 2", message: "still down" }),
        201,
      );
    });
    expect(rows.map((r) => r.event)).toEqual(
      expect.arrayContaining([
        "payment-approved",
        "new-notification",
        "new-announcement",
        "stats-update",
        "dashboard-update",
      ]),
    );
    const rowIds = new Set(rows.map((r) => r.id));
    const mine = async () => (await outbox()).filter((r) => rowIds.has(r.id));

    // Each row failed, with the failure recorded, then failed again: attempts grow, nothing sent.
    const failed = await until(async () => {
      const now = await mine();
      return now.every((r) => r.sentAt === null && r.attempts >= 1 && r.lastError) && now;
    }, "a failed attempt on every row");
    expect(failed).toHaveLength(rows.length);
    await until(async () => {
      const now = await mine();
      return now.every(
        (r) =>
          r.sentAt === null &&
          r.lastError &&
          r.attempts > failed.find((f) => f.id === r.id)!.attempts,
      );
    }, "a retry of every row (attempts growing)");

    // Soketi back on the same port; the app's path to it stays shut until the clients are back.
    relay.set("refuse");
    await startOwnSoketi();
    await until(
      () =>
        [adminClient, studentClient].every((c) => c.pusher.connection.state === "connected") &&
        observed().every((name) => clientFor(name).pusher.channel(name)?.subscribed),
      "pusher-js to reconnect and resubscribe",
      45_000,
    );
    for (const r of await mine()) expect(r.sentAt, "delivered before the path was open").toBeNull();
    relay.set("open");
    await allDelivered(rows, "(b)", RECOVERY_DEADLINE_MS);
  }, 150_000); // generous deadlines above, not expected durations

  it("(c) rows left unsent by a stopped web server are delivered by the next one's sweeper", async () => {
    relay.set("refuse");
    const payment = await createPayment(3300);
    const rows = await rowsAddedBy(async () => {
      await timed(
        "announcement",
        () => admin.post("/api/announcements", { title: "Restart", message: "before the restart" }),
        201,
      );
      await timed("approve", () => admin.post(`/api/payments/${payment.id}/approve`, {}), 200);
    });
    const rowIds = new Set(rows.map((r) => r.id));
    await until(
      async () =>
        (await outbox()).filter((r) => rowIds.has(r.id)).every((r) => r.lastError && !r.sentAt),
      "the first failed attempts",
    );
    await web.stop();
    relay.set("open");
    for (const r of (await outbox()).filter((x) => rowIds.has(x.id))) expect(r.sentAt).toBeNull();

    web = await startWebServer({ mode: "start", port: web.port, env: webEnv, quiet: true });
    // Up to 45 s: a row the old process had just claimed stays leased for 30 s.
    await allDelivered(rows, "(c)", 45_000);
  }, 90_000);

  it("(d) a mutation whose transaction fails (409) writes no OutboxEvent and publishes nothing", async () => {
    const payment = await createPayment(4400);
    const approved = await rowsAddedBy(async () => {
      await timed("approve", () => admin.post(`/api/payments/${payment.id}/approve`, {}), 200);
    });
    await allDelivered(approved, "(d) first approval");

    const none = await rowsAddedBy(async () => {
      const again = await admin.post(`/api/payments/${payment.id}/approve`, {});
      expect(again.status).toBe(409);
      const enrolled = await student.post("/api/enrollments", { courseId: ids.course });
      expect(enrolled.status).toBe(201);
    });
    // Only the enrollment's events: the 409 added none.
    expect(
      none.every((r) =>
        [
          "new-enrollment",
          "enrollment-update",
          "dashboard-update",
          "new-notification",
          "stats-update",
        ].includes(r.event),
      ),
    ).toBe(true);
    expect(none.filter((r) => r.event === "payment-approved")).toEqual([]);
    const rejected = await rowsAddedBy(async () => {
      const twice = await student.post("/api/enrollments", { courseId: ids.course });
      expect(twice.status).toBe(409);
    });
    expect(rejected).toEqual([]);

    // A later event on the same channels as a sentinel: once it is in, anything published by the
    // 409s would have arrived before it.
    const sentinel = await rowsAddedBy(async () => {
      await timed(
        "announcement",
        () => admin.post("/api/announcements", { title: "Sentinel", message: "after the 409s" }),
        201,
      );
    });
    await allDelivered([...none, ...sentinel], "(d) enrollment and sentinel");
    const approvals = adminClient.received.filter(
      (e) => e.event === "payment-approved" && e.data.paymentId === payment.id,
    );
    expect(approvals).toHaveLength(1);
    const studentApprovals = studentClient.received.filter(
      (e) => e.event === "payment-approved" && e.data.paymentId === payment.id,
    );
    expect(studentApprovals).toHaveLength(1);
    const enrollments = adminClient.received.filter(
      (e) => e.event === "new-enrollment" && e.data.studentId === ids.student,
    );
    expect(enrollments).toHaveLength(1);
  });

  it("(e) Soketi accepting but never answering: the request answers at once; the event follows", async () => {
    relay.set("hang");
    const rows = await rowsAddedBy(async () => {
      await timed(
        "announcement",
        () => admin.post("/api/announcements", { title: "Hung", message: "Soketi hangs" }),
        201,
      );
    });
    const rowIds = new Set(rows.map((r) => r.id));
    // The publisher gives up after its timeout and the row is kept for a retry.
    await until(
      async () =>
        (await outbox()).filter((r) => rowIds.has(r.id)).every((r) => r.lastError && !r.sentAt),
      "the timed-out attempt",
    );
    relay.set("open");
    await allDelivered(rows, "(e)");
  });
});
