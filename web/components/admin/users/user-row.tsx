"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import type { AdminUser } from "@/hooks/data/use-admin-users";
import { api } from "@/lib/api-client";
import { useFormat } from "@/hooks/use-format";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { StackedCell, STACKED_ROW } from "@/components/ui/stacked-table";
import { roleKey } from "./create-user-form";
import { UserEditForm } from "./user-edit-form";

/** The columns of the admin's user list (UserRow draws its cells in this order). */
const USER_COLUMNS = ["name", "email", "role", "status", "created", "actions"] as const;

/** The list's column headings, in the page's language. */
export function useUserColumns() {
  const t = useTranslations("users.columns");
  return USER_COLUMNS.map((key) => ({ head: t(key) }));
}

function StatusBadge({ active }: { active: boolean }) {
  const t = useTranslations("users.row");
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-medium ${active ? "bg-emerald-100 text-emerald-800" : "bg-slate-200 text-slate-600"}`}
    >
      {active ? t("active") : t("deactivated")}
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
  const t = useTranslations("users");
  const f = useFormat();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const toggle = useAction(api.updateUser, {
    success: t(user.active ? "row.deactivatedToast" : "row.reactivatedToast", { name: user.name }),
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
          <StackedCell label={t("columns.name")} className="font-medium text-slate-900">
            <span>
              {user.name}
              {isSelf && (
                <span className="ml-1 text-xs font-normal text-slate-600">{t("row.you")}</span>
              )}
            </span>
          </StackedCell>
          <StackedCell label={t("columns.email")} className="break-all">
            {user.email}
          </StackedCell>
          <StackedCell label={t("columns.role")}>
            {t(`roles.inList.${roleKey(user.role)}`)}
          </StackedCell>
        </>
      )}
      <StackedCell label={t("columns.status")}>
        <StatusBadge active={user.active} />
      </StackedCell>
      <StackedCell label={t("columns.created")} className="whitespace-nowrap">
        {f.date(user.createdAt)}
      </StackedCell>
      <StackedCell label={t("columns.actions")} className="whitespace-nowrap">
        {!editing && (
          <div className="flex gap-2">
            <Button
              variant="secondary"
              onClick={() => setEditing(true)}
              aria-label={t("row.editLabel", { name: user.name })}
            >
              {t("row.edit")}
            </Button>
            <Button
              variant={user.active ? "danger" : "success"}
              onClick={() => setConfirming(true)}
              aria-label={t(user.active ? "row.deactivateLabel" : "row.reactivateLabel", {
                name: user.name,
              })}
              data-testid={`toggle-active-${user.id}`}
            >
              {user.active ? t("row.deactivate") : t("row.reactivate")}
            </Button>
          </div>
        )}
        <ConfirmDialog
          open={confirming}
          title={t(user.active ? "row.confirmDeactivate" : "row.confirmReactivate", {
            name: user.name,
          })}
          confirmLabel={user.active ? t("row.deactivate") : t("row.reactivate")}
          variant={user.active ? "danger" : "primary"}
          pending={toggle.pending}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void toggle.run(user.id, { active: !user.active })}
        >
          {t(
            user.active
              ? isSelf
                ? "row.deactivateOwnBody"
                : "row.deactivateBody"
              : "row.reactivateBody",
            {
              email: user.email,
            },
          )}
        </ConfirmDialog>
      </StackedCell>
    </tr>
  );
}
