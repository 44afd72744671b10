// Channel authorization (docs/realtime.md, "Channels and who may subscribe"), end to end: every subject × every channel family (own and
// other ids, known and unknown courses) × names that only look right, through a real pusher-js
// client, the app's real POST /api/pusher/auth (real sessions) and the shared real Soketi.
// The expected answers are derived here from that documented table, independently of the app's
// catalog, and every 200 is checked twice: its HMAC signature recomputed here, and Soketi
// confirming the subscription (pusher:subscription_succeeded).
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildCourse,
  buildCourseWorld,
  buildEnrollment,
  buildUser,
  TEST_PASSWORD,
} from "../helpers/factories";
import { type Session, signedIn } from "../helpers/http";
import { connectAs, SubscriptionError, type RealtimeClient } from "../helpers/realtime";
import { getStack } from "../helpers/stack";

type Role = "ADMIN" | "TEACHER" | "STUDENT";
type Person = { id: string; name: string; role: Role };
type SubjectLabel =
  | "admin"
  | "course teacher"
  | "other teacher"
  | "enrolled student"
  | "outsider student"
  | "cancelled student"
  | "anonymous";
type Subject = { label: SubjectLabel; user: Person | null; session: Session | null };
type Case = { channel: string; allowed: boolean; why: string };
type Outcome = {
  subject: SubjectLabel;
  channel: string;
  expected: "allow" | "deny";
  actual: string;
};

const SUBJECTS: SubjectLabel[] = [
  "admin",
  "course teacher",
  "other teacher",
  "enrolled student",
  "outsider student",
  "cancelled student",
  "anonymous",
];

/** A well-formed cuid that is nobody's id (c + 24 lowercase alphanumerics). */
const UNKNOWN_ID = "c" + "z9".repeat(12);

let people: Record<Exclude<SubjectLabel, "anonymous">, Person> & { studentElsewhere: Person };
/** course id → its teacher and the students with an ACTIVE enrollment (the facts the documented rules need). */
const courses = new Map<string, { teacherId: string; active: Set<string> }>();
let courseA: string;
let courseB: string;
const sessions = new Map<SubjectLabel, Session | null>();
const outcomes: Outcome[] = [];
/** Hand-made requests to the auth route (names pusher-js never sends, malformed bodies). */
let rawRequests = 0;

const hmac = (data: string) =>
  createHmac("sha256", getStack().soketi.secret).update(data).digest("hex");

/** The table in docs/realtime.md, read literally. */
function documentedRule(user: Person | null, channel: string): { allowed: boolean; why: string } {
  if (!user) return { allowed: false, why: "no session" };
  const id = "(c[a-z0-9]{24})";
  const match = (prefix: string) => new RegExp(`^${prefix}${id}$`).exec(channel)?.[1];
  const course = (courseId: string) => courses.get(courseId);
  let m: string | undefined;
  if ((m = match("private-user-"))) return { allowed: m === user.id, why: "that user only" };
  if ((m = match("private-student-dashboard-")))
    return { allowed: user.role === "STUDENT" && m === user.id, why: "that student only" };
  if ((m = match("private-teacher-dashboard-")))
    return { allowed: user.role === "TEACHER" && m === user.id, why: "that teacher only" };
  if (channel === "private-admin-dashboard")
    return { allowed: user.role === "ADMIN", why: "ADMIN" };
  // `private-course-` would also match `private-course-enrollments-…`: test the longer one first.
  if ((m = match("private-course-enrollments-"))) {
    const c = course(m);
    return {
      allowed: !!c && (user.role === "ADMIN" || c.teacherId === user.id),
      why: "ADMIN, the course's teacher",
    };
  }
  for (const prefix of ["private-course-", "presence-course-"]) {
    if ((m = match(prefix))) {
      const c = course(m);
      const allowed =
        !!c &&
        (user.role === "ADMIN" ||
          c.teacherId === user.id ||
          (user.role === "STUDENT" && c.active.has(user.id)));
      return { allowed, why: "ADMIN, the course's teacher, ACTIVE students" };
    }
  }
  return { allowed: false, why: "not a documented channel" };
}

