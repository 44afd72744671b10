// The fault suite's moving parts besides the stack: 1,000 users with minted session cookies,
// the client workers (tests/faults/client-worker.ts) and the event producer.
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PrismaClient } from "../../scripts/lib/db-client.ts";
import { WEB_DIR } from "../../scripts/lib/paths.ts";
import { prepareEvent } from "../../web/lib/realtime/prepare.ts";
import { realtimeMessages, type RealtimeMessage } from "../../web/lib/realtime/messages.ts";
import { testCuid } from "../helpers/ids.ts";
import type { ClientReport, WorkerMessage, WorkerReply } from "./protocol.ts";
import { sequenceTitle } from "./protocol.ts";

/** Auth.js's cookie for a session over plain http. */
const SESSION_COOKIE = "authjs.session-token";

type Encode = (params: {
  token: Record<string, unknown>;
  secret: string;
  salt: string;
}) => Promise<string>;

/**
 * Creates `count` students directly in the database and mints each a session cookie with
 * Auth.js's own JWT encode and the stack's AUTH_SECRET (what a sign-in would set), instead of
 * 1,000 bcrypt sign-ins.
 */
export async function createUsers(db: PrismaClient, authSecret: string, count: number) {
  const users = Array.from({ length: count }, (_, i) => ({
    id: testCuid(),
    name: `Fault student ${i + 1}`,
    email: `fault-${i + 1}-${Date.now()}@faults.test`,
    role: "STUDENT" as const,
    passwordHash: "!", // never signs in with a password
  }));
  await db.user.createMany({ data: users });
  return Promise.all(
    users.map(async (user) => ({ userId: user.id, cookie: await mintCookie(authSecret, user) })),
  );
}

/** A session cookie for `user`, as Auth.js's sign-in would set it (its own JWT encode). */
export async function mintCookie(
  authSecret: string,
  user: { id: string; name: string; email: string; role: string },
): Promise<string> {
  const require = createRequire(path.join(WEB_DIR, "package.json"));
  const { encode } = (await import(pathToFileURL(require.resolve("next-auth/jwt")).href)) as {
    encode: Encode;
  };
  const token = await encode({
    token: { sub: user.id, id: user.id, role: user.role, name: user.name, email: user.email },
    secret: authSecret,
    salt: SESSION_COOKIE,
  });
  return `${SESSION_COOKIE}=${token}`;
}

type Worker = { child: ChildProcess; replies: WorkerReply[]; waiters: Array<() => void> };

/** The client workers: `count` processes sharing the clients. */
export class Fleet {
  private readonly workers: Worker[] = [];
  private stopping = false;

  static async start(
    count: number,
    clients: Array<{ userId: string; cookie: string }>,
    base: Omit<Extract<WorkerMessage, { type: "start" }>, "type" | "clients">,
  ): Promise<Fleet> {
    const fleet = new Fleet();
    const file = path.join(import.meta.dirname, "client-worker.ts");
    for (let i = 0; i < count; i += 1) {
      const child = fork(file, [], { execArgv: ["--import", "tsx"], stdio: "inherit" });
      const worker: Worker = { child, replies: [], waiters: [] };
      child.once("exit", (code) => {
        if (!fleet.stopping) console.error(`client worker ${i} exited (${code})`);
      });
      child.on("message", (reply: WorkerReply) => {
        worker.replies.push(reply);
        for (const waiter of worker.waiters.splice(0)) waiter();
      });
      fleet.workers.push(worker);
    }
    await Promise.all(
      fleet.workers.map((worker, i) =>
        fleet.request(worker, {
          type: "start",
          clients: clients.filter((_, index) => index % count === i),
          ...base,
        }),
      ),
    );
    return fleet;
  }

  private request(worker: Worker, message: WorkerMessage): Promise<WorkerReply> {
    if (worker.child.exitCode !== null) return Promise.reject(new Error("client worker is gone"));
    return new Promise((resolve) => {
      const before = worker.replies.length;
      const check = () => {
        if (worker.replies.length > before) resolve(worker.replies[before]!);
        else worker.waiters.push(check);
      };
      worker.waiters.push(check);
      worker.child.send(message);
    });
  }

