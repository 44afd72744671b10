"use client";
import { useId, useState } from "react";
import { api, type CreatedUser } from "@/lib/api-client";
import { ROLES, type Role } from "@/lib/domain";
import { ApiError } from "@/lib/fetch-json";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { Field, SelectField } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { PasswordRules, passwordProblem } from "@/components/account/password-rules";

export const ROLE_OPTIONS = ROLES.map((role) => ({
  value: role,
  label: role.charAt(0) + role.slice(1).toLowerCase(),
}));

type Errors = { email?: string; password?: string; form?: string };

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

/** The admin adds one person: with a password, or with a one-time setup link for them. */
export function CreateUserForm({
  onCreated,
  onClose,
}: {
  onCreated: () => void;
  onClose: () => void;
}) {
  const rulesId = useId();
  const [draft, setDraft] = useState({ email: "", name: "", role: "STUDENT" as Role });
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<(CreatedUser & { setupUrl: string }) | null>(null);

  const submit = async () => {
    const withPassword = password !== "";
    const problem = withPassword ? passwordProblem(password) : undefined;
    if (problem) return setErrors({ password: problem });
    setPending(true);
    setErrors({});
    try {
      const user = await api.createUser({
        email: draft.email.trim(),
        name: draft.name.trim(),
        role: draft.role,
        ...(withPassword ? { password } : {}),
      });
      onCreated();
      if (user.setupUrl) setCreated({ ...user, setupUrl: user.setupUrl });
      else onClose();
    } catch (error) {
      const message = error instanceof ApiError ? error.message : "Could not create the user.";
      // The API names the field first ("email: must be an e-mail address").
      const field = /^(email|password):/.exec(message)?.[1] as "email" | "password" | undefined;
      if (error instanceof ApiError && error.status === 409)
        setErrors({ email: "An account with this e-mail already exists." });
      else if (field) setErrors({ [field]: message });
      else setErrors({ form: message });
    } finally {
      setPending(false);
    }
  };

  return (
    <Card title="New user" testId="create-user">
      {created ? (
        <SetupLink user={created} onDone={onClose} />
      ) : (
        <Form className="grid gap-3 sm:grid-cols-3" onSubmit={submit} testId="create-user-form">
          {errors.form && (
            <p
              role="alert"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 sm:col-span-3"
            >
              {errors.form}
            </p>
          )}
          <Field
            label="E-mail"
            name="email"
            type="email"
            required
            autoFocus
            maxLength={254}
            value={draft.email}
            error={errors.email}
            onValueChange={(email) => setDraft((d) => ({ ...d, email }))}
          />
          <Field
            label="Name"
            name="name"
            required
            maxLength={200}
            value={draft.name}
            onValueChange={(name) => setDraft((d) => ({ ...d, name }))}
          />
          <SelectField
            label="Role"
            name="role"
            value={draft.role}
            options={ROLE_OPTIONS}
            onValueChange={(role) => setDraft((d) => ({ ...d, role: role as Role }))}
          />
          <div className="space-y-2 sm:col-span-3">
            <Field
              label="Initial password (optional)"
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              error={errors.password}
              hint="Leave it empty to get a one-time setup link to send them instead."
              aria-describedby={password ? rulesId : undefined}
              onValueChange={setPassword}
            />
            {password && <PasswordRules id={rulesId} password={password} />}
          </div>
          <div className="flex gap-2 sm:col-span-3">
            <Button type="submit" disabled={pending || !draft.email.trim() || !draft.name.trim()}>
              {pending ? "Creating…" : "Create user"}
            </Button>
            <Button variant="secondary" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
          </div>
        </Form>
      )}
    </Card>
  );
}
