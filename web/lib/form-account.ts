// The account forms' schemas (sign-in, password change, setup link, the admin's edit of a
// user): what people type, checked first in plain words, then held to the server's own request
// schemas through `into`, so a form refuses what the server would.
import { z } from "zod";
import type { Role } from "./domain";
import {
  emailSchema,
  passwordChangeBody,
  passwordSetupBody,
  personNameSchema,
  roleSchema,
  updateUserBody,
} from "./admin-validation";
import { into } from "./form-validation";
import { credentialsBody } from "./validation";

const email = z
  .string()
  .trim()
  .min(1, "Enter your e-mail address.")
  .max(254, "Must be at most 254 characters.")
  .pipe(
    z
      .string()
      .refine(
        (typed) => emailSchema.safeParse(typed).success,
        "Enter an e-mail address, like name@school.edu.",
      ),
  );

/** The sign-in form: an e-mail and a password, as the Credentials provider reads them. */
export const signInFormSchema = z
  .object({
    email,
    password: z.string().min(1, "Enter your password.").max(200, "Must be at most 200 characters."),
  })
  .transform(into(credentialsBody));

const newPassword = z.string().min(1, "Enter a new password.");

/** "Change password": sent as POST /api/me/password's body. */
export const passwordChangeFormSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password."),
    newPassword,
    confirmPassword: z.string(),
  })
  .refine((v) => v.confirmPassword === v.newPassword, {
    path: ["confirmPassword"],
    message: "The two passwords differ.",
  })
  .transform(({ currentPassword, newPassword: next }) => ({ currentPassword, newPassword: next }))
  .transform(into(passwordChangeBody));

/** The first password through the setup link `token`: sent as POST /api/auth/setup's body. */
export const setupFormSchema = (token: string) =>
  z
    .object({ password: newPassword, confirmPassword: z.string() })
    .refine((v) => v.confirmPassword === v.password, {
      path: ["confirmPassword"],
      message: "The two passwords differ.",
    })
    .transform(({ password }) => ({ token, password }))
    .transform(into(passwordSetupBody));

/**
 * The admin's edit of `user`'s name and role: only what changed is sent, as PATCH
 * /api/admin/users/{id}'s body.
 */
export const userEditSchema = (user: { name: string; role: Role }) =>
  z
    .object({
      name: z.string().trim().min(1, "Enter a name.").pipe(personNameSchema),
      role: roleSchema,
    })
    .transform((v) => ({
      ...(v.name !== user.name ? { name: v.name } : {}),
      ...(v.role !== user.role ? { role: v.role } : {}),
    }))
    .transform(into(updateUserBody));
