// The stack `pnpm bench` measures: its own PostgreSQL, one Soketi and the production build of
// the web app on free ports (scripts/lib/test-stack.ts, as `pnpm soak` and `pnpm test:faults`
// start theirs), the users the load signs in as, and the Pusher server SDK that drives raw
// Soketi beside the app.
import http from "node:http";
import Pusher from "pusher";
import type { PrismaClient } from "../lib/db-client";
import type { SoketiHandle } from "../lib/soketi";
import { startLocalTestStack, type LocalTestStack } from "../lib/test-stack";
import type { WebServer } from "../lib/web";
import { createUsers } from "../../tests/faults/fleet";
import { testCuid } from "../../tests/helpers/ids";

export type BenchUser = { id: string; cookie: string };

export type BenchStack = {
  db: PrismaClient;
  soketi: SoketiHandle;
  /** The Soketi processes measured as "soketi" (B6 adds its nodes and their Redis). */
  soketiPids: number[];
  web: WebServer;
  /** See LocalTestStack.restartWeb: another Soketi, or extra environment (REALTIME_PUBLISH). */
  restartWeb: LocalTestStack["restartWeb"];
  /** Whether the web server now runs with extra environment (restartWeb with `env`). */
  webEnvChanged: boolean;
  credentials: { appId: string; key: string; secret: string };
  /**
   * Stops Soketi (gracefully, or SIGKILL with `kill`) and starts it again on the same ports;
   * resolves once it is ready.
   */
  restartSoketi(options?: { kill?: boolean }): Promise<void>;
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
  /** `count` more students (no enrollments) with session cookies, e.g. one per connection. */
  createStudents(count: number): Promise<BenchUser[]>;
};

/** Starts the stack; `stops` receives each part's shutdown (in start order). */
export async function startBenchStack(
  stops: Array<() => Promise<void>>,
  counts: { admins: number; students: number; courses: number },
): Promise<BenchStack> {
  const local = await startLocalTestStack("bench", stops, {
    verbose: !!process.env.LIVECAMPUS_TEST_VERBOSE,
  });
  const { db, credentials, authSecret } = local;
  const pusher = new Pusher({
    ...credentials,
    host: "127.0.0.1",
    port: String(local.ports.soketi),
    useTLS: false,
    cluster: "mt1",
    // Connections kept open, as the app's SDK instance keeps them
    // (web/server/realtime/pusher-server.ts).
    agent: new http.Agent({ keepAlive: true, timeout: 4000 }),
  });

  const users = async (count: number, role: "ADMIN" | "TEACHER" | "STUDENT") =>
    (await createUsers(db, authSecret, count, { role, label: "Bench" })).map(
      ({ userId, cookie }) => ({ id: userId, cookie }),
    );
  const admins = await users(counts.admins, "ADMIN");
  const students = await users(counts.students, "STUDENT");
  const teacher = (await users(1, "TEACHER"))[0]!;
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
    soketi: local.soketi,
    soketiPids: [local.soketi.process.pid!],
    web: local.web,
    credentials,
    async restartSoketi(options) {
      await local.stopSoketi(options);
      stack.soketi = await local.startSoketi();
      stack.soketiPids[0] = stack.soketi.process.pid!;
    },
    async restartWeb(change) {
      await local.restartWeb(change);
      stack.web = local.web;
      stack.webEnvChanged = Object.keys(change?.env ?? {}).length > 0;
    },
    webEnvChanged: false,
    webUrl: local.webUrl,
    postgresPid: local.postgresPid,
    pusher,
    admins,
    students,
    courseIds,
    teacherId: teacher.id,
    createStudents: (count) => users(count, "STUDENT"),
  };
  return stack;
}
