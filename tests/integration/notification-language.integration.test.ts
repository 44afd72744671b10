// Notifications in the reader's language (docs/api.md, "Notifications"): every notification the
// server writes stores a message key and raw parameters beside its English title and message;
// GET /api/notifications and the new-notification event (real pusher-js through the real
// Soketi) carry them, the English text is unchanged, and the catalogue renders the very same
// English from them and German for a German reader.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import { MESSAGES } from "@/messages";
import type { Locale } from "@/i18n/locales";
import { formatsFor } from "@/lib/format";
import { notificationText, type StoredNotification } from "@/lib/notification-text";
import { channels } from "@/lib/realtime/channels";
import { buildCourseWorld, testDb, type CourseWorld } from "../helpers/factories";
import type { Session } from "../helpers/http";
import { connectAs, type RealtimeClient } from "../helpers/realtime";
import { call, signInAll } from "../helpers/api";

type Item = StoredNotification & {
  id: string;
  type: string;
  link: string | null;
  read: boolean;
  readAt: string | null;
  createdAt: string;
  key: string | null;
  params: Record<string, unknown> | null;
};
type Inbox = { items: Item[]; nextCursor: string | null; unreadCount: number };

const render = (notification: StoredNotification, locale: Locale) =>
  notificationText(
    notification,
    createTranslator({ locale, messages: MESSAGES[locale], namespace: "notifications" }),
    formatsFor(locale),
  );

let world: CourseWorld;
let sessions: { student: Session; outsider: Session; teacher: Session; admin: Session };
let studentRt: RealtimeClient;

beforeAll(async () => {
  world = await buildCourseWorld();
  const [student, outsider, teacher, admin] = await signInAll([
    world.enrolled,
    world.outsider,
    world.teacher,
    world.admin,
  ] as const);
  sessions = { student: student!, outsider: outsider!, teacher: teacher!, admin: admin! };
  studentRt = await connectAs(sessions.student);
  await studentRt.subscribe(channels.user(world.enrolled.id));
});

afterAll(() => studentRt?.disconnect());

/** The caller's stored notification with `key`, newest first (fails when there is none). */
async function inboxItem(session: Session, key: string): Promise<Item> {
  const { status, body } = await call<Inbox>(session, "GET", "/api/notifications");
  expect(status).toBe(200);
  const item = body.items.find((i) => i.key === key);
  expect(item, `a ${key} notification in ${JSON.stringify(body.items)}`).toBeDefined();
  return item!;
}

describe("an admin approves a payment", () => {
  let payment: { id: string };
  let item: Item;

  beforeAll(async () => {
    payment = await testDb().payment.create({
      data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 4200 },
    });
    const answer = await call(sessions.admin, "POST", `/api/payments/${payment.id}/approve`);
    expect(answer.status).toBe(200);
    item = await inboxItem(sessions.student, "paymentApproved");
  });

  const english = () => ({
    title: "Payment approved",
    message: `Your payment of $42.00 for ${world.course.title} has been approved.`,
  });

  it("GET /api/notifications: the English text as before, plus key and raw params", () => {
    expect(item).toEqual({
      id: expect.any(String),
      ...english(),
      type: "success",
      link: "/student#payments",
      read: false,
      readAt: null,
      createdAt: expect.any(String),
      key: "paymentApproved",
      params: { amountCents: 4200, courseTitle: world.course.title },
    });
  });

  it("new-notification: the contract's fields unchanged, plus key and params", async () => {
    const received = await studentRt.waitFor(
      channels.user(world.enrolled.id),
      "new-notification",
      (d) => d.id === item.id,
      5000,
    );
    const { eventId, occurredAt, ...own } = received.data;
    expect(eventId).toEqual(expect.any(String));
    expect(occurredAt).toEqual(expect.any(String));
    expect(own).toEqual({
      id: item.id,
      ...english(),
      type: "success",
      link: "/student#payments",
      key: "paymentApproved",
      params: { amountCents: 4200, courseTitle: world.course.title },
    });
  });

  it("renders the stored English from the key, and German for a German reader", () => {
    expect(render(item, "en")).toEqual(english());
    expect(render(item, "de")).toEqual({
      title: "Zahlung genehmigt",
      message: `Ihre Zahlung von 42,00\u00a0$ für ${world.course.title} wurde genehmigt.`,
    });
  });

  it("the inbox page shows it in the page's language", async () => {
    const german = await sessions.student.fetch("/de/notifications");
    expect(german.status).toBe(200);
    // The catalogue itself travels with the page, so look for the text made from the row.
    expect(await german.text()).toContain(`für ${world.course.title} wurde genehmigt.`);
    const plain = await sessions.student.fetch("/notifications", {
      headers: { "accept-language": "en" },
    });
    expect(plain.status).toBe(200);
    const html = await plain.text();
    expect(html).toContain(english().message);
    expect(html).not.toContain("wurde genehmigt.");
  });
});

