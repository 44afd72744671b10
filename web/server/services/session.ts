import "server-only";
import { getSessionUser, signOut } from "@/server/auth";
import { getPusherServer } from "@/server/realtime/pusher-instance";
import { localHref } from "@/i18n/prefix";

/**
 * Signs the caller out and closes every realtime connection signed in as them (all tabs and
 * devices), so no open page keeps receiving their private events. A realtime server that is
 * down does not block signing out.
 */
export async function signOutEverywhere(): Promise<void> {
  const user = await getSessionUser();
  if (user) {
    try {
      await getPusherServer().terminateUserConnections(user.id);
    } catch (error) {
      console.warn("[sign-out] could not terminate realtime connections", error);
    }
  }
  await signOut({ redirectTo: await localHref("/sign-in") });
}
