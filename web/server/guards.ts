import "server-only";
import { getSessionUser, type SessionUser } from "@/server/auth";
import { HOME_BY_ROLE, type Role } from "@/lib/domain";
import { localHref, localRedirect } from "@/i18n/prefix";

/** To sign-in, coming back to `path` afterwards; both keep the page's language prefix. */
async function toSignIn(path: string): Promise<never> {
  return localRedirect(`/sign-in?callbackUrl=${encodeURIComponent(await localHref(path))}`);
}

/**
 * For pages: the signed-in user with the given role. Without a session the visitor goes to
 * sign-in; with another role they go to their own dashboard (never an error page).
 */
export async function requirePageRole(role: Role): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) return toSignIn(HOME_BY_ROLE[role]);
  if (user.role !== role) return localRedirect(HOME_BY_ROLE[user.role]);
  return user;
}

/** For pages any signed-in user may open. */
export async function requirePageUser(callbackUrl: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) return toSignIn(callbackUrl);
  return user;
}
