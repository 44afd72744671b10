import { SystemScreen } from "@/components/admin/system/system-screen";
import { requirePageRole } from "@/server/guards";

export const metadata = { title: "System · LiveCampus" };

export default async function AdminSystemPage() {
  await requirePageRole("ADMIN");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">System</h1>
      <SystemScreen />
    </>
  );
}
