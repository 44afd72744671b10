import "server-only";
import bcrypt from "bcryptjs";
import { getDb } from "@/server/db";
import type { Role } from "@/lib/domain";

// Compared against when the email is unknown, so both paths cost one bcrypt check.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.J2pGXy6GmlAd5p0Q6sD/GwTn5H5S";

/** Checks an email/password pair; returns the user without its hash, or null. */
export async function verifyCredentials(
  email: string,
  password: string,
): Promise<{ id: string; name: string; email: string; role: Role } | null> {
  const user = await getDb().user.findUnique({ where: { email } });
  const ok = await bcrypt.compare(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !ok) return null;
  return { id: user.id, name: user.name, email: user.email, role: user.role };
}

/** The public profile of a user (GET /api/me). */
export async function getProfile(userId: string) {
  return getDb().user.findUnique({
    where: { id: userId },
    select: { id: true, name: true, email: true, role: true },
  });
}
