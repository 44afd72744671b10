import { UsersScreen } from "@/components/admin/users/users-screen";
import { requirePageRole } from "@/server/guards";

export const metadata = { title: "Users · LiveCampus" };

export default async function AdminUsersPage() {
  const user = await requirePageRole("ADMIN");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Users</h1>
      <UsersScreen currentUserId={user.id} />
    </>
  );
}