/** Every channel a subject is tried on (pusher-js asks the auth route for each of them). */
function casesFor(subject: Subject): Case[] {
  const own = subject.user?.id ?? people["enrolled student"].id;
  const targets = [...Object.values(people).map((p) => p.id), UNKNOWN_ID];
  const names = [
    ...targets.flatMap((id) => [
      `private-user-${id}`,
      `private-student-dashboard-${id}`,
      `private-teacher-dashboard-${id}`,
    ]),
    "private-admin-dashboard",
    ...[courseA, courseB, UNKNOWN_ID].flatMap((id) => [
      `private-course-${id}`,
      `private-course-enrollments-${id}`,
      `presence-course-${id}`,
    ]),
    // Names that only look right.
    "private-user-1x",
    `private-user-${own};x`,
    `private-user-${own} `,
    `private-user-${own}\n`,
    `private-user-${own.toUpperCase()}`,
    `private-user-${own.slice(0, -1)}`,
    `private-user-${own}${"a".repeat(200)}`,
    `private-course-${courseA}${"x".repeat(190)}`,
    `private-unknown-${own}`,
    `presence-user-${own}`,
    `private-user--${own}`,
    `private-user-${own}-x`,
    `private-admin-dashboard-${own}`,
    "private-admin-dashboardx",
    `private-course-${courseA.toUpperCase()}`,
    `private-course-enrollments-${courseA}x`,
    `presence-course-enrollments-${courseA}`,
    `private-presence-course-${courseA}`,
    `presence-private-course-${courseA}`,
    `private-${own}`,
    "private-",
    "presence-",
  ];
  return [...new Set(names)].map((channel) => ({
    channel,
    ...documentedRule(subject.user, channel),
  }));
}

function signatureOk(
  client: RealtimeClient,
  channel: string,
  body: Record<string, string>,
): boolean {
  const { key } = getStack().soketi;
  const socketId = client.pusher.connection.socket_id;
  const signed =
    body.channel_data === undefined
      ? `${socketId}:${channel}`
      : `${socketId}:${channel}:${body.channel_data}`;
  return body.auth === `${key}:${hmac(signed)}`;
}

/** Tries one case through pusher-js; returns what happened, described for the failure report. */
async function attempt(client: RealtimeClient, subject: Subject, c: Case): Promise<string> {
  try {
    await client.subscribe(c.channel, 10_000);
  } catch (error) {
    const answer = client.authAnswers.get(c.channel);
    if (!(error instanceof SubscriptionError)) return `error ${(error as Error).message}`;
    // pusher-js does not pass the status of a custom handler's error on: read the route's answer.
    if (answer?.status !== 403) return `denied with HTTP ${answer?.status}`;
    if (typeof (answer.body as { error?: { code?: unknown } }).error?.code !== "string")
      return "403 without {error: {code}}";
    return "deny";
  }
  const answer = client.authAnswers.get(c.channel);
  if (answer?.status !== 200) return `subscribed without a 200 (${answer?.status})`;
  if (!signatureOk(client, c.channel, answer.body)) return "200 with a bad signature";
  if (c.channel.startsWith("presence-")) {
    const data = JSON.parse(answer.body.channel_data ?? "null") as unknown;
    const me = subject.user!;
    const want = { user_id: me.id, user_info: { name: me.name, role: me.role } };
    if (JSON.stringify(data) !== JSON.stringify(want))
      return `channel_data ${answer.body.channel_data}`;
  } else if (answer.body.channel_data !== undefined) return "channel_data on a private channel";
  client.pusher.unsubscribe(c.channel);
  return "allow";
}