describe("every notification the server writes has a key whose English is its text", () => {
  it("payments rejected, with and without a reason", async () => {
    for (const [reason, key] of [
      ["Blurry receipt", "paymentRejectedWithReason"],
      [undefined, "paymentRejected"],
    ] as const) {
      const payment = await testDb().payment.create({
        data: { studentId: world.enrolled.id, courseId: world.course.id, amountCents: 123_456 },
      });
      const answer = await call(
        sessions.admin,
        "POST",
        `/api/payments/${payment.id}/reject`,
        reason ? { reason } : {},
      );
      expect(answer.status).toBe(200);
      const item = await inboxItem(sessions.student, key);
      expect(item.title).toBe("Payment rejected");
      expect(item.message).toBe(
        `Your payment of $1,234.56 for ${world.course.title} was rejected${reason ? `: ${reason}` : "."}`,
      );
      expect(item.params).toEqual({
        amountCents: 123_456,
        courseTitle: world.course.title,
        reason: reason ?? null,
      });
      expect(render(item, "en")).toEqual({ title: item.title, message: item.message });
      expect(render(item, "de").title).toBe("Zahlung abgelehnt");
    }
  });

  it("a new score", async () => {
    const answer = await call(sessions.teacher, "POST", "/api/scores", {
      studentId: world.enrolled.id,
      courseId: world.course.id,
      score: 8.5,
      maxScore: 10,
      title: "Essay",
    });
    expect(answer.status).toBe(201);
    const item = await inboxItem(sessions.student, "newScore");
    expect(item.message).toBe(`Essay in ${world.course.title}: 8.50/10`);
    expect(item.params).toEqual({
      title: "Essay",
      courseTitle: world.course.title,
      score: 8.5,
      maxScore: 10,
    });
    expect(render(item, "en")).toEqual({ title: "New score", message: item.message });
    expect(render(item, "de")).toEqual({
      title: "Neue Bewertung",
      message: `Essay in ${world.course.title}: 8,50/10`,
    });
  });

  it("enrollments: a new one and cancellations by the student and by the teacher", async () => {
    const course = world.course.title;
    const student = world.outsider.name;
    const enrolled = await call<{ id: string }>(sessions.outsider, "POST", "/api/enrollments", {
      courseId: world.course.id,
    });
    expect(enrolled.status).toBe(201);
    const path = `/api/enrollments/${enrolled.body.id}`;
    expect((await call(sessions.outsider, "DELETE", path)).status).toBe(200);
    expect(
      (await call(sessions.outsider, "POST", "/api/enrollments", { courseId: world.course.id }))
        .status,
    ).toBe(201);
    expect((await call(sessions.teacher, "DELETE", path)).status).toBe(200);

    const cases: [Session, string, string, string, Record<string, unknown>][] = [
      [
        sessions.teacher,
        "newEnrollment",
        "New enrollment",
        `${student} enrolled in ${course}.`,
        { studentName: student, courseTitle: course },
      ],
      [
        sessions.teacher,
        "enrollmentCancelledByStudent",
        "Enrollment cancelled",
        `${student} cancelled their enrollment in ${course}.`,
        { studentName: student, courseTitle: course },
      ],
      [
        sessions.outsider,
        "enrollmentCancelled",
        "Enrollment cancelled",
        `Your enrollment in ${course} was cancelled.`,
        { courseTitle: course },
      ],
    ];
    for (const [session, key, title, message, params] of cases) {
      const item = await inboxItem(session, key);
      expect(item, key).toMatchObject({ title, message, params });
      expect(render(item, "en"), key).toEqual({ title, message });
      expect(render(item, "de").title, key).not.toBe(title);
    }
  });

  it("a row written without a key (older rows, the demo seed) keeps its text", async () => {
    const row = await testDb().notification.create({
      data: { userId: world.enrolled.id, title: "Welcome back", message: "Plain stored text." },
    });
    const { body } = await call<Inbox>(sessions.student, "GET", "/api/notifications");
    const item = body.items.find((i) => i.id === row.id)!;
    expect(item).toMatchObject({ key: null, params: null, title: "Welcome back" });
    expect(render(item, "de")).toEqual({ title: "Welcome back", message: "Plain stored text." });
  });
});
