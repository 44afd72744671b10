import "server-only";
import { Prisma } from "@/server/generated/prisma/client";
import { getDb, type Tx } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { transactionWithEvents } from "@/server/outbox";
import { hashPassword } from "@/server/passwords";
import { afterRightsChanged, forgetUserState, queueUserStateChange } from "@/server/revocation";
import { createSetupTokens, setupPath } from "@/server/services/accounts";
import { queueAdminStats } from "@/server/services/stats";
import { realtimeMessages } from "@/lib/realtime";
import type { Role } from "@/lib/domain";

const userColumns = {
  id: true,
  name: true,
  email: true,
  role: true,
  active: true,
  createdAt: true,
} as const;

type UserRow = { id: string; name: string; email: string; role: Role; active: boolean };

const toUserView = (u: UserRow & { createdAt: Date }) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});

/** Users, newest first, a page at a time (GET /api/admin/users). */
export async function listUsers(query: {
  role?: Role;
  q?: string;
  cursor?: string;
  limit: number;
}) {
  const rows = await getDb().user.findMany({
    where: {
      ...(query.role && { role: query.role }),
      ...(query.q && {
        OR: [
          { name: { contains: query.q, mode: "insensitive" as const } },
          { email: { contains: query.q, mode: "insensitive" as const } },
        ],
      }),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor && { cursor: { id: query.cursor }, skip: 1 }),
    select: userColumns,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toUserView),
    nextCursor: rows.length > query.limit ? page.at(-1)!.id : null,
  };
}

const emailTaken = () => httpErrors.conflict("email: an account with this e-mail already exists");

/**
 * An admin creates an account (POST /api/admin/users). Without a password the answer carries a
 * one-time `setupUrl` (72 h) where the user sets one. 409 when the e-mail exists.
 */
export async function createUser(
  input: { email: string; name: string; role: Role; password?: string },
  origin: string,
) {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  try {
    return await transactionWithEvents(async (tx, events) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, passwordHash },
        select: userColumns,
      });
      const [token] = passwordHash ? [] : await createSetupTokens(tx, [user.id]);
      events.add(realtimeMessages.userUpdate([user.id], "created"));
      await queueAdminStats(tx, events);
      const { createdAt: _createdAt, ...view } = toUserView(user);
      return token ? { ...view, setupUrl: new URL(setupPath(token), origin).href } : view;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw emailTaken();
    throw error;
  }
}

/** Locks the active admins' rows, so two admins demoting each other cannot both succeed. */
async function lockActiveAdmins(tx: Tx): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "role" = 'ADMIN' AND "active" = true ORDER BY "id" FOR UPDATE`;
  return rows.map((row) => row.id);
}

/**
 * An admin edits a user's name, role or active flag (PATCH /api/admin/users/{id}). The last
 * active admin cannot be deactivated or demoted (409). A change of role or active flag takes
 * effect at the user's next request, and their realtime connections are closed.
 */
export async function updateUser(
  userId: string,
  patch: { name?: string; role?: Role; active?: boolean },
) {
  const result = await transactionWithEvents(async (tx, events) => {
    const admins = await lockActiveAdmins(tx);
    const before = await tx.user.findUnique({ where: { id: userId }, select: userColumns });
    if (!before) throw httpErrors.notFound("User");
    const losesAdmin =
      before.role === "ADMIN" &&
      before.active &&
      ((patch.role !== undefined && patch.role !== "ADMIN") || patch.active === false);
    if (losesAdmin && admins.filter((id) => id !== userId).length === 0)
      throw httpErrors.conflict(
        "This is the last active admin: make another user an admin before demoting or deactivating it",
      );
    const user = await tx.user.update({ where: { id: userId }, data: patch, select: userColumns });
    const rightsChanged = user.role !== before.role || user.active !== before.active;
    await queueUserStateChange(tx, [userId]);
    events.add(realtimeMessages.userUpdate([userId], "updated"));
    if (rightsChanged) await queueAdminStats(tx, events);
    return { view: toUserView(user), rightsChanged };
  });
  if (result.rightsChanged) await afterRightsChanged([userId]);
  else forgetUserState([userId]);
  return result.view;
}
