import { notFound } from "next/navigation";
import { isCuid } from "@/lib/domain";
import { CoursePage } from "@/components/courses/course-page";
import { requirePageUser } from "@/server/guards";
import { getCourseView } from "@/server/services/courses";

export default async function CourseDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(`/courses/${id}`);
  const view = isCuid(id) ? await getCourseView(user, id) : null;
  if (!view) notFound();
  return <CoursePage initial={view} />;
}