async function runPool<T>(items: T[], limit: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

beforeAll(async () => {
  const world = await buildCourseWorld();
  const studentElsewhere = await buildUser({ role: "STUDENT" });
  const other = await buildCourse({ teacherId: world.otherTeacher.id });
  // Course B: the other teacher's, with the "outsider" (of course A) and another student ACTIVE.
  await buildEnrollment(world.outsider.id, other.id);
  await buildEnrollment(studentElsewhere.id, other.id);
  courseA = world.course.id;
  courseB = other.id;
  courses.set(courseA, { teacherId: world.teacher.id, active: new Set([world.enrolled.id]) });
  courses.set(courseB, {
    teacherId: world.otherTeacher.id,
    active: new Set([world.outsider.id, studentElsewhere.id]),
  });
  const person = (u: { id: string; name: string; role: string }): Person => ({
    id: u.id,
    name: u.name,
    role: u.role as Role,
  });
  people = {
    admin: person(world.admin),
    "course teacher": person(world.teacher),
    "other teacher": person(world.otherTeacher),
    "enrolled student": person(world.enrolled),
    "outsider student": person(world.outsider),
    "cancelled student": person(world.cancelled),
    studentElsewhere: person(studentElsewhere),
  };
  const emails: Record<string, string> = {
    admin: world.admin.email,
    "course teacher": world.teacher.email,
    "other teacher": world.otherTeacher.email,
    "enrolled student": world.enrolled.email,
    "outsider student": world.outsider.email,
    "cancelled student": world.cancelled.email,
  };
  sessions.set("anonymous", null);
  await Promise.all(
    Object.entries(emails).map(async ([label, email]) =>
      sessions.set(label as SubjectLabel, await signedIn(email, TEST_PASSWORD)),
    ),
  );
});

afterAll(() => {
  const allowed = outcomes.filter((o) => o.expected === "allow").length;
  const wrong = outcomes.filter((o) => o.actual !== o.expected);
  const channelsPerSubject =
    outcomes.length / Math.max(1, new Set(outcomes.map((o) => o.subject)).size);
  console.log(
    `[realtime-authorization] matrix: ${outcomes.length} subscriptions (${new Set(outcomes.map((o) => o.subject)).size} subjects × ${channelsPerSubject} channel names) — ` +
      `${allowed} allowed, ${outcomes.length - allowed} denied by the documented rules; ${outcomes.length - wrong.length} matched, ${wrong.length} mismatched; ` +
      `plus ${rawRequests} hand-made auth requests (names pusher-js never sends, malformed bodies)`,
  );
});

describe("POST /api/pusher/auth + Soketi: the documented matrix", () => {
  it.each(SUBJECTS)("%s: subscribes exactly where docs/realtime.md allows", async (label) => {
    const subject: Subject = {
      label,
      user: label === "anonymous" ? null : people[label],
      session: sessions.get(label) ?? null,
    };
    const client = await connectAs(subject.session);
    try {
      const cases = casesFor(subject);
      const results: Outcome[] = [];
      await runPool(cases, 6, async (c) => {
        const actual = await attempt(client, subject, c);
        results.push({
          subject: label,
          channel: c.channel,
          expected: c.allowed ? "allow" : "deny",
          actual,
        });
      });
      outcomes.push(...results);
      const wrong = results
        .filter((r) => r.actual !== r.expected)
        .map((r) => `${JSON.stringify(r.channel)}: expected ${r.expected}, got ${r.actual}`);
      expect(wrong, `${label}`).toEqual([]);
      // Sanity: the table is not vacuous for signed-in subjects (own user channel at least).
      if (subject.user) expect(results.some((r) => r.expected === "allow")).toBe(true);
    } finally {
      client.disconnect();
    }
  });
});

/** A raw form POST to the auth route, as pusher-js would send it (session cookie optional). */
async function rawAuth(session: Session | null, body: RequestInit["body"], contentType?: string) {
  const init: RequestInit = {
    method: "POST",
    body,
    headers: contentType ? { "content-type": contentType } : {},
  };
  const response = session
    ? await session.fetch("/api/pusher/auth", init)
    : await fetch(new URL("/api/pusher/auth", getStack().webUrl), init);
  const text = await response.text();
  rawRequests += 1;
  return { status: response.status, cacheControl: response.headers.get("cache-control"), text };
}
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = "application/x-www-form-urlencoded";
const SOCKET = "123456.7890123";

describe("POST /api/pusher/auth: names pusher-js never sends, bodies it never sends", () => {
  it("denies with 403 names a client can only send by hand", async () => {
    const admin = sessions.get("admin")!;
    const enrolled = sessions.get("enrolled student")!;
    const own = people["enrolled student"].id;
    const names = [
      "",
      `private-encrypted-user-${own}`,
      `private-encrypted-course-${courseA}`,
      "public-announcements",
      `private-user-${own}`.padEnd(600, "x"),
      `#server-to-user-${own}`,
    ];
    for (const session of [admin, enrolled, null]) {
      for (const channel of names) {
        const answer = await rawAuth(
          session,
          form({ socket_id: SOCKET, channel_name: channel }),
          FORM,
        );
        expect(
          answer.status,
          `${JSON.stringify(channel.slice(0, 40))} → ${answer.text.slice(0, 200)}`,
        ).toBe(403);
        expect(answer.cacheControl).toMatch(/no-store/);
      }
    }
  });

  it("answers a malformed body with 400 (never 5xx), signed in or not", async () => {
    const channel = `private-user-${people["enrolled student"].id}`;
    const bodies: Array<[string, RequestInit["body"], string | undefined]> = [
      ["missing socket_id", form({ channel_name: channel }), FORM],
      ["socket_id abc", form({ socket_id: "abc", channel_name: channel }), FORM],
      ["socket_id 1.2x", form({ socket_id: "1.2x", channel_name: channel }), FORM],
      ["socket_id with a space", form({ socket_id: "1.2 ", channel_name: channel }), FORM],
      ["socket_id empty", form({ socket_id: "", channel_name: channel }), FORM],
      ["missing channel_name", form({ socket_id: SOCKET }), FORM],
      ["empty body", "", FORM],
      ["no body, no content type", null, undefined],
      ["binary garbage", new Uint8Array([0, 255, 254, 1, 2, 3, 37, 37, 61, 38]), FORM],
      ["text garbage", "}{ not a form at all", "text/plain"],
      ["broken JSON", "{socket_id:", "application/json"],
      ["JSON null", "null", "application/json"],
      ["JSON array", "[]", "application/json"],
      [
        "JSON wrong types",
        JSON.stringify({ socket_id: 1.2, channel_name: channel }),
        "application/json",
      ],
    ];
    const owner = sessions.get("enrolled student")!;
    for (const session of [owner, null]) {
      for (const [what, body, type] of bodies) {
        const answer = await rawAuth(session, body, type);
        expect(answer.status, `${what}: ${answer.text.slice(0, 200)}`).toBe(400);
        expect(answer.cacheControl, what).toMatch(/no-store/);
        expect(JSON.parse(answer.text), what).toMatchObject({
          error: { code: expect.any(String), message: expect.any(String) },
        });
      }
    }
  });

  it("sends Cache-Control: no-store on a 200 and on a 403", async () => {
    const owner = sessions.get("enrolled student")!;
    const own = people["enrolled student"].id;
    const ok = await rawAuth(
      owner,
      form({ socket_id: SOCKET, channel_name: `private-user-${own}` }),
      FORM,
    );
    expect(ok.status).toBe(200);
    expect(ok.cacheControl).toMatch(/no-store/);
    expect(JSON.parse(ok.text)).toEqual({
      auth: `${getStack().soketi.key}:${hmac(`${SOCKET}:private-user-${own}`)}`,
    });
    const denied = await rawAuth(
      owner,
      form({ socket_id: SOCKET, channel_name: "private-admin-dashboard" }),
      FORM,
    );
    expect(denied.status).toBe(403);
    expect(denied.cacheControl).toMatch(/no-store/);
  });
});

describe("public-announcements", () => {
  it("works for an anonymous client with no authorization call", async () => {
    const anonymous = await connectAs(null);
    const admin = sessions.get("admin")!;
    try {
      await anonymous.subscribe("public-announcements");
      expect(anonymous.authAnswers.size).toBe(0);
      const posted = await admin.post("/api/announcements", {
        title: "Matrix check",
        message: "Hello, anonymous",
      });
      expect(posted.status).toBe(201);
      const id = (posted.body as { id: string }).id;
      const event = await anonymous.waitFor(
        "public-announcements",
        "new-announcement",
        (d) => d.id === id,
        20_000,
      );
      expect(event.data).toMatchObject({ id, title: "Matrix check", message: "Hello, anonymous" });
      expect(anonymous.authAnswers.size).toBe(0);
    } finally {
      anonymous.disconnect();
    }
  });
});
