import { CoursesScreen } from "@/components/admin/courses/courses-screen";
import { requirePageRole } from "@/server/guards";
import { listCourses } from "@/server/services/courses";

export const metadata = { title: "Manage courses · LiveCampus" };

export default async function AdminCoursesPage() {
  const user = await requirePageRole("ADMIN");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Courses</h1>
      <CoursesScreen initial={(await listCourses(user)).items} />
    </>
  );
}
