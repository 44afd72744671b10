import { getTranslations } from "next-intl/server";
import { CoursesScreen } from "@/components/admin/courses/courses-screen";
import { requirePageRole } from "@/server/guards";
import { listCourses } from "@/server/services/courses";

export async function generateMetadata() {
  const t = await getTranslations("admin.meta");
  return { title: t("coursesTitle") };
}

export default async function AdminCoursesPage() {
  const user = await requirePageRole("ADMIN");
  const t = await getTranslations("admin.coursesPage");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("heading")}</h1>
      <CoursesScreen initial={(await listCourses(user)).items} />
    </>
  );
}
