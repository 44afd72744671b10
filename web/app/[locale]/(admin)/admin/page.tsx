import { AdminDashboard } from "@/components/dashboard/admin-dashboard";
import { requirePageRole } from "@/server/guards";
import { getAdminDashboard } from "@/server/services/dashboard";

export const metadata = { title: "Administration · LiveCampus" };

export default async function AdminHomePage() {
  const user = await requirePageRole("ADMIN");
  const data = await getAdminDashboard();
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Platform overview</h1>
      <AdminDashboard initial={data} userId={user.id} />
    </>
  );
}
