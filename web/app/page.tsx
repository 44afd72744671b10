import { redirect } from "next/navigation";
import { getSessionUser } from "@/server/auth";
import { HOME_BY_ROLE } from "@/lib/domain";

export default async function HomePage() {
  const user = await getSessionUser();
  redirect(user ? HOME_BY_ROLE[user.role] : "/sign-in");
}
