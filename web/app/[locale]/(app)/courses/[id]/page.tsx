import { cache } from "react";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { isCuid } from "@/lib/domain";
import { CoursePage } from "@/components/courses/course-page";
import { requirePageUser } from "@/server/guards";
import { getCourseView } from "@/server/services/courses";

// One load per request for both the title and the page.
const loadCourse = cache(async (id: string) => {
  const user = await requirePageUser(`/courses/${id}`);
  return isCuid(id) ? getCourseView(user, id) : null;
});

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const view = await loadCourse((await params).id);
  const t = await getTranslations("courses.page");
  return { title: t("metaTitle", { title: view?.title ?? t("fallbackTitle") }) };
}

export default async function CourseDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const view = await loadCourse((await params).id);
  if (!view) notFound();
  return <CoursePage initial={view} />;
}
