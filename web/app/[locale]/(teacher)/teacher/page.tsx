import { TeacherDashboard } from "@/components/dashboard/teacher-dashboard";
import { requirePageRole } from "@/server/guards";
import { getTeacherDashboard } from "@/server/services/dashboard";

export const metadata = { title: "Teaching · LiveCampus" };

export default async function TeacherHomePage() {
  const user = await requirePageRole("TEACHER");
  const data = await getTeacherDashboard(user.id);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Teaching — {user.name}</h1>
      <TeacherDashboard initial={data} userId={user.id} />
    </>
  );
}
