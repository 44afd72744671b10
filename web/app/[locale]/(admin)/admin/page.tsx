import { getTranslations } from "next-intl/server";
import { AdminDashboard } from "@/components/dashboard/admin-dashboard";
import { requirePageRole } from "@/server/guards";
import { getAdminDashboard } from "@/server/services/dashboard";

export async function generateMetadata() {
  const t = await getTranslations("admin.meta");
  return { title: t("overviewTitle") };
}

export default async function AdminHomePage() {
  const user = await requirePageRole("ADMIN");
  const data = await getAdminDashboard();
  const t = await getTranslations("admin.overview");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("heading")}</h1>
      <AdminDashboard initial={data} userId={user.id} />
    </>
  );
}
