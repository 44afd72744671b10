import { ChangePasswordForm } from "@/components/account/change-password-form";
import { requirePageUser } from "@/server/guards";

export const metadata = { title: "Change password · LiveCampus" };

export default async function ChangePasswordPage() {
  const user = await requirePageUser("/account/password");
  return (
    <div className="mx-auto max-w-md">
      <h1 className="text-2xl font-semibold">Change password</h1>
      <p className="mt-1 mb-6 text-sm text-slate-600">
        For {user.email}. Every other session of yours ends when the password changes.
      </p>
      <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <ChangePasswordForm />
      </div>
    </div>
  );
}
