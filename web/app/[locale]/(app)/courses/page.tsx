import { getTranslations } from "next-intl/server";
import { CourseCatalog } from "@/components/courses/course-catalog";
import { requirePageUser } from "@/server/guards";
import { listCourses } from "@/server/services/courses";

export async function generateMetadata() {
  const t = await getTranslations("courses.catalog");
  return { title: t("metaTitle") };
}

export default async function CoursesPage() {
  const user = await requirePageUser("/courses");
  const t = await getTranslations("courses.catalog");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">{t("title")}</h1>
      <CourseCatalog initial={(await listCourses(user)).items} role={user.role} />
    </>
  );
}
