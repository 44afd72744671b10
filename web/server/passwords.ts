import "server-only";
import bcrypt from "bcryptjs";

// bcrypt at cost 10 (as the seed): ~70 ms per check here. Passwords are capped at 72 bytes by the
// policy (web/lib/password-policy.ts), so nothing a user types is silently ignored.
const BCRYPT_COST = 10;

// Compared against when there is no hash (unknown e-mail, account without a password yet), so
// every failed sign-in costs one bcrypt check.
const DUMMY_HASH = "$2b$10$CwTycUXWue0Thq9StjUM0uJ8.J2pGXy6GmlAd5p0Q6sD/GwTn5H5S";

/** The bcrypt hash of a new password. */
export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, BCRYPT_COST);
}

/** True when `password` matches `hash`; always false (at the same cost) without a hash. */
export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return ok && hash !== null;
}