  /** Every client's state, and sockets no client could be found for. */
  async report(): Promise<{ clients: ClientReport[]; unattributed: number }> {
    const replies = await Promise.all(this.workers.map((w) => this.request(w, { type: "report" })));
    const clients: ClientReport[] = [];
    let unattributed = 0;
    for (const reply of replies) {
      if (reply.type !== "report") continue;
      clients.push(...reply.clients);
      unattributed += reply.unattributed;
    }
    return { clients, unattributed };
  }

  async stop(): Promise<void> {
    this.stopping = true;
    for (const { child } of this.workers) {
      if (child.exitCode === null) child.send({ type: "stop" } satisfies WorkerMessage);
    }
    await Promise.all(
      this.workers.map(({ child }) =>
        child.exitCode !== null
          ? undefined
          : new Promise<void>((resolve) => {
              const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
              child.once("exit", () => {
                clearTimeout(timer);
                resolve();
              });
            }),
      ),
    );
  }
}

/**
 * Writes outbox rows the way the app's services do (channels, event, payload; the app's
 * dispatcher publishes them): `perSecond` events, one in ten an announcement to everyone, the
 * rest a notification to a random user. Counts what it produced per channel.
 */
export class Producer {
  readonly perUser = new Map<string, number>();
  announcements = 0;
  private running: Promise<void> | undefined;
  private stopping = false;

  constructor(
    private readonly db: PrismaClient,
    private readonly userIds: string[],
    private readonly perSecond = 20,
  ) {}

  start(): void {
    this.stopping = false;
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.running;
    this.running = undefined;
  }

  private async loop() {
    const interval = 1000 / this.perSecond;
    let next = Date.now();
    let n = 0;
    while (!this.stopping) {
      n += 1;
      await this.write(this.message(n % 10 === 0));
      next += interval;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
  }

  private message(announcement: boolean): RealtimeMessage {
    if (announcement) {
      this.announcements += 1;
      return realtimeMessages.newAnnouncement({
        id: testCuid(),
        title: sequenceTitle(this.announcements),
        message: "Fault suite announcement",
        timestamp: new Date(),
      });
    }
    const userId = this.userIds[Math.floor(Math.random() * this.userIds.length)]!;
    const n = (this.perUser.get(userId) ?? 0) + 1;
    this.perUser.set(userId, n);
    return realtimeMessages.notification(userId, {
      id: testCuid(),
      title: sequenceTitle(n),
      message: "Fault suite notification",
      type: "info",
    });
  }

  private async write(message: RealtimeMessage) {
    const check = prepareEvent({
      ...message,
      eventId: "check",
      occurredAt: new Date().toISOString(),
    });
    if (!check.ok) throw new Error(`the producer built an invalid event: ${check.error}`);
    await writeOutboxRow(this.db, message);
  }

  /** Events produced for `userId`'s channel. */
  producedFor(userId: string): number {
    return this.perUser.get(userId) ?? 0;
  }
}

/**
 * Writes one outbox row as the app's outbox writer does (web/server/outbox.ts): under the event
 * log's advisory lock (`lockEventLog` in web/server/realtime/event-log.ts, same key), so its
 * place in the log is committed in order with the app's own writes.
 */
async function writeOutboxRow(db: PrismaClient, message: RealtimeMessage): Promise<void> {
  await db.$transaction([
    db.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('livecampus.outbox.seq'))`,
    db.outboxEvent.create({
      data: { channels: [...message.channels], event: message.event, payload: message.payload },
    }),
  ]);
}

/**
 * One event nobody of the fleet listens to, published before the clients start: a page always
 * finds a non-empty log (getEventCursor() has something to return).
 */
export async function seedEventLog(db: PrismaClient): Promise<void> {
  await writeOutboxRow(db, realtimeMessages.dashboardUpdate(testCuid(), "courses"));
  const deadline = Date.now() + 30_000;
  while ((await newestEventId(db)) === null) {
    if (Date.now() > deadline) throw new Error("the app's dispatcher published nothing in 30 s");
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Newest published event id, or null (the seed waits for the app's dispatcher with it). */
export async function newestEventId(db: PrismaClient): Promise<string | null> {
  const rows = await db.$queryRaw<Array<{ id: string }>>`
    SELECT "id" FROM "OutboxEvent" WHERE "sentAt" IS NOT NULL ORDER BY "seq" DESC LIMIT 1`;
  return rows[0]?.id ?? null;
}

/** Outbox rows not yet published. */
export async function unsentEvents(db: PrismaClient): Promise<number> {
  return db.outboxEvent.count({ where: { sentAt: null } });
}
