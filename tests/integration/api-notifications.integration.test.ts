// GET /api/notifications, POST /api/notifications/{id}/read and /read-all (docs/api.md): own only,
// newest first, unread count, someone else's id is 404.
import { beforeAll, describe, expect, it } from "vitest";
import { buildUser, testDb, TEST_PASSWORD } from "../helpers/factories";
import { signedIn, type Session } from "../helpers/http";
import { call, expectError, ISO_DATE_TIME, MALFORMED_IDS, UNKNOWN_ID } from "../helpers/api";

type Item = {
  id: string;
  title: string;
  message: string;
  type: string;
  link: string | null;
  read: boolean;
  createdAt: string;
};
type Inbox = { items: Item[]; unreadCount: number };

async function userWithInbox(count: number, role: "STUDENT" | "TEACHER" | "ADMIN" = "STUDENT") {
  const user = await buildUser({ role });
  const base = Date.now() - 60_000;
  // Created out of order on purpose: the API must sort, not echo insertion order.
  const order = [...Array(count).keys()].sort((a, b) => ((a * 7) % count) - ((b * 7) % count));
  const rows = [];
  for (const i of order) {
    rows.push(
      await testDb().notification.create({
        data: {
          userId: user.id,
          title: `Note ${i}`,
          message: `Message ${i}`,
          type: (["success", "error", "warning", "info"] as const)[i % 4],
          link: i % 2 === 0 ? `/courses/${i}` : null,
          createdAt: new Date(base + i * 1000),
        },
      }),
    );
  }
  return { user, rows, session: await signedIn(user.email, TEST_PASSWORD) };
}

let alice: Awaited<ReturnType<typeof userWithInbox>>;
let bob: Awaited<ReturnType<typeof userWithInbox>>;
let anotherReader: Session;

beforeAll(async () => {
  [alice, bob] = await Promise.all([userWithInbox(5), userWithInbox(3, "TEACHER")]);
  anotherReader = (await userWithInbox(0, "ADMIN")).session;
});

describe("GET /api/notifications", () => {
  it("returns only the caller's items, newest first, with the unread count", async () => {
    const { status, body } = await call<Inbox>(alice.session, "GET", "/api/notifications");
    expect(status).toBe(200);
    expect(body.unreadCount).toBe(5);
    expect(body.items.map((i) => i.title)).toEqual([
      "Note 4",
      "Note 3",
      "Note 2",
      "Note 1",
      "Note 0",
    ]);
    const aliceIds = new Set(alice.rows.map((r) => r.id));
    expect(body.items.every((i) => aliceIds.has(i.id))).toBe(true);
    expect(body.items[0]).toMatchObject({
      title: "Note 4",
      message: "Message 4",
      type: "success",
      link: "/courses/4",
      read: false,
    });
    expect(body.items[0]!.createdAt).toMatch(ISO_DATE_TIME);

    const other = await call<Inbox>(anotherReader, "GET", "/api/notifications");
    expect(other.body).toEqual({ items: [], nextCursor: null, unreadCount: 0 });
  });

  it("400 for a bad limit", async () => {
    expectError(await call(alice.session, "GET", "/api/notifications?limit=abc"), 400, /limit/);
    expectError(await call(alice.session, "GET", "/api/notifications?limit=0"), 400, /limit/);
  });
});

describe("POST /api/notifications/{id}/read", () => {
  it("marks one read (200), lowers the unread count; repeating it is harmless", async () => {
    const target = alice.rows.find((r) => r.title === "Note 2")!;
    const answer = await call<{ unreadCount: number }>(
      alice.session,
      "POST",
      `/api/notifications/${target.id}/read`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.unreadCount).toBe(4);
    expect(
      (await testDb().notification.findUniqueOrThrow({ where: { id: target.id } })).readAt,
    ).not.toBeNull();

    const again = await call<{ unreadCount: number }>(
      alice.session,
      "POST",
      `/api/notifications/${target.id}/read`,
    );
    expect(again.status).toBe(200);
    expect(again.body.unreadCount).toBe(4);

    const inbox = await call<Inbox>(alice.session, "GET", "/api/notifications");
    expect(inbox.body.unreadCount).toBe(4);
    expect(inbox.body.items.find((i) => i.id === target.id)?.read).toBe(true);
  });

  it("someone else's notification is 404 and stays unread", async () => {
    const bobs = bob.rows[0]!;
    expectError(await call(alice.session, "POST", `/api/notifications/${bobs.id}/read`), 404);
    expect(
      (await testDb().notification.findUniqueOrThrow({ where: { id: bobs.id } })).readAt,
    ).toBeNull();
  });

  it("404 for unknown ids, well-formed or malformed", async () => {
    expectError(await call(alice.session, "POST", `/api/notifications/${UNKNOWN_ID}/read`), 404);
    for (const id of MALFORMED_IDS) {
      expectError(
        await call(alice.session, "POST", `/api/notifications/${encodeURIComponent(id)}/read`),
        404,
      );
    }
  });
});

describe("POST /api/notifications/read-all", () => {
  it("marks all of the caller's notifications read (200) and no one else's", async () => {
    const answer = await call<{ unreadCount: number }>(
      bob.session,
      "POST",
      "/api/notifications/read-all",
    );
    expect(answer.status).toBe(200);
    expect(answer.body.unreadCount).toBe(0);
    expect(
      await testDb().notification.count({ where: { userId: bob.user.id, readAt: null } }),
    ).toBe(0);
    // Alice still has her unread ones.
    expect(
      await testDb().notification.count({ where: { userId: alice.user.id, readAt: null } }),
    ).toBeGreaterThan(0);
    const inbox = await call<Inbox>(bob.session, "GET", "/api/notifications");
    expect(inbox.body.unreadCount).toBe(0);
    expect(inbox.body.items.every((i) => i.read)).toBe(true);

    // Nothing left: still 200.
    expect((await call(bob.session, "POST", "/api/notifications/read-all")).status).toBe(200);
  });
});
