// The stack `pnpm bench` measures: its own PostgreSQL, one Soketi and the production build of
// the web app on free ports (as `pnpm soak` and `pnpm test:faults` start theirs), the users the
// load signs in as, and the Pusher server SDK that drives raw Soketi beside the app.
import { randomBytes } from "node:crypto";
import Pusher from "pusher";
import { createPrismaClient, type PrismaClient } from "../lib/db-client";
import { getFreePort, waitForPortFree } from "../lib/ports";
import { startSoketi, type SoketiHandle } from "../lib/soketi";
import { prepareTestBuild, startTestPostgres } from "../lib/test-stack";
import { startWebServer, type WebServer } from "../lib/web";
import { webServerEnv } from "../../tests/helpers/stack";
import { mintCookie } from "../../tests/faults/fleet";
import { testCuid } from "../../tests/helpers/ids";

export type BenchUser = { id: string; cookie: string };

export type BenchStack = {
  db: PrismaClient;
  soketi: SoketiHandle;
  /** The Soketi processes measured as "soketi" (B6 adds its nodes and their Redis). */
  soketiPids: number[];
  web: WebServer;
  /**
   * Replaces the web server with one publishing to Soketi on `pusherPort` (same database and
   * build); the old one is stopped first, so one dispatcher drains the outbox.
   */
  restartWeb(pusherPort: number, metricsUrl: string): Promise<void>;
  credentials: { appId: string; key: string; secret: string };
  /** Stops Soketi (gracefully) and starts it again on the same ports; resolves once it is ready. */
  restartSoketi(): Promise<void>;
  /** http://127.0.0.1:port (no IPv6 first try per request). */
  webUrl: string;
  postgresPid: number;
  /** The server SDK on raw Soketi: the floor every scenario is compared with. */
  pusher: Pusher;
  admins: BenchUser[];
  students: BenchUser[];
  /** Courses every student is actively enrolled in (private-course authorizations). */
  courseIds: string[];
  teacherId: string;
};

const secret = () => randomBytes(24).toString("hex");

/** Starts the stack; `stops` receives each part's shutdown (in start order). */
export async function startBenchStack(
  stops: Array<() => Promise<void>>,
  counts: { admins: number; students: number; courses: number },
): Promise<BenchStack> {
  const pg = await startTestPostgres("livecampus_bench", stops);
  const [soketiPort, metricsPort, webPort] = [
    await getFreePort(),
    await getFreePort(),
    await getFreePort(),
  ];
  const db = createPrismaClient(pg.url);
  stops.push(() => db.$disconnect());
  const credentials = { appId: `bench-${secret().slice(0, 8)}`, key: secret(), secret: secret() };
  const soketiOptions = {
    port: soketiPort!,
    metricsPort: metricsPort!,
    ...credentials,
    webhookUrl: `http://127.0.0.1:${webPort}/api/pusher/webhooks`,
    quiet: true,
    env: { NODE_ENV: "production" },
  };
  let soketi = await startSoketi(soketiOptions);
  stops.push(() => soketi.stop());
  const dist = await prepareTestBuild("bench", stops);
  const authSecret = secret();
  const startWeb = (pusherPort: number, metricsUrl: string) =>
    startWebServer({
      mode: "start",
      port: webPort!,
      env: {
        ...webServerEnv({ databaseUrl: pg.url, authSecret, credentials, pusherPort }),
        NEXT_DIST_DIR: dist,
        SOKETI_METRICS_URL: metricsUrl,
      },
      quiet: true,
    });
  let web = await startWeb(soketiPort!, `http://127.0.0.1:${metricsPort}/metrics`);
  stops.push(() => web.stop());

  const pusher = new Pusher({
    ...credentials,
    host: "127.0.0.1",
    port: String(soketiPort),
    useTLS: false,
    cluster: "mt1",
  });

  const admins = await createUsers(db, authSecret, counts.admins, "ADMIN");
  const students = await createUsers(db, authSecret, counts.students, "STUDENT");
  const teacher = (await createUsers(db, authSecret, 1, "TEACHER"))[0]!;
  const courseIds = Array.from({ length: counts.courses }, () => testCuid());
  await db.course.createMany({
    data: courseIds.map((id, i) => ({ id, title: `Bench course ${i + 1}`, teacherId: teacher.id })),
  });
  await db.enrollment.createMany({
    data: courseIds.flatMap((courseId) =>
      students.map((s) => ({ studentId: s.id, courseId, status: "ACTIVE" as const })),
    ),
  });

  const stack: BenchStack = {
    db,
    soketi,
    soketiPids: [soketi.process.pid!],
    web,
    credentials,
    async restartSoketi() {
      await soketi.stop();
      for (const port of [soketiPort!, metricsPort!])
        if (!(await waitForPortFree(port, 10_000))) throw new Error(`port ${port} still taken`);
      soketi = await startSoketi(soketiOptions);
      stack.soketi = soketi;
      stack.soketiPids[0] = soketi.process.pid!;
    },
    async restartWeb(pusherPort, metricsUrl) {
      await web.stop();
      web = await startWeb(pusherPort, metricsUrl);
      stack.web = web;
    },
    webUrl: web.url.replace("localhost", "127.0.0.1"),
    postgresPid: pg.pid,
    pusher,
    admins,
    students,
    courseIds,
    teacherId: teacher.id,
  };
  return stack;
}

/**
 * Creates users directly in the database with session cookies minted by Auth.js's own encode
 * (tests/faults/fleet.ts), instead of thousands of bcrypt sign-ins.
 */
async function createUsers(
  db: PrismaClient,
  authSecret: string,
  count: number,
  role: "ADMIN" | "TEACHER" | "STUDENT",
): Promise<BenchUser[]> {
  const stamp = Date.now();
  const users = Array.from({ length: count }, (_, i) => ({
    id: testCuid(),
    name: `Bench ${role.toLowerCase()} ${i + 1}`,
    email: `bench-${role.toLowerCase()}-${i + 1}-${stamp}@bench.test`,
    role,
    passwordHash: "!", // never signs in with a password
  }));
  await db.user.createMany({ data: users });
  return Promise.all(
    users.map(async (user) => ({ id: user.id, cookie: await mintCookie(authSecret, user) })),
  );
}
