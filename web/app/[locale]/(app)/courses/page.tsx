import { CourseCatalog } from "@/components/courses/course-catalog";
import { requirePageUser } from "@/server/guards";
import { listCourses } from "@/server/services/courses";

export const metadata = { title: "Courses · LiveCampus" };

export default async function CoursesPage() {
  const user = await requirePageUser("/courses");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Courses</h1>
      <CourseCatalog initial={(await listCourses(user)).items} role={user.role} />
    </>
  );
}
