// PostgreSQL hung (every process SIGSTOPped) under the running app (contract §10): every route
// answers 503 `{"error": {"code": "unavailable"}}` quickly, never 500, never a hang, health names
// the database without internal text; after SIGCONT the app works again without a restart, and
// nothing was half-written (each payment has its outbox event).
import { readdirSync, readFileSync } from "node:fs";
import type { PrismaClient } from "../../scripts/lib/db-client.ts";
import { testCuid } from "../helpers/ids.ts";
import type { Check } from "./scenarios.ts";
import { mintCookie } from "./fleet.ts";

/** The postmaster and every process below it (backends, checkpointer, walwriter…). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const all: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    all.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return all;
}

function signalAll(pids: number[], signal: NodeJS.Signals) {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // gone
    }
  }
}

type Probe = { name: string; method: string; path: string; body?: string; form?: boolean };

export type OutageResult = {
  checks: Check[];
  timings: { name: string; status: number; ms: number; body: string }[];
  recoveredMs: number;
};

/** Runs the scenario against `webUrl`, whose database's postmaster is `postgresPid`. */
export async function postgresHung(options: {
  webUrl: string;
  db: PrismaClient;
  authSecret: string;
  postgresPid: number;
}): Promise<OutageResult> {
  const { db, webUrl } = options;
  const teacherId = testCuid();
  const student = {
    id: testCuid(),
    name: "Outage student",
    email: `outage-${Date.now()}@faults.test`,
    role: "STUDENT",
  };
  await db.user.createMany({
    data: [
      {
        id: teacherId,
        name: "Outage teacher",
        email: `outage-t-${Date.now()}@faults.test`,
        role: "TEACHER",
        passwordHash: "!",
      },
      { ...student, role: "STUDENT", passwordHash: "!" },
    ],
  });
  // Priced above what the probes pay in all, so every payment is within what is due.
  const course = await db.course.create({
    data: { title: "Outage course", teacherId, priceCents: 10_000_000 },
  });
  await db.enrollment.create({ data: { studentId: student.id, courseId: course.id } });
  const cookie = await mintCookie(options.authSecret, student);
  const probes: Probe[] = [
    { name: "GET /api/health", method: "GET", path: "/api/health" },
    { name: "GET /api/me", method: "GET", path: "/api/me" },
    { name: "GET /api/courses", method: "GET", path: "/api/courses" },
    { name: "GET /api/dashboard", method: "GET", path: "/api/dashboard" },
    { name: "GET /api/notifications", method: "GET", path: "/api/notifications" },
    {
      name: "POST /api/payments",
      method: "POST",
      path: "/api/payments",
      body: JSON.stringify({ courseId: course.id, amountCents: 4200 }),
    },
    {
      name: "POST /api/pusher/auth",
      method: "POST",
      path: "/api/pusher/auth",
      body: `socket_id=123.456&channel_name=private-course-${course.id}`,
      form: true,
    },
    {
      name: "GET /api/realtime/missed",
      method: "GET",
      path: `/api/realtime/missed?channel=private-user-${student.id}&after=${testCuid()}`,
    },
  ];
  const call = async (probe: Probe, timeoutMs: number) => {
    const started = performance.now();
    try {
      const response = await fetch(new URL(probe.path, webUrl), {
        method: probe.method,
        headers: {
          cookie,
          ...(probe.body && {
            "content-type": probe.form ? "application/x-www-form-urlencoded" : "application/json",
          }),
        },
        body: probe.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = await response.text();
      return {
        name: probe.name,
        status: response.status,
        ms: Math.round(performance.now() - started),
        body,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        name: probe.name,
        status: 0,
        ms: Math.round(performance.now() - started),
        body: message,
      };
    }
  };
  // Warm: the session's user state is cached, the pool has connections to hang on.
  for (const probe of probes) await call(probe, 10_000);

  const pids = processTree(options.postgresPid);
  signalAll(pids, "SIGSTOP");
  let timings: OutageResult["timings"];
  try {
    // Concurrently, as real traffic would arrive; a second round once the pool's connections are
    // known dead (the first round's timeouts destroyed them).
    timings = await Promise.all(probes.map((probe) => call(probe, 10_000)));
    timings.push(
      ...(await Promise.all(probes.map((probe) => call(probe, 10_000)))).map((t) => ({
        ...t,
        name: `${t.name} (again)`,
      })),
    );
  } finally {
    signalAll(pids, "SIGCONT");
  }
  const resumed = performance.now();
  let recoveredMs = -1;
  while (performance.now() - resumed < 30_000) {
    const health = await call(probes[0]!, 5000);
    const courses = await call(probes[2]!, 5000);
    if (health.status === 200 && courses.status === 200) {
      recoveredMs = Math.round(performance.now() - resumed);
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const after = await call(probes[5]!, 10_000);

  const checks: Check[] = [];
  const unavailable = timings.filter((t) => {
    if (t.status !== 503) return false;
    if (t.name.startsWith("GET /api/health"))
      return /"db":"down"/.test(t.body) && !/checks|Prisma|ECONN|timeout/i.test(t.body);
    try {
      return (JSON.parse(t.body) as { error?: { code?: string } }).error?.code === "unavailable";
    } catch {
      return false;
    }
  });
  const wrong = timings.filter((t) => !unavailable.includes(t));
  checks.push({
    name: "(c) PostgreSQL hung: every route answers 503 unavailable (health names db, no internals)",
    ok: wrong.length === 0,
    detail:
      wrong.length === 0
        ? `${timings.length} answers`
        : wrong.map((t) => `${t.name} → ${t.status} ${t.body.slice(0, 120)}`).join("; "),
    kind: "correctness",
  });
  const slowest = Math.max(...timings.map((t) => t.ms));
  checks.push({
    name: "(c) PostgreSQL hung: time to 503 ≤ 2 s (contract §10)",
    ok: slowest <= 2000,
    detail: `max ${slowest} ms`,
    kind: "target",
  });
  checks.push({
    name: "(c) PostgreSQL resumed: health and routes work again without a restart",
    ok: recoveredMs >= 0 && after.status === 201,
    detail: `recovered in ${recoveredMs} ms; a new payment → ${after.status}`,
    kind: "correctness",
  });
  const payments = await db.payment.findMany({
    where: { studentId: student.id },
    select: { id: true },
  });
  const events = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT payload->>'paymentId' AS id FROM "OutboxEvent" WHERE event = 'payment-received' AND payload->>'paymentId' = ANY($1)`,
    payments.map((p) => p.id),
  );
  checks.push({
    name: "(c) nothing half-written: every payment has its outbox event",
    ok: payments.length >= 1 && events.length === payments.length,
    detail: `${payments.length} payments, ${events.length} events`,
    kind: "correctness",
  });
  return { checks, timings, recoveredMs };
}
