"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { useDebounced } from "@/hooks/use-debounced";
import { channels } from "@/lib/realtime";
import type { Role } from "@/lib/domain";
import { ADMIN_USERS_KEY, useAdminUsers } from "@/hooks/data/use-admin-users";
import { useMutateResource } from "@/hooks/data/use-mutate-resource";
import { useChannelEvent } from "@/hooks/use-channel-event";
import { Button } from "@/components/ui/button";
import { Card, Empty } from "@/components/ui/card";
import { Field, SelectField } from "@/components/ui/field";
import { CreateUserForm, useRoleOptions } from "./create-user-form";
import { UserImport } from "./user-import";
import { UserRow, useUserColumns } from "./user-row";
import { StackedTable } from "@/components/ui/stacked-table";

/** The admin's user list: search, role filter, paging, create, edit, (de)activate, import; live. */
export function UsersScreen({ currentUserId }: { currentUserId: string }) {
  const t = useTranslations("users.screen");
  const columns = useUserColumns();
  const roleOptions = useRoleOptions();
  const filterOptions = [{ value: "", label: t("allRoles") }, ...roleOptions];
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<Role | "">("");
  const [panel, setPanel] = useState<"none" | "create" | "import">("none");
  const q = useDebounced(search, 250);
  const list = useAdminUsers({ q, role });
  const mutateResource = useMutateResource();
  const refresh = () => {
    list.mutate();
    // Other lists of users (the course forms' teachers) too.
    void mutateResource(ADMIN_USERS_KEY);
  };
  // Another admin (or this one in another tab) changed someone: revalidate the pages shown.
  useChannelEvent(channels.adminDashboard(), "user-update", refresh);
  const filtered = q.trim() !== "" || role !== "";

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-3">
        <Field
          label={t("searchLabel")}
          type="search"
          className="w-72"
          placeholder={t("searchPlaceholder")}
          value={search}
          onValueChange={setSearch}
          data-testid="user-search"
        />
        <SelectField
          label={t("roleFilter")}
          name="roleFilter"
          className="w-40"
          value={role}
          options={filterOptions}
          onValueChange={(value) => setRole(value as Role | "")}
        />
        <div className="ml-auto flex gap-2">
          <Button onClick={() => setPanel("create")} disabled={panel === "create"}>
            {t("newUser")}
          </Button>
          <Button
            variant="secondary"
            onClick={() => setPanel("import")}
            disabled={panel === "import"}
          >
            {t("importCsv")}
          </Button>
        </div>
      </div>

      {panel === "create" && (
        <CreateUserForm onCreated={refresh} onClose={() => setPanel("none")} />
      )}
      {panel === "import" && <UserImport onImported={refresh} onClose={() => setPanel("none")} />}

      <Card title={t("listTitle")} testId="user-list">
        {list.error && list.users.length === 0 ? (
          <div role="alert" className="space-y-2 py-4 text-center text-sm text-red-700">
            <p>{t("loadError")}</p>
            <Button variant="secondary" onClick={list.mutate}>
              {t("tryAgain")}
            </Button>
          </div>
        ) : list.isLoading && list.users.length === 0 ? (
          <p role="status" className="py-4 text-center text-sm text-slate-600">
            {t("loading")}
          </p>
        ) : list.users.length === 0 ? (
          <Empty>{filtered ? t("noMatch") : t("empty")}</Empty>
        ) : (
          <>
            <StackedTable
              columns={columns}
              rows={list.users}
              caption={t("caption")}
              renderRow={(user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  isSelf={user.id === currentUserId}
                  onChanged={refresh}
                />
              )}
            />
            <div className="mt-4 flex items-center justify-between text-sm text-slate-600">
              <span role="status">
                {t(list.hasMore ? "shownMore" : "shown", { count: list.users.length })}
              </span>
              {list.hasMore && (
                <Button variant="secondary" onClick={list.loadMore} disabled={list.loadingMore}>
                  {list.loadingMore ? t("loadingMore") : t("loadMore")}
                </Button>
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
