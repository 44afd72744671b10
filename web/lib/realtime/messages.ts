// Ready-made messages for every event of contract §6, addressed to the right channels. Pure:
// a domain service can store one in the outbox inside its transaction, and the publisher's
// convenience methods send them directly.
import type { Role } from "../domain";
import { channels } from "./channels";
import type { DashboardScope, EventData, EventName, StatsUpdatePayload } from "./events";

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

export type NewEnrollmentInput = {
  enrollmentId: string;
  courseName: string;
  studentId: string;
  studentName: string;
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

/** Message builders, one per use case of contract §6 (ids must be cuids, else they throw). */
export const realtimeMessages = {
  /** `dashboard-update` to `private-user-{id}` (a string) or the role's dashboard channel. */
  dashboardUpdate(target: string | DashboardTarget, scope: DashboardScope): RealtimeMessage {
    const channel = typeof target === "string" ? channels.user(target) : dashboardChannel(target);
    return { channels: [channel], event: "dashboard-update", payload: { scope } };
  },

  /** `stats-update` to a role dashboard or to `private-course-{courseId}`. */
  statsUpdate(
    target: DashboardTarget | { courseId: string },
    stats: StatsUpdatePayload["stats"],
  ): RealtimeMessage {
    const channel =
      "courseId" in target ? channels.course(target.courseId) : dashboardChannel(target);
    return { channels: [channel], event: "stats-update", payload: { stats } };
  },

  /** `new-enrollment` to the course's enrollment feed, its teacher's and the admin dashboard. */
  newEnrollment(
    courseId: string,
    teacherId: string,
    enrollment: NewEnrollmentInput,
  ): RealtimeMessage {
    return {
      channels: [
        channels.courseEnrollments(courseId),
        channels.teacherDashboard(teacherId),
        channels.adminDashboard(),
      ],
      event: "new-enrollment",
      payload: {
        enrollmentId: enrollment.enrollmentId,
        courseId,
        courseName: enrollment.courseName,
        studentId: enrollment.studentId,
        studentName: enrollment.studentName,
        timestamp: iso(enrollment.timestamp),
      },
    };
  },

  /** `enrollment-update` to the course's enrollment feed and the student. */
  enrollmentUpdate(studentId: string, update: EventData<"enrollment-update">): RealtimeMessage {
    return {
      channels: [channels.courseEnrollments(update.courseId), channels.user(studentId)],
      event: "enrollment-update",
      payload: {
        enrollmentId: update.enrollmentId,
        courseId: update.courseId,
        status: update.status,
      },
    };
  },

  /** `new-notification` to `private-user-{userId}`. */
  notification(userId: string, notification: NotificationInput): RealtimeMessage {
    const { id, title, message, type, link } = notification;
    return {
      channels: [channels.user(userId)],
      event: "new-notification",
      payload: { id, title, message, type, ...(link ? { link } : {}) },
    };
  },

  /** `payment-received` to the student and the admin dashboard. */
  paymentReceived(studentId: string, payment: PaymentInput): RealtimeMessage {
    return {
      channels: [channels.user(studentId), channels.adminDashboard()],
      event: "payment-received",
      payload: pickPayment(payment),
    };
  },

  /** `payment-approved` to the student and the admin dashboard. */
  paymentApproved(studentId: string, payment: PaymentInput): RealtimeMessage {
    return {
      channels: [channels.user(studentId), channels.adminDashboard()],
      event: "payment-approved",
      payload: pickPayment(payment),
    };
  },

  /** `new-score` to the student. */
  newScore(studentId: string, score: ScoreInput): RealtimeMessage {
    return { channels: [channels.user(studentId)], event: "new-score", payload: pickScore(score) };
  },

  /** `score-update` to the student. */
  scoreUpdate(studentId: string, score: ScoreInput): RealtimeMessage {
    return {
      channels: [channels.user(studentId)],
      event: "score-update",
      payload: pickScore(score),
    };
  },

  /** `attendance-marked` to the student; `date` as YYYY-MM-DD. */
  attendanceMarked(studentId: string, attendance: AttendanceInput): RealtimeMessage {
    return {
      channels: [channels.user(studentId)],
      event: "attendance-marked",
      payload: {
        attendanceId: attendance.attendanceId,
        courseId: attendance.courseId,
        courseTitle: attendance.courseTitle,
        date: isoDate(attendance.date),
        status: attendance.status,
      },
    };
  },

  /** `new-announcement` to `public-announcements`. */
  newAnnouncement(announcement: AnnouncementInput): RealtimeMessage {
    return {
      channels: [channels.publicAnnouncements()],
      event: "new-announcement",
      payload: {
        id: announcement.id,
        title: announcement.title,
        message: announcement.message,
        timestamp: iso(announcement.timestamp),
      },
    };
  },
} as const;

// Copy only the contract's fields, so a Prisma row passed as-is does not leak extra columns.
function pickPayment(p: PaymentInput): EventData<"payment-received"> {
  return {
    paymentId: p.paymentId,
    courseId: p.courseId,
    courseTitle: p.courseTitle,
    amountCents: p.amountCents,
    status: p.status,
  };
}
function pickScore(s: ScoreInput): EventData<"new-score"> {
  return {
    scoreId: s.scoreId,
    courseId: s.courseId,
    courseTitle: s.courseTitle,
    score: s.score,
    maxScore: s.maxScore,
  };
}
