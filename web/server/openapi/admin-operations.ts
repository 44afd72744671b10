import "server-only";
import { accountSettingsBody } from "@/lib/account-settings";
import { z } from "zod";
import {
  adminUsersQuery,
  createCourseBody,
  createUserBody,
  passwordChangeBody,
  passwordSetupBody,
  updateCourseBody,
  updateUserBody,
  userImportQuery,
} from "@/lib/admin-validation";
import { anyone, defineOperations, jsonBody, role, signedIn } from "./operation";
import * as r from "./admin-responses";

// The administration routes (docs/api.md, "Administration"): users, courses, enrollments and
// passwords. Checked against the route files by document.test.ts like ./operations.

const csvBody = {
  schema: z.string().meta({
    description:
      "UTF-8 CSV with the header line `email,name,role` (any order); at most 10,000 lines, 5 MB",
  }),
  as: ["csv" as const],
  errors: [400 as const, 415 as const],
};

export const adminOperations = defineOperations({
  "GET /api/admin/users": {
    summary: "Users, newest first, a page at a time",
    access: role("ADMIN"),
    query: adminUsersQuery,
    ok: [200, "A page of users", r.adminUserListResponse],
  },
  "POST /api/admin/users": {
    summary: "An admin creates an account",
    access: role("ADMIN"),
    description:
      "Without `password` the answer carries `setupUrl`, a one-time link (72 h) where the user " +
      "sets one. Publishes `user-update`.",
    body: jsonBody(createUserBody),
    ok: [201, "The account", r.adminUserCreatedResponse],
    errors: [409],
  },
  "POST /api/admin/users/import": {
    summary: "An admin imports users from a CSV file",
    access: role("ADMIN"),
    description:
      "All readable lines are created in one transaction, each with a one-time setup link; a " +
      "bad line, an e-mail repeated in the file or already taken is skipped with its line. A " +
      "file that cannot be read as such a CSV (no header, wrong columns, not UTF-8) is a 400 " +
      "and creates nothing. `dryRun=true` only validates. Bodies up to 5 MB. Publishes " +
      "`user-update`.",
    query: userImportQuery,
    body: csvBody,
    ok: [200, "What was created and skipped", r.userImportResponse],
    errors: [409],
  },
  "PATCH /api/admin/users/{id}": {
    summary: "An admin edits a user's name, role or active flag",
    access: role("ADMIN"),
    description:
      "A change of role or active flag takes effect at the user's next request, and their " +
      "realtime connections are closed. The last active admin cannot be deactivated or demoted " +
      "(409). Publishes `user-update`.",
    params: { id: "The user" },
    body: jsonBody(updateUserBody),
    ok: [200, "The user", r.adminUserResponse],
    errors: [409],
  },
  "POST /api/courses": {
    summary: "An admin creates a course",
    access: role("ADMIN"),
    description: "`teacherId` must be an active TEACHER (422). Publishes `course-update`.",
    body: jsonBody(createCourseBody),
    ok: [201, "The course", r.courseResponse],
  },
  "PATCH /api/courses/{id}": {
    summary: "An admin edits, reassigns or archives a course; its teacher edits its text",
    access: role("ADMIN", "ADMIN, or the course's TEACHER for title and description"),
    description:
      "An archived course leaves every catalog and takes no enrollments. Publishes " +
      "`course-update` (to the old and the new teacher on a reassignment).",
    params: { id: "The course" },
    body: jsonBody(updateCourseBody),
    ok: [200, "The course", r.courseResponse],
  },
  "DELETE /api/enrollments/{id}": {
    summary: "Cancels an enrollment",
    access: {
      ...signedIn,
      who: "the enrolled student, the course's TEACHER or ADMIN",
      errors: [401, 403],
    },
    description:
      "Publishes `enrollment-update` (CANCELLED) and the counts; the student's realtime " +
      "connections are closed, so the course channels are authorized again. 409 when it is " +
      "already cancelled.",
    params: { id: "The enrollment" },
    ok: [200, "Cancelled", r.cancelledEnrollmentResponse],
    errors: [409],
  },
  "PATCH /api/me": {
    summary: "The signed-in user's own settings: the language of their pages",
    access: signedIn,
    description:
      "`locale` is `en`, `de`, or null to follow the browser (Accept-Language). It takes effect " +
      "on the next page any app instance renders; API messages stay English.",
    body: jsonBody(accountSettingsBody),
    ok: [200, "The profile with the stored setting", r.accountSettingsResponse],
  },
  "POST /api/me/password": {
    summary: "The signed-in user changes their password",
    access: signedIn,
    description:
      "A wrong current password is a 403. Every other session of the user ends; this one stays " +
      "signed in (its cookie is re-issued).",
    body: jsonBody(passwordChangeBody),
    ok: [200, "Changed", r.okResponse],
    errors: [403],
  },
  "POST /api/auth/setup": {
    summary: "Sets the first password of an account through its one-time setup link",
    access: anyone,
    description: "A used, expired or unknown token is a 410.",
    body: jsonBody(passwordSetupBody),
    ok: [200, "Set: sign in with the e-mail and the new password", r.setupDoneResponse],
    errors: [410],
  },
});
