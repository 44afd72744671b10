// Typed calls to the app's own API from the browser.
import type { AccountSettings } from "./account-settings";
import type { Role } from "./domain";
import { fetchJson } from "./fetch-json";

const post = <T>(url: string, body?: unknown) =>
  fetchJson<T>(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const patch = <T>(url: string, body: unknown) =>
  fetchJson<T>(url, { method: "PATCH", body: JSON.stringify(body) });

/** A user as POST/PATCH /api/admin/users answer (contract §8). */
export type CreatedUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  /** Only for an account created without a password: its one-time setup link (72 h). */
  setupUrl?: string;
};

/** POST /api/admin/users/import's answer: `line` is the file's 1-based line (header = 1). */
export type ImportResult = {
  created: number;
  skipped: { line: number; reason: string }[];
  /** The accounts created (or, in a dry run, to be created), each with its one-time setup link. */
  users?: { line: number; email: string; name: string; role: Role; setupUrl?: string }[];
};

export const api = {
  updateAccountSettings: (settings: AccountSettings) => patch("/api/me", settings),
  enroll: (courseId: string) => post("/api/enrollments", { courseId }),
  submitPayment: (courseId: string, amountCents: number) =>
    post("/api/payments", { courseId, amountCents }),
  approvePayment: (id: string) => post(`/api/payments/${id}/approve`),
  rejectPayment: (id: string, reason?: string) =>
    post(`/api/payments/${id}/reject`, reason ? { reason } : {}),
  createScore: (input: {
    studentId: string;
    courseId: string;
    score: number;
    maxScore: number;
    title?: string;
  }) => post("/api/scores", input),
  updateScore: (id: string, input: { score?: number; maxScore?: number }) =>
    fetchJson(`/api/scores/${id}`, { method: "PATCH", body: JSON.stringify(input) }),
  markAttendance: (input: { studentId: string; courseId: string; date: string; status: string }) =>
    post("/api/attendance", input),
  postAnnouncement: (title: string, message: string) =>
    post("/api/announcements", { title, message }),
  markRead: (id: string) => post(`/api/notifications/${id}/read`),
  markAllRead: () => post("/api/notifications/read-all"),
  createUser: (input: { email: string; name: string; role: Role; password?: string }) =>
    post<CreatedUser>("/api/admin/users", input),
  updateUser: (id: string, input: { name?: string; role?: Role; active?: boolean }) =>
    patch<CreatedUser>(`/api/admin/users/${id}`, input),
  /** With `dryRun` the server only checks the file: nothing is written. */
  importUsers: (csv: string, options: { dryRun?: boolean } = {}) =>
    fetchJson<ImportResult>(`/api/admin/users/import${options.dryRun ? "?dryRun=true" : ""}`, {
      method: "POST",
      body: csv,
      headers: { "Content-Type": "text/csv; charset=utf-8" },
    }),
  createCourse: (input: {
    title: string;
    description?: string;
    teacherId: string;
    priceCents?: number;
  }) => post<{ id: string; title: string }>("/api/courses", input),
  updateCourse: (
    id: string,
    input: {
      title?: string;
      description?: string;
      teacherId?: string;
      archived?: boolean;
      priceCents?: number;
    },
  ) => patch<{ id: string; title: string }>(`/api/courses/${id}`, input),
  cancelEnrollment: (id: string) =>
    fetchJson<{ id: string; status: string }>(`/api/enrollments/${id}`, { method: "DELETE" }),
  changePassword: (currentPassword: string, newPassword: string) =>
    post<object>("/api/me/password", { currentPassword, newPassword }),
  setupPassword: (token: string, password: string) =>
    post<{ email: string }>("/api/auth/setup", { token, password }),
};
