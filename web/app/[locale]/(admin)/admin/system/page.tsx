import { getTranslations } from "next-intl/server";
import { SystemScreen } from "@/components/admin/system/system-screen";
import { requirePageRole } from "@/server/guards";

export async function generateMetadata() {
  const t = await getTranslations("system.page");
  return { title: t("title") };
}

export default async function AdminSystemPage() {
  await requirePageRole("ADMIN");
  const t = await getTranslations("system.page");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("heading")}</h1>
      <SystemScreen />
    </>
  );
}
