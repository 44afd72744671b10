// Messages addressed to the right channels for the events of the catalog (./events). Pure: a
// domain service stores one in the outbox inside its transaction (web/server/outbox.ts).
import type { Role } from "../domain";
import { channels } from "./channels";
import {
  eventCatalog,
  type DashboardScope,
  type EventData,
  type EventName,
  type StatsUpdatePayload,
} from "./events";

/** One event to one or more channels. `payload` holds the event's own fields. */
export type RealtimeMessage = {
  [E in EventName]: {
    channels: string[];
    event: E;
    payload: EventData<E>;
    /** Caller-chosen id (e.g. the outbox row id) so retries de-duplicate on the client. */
    eventId?: string;
    occurredAt?: string;
  };
}[EventName];

/** The same shape with nothing known statically (outbox rows, CLI input); validated at publish. */
export type UntypedRealtimeMessage = {
  channels: readonly string[];
  event: string;
  payload: unknown;
  eventId?: string;
  occurredAt?: string;
};

/** A user's role-specific dashboard. */
export type DashboardTarget = { role: Role; id: string };

type IsoLike = string | Date;
const iso = (value: IsoLike | undefined): string =>
  value === undefined
    ? new Date().toISOString()
    : typeof value === "string"
      ? value
      : value.toISOString();
const isoDate = (value: IsoLike): string =>
  typeof value === "string" ? value : value.toISOString().slice(0, 10);

/** The dashboard channel of a role: student/teacher dashboards by id, the one admin dashboard. */
export function dashboardChannel(target: DashboardTarget): string {
  switch (target.role) {
    case "STUDENT":
      return channels.studentDashboard(target.id);
    case "TEACHER":
      return channels.teacherDashboard(target.id);
    case "ADMIN":
      return channels.adminDashboard();
  }
}

/**
 * `event` to the channels `to`, carrying only the catalog's fields of `data`: a database row
 * passed as-is does not leak other columns, and undefined fields are left out.
 */
export function realtimeMessage<E extends EventName>(
  event: E,
  to: string[],
  data: EventData<E>,
): RealtimeMessage {
  const given = data as Record<string, unknown>;
  const payload = Object.fromEntries(
    Object.keys(eventCatalog[event].data)
      .filter((field) => given[field] !== undefined)
      .map((field) => [field, given[field]]),
  );
  return { channels: to, event, payload } as RealtimeMessage;
}

export type NewEnrollmentInput = Omit<EventData<"new-enrollment">, "courseId" | "timestamp"> & {
  timestamp?: IsoLike;
};
export type PaymentInput = EventData<"payment-received">;
export type ScoreInput = EventData<"new-score">;
export type AttendanceInput = Omit<EventData<"attendance-marked">, "date"> & { date: IsoLike };
export type NotificationInput = Omit<EventData<"new-notification">, "link"> & {
  link?: string | null;
};
export type AnnouncementInput = Omit<EventData<"new-announcement">, "timestamp"> & {
  timestamp?: IsoLike;
};

const toStudentAndAdmin =
  (event: "payment-received" | "payment-approved") => (studentId: string, payment: PaymentInput) =>
    realtimeMessage(event, [channels.user(studentId), channels.adminDashboard()], payment);
const toStudent = (event: "new-score" | "score-update") => (studentId: string, score: ScoreInput) =>
  realtimeMessage(event, [channels.user(studentId)], score);

/** Builders for the ways the services address events (ids must be cuids, else they throw). */
export const realtimeMessages = {
  /** `dashboard-update` to `private-user-{id}` (a string) or the role's dashboard channel. */
  dashboardUpdate: (target: string | DashboardTarget, scope: DashboardScope) =>
    realtimeMessage(
      "dashboard-update",
      [typeof target === "string" ? channels.user(target) : dashboardChannel(target)],
      { scope },
    ),
  /** `stats-update` to a role dashboard or to `private-course-{courseId}`. */
  statsUpdate: (
    target: DashboardTarget | { courseId: string },
    stats: StatsUpdatePayload["stats"],
  ) =>
    realtimeMessage(
      "stats-update",
      ["courseId" in target ? channels.course(target.courseId) : dashboardChannel(target)],
      { stats },
    ),
  /** `new-enrollment` to the course's enrollment feed, its teacher's and the admin dashboard. */
  newEnrollment: (courseId: string, teacherId: string, enrollment: NewEnrollmentInput) =>
    realtimeMessage(
      "new-enrollment",
      [
        channels.courseEnrollments(courseId),
        channels.teacherDashboard(teacherId),
        channels.adminDashboard(),
      ],
      { ...enrollment, courseId, timestamp: iso(enrollment.timestamp) },
    ),
  /** `enrollment-update` to the course's enrollment feed and the student. */
  enrollmentUpdate: (studentId: string, update: EventData<"enrollment-update">) =>
    realtimeMessage(
      "enrollment-update",
      [channels.courseEnrollments(update.courseId), channels.user(studentId)],
      update,
    ),
  /** `new-notification` to `private-user-{userId}` (an empty or null link is left out). */
  notification: (userId: string, notification: NotificationInput) =>
    realtimeMessage("new-notification", [channels.user(userId)], {
      ...notification,
      link: notification.link || undefined,
    }),
  /** `payment-received` to the student and the admin dashboard. */
  paymentReceived: toStudentAndAdmin("payment-received"),
  /** `payment-approved` to the student and the admin dashboard. */
  paymentApproved: toStudentAndAdmin("payment-approved"),
  /** `new-score` to the student. */
  newScore: toStudent("new-score"),
  /** `score-update` to the student. */
  scoreUpdate: toStudent("score-update"),
  /** `attendance-marked` to the student; `date` as YYYY-MM-DD. */
  attendanceMarked: (studentId: string, attendance: AttendanceInput) =>
    realtimeMessage("attendance-marked", [channels.user(studentId)], {
      ...attendance,
      date: isoDate(attendance.date),
    }),
  /**
   * `course-update` (ids only) to `public-announcements`, the admin dashboard and the dashboards
   * of the given teachers (old and new on a reassignment).
   */
  courseUpdate: (
    courseId: string,
    change: EventData<"course-update">["change"],
    teacherIds: string[],
  ) =>
    realtimeMessage(
      "course-update",
      [
        channels.publicAnnouncements(),
        channels.adminDashboard(),
        ...[...new Set(teacherIds)].map((id) => channels.teacherDashboard(id)),
      ],
      { courseId, change },
    ),
  /** `user-update` to the admin dashboard, naming at most the first 100 users. */
  userUpdate: (userIds: string[], change: EventData<"user-update">["change"]) =>
    realtimeMessage("user-update", [channels.adminDashboard()], {
      userIds: userIds.slice(0, 100),
      change,
    }),
  /** `new-announcement` to `public-announcements`. */
  newAnnouncement: (announcement: AnnouncementInput) =>
    realtimeMessage("new-announcement", [channels.publicAnnouncements()], {
      ...announcement,
      timestamp: iso(announcement.timestamp),
    }),
} as const;
