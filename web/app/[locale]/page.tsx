import { getSessionUser } from "@/server/auth";
import { HOME_BY_ROLE } from "@/lib/domain";
import { localRedirect } from "@/i18n/prefix";

export default async function HomePage() {
  const user = await getSessionUser();
  await localRedirect(user ? HOME_BY_ROLE[user.role] : "/sign-in");
}
