// Typed calls to the app's own API from the browser.
import { fetchJson } from "./fetch-json";

const post = <T>(url: string, body?: unknown) =>
  fetchJson<T>(url, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });

export const api = {
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
};
