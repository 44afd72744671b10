"use client";
import { useId, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { api, type CreatedUser } from "@/lib/api-client";
import { ROLES } from "@/lib/domain";
import { ApiError } from "@/lib/fetch-json";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field } from "@/components/ui/field";
import { FormMessage, SelectInput, TextField } from "@/components/ui/form-field";
import { PasswordRules } from "@/components/account/password-rules";
import { createUserFormSchema } from "@/lib/form-validation";
import { useServerErrors } from "@/hooks/use-api-form";

export const ROLE_OPTIONS = ROLES.map((role) => ({
  value: role,
  label: role.charAt(0) + role.slice(1).toLowerCase(),
}));

/** The one-time setup link of an account created without a password, with a copy button. */
function SetupLink({
  user,
  onDone,
}: {
  user: CreatedUser & { setupUrl: string };
  onDone: () => void;
}) {
  return (
    <div className="space-y-3" data-testid="setup-link">
      <p className="text-sm text-slate-700" role="status">
        <span className="font-medium">{user.name}</span> can now set their password with this link.
        It works once and expires in 72 hours; it is shown only now, so copy it and send it to{" "}
        {user.email}.
      </p>
      <div className="flex gap-2">
        <Field
          label="Setup link"
          hideLabel
          className="flex-1"
          readOnly
          value={user.setupUrl}
          onFocus={(e) => e.currentTarget.select()}
          data-testid="setup-url"
        />
        <CopyButton text={user.setupUrl} label="Copy link" />
      </div>
      <Button variant="secondary" onClick={onDone}>
        Done
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
  const { errors, isSubmitting } = form.formState;
  const password = useWatch({ control: form.control, name: "password" });

  const submit = form.handleSubmit(async (input) => {
    server.clear();
    let user: CreatedUser;
    try {
      user = await api.createUser(input);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409)
        form.setError(
          "email",
          { message: "An account with this e-mail already exists." },
          { shouldFocus: true },
        );
      else server.show(error);
      return;
    }
    onCreated();
    if (user.setupUrl) setCreated({ ...user, setupUrl: user.setupUrl });
    else onClose();
  });

  return (
    <Card title="New user" testId="create-user">
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
            label="E-mail"
            type="email"
            autoFocus
            maxLength={254}
            {...form.register("email")}
            error={errors.email?.message}
          />
          <TextField
            label="Name"
            maxLength={200}
            {...form.register("name")}
            error={errors.name?.message}
          />
          <SelectInput
            label="Role"
            options={ROLE_OPTIONS}
            {...form.register("role")}
            error={errors.role?.message}
          />
          <div className="space-y-2 sm:col-span-3">
            <TextField
              label="Initial password (optional)"
              type="password"
              autoComplete="new-password"
              {...form.register("password")}
              error={errors.password?.message}
              hint="Leave it empty to get a one-time setup link to send them instead."
            />
            {password && <PasswordRules id={rulesId} password={password} />}
          </div>
          <div className="flex gap-2 sm:col-span-3">
            <Button type="submit" disabled={isSubmitting}>
              {isSubmitting ? "Creating…" : "Create user"}
            </Button>
            <Button variant="secondary" onClick={onClose} disabled={isSubmitting}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Card>
  );
}
