"use client";
import { useId } from "react";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import type { AdminUser } from "@/hooks/data/use-admin-users";
import { api } from "@/lib/api-client";
import type { Role } from "@/lib/domain";
import { userEditSchema } from "@/lib/form-account";
import { useServerErrors } from "@/hooks/use-api-form";
import { Button } from "@/components/ui/button";
import { DisabledReason, FormMessage, SelectInput, TextField } from "@/components/ui/form-field";
import { useRoleOptions } from "./create-user-form";

type Values = { name: string; role: Role };

/** The admin's edit of a user's name and role, in their row of the list. */
export function UserEditForm({
  user,
  onSaved,
  onCancel,
}: {
  user: AdminUser;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations("users.edit");
  const roleOptions = useRoleOptions();
  const reasonId = useId();
  const form = useForm<Values, unknown, Parameters<typeof api.updateUser>[1]>({
    resolver: zodResolver(userEditSchema(user)),
    defaultValues: { name: user.name, role: user.role },
  });
  const server = useServerErrors(form, { name: "name", role: "role" });
  const fields = { name: form.register("name"), role: form.register("role") };
  const { errors, isSubmitting } = form.formState;
  const [name, role] = useWatch({ control: form.control, name: ["name", "role"] });
  const unchanged = name.trim() === user.name && role === user.role;
  const disabledReason = unchanged ? t("unchanged") : undefined;

  const submit = form.handleSubmit(async (changes) => {
    server.clear();
    try {
      await api.updateUser(user.id, changes);
    } catch (error) {
      server.show(error);
      return;
    }
    toast.success(t("saved", { email: user.email }));
    onSaved();
  });

  return (
    <form
      noValidate
      className="flex w-full flex-wrap items-start gap-2"
      onSubmit={(event) => void submit(event)}
      data-testid={`edit-user-${user.id}`}
    >
      <div className="w-full">
        <FormMessage error={server.message} />
      </div>
      <TextField
        label={t("nameLabel", { email: user.email })}
        className="w-full sm:w-56"
        maxLength={200}
        autoFocus
        {...fields.name}
        error={errors.name?.message}
      />
      <SelectInput
        label={t("role")}
        className="w-full sm:w-36"
        options={roleOptions}
        {...fields.role}
        error={errors.role?.message}
      />
      <div className="flex flex-wrap items-center gap-2 sm:mt-5">
        <Button
          type="submit"
          disabled={isSubmitting || unchanged}
          aria-describedby={disabledReason ? reasonId : undefined}
        >
          {isSubmitting ? t("saving") : t("save")}
        </Button>
        <Button variant="secondary" disabled={isSubmitting} onClick={onCancel}>
          {t("cancel")}
        </Button>
        <DisabledReason id={reasonId}>{disabledReason}</DisabledReason>
      </div>
    </form>
  );
}
