import { getTranslations } from "next-intl/server";
import { TeacherDashboard } from "@/components/dashboard/teacher-dashboard";
import { requirePageRole } from "@/server/guards";
import { getTeacherDashboard } from "@/server/services/dashboard";

export async function generateMetadata() {
  const t = await getTranslations("teacher.page");
  return { title: t("metaTitle") };
}

export default async function TeacherHomePage() {
  const user = await requirePageRole("TEACHER");
  const data = await getTeacherDashboard(user.id);
  const t = await getTranslations("teacher.page");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("heading", { name: user.name })}</h1>
      <TeacherDashboard initial={data} userId={user.id} />
    </>
  );
}
