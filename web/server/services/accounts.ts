import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { getDb, type Tx } from "@/server/db";
import { HttpError, httpErrors } from "@/server/errors";
import { newId } from "@/server/ids";
import { hashPassword, verifyPassword } from "@/server/passwords";
import { afterRightsChanged, queueUserStateChange } from "@/server/revocation";
import { reissueSession, type SessionUser } from "@/server/auth";

/** A setup link is valid this long after the account was created. */
export const SETUP_TOKEN_TTL_MS = 72 * 3600_000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** The page where a user sets the first password of their account. */
export const setupPath = (token: string) => `/setup/${token}`;

/**
 * New one-time setup tokens for these users (inside their creation's transaction). Only the
 * hashes are stored; the tokens are returned, in order, to be shown once.
 */
export async function createSetupTokens(tx: Tx, userIds: string[]): Promise<string[]> {
  const expiresAt = new Date(Date.now() + SETUP_TOKEN_TTL_MS);
  const tokens = userIds.map(() => randomBytes(32).toString("base64url"));
  // One statement for any number of users (an import creates thousands).
  await tx.$executeRaw`
    INSERT INTO "PasswordSetupToken" ("id", "userId", "tokenHash", "expiresAt")
    SELECT t."id", t."userId", t."tokenHash", ${expiresAt}
    FROM unnest(${userIds.map(() => newId())}::text[], ${userIds}::text[],
                ${tokens.map(hashToken)}::text[]) AS t("id", "userId", "tokenHash")`;
  return tokens;
}

const gone = () =>
  new HttpError(410, "gone", "This setup link has been used, has expired or does not exist");

/**
 * Sets the first password of an account through its one-time link (POST /api/auth/setup). A
 * used, expired or unknown token is 410; claiming it is a conditional update, so two requests
 * racing with one link cannot both succeed.
 */
export async function setupPassword(token: string, password: string): Promise<{ email: string }> {
  const passwordHash = await hashPassword(password);
  return getDb().$transaction(async (tx) => {
    const now = new Date();
    const row = await tx.passwordSetupToken.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: { select: { id: true, email: true, active: true, passwordHash: true } } },
    });
    if (!row || !row.user.active || row.user.passwordHash !== null) throw gone();
    const { count } = await tx.passwordSetupToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (count === 0) throw gone();
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } });
    // Any other link of this account is spent too.
    await tx.passwordSetupToken.updateMany({
      where: { userId: row.userId, usedAt: null },
      data: { usedAt: now },
    });
    return { email: row.user.email };
  });
}

/**
 * The signed-in user changes their password (POST /api/me/password): 403 for a wrong current
 * password. Every other session of theirs ends (the session version moves on); the caller's own
 * session is re-issued at the new version and stays signed in.
 */
export async function changePassword(
  user: SessionUser,
  input: { currentPassword: string; newPassword: string },
): Promise<{ ok: true }> {
  const row = await getDb().user.findUnique({
    where: { id: user.id },
    select: { passwordHash: true },
  });
  if (!row) throw httpErrors.unauthorized();
  if (!(await verifyPassword(input.currentPassword, row.passwordHash)))
    throw httpErrors.forbidden("currentPassword: the current password is wrong");
  const passwordHash = await hashPassword(input.newPassword);
  const { sessionVersion } = await getDb().$transaction(async (tx) => {
    const updated = await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await queueUserStateChange(tx, [user.id]);
    return updated;
  });
  await reissueSession(user.id, sessionVersion);
  await afterRightsChanged([user.id]);
  return { ok: true };
}
