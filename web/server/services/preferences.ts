import "server-only";
import { getDb } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { forgetUserState, queueUserStateChange } from "@/server/revocation";
import type { AccountSettings } from "@/lib/account-settings";

/**
 * Stores the user's own settings. The pages read them through the user-state cache: this
 * instance forgets the entry after commit, the others on the NOTIFY sent with it, so the next
 * page any instance renders uses the new language.
 */
export async function updateAccountSettings(userId: string, settings: AccountSettings) {
  const profile = await getDb().$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId }, data: settings });
    if (updated.count === 0) return null;
    await queueUserStateChange(tx, [userId]);
    return tx.user.findUnique({
      where: { id: userId },
      select: { id: true, name: true, email: true, role: true, locale: true },
    });
  });
  if (!profile) throw httpErrors.unauthorized();
  forgetUserState([userId]);
  return profile;
}
