import "server-only";
import { getDb } from "@/server/db";
import { verifyPassword } from "@/server/passwords";
import type { Role } from "@/lib/domain";

export type VerifiedUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  sessionVersion: number;
};

/**
 * Checks an email/password pair; returns the user without its hash, or null. A deactivated
 * account, or one whose password was never set, cannot sign in.
 */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<VerifiedUser | null> {
  const user = await getDb().user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash ?? null);
  if (!user || !ok || !user.active) return null;
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    sessionVersion: user.sessionVersion,
  };
}

/** The public profile of a user (GET /api/me). */
export async function getProfile(userId: string) {
  return getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true },
  });
}
