import { getTranslations } from "next-intl/server";
import { StudentDashboard } from "@/components/dashboard/student-dashboard";
import { requirePageRole } from "@/server/guards";
import { getStudentDashboard } from "@/server/services/dashboard";

export async function generateMetadata() {
  const t = await getTranslations("student.page");
  return { title: t("metaTitle") };
}

export default async function StudentHomePage() {
  const user = await requirePageRole("STUDENT");
  const data = await getStudentDashboard(user.id);
  const t = await getTranslations("student.page");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("welcome", { name: user.name })}</h1>
      <StudentDashboard initial={data} userId={user.id} />
    </>
  );
}
