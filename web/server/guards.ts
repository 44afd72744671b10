import "server-only";
import { redirect } from "next/navigation";
import { getSessionUser, type SessionUser } from "@/server/auth";
import { HOME_BY_ROLE, type Role } from "@/lib/domain";

/**
 * For pages: the signed-in user with the given role. Without a session the visitor goes to
 * sign-in; with another role they go to their own dashboard (never an error page).
 */
export async function requirePageRole(role: Role): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(HOME_BY_ROLE[role])}`);
  if (user.role !== role) redirect(HOME_BY_ROLE[user.role]);
  return user;
}

/** For pages any signed-in user may open. */
export async function requirePageUser(callbackUrl: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  return user;
}
