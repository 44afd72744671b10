"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { api, type CreatedUser } from "@/lib/api-client";
import { ROLES, type Role } from "@/lib/domain";
import { ApiError } from "@/lib/fetch-json";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { FormMessage, SelectInput, TextField } from "@/components/ui/form-field";
import { PasswordRules } from "@/components/account/password-rules";
import { createUserFormSchema } from "@/lib/form-validation";
import { useServerErrors } from "@/hooks/use-api-form";

/** A role's key in the users.roles texts. */
export const roleKey = (role: Role) => role.toLowerCase() as Lowercase<Role>;

/** The roles as the options of a select, named in the page's language. */
export function useRoleOptions() {
  const t = useTranslations("users.roles.option");
  return ROLES.map((role) => ({ value: role, label: t(roleKey(role)) }));
}

/** The one-time setup link of an account created without a password, with a copy button. */
function SetupLink({
  user,
  onDone,
}: {
  user: CreatedUser & { setupUrl: string };
  onDone: () => void;
}) {
  const t = useTranslations("users.create");
  const intro = t.rich("setupIntro", {
    name: user.name,
    email: user.email,
    b: (chunks) => <span className="font-medium">{chunks}</span>,
  });
  return (
    <div className="space-y-3" data-testid="setup-link">
      <p className="text-sm text-slate-700" role="status">
        {intro}
      </p>
      <div className="flex gap-2">
        <Field
          label={t("setupLink")}
          hideLabel
          className="flex-1"
          readOnly
          value={user.setupUrl}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="setup-url"
        />
        <CopyButton text={user.setupUrl} label={t("copyLink")} />
      </div>
      <Button variant="secondary" onClick={onDone}>
        {t("done")}
      </Button>
    </div>
  );
}

type Values = { email: string; name: string; role: string; password: string };
const EMPTY: Values = { email: "", name: "", role: "STUDENT", password: "" };

/** The admin adds one person: with a password, or with a one-time setup link for them. */
export function CreateUserForm({
  onCreated,
  onClose,
}: {
  onCreated: () => void;
  onClose: () => void;
}) {
  const t = useTranslations("users.create");
  const roleOptions = useRoleOptions();
  const rulesId = useId();
  const [created, setCreated] = useState<(CreatedUser & { setupUrl: string }) | null>(null);
  const form = useForm<Values, unknown, Parameters<typeof api.createUser>[0]>({
    resolver: zodResolver(createUserFormSchema),
    defaultValues: EMPTY,
  });
  const server = useServerErrors(form, {
    email: "email",
    name: "name",
    role: "role",
    password: "password",
  });
  const fields = {
    email: form.register("email"),
    name: form.register("name"),
    role: form.register("role"),
    password: form.register("password"),
  };
  const { errors, isSubmitting } = form.formState;
  const password = useWatch({ control: form.control, name: "password" });

  const submit = form.handleSubmit(async (input) => {
    server.clear();
    let user: CreatedUser;
    try {
      user = await api.createUser(input);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        form.setError("email", { message: t("emailTaken") }, { shouldFocus: true });
      else server.show(error);
      return;
    }
    onCreated();
    if (user.setupUrl) setCreated({ ...user, setupUrl: user.setupUrl });
    else onClose();
  });

  return (
    <Card title={t("title")} testId="create-user">
      {created ? (
        <SetupLink user={created} onDone={onClose} />
      ) : (
        <form
          noValidate
          className="grid gap-3 sm:grid-cols-3"
          onSubmit={(event) => void submit(event)}
          data-testid="create-user-form"
        >
          <div className="sm:col-span-3">
            <FormMessage error={server.message} />
          </div>
          <TextField
            label={t("email")}
            type="email"
            autoFocus
            maxLength={254}
            {...fields.email}
            error={errors.email?.message}
          />
          <TextField
            label={t("name")}
            maxLength={200}
            {...fields.name}
            error={errors.name?.message}
          />
          <SelectInput
            label={t("role")}
            options={roleOptions}
            {...fields.role}
            error={errors.role?.message}
          />
          <div className="space-y-2 sm:col-span-3">
            <TextField
              label={t("password")}
              type="password"
              autoComplete="new-password"
              {...fields.password}
              error={errors.password?.message}
              hint={t("passwordHint")}
            />
            {password && <PasswordRules id={rulesId} password={password} />}
          </div>
          <div className="flex gap-2 sm:col-span-3">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? t("creating") : t("submit")}
            </Button>
            <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
              {t("cancel")}
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
