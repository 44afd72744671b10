"use client";
import { useState } from "react";
import type { AdminUser } from "@/hooks/data/use-admin-users";
import { api } from "@/lib/api-client";
import { formatDate } from "@/lib/format";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { StackedCell, STACKED_ROW } from "@/components/ui/stacked-table";
import { UserEditForm } from "./user-edit-form";

/** The columns of the admin's user list (UserRow draws its cells in this order). */
export const USER_COLUMNS = ["Name", "E-mail", "Role", "Status", "Created", "Actions"].map(
  (head) => ({ head }),
);

function StatusBadge({ active }: { active: boolean }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${active ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-600"}`}
    >
      {active ? "active" : "deactivated"}
    </span>
  );
}

/** One user of the admin list: view, edit name and role in place, deactivate or reactivate. */
export function UserRow({
  user,
  isSelf,
  onChanged,
}: {
  user: AdminUser;
  isSelf: boolean;
  onChanged: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const toggle = useAction(api.updateUser, {
    success: user.active ? `Deactivated ${user.name}` : `Reactivated ${user.name}`,
    onSuccess: () => {
      setConfirming(false);
      onChanged();
    },
  });

  return (
    <tr
      data-testid={`user-row-${user.id}`}
      className={`${STACKED_ROW} ${user.active ? "" : "text-slate-600"}`}
    >
      {editing ? (
        <StackedCell colSpan={3}>
          <UserEditForm
            user={user}
            onCancel={() => setEditing(false)}
            onSaved={() => {
              setEditing(false);
              onChanged();
            }}
          />
        </StackedCell>
      ) : (
        <>
          <StackedCell label="Name" className="font-medium text-slate-900">
            <span>
              {user.name}
              {isSelf && <span className="ml-1 text-xs font-normal text-slate-600">(you)</span>}
            </span>
          </StackedCell>
          <StackedCell label="E-mail" className="break-all">
            {user.email}
          </StackedCell>
          <StackedCell label="Role">{user.role.toLowerCase()}</StackedCell>
        </>
      )}
      <StackedCell label="Status">
        <StatusBadge active={user.active} />
      </StackedCell>
      <StackedCell label="Created" className="whitespace-nowrap">
        {formatDate(user.createdAt)}
      </StackedCell>
      <StackedCell label="Actions" className="whitespace-nowrap">
        {!editing && (
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() => setEditing(true)}
              aria-label={`Edit ${user.name}`}
            >
              Edit
            </Button>
            <Button
              variant={user.active ? "danger" : "success"}
              onClick={() => setConfirming(true)}
              aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}
              data-testid={`toggle-active-${user.id}`}
            >
              {user.active ? "Deactivate" : "Reactivate"}
            </Button>
          </div>
        )}
        <ConfirmDialog
          open={confirming}
          title={user.active ? `Deactivate ${user.name}?` : `Reactivate ${user.name}?`}
          confirmLabel={user.active ? "Deactivate" : "Reactivate"}
          variant={user.active ? "danger" : "primary"}
          pending={toggle.pending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void toggle.run(user.id, { active: !user.active })}
        >
          {user.active
            ? `${user.email} will be signed out everywhere at once and cannot sign in until reactivated.${isSelf ? " This is your own account." : ""}`
            : `${user.email} will be able to sign in again with their password.`}
        </ConfirmDialog>
      </StackedCell>
    </tr>
  );
}
