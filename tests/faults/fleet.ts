// The fault suite's moving parts besides the stack: 1,000 users with minted session cookies,
// the client workers (tests/faults/client-worker.ts) and the event producer.
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { PrismaClient } from "../../scripts/lib/db-client.ts";
import { WEB_DIR } from "../../scripts/lib/paths.ts";
import { WorkerPool } from "../../scripts/lib/worker-pool.ts";
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
 * Creates `count` users (students unless told otherwise) directly in the database and mints
 * each a session cookie with Auth.js's own JWT encode and the stack's AUTH_SECRET (what a
 * sign-in would set), instead of thousands of bcrypt sign-ins.
 */
export async function createUsers(
  db: PrismaClient,
  authSecret: string,
  count: number,
  {
    role = "STUDENT",
    label = "Fault",
  }: { role?: "ADMIN" | "TEACHER" | "STUDENT"; label?: string } = {},
) {
  const stamp = Date.now();
  const kind = role.toLowerCase();
  const users = Array.from({ length: count }, (_, i) => ({
    id: testCuid(),
    name: `${label} ${kind} ${i + 1}`,
    email: `${label.toLowerCase()}-${kind}-${i + 1}-${stamp}@${label.toLowerCase()}.test`,
    role,
    passwordHash: "!", // never signs in with a password
  }));
  for (let i = 0; i < users.length; i += 5000)
    await db.user.createMany({ data: users.slice(i, i + 5000) });
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

/** The client workers: `count` processes sharing the clients. */
export class Fleet {
  private constructor(private readonly pool: WorkerPool<WorkerMessage, WorkerReply>) {}

  static async start(
    count: number,
    clients: Array<{ userId: string; cookie: string }>,
    base: Omit<Extract<WorkerMessage, { type: "start" }>, "type" | "clients">,
  ): Promise<Fleet> {
    const pool = new WorkerPool<WorkerMessage, WorkerReply>(
      path.join(import.meta.dirname, "client-worker.ts"),
      count,
      "client worker",
    );
    await pool.all((i) => ({
      type: "start",
      clients: clients.filter((_, index) => index % count === i),
      ...base,
    }));
    return new Fleet(pool);
  }

  /** Every client's state, and sockets no client could be found for. */
  async report(): Promise<{ clients: ClientReport[]; unattributed: number }> {
    const replies = await this.pool.all(() => ({ type: "report" }));
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
    await this.pool.stop({ type: "stop" });
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
