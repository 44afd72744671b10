import "server-only";
import {
  announcementBody,
  attendanceBody,
  courseIdBody,
  missedEventsQuery,
  realtimeReadyQuery,
  notificationsQuery,
  paymentBody,
  paymentsQuery,
  rejectBody,
  scoreBody,
  scorePatchBody,
} from "@/lib/validation";
import { courseRecordsQuery, coursesQuery } from "@/lib/list-validation";
import { anyone, defineOperations, jsonBody, role, signedIn } from "./operation";
import * as r from "./responses";

// The app's own routes (web/app/api/**/route.ts). Request schemas are the ones the routes
// validate with; web/server/openapi/document.test.ts checks that this table and the route files
// name the same paths and methods.

const courseTeacher = role("TEACHER", "the course's TEACHER");

export const appOperations = defineOperations({
  "GET /api/health": {
    summary: "The database, the realtime server's acceptance of the app's credentials, the outbox",
    access: anyone,
    description:
      "Admins also get each probe's latency or error and the backlog; anonymous callers only " +
      "which parts are down.",
    ok: [200, "All three are fine", r.healthResponse],
    other: [[503, "Something is down: `down` names each failing part", r.healthResponse]],
  },
  "GET /api/me": {
    summary: "The signed-in user's profile",
    access: signedIn,
    ok: [200, "The profile", r.profileResponse],
  },
  "GET /api/courses": {
    summary: "Every course, with the caller's enrollment flag",
    access: signedIn,
    description:
      "Each course has its `priceCents`; for a student enrolled in it also `amountDueCents` " +
      "(the price less their COMPLETED and PENDING payments). `q` searches; with `limit` the " +
      "list comes a page at a time, the next page's cursor in the `X-Next-Cursor` header " +
      "(absent on the last page).",
    query: coursesQuery,
    ok: [200, "The catalog", r.courseListResponse],
  },
  "GET /api/courses/{id}": {
    summary: "One course as the caller may see it",
    access: signedIn,
    description:
      "Everyone signed in sees the course; its teacher and admins also get the roster, scores " +
      "and today's attendance; an enrolled student gets their own scores and attendance.",
    params: { id: "The course" },
    ok: [200, "The course view (its fields depend on the caller)"],
  },
  "GET /api/dashboard": {
    summary: "The caller's role-specific dashboard data",
    access: signedIn,
    ok: [200, "The dashboard of the caller's role"],
  },
  "POST /api/enrollments": {
    summary: "A student enrolls in a course",
    access: role("STUDENT"),
    description:
      "Publishes `new-enrollment`, notifies the teacher; a cancelled one is reactivated.",
    body: jsonBody(courseIdBody),
    ok: [201, "Enrolled (ACTIVE)", r.enrollmentResponse],
    errors: [404, 409],
  },
  "GET /api/payments": {
    summary: "Own payments (admins: all), newest first",
    access: signedIn,
    description:
      "A page at a time (`limit`, default 200): when there are more, the `X-Next-Cursor` " +
      "header holds the cursor of the next page (pass it as `cursor`).",
    query: paymentsQuery,
    ok: [200, "A page of payments", r.paymentListResponse],
  },
  "POST /api/payments": {
    summary: "A student submits a payment",
    access: role("STUDENT"),
    description:
      "Only for a course the student is enrolled in (422 `not_enrolled`), and never above what " +
      "is due, the course's price less their COMPLETED and PENDING payments (422 " +
      "`amount_exceeds_due`). Publishes `payment-received`.",
    body: jsonBody(paymentBody),
    ok: [201, "The payment, PENDING", r.paymentResponse],
    errors: [404],
  },
  "POST /api/payments/{id}/approve": {
    summary: "An admin approves a pending payment",
    access: role("ADMIN"),
    description: "Publishes `payment-approved` and notifies the student.",
    params: { id: "The payment" },
    ok: [200, "The payment, COMPLETED", r.paymentResponse],
    errors: [409],
  },
  "POST /api/payments/{id}/reject": {
    summary: "An admin rejects a pending payment, with an optional reason",
    access: role("ADMIN"),
    description: "Notifies the student.",
    params: { id: "The payment" },
    body: jsonBody(rejectBody),
    ok: [200, "The payment, REJECTED", r.paymentResponse],
    errors: [409],
  },
  "GET /api/scores": {
    summary: "Scores the caller may read, newest first, a page at a time",
    access: signedIn,
    description:
      "A student's own, a teacher's courses', or (admins) all; optionally of one course. " +
      "`nextCursor` is the `cursor` of the next page (null on the last).",
    query: courseRecordsQuery,
    ok: [200, "A page of scores", r.scorePageResponse],
  },
  "POST /api/scores": {
    summary: "The course's teacher records a score",
    access: courseTeacher,
    description: "Publishes `new-score` and notifies the student.",
    body: jsonBody(scoreBody),
    ok: [201, "The score", r.scoreCreatedResponse],
    errors: [404],
  },
  "PATCH /api/scores/{id}": {
    summary: "The course's teacher corrects a score",
    access: courseTeacher,
    description: "Publishes `score-update`.",
    params: { id: "The score" },
    body: jsonBody(scorePatchBody),
    ok: [200, "The score", r.scoreUpdatedResponse],
  },
  "GET /api/attendance": {
    summary: "Attendance the caller may read, latest date first, a page at a time",
    access: signedIn,
    description:
      "A student's own, a teacher's courses', or (admins) all; optionally of one course. " +
      "`nextCursor` is the `cursor` of the next page (null on the last).",
    query: courseRecordsQuery,
    ok: [200, "A page of attendance rows", r.attendancePageResponse],
  },
  "POST /api/attendance": {
    summary: "The course's teacher marks attendance",
    access: courseTeacher,
    description:
      "One row per student, course and date: a repeat updates it. Publishes `attendance-marked`.",
    body: jsonBody(attendanceBody),
    ok: [201, "The attendance row", r.attendanceResponse],
    errors: [404],
  },
  "GET /api/announcements": {
    summary: "Announcements of the last 7 days, newest first (at most 5)",
    access: anyone,
    ok: [200, "The announcements", r.announcementListResponse],
  },
  "POST /api/announcements": {
    summary: "An admin posts an announcement to everyone",
    access: role("ADMIN"),
    description: "Publishes `new-announcement` on `public-announcements`.",
    body: jsonBody(announcementBody),
    ok: [201, "The announcement", r.announcementResponse],
  },
  "GET /api/notifications": {
    summary: "The caller's notifications, newest first, with the unread count",
    access: signedIn,
    query: notificationsQuery,
    ok: [200, "A page of notifications", r.notificationListResponse],
  },
  "POST /api/notifications/{id}/read": {
    summary: "The owner marks one notification read",
    access: { ...signedIn, who: "the notification's owner" },
    description: "Repeating it is harmless. Someone else's notification is a 404.",
    params: { id: "The notification" },
    ok: [200, "Marked read", r.notificationReadResponse],
  },
  "POST /api/notifications/read-all": {
    summary: "The caller marks all their notifications read",
    access: signedIn,
    ok: [200, "All read", r.notificationsReadAllResponse],
  },
  "GET /api/admin/online": {
    summary: "Who is online now, and which course pages they are on",
    access: role("ADMIN"),
    ok: [200, "The users online", r.onlineUsersResponse],
    errors: [503],
  },
  "GET /api/admin/system": {
    summary: "What the System page shows: health parts, outbox, Soketi, presence, last hour",
    access: role("ADMIN"),
    description:
      "Soketi's figures are scraped server-side from `SOKETI_METRICS_URL` (null when unset or " +
      "unreachable); `history` holds one sample per 30 s for the last hour.",
    ok: [200, "The system status"],
  },
  "GET /api/metrics": {
    summary: "The app's metrics in Prometheus text format",
    access: {
      who: "ADMIN, or `Authorization: Bearer ${METRICS_TOKEN}`",
      auth: "session",
      errors: [401, 403],
    },
    description:
      "Request latency, outbox backlog and publish latency, sign-in and channel authorization " +
      "decisions, and the process's own figures (text/plain; version=0.0.4).",
    ok: [200, "Prometheus exposition text"],
  },
  "GET /api/realtime/missed": {
    summary: "The events published on a channel after a given event (replay after a gap)",
    access: {
      who: "anyone for `public-announcements`; otherwise whoever may subscribe to the channel",
      auth: "session",
      errors: [403],
    },
    description:
      "Oldest first, at most 500 per call (`complete: false`: call again from the last one's " +
      "`eventId`). `after` may be any event id, also one of another channel. An unknown id, or " +
      "one older than the retention (at least 24 h), is a 410 `gone`: refetch the state.",
    query: missedEventsQuery,
    ok: [200, "The missed events", r.missedEventsResponse],
    errors: [410],
  },
  "GET /api/realtime/ready": {
    summary: "Waits until the realtime server is reachable (a reconnect hint)",
    access: anyone,
    description:
      "A long poll for clients whose realtime connection dropped: answers `{ready: true}` as soon " +
      "as a probe the app makes after the request arrived reaches the realtime server, or " +
      "`{ready: false}` after `wait` seconds. The app's client library uses it to reconnect right " +
      "after a restart instead of guessing with connection attempts.",
    query: realtimeReadyQuery,
    ok: [200, "Whether the realtime server answered", r.realtimeReadyResponse],
  },
  "GET /api/openapi.json": {
    summary: "This API's OpenAPI 3.1 document",
    access: anyone,
    ok: [200, "The document (application/json)"],
  },
  "GET /api/docs": {
    summary: "This API's reference as a page, rendered from the OpenAPI document",
    access: anyone,
    ok: [200, "An HTML page", "html"],
  },
});
