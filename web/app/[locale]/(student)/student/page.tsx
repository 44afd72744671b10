import { StudentDashboard } from "@/components/dashboard/student-dashboard";
import { requirePageRole } from "@/server/guards";
import { getStudentDashboard } from "@/server/services/dashboard";

export const metadata = { title: "Dashboard · LiveCampus" };

export default async function StudentHomePage() {
  const user = await requirePageRole("STUDENT");
  const data = await getStudentDashboard(user.id);
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Welcome back, {user.name}</h1>
      <StudentDashboard initial={data} userId={user.id} />
    </>
  );
}
