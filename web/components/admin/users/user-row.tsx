"use client";
import { useState } from "react";
import type { AdminUser } from "@/hooks/data/use-admin-users";
import { api } from "@/lib/api-client";
import type { Role } from "@/lib/domain";
import { formatDate } from "@/lib/format";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Field, SelectField } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { ROLE_OPTIONS } from "./create-user-form";

const cell = "py-2 pr-4 align-middle";

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
  const [draft, setDraft] = useState({ name: user.name, role: user.role });
  const [confirming, setConfirming] = useState(false);
  const save = useAction(api.updateUser, {
    success: `Saved ${user.email}`,
    onSuccess: () => {
      setEditing(false);
      onChanged();
    },
  });
  const toggle = useAction(api.updateUser, {
    success: user.active ? `Deactivated ${user.name}` : `Reactivated ${user.name}`,
    onSuccess: () => {
      setConfirming(false);
      onChanged();
    },
  });
  const changes = {
    ...(draft.name.trim() !== user.name ? { name: draft.name.trim() } : {}),
    ...(draft.role !== user.role ? { role: draft.role } : {}),
  };

  return (
    <tr data-testid={`user-row-${user.id}`} className={user.active ? "" : "text-slate-600"}>
      {editing ? (
        <td className={cell} colSpan={3}>
          <Form
            className="flex flex-wrap items-end gap-2"
            onSubmit={() => save.run(user.id, changes)}
            testId={`edit-user-${user.id}`}
          >
            <Field
              label={`Name of ${user.email}`}
              name="name"
              className="w-56"
              required
              maxLength={200}
              autoFocus
              value={draft.name}
              onValueChange={(name) => setDraft((d) => ({ ...d, name }))}
            />
            <SelectField
              label="Role"
              name="role"
              className="w-36"
              value={draft.role}
              options={ROLE_OPTIONS}
              onValueChange={(role) => setDraft((d) => ({ ...d, role: role as Role }))}
            />
            <Button
              type="submit"
              disabled={save.pending || !draft.name.trim() || Object.keys(changes).length === 0}
            >
              {save.pending ? "Saving…" : "Save"}
            </Button>
            <Button
              variant="secondary"
              disabled={save.pending}
              onClick={() => {
                setDraft({ name: user.name, role: user.role });
                setEditing(false);
              }}
            >
              Cancel
            </Button>
          </Form>
        </td>
      ) : (
        <>
          <td className={`${cell} font-medium text-slate-900`}>
            {user.name}
            {isSelf && <span className="ml-1 text-xs font-normal text-slate-600">(you)</span>}
          </td>
          <td className={cell}>{user.email}</td>
          <td className={cell}>{user.role.toLowerCase()}</td>
        </>
      )}
      <td className={cell}>
        <StatusBadge active={user.active} />
      </td>
      <td className={`${cell} whitespace-nowrap`}>{formatDate(user.createdAt)}</td>
      <td className={`${cell} whitespace-nowrap`}>
        {!editing && (
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() => {
                setDraft({ name: user.name, role: user.role });
                setEditing(true);
              }}
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
      </td>
    </tr>
  );
}
