// PostgreSQL hung (every process SIGSTOPped) under the running app (contract §10): every API route
// answers 503 `{"error": {"code": "unavailable"}}` quickly, never 500, never a hang, health names
// the database without internal text; every page (a signed-in one per role, sign-in) answers the
// proxy's 503 page, HTML with the page's CSP and no internal text; after SIGCONT the app and its
// pages work again without a restart, and nothing was half-written (each payment has its outbox
// event).
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

type Probe = {
  name: string;
  method: string;
  path: string;
  body?: string;
  form?: boolean;
  /** A page: its own session (none for sign-in), redirects not followed. */
  page?: { cookie?: string };
};

type Answer = {
  name: string;
  status: number;
  ms: number;
  body: string;
  page: boolean;
  headers: Headers;
};

export type OutageResult = {
  checks: Check[];
  timings: Answer[];
  /** After SIGCONT: until health and an API read answer 200, until every page does. */
  recoveredMs: number;
  pagesRecoveredMs: number;
};

/** What no answer may show: driver, ORM and socket errors, stack frames. */
const INTERNALS = /Prisma|postgres|ECONN|timeout|\bat \S+ \(|node_modules/i;

/** Runs the scenario against `webUrl`, whose database's postmaster is `postgresPid`. */
export async function postgresHung(options: {
  webUrl: string;
  db: PrismaClient;
  authSecret: string;
  postgresPid: number;
}): Promise<OutageResult> {
  const { db, webUrl } = options;
  const teacher = {
    id: testCuid(),
    name: "Outage teacher",
    email: `outage-t-${Date.now()}@faults.test`,
    role: "TEACHER",
  };
  const admin = {
    id: testCuid(),
    name: "Outage admin",
    email: `outage-a-${Date.now()}@faults.test`,
    role: "ADMIN",
  };
  const student = {
    id: testCuid(),
    name: "Outage student",
    email: `outage-${Date.now()}@faults.test`,
    role: "STUDENT",
  };
  await db.user.createMany({
    data: [
      { ...teacher, role: "TEACHER", passwordHash: "!" },
      { ...admin, role: "ADMIN", passwordHash: "!" },
      { ...student, role: "STUDENT", passwordHash: "!" },
    ],
  });
  // Priced above what the probes pay in all, so every payment is within what is due.
  const course = await db.course.create({
    data: { title: "Outage course", teacherId: teacher.id, priceCents: 10_000_000 },
  });
  await db.enrollment.create({ data: { studentId: student.id, courseId: course.id } });
  const cookie = await mintCookie(options.authSecret, student);
  const teacherCookie = await mintCookie(options.authSecret, teacher);
  const adminCookie = await mintCookie(options.authSecret, admin);
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
    { name: "GET /student (page)", method: "GET", path: "/student", page: { cookie } },
    {
      name: "GET /teacher (page)",
      method: "GET",
      path: "/teacher",
      page: { cookie: teacherCookie },
    },
    { name: "GET /admin (page)", method: "GET", path: "/admin", page: { cookie: adminCookie } },
    {
      name: "GET /courses/{id} (page)",
      method: "GET",
      path: `/courses/${course.id}`,
      page: { cookie },
    },
    { name: "GET /sign-in (page)", method: "GET", path: "/sign-in", page: {} },
  ];
  const pages = probes.filter((probe) => probe.page);
  const call = async (probe: Probe, timeoutMs: number): Promise<Answer> => {
    const started = performance.now();
    const page = probe.page !== undefined;
    try {
      const response = await fetch(new URL(probe.path, webUrl), {
        method: probe.method,
        redirect: page ? "manual" : "follow",
        headers: {
          ...(page ? probe.page?.cookie && { cookie: probe.page.cookie } : { cookie }),
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
        page,
        headers: response.headers,
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        name: probe.name,
        status: 0,
        ms: Math.round(performance.now() - started),
        body: message,
        page,
        headers: new Headers(),
      };
    }
  };
  // Warm: the session's user state is cached, the pool has connections to hang on, and each page
  // renders for its session (200, not a redirect to sign-in).
  const warm: Answer[] = [];
  for (const probe of probes) warm.push(await call(probe, 10_000));
  const coldPages = warm.filter((t) => t.page && t.status !== 200);

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
  let pagesRecoveredMs = -1;
  while (performance.now() - resumed < 30_000 && (recoveredMs < 0 || pagesRecoveredMs < 0)) {
    const since = () => Math.round(performance.now() - resumed);
    if (recoveredMs < 0) {
      const health = await call(probes[0]!, 5000);
      const courses = await call(probes[2]!, 5000);
      if (health.status === 200 && courses.status === 200) recoveredMs = since();
    }
    if (pagesRecoveredMs < 0) {
      const answers = await Promise.all(pages.map((probe) => call(probe, 5000)));
      if (answers.every((t) => t.status === 200)) pagesRecoveredMs = since();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const after = await call(probes[5]!, 10_000);

  const checks: Check[] = [];
  checks.push({
    name: "(c) before the outage every probed page renders for its session (200)",
    ok: coldPages.length === 0,
    detail:
      coldPages.length === 0
        ? `${warm.filter((t) => t.page).length} pages`
        : coldPages.map((t) => `${t.name} → ${t.status}`).join("; "),
    kind: "correctness",
  });
  const apiTimings = timings.filter((t) => !t.page);
  const pageTimings = timings.filter((t) => t.page);
  const unavailable = apiTimings.filter((t) => {
    if (t.status !== 503) return false;
    if (t.name.startsWith("GET /api/health"))
      return /"db":"down"/.test(t.body) && !/checks|Prisma|ECONN|timeout/i.test(t.body);
    try {
      return (JSON.parse(t.body) as { error?: { code?: string } }).error?.code === "unavailable";
    } catch {
      return false;
    }
  });
  const wrong = apiTimings.filter((t) => !unavailable.includes(t));
  checks.push({
    name: "(c) PostgreSQL hung: every route answers 503 unavailable (health names db, no internals)",
    ok: wrong.length === 0,
    detail:
      wrong.length === 0
        ? `${apiTimings.length} answers`
        : wrong.map((t) => `${t.name} → ${t.status} ${t.body.slice(0, 120)}`).join("; "),
    kind: "correctness",
  });
  const wrongPages = pageTimings.filter(
    (t) =>
      t.status !== 503 ||
      !t.headers.get("content-type")?.startsWith("text/html") ||
      !/temporarily unavailable/i.test(t.body) ||
      INTERNALS.test(t.body) ||
      !/script-src [^;]*'nonce-/.test(t.headers.get("content-security-policy") ?? "") ||
      !t.headers.has("retry-after"),
  );
  checks.push({
    name: "(c) PostgreSQL hung: every page answers the 503 page (HTML, CSP, Retry-After, no internals)",
    ok: wrongPages.length === 0,
    detail:
      wrongPages.length === 0
        ? `${pageTimings.length} answers`
        : wrongPages
            .map(
              (t) =>
                `${t.name} → ${t.status} ${t.headers.get("content-type")} ${t.body.slice(0, 120)}`,
            )
            .join("; "),
    kind: "correctness",
  });
  const slowest = (answers: Answer[]) => Math.max(...answers.map((t) => t.ms));
  checks.push({
    name: "(c) PostgreSQL hung: time to 503 ≤ 2 s, API routes (contract §10)",
    ok: slowest(apiTimings) <= 2000,
    detail: `max ${slowest(apiTimings)} ms`,
    kind: "target",
  });
  checks.push({
    name: "(c) PostgreSQL hung: time to 503 ≤ 2 s, pages (contract §10)",
    ok: slowest(pageTimings) <= 2000,
    detail: `max ${slowest(pageTimings)} ms`,
    kind: "target",
  });
  checks.push({
    name: "(c) PostgreSQL resumed: health and routes work again without a restart",
    ok: recoveredMs >= 0 && after.status === 201,
    detail: `recovered in ${recoveredMs} ms; a new payment → ${after.status}`,
    kind: "correctness",
  });
  checks.push({
    name: "(c) PostgreSQL resumed: every page renders again (200) without a restart",
    ok: pagesRecoveredMs >= 0,
    detail: `recovered in ${pagesRecoveredMs} ms`,
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
  return { checks, timings, recoveredMs, pagesRecoveredMs };
}
