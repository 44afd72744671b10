import { getTranslations } from "next-intl/server";
import { UsersScreen } from "@/components/admin/users/users-screen";
import { requirePageRole } from "@/server/guards";

export async function generateMetadata() {
  const t = await getTranslations("users.page");
  return { title: t("title") };
}

export default async function AdminUsersPage() {
  const user = await requirePageRole("ADMIN");
  const t = await getTranslations("users.page");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("heading")}</h1>
      <UsersScreen currentUserId={user.id} />
    </>
  );
}
