// The demo data as named records: who exists, what they teach and take, and what happened so
// far. Times are relative to the seed's base time (see steps.ts). Also the one definition of
// the demo password: here rather than in web/ because the compose migrate image, which seeds,
// holds prisma/ and scripts/ but not web/lib. Pure data (type imports only), so the launchers
// (scripts/dev.ts, scripts/start.ts) read it without loading Prisma or bcrypt.
import type {
  AttendanceStatus,
  NotificationType,
  PaymentStatus,
  Role,
} from "../../web/server/generated/prisma/enums.ts";

/** Every demo account's password unless DEMO_PASSWORD says otherwise (public: never on a server). */
export const DEMO_PASSWORD_DEFAULT = "livecampus";

/** The demo accounts' password: DEMO_PASSWORD when set and not blank, else the default. */
export function demoPassword(env: Record<string, string | undefined> = process.env): string {
  return env.DEMO_PASSWORD?.trim() || DEMO_PASSWORD_DEFAULT;
}

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@livecampus.test", name: "Ada Admin", role: "ADMIN" },
  teacher: { email: "teacher@livecampus.test", name: "Theo Teacher", role: "TEACHER" },
  teacher2: { email: "teacher2@livecampus.test", name: "Tara Teacher", role: "TEACHER" },
  student: { email: "student@livecampus.test", name: "Sam Student", role: "STUDENT" },
  student2: { email: "student2@livecampus.test", name: "Sasha Student", role: "STUDENT" },
} as const satisfies Record<string, { email: string; name: string; role: Role }>;

export type AccountKey = keyof typeof DEMO_ACCOUNTS;
type StudentKey = "student" | "student2";

/** Course titles; `algebra` is teacher@'s first course and `physics` the second. */
export const DEMO_COURSES = {
  algebra: {
    title: "Algebra I",
    description: "Equations, functions and graphs.",
    teacher: "teacher",
    priceCents: 45_000,
    offsetMinutes: 0,
  },
  physics: {
    title: "Physics",
    description: "Mechanics, energy and waves.",
    teacher: "teacher",
    priceCents: 39_900,
    offsetMinutes: 1,
  },
  history: {
    title: "World History",
    description: "From the first cities to the modern world.",
    teacher: "teacher2",
    priceCents: 29_900,
    offsetMinutes: 2,
  },
} as const satisfies Record<
  string,
  {
    title: string;
    description: string;
    teacher: AccountKey;
    /** The course's price in cents (what an enrolled student owes). */
    priceCents: number;
    offsetMinutes: number;
  }
>;

export type CourseKey = keyof typeof DEMO_COURSES;

/** student@ is in the teacher's first course and NOT in the second. */
export const DEMO_ENROLLMENTS: ReadonlyArray<{ student: StudentKey; course: CourseKey }> = [
  { student: "student", course: "algebra" },
  { student: "student", course: "history" },
  { student: "student2", course: "algebra" },
  { student: "student2", course: "physics" },
];

export const DEMO_SCORES: ReadonlyArray<{
  student: StudentKey;
  course: CourseKey;
  title: string;
  score: number;
  maxScore: number;
  daysAgo: number;
}> = [
  { student: "student", course: "algebra", title: "Quiz 1", score: 8, maxScore: 10, daysAgo: 10 },
  {
    student: "student",
    course: "algebra",
    title: "Homework 1",
    score: 17,
    maxScore: 20,
    daysAgo: 5,
  },
  { student: "student", course: "history", title: "Essay 1", score: 42, maxScore: 50, daysAgo: 3 },
  { student: "student2", course: "algebra", title: "Quiz 1", score: 9, maxScore: 10, daysAgo: 10 },
  {
    student: "student2",
    course: "physics",
    title: "Lab report 1",
    score: 18,
    maxScore: 20,
    daysAgo: 4,
  },
];

/** Five class days of one course; the first status is yesterday's, the last five days ago. */
export const DEMO_ATTENDANCE: {
  course: CourseKey;
  statuses: Record<StudentKey, readonly AttendanceStatus[]>;
} = {
  course: "algebra",
  statuses: {
    student: ["present", "present", "late", "present", "absent"],
    student2: ["present", "excused", "present", "present", "present"],
  },
};

/** `reviewed`: approved by admin@ an hour after it was paid. */
export const DEMO_PAYMENTS: ReadonlyArray<{
  student: StudentKey;
  course: CourseKey;
  amountCents: number;
  status: PaymentStatus;
  reviewed: boolean;
  daysAgo: number;
}> = [
  {
    student: "student",
    course: "algebra",
    amountCents: 12_000,
    status: "COMPLETED",
    reviewed: true,
    daysAgo: 12,
  },
  {
    student: "student2",
    course: "physics",
    amountCents: 9_900,
    status: "PENDING",
    reviewed: false,
    daysAgo: 1,
  },
];

const WELCOME =
  "Your dashboard updates live: scores, attendance and payments appear as they happen.";
const DAY_MINUTES = 60 * 24;

/** `read`: read half an hour after it arrived. */
export const DEMO_NOTIFICATIONS: ReadonlyArray<{
  user: AccountKey;
  title: string;
  message: string;
  type: NotificationType;
  minutesAgo: number;
  read: boolean;
}> = [
  {
    user: "student",
    title: "Welcome to LiveCampus",
    message: WELCOME,
    type: "info",
    minutesAgo: DAY_MINUTES * 14,
    read: true,
  },
  {
    user: "student",
    title: "Payment approved",
    message: "Your payment of $120.00 for Algebra I was approved.",
    type: "success",
    minutesAgo: DAY_MINUTES * 12 - 60,
    read: true,
  },
  {
    user: "student",
    title: "New score in Algebra I",
    message: "Homework 1: 17 / 20",
    type: "info",
    minutesAgo: DAY_MINUTES * 5,
    read: false,
  },
  {
    user: "student2",
    title: "Welcome to LiveCampus",
    message: WELCOME,
    type: "info",
    minutesAgo: DAY_MINUTES * 14,
    read: false,
  },
  {
    user: "student2",
    title: "Payment received",
    message: "Your payment of $99.00 for Physics is waiting for approval.",
    type: "warning",
    minutesAgo: DAY_MINUTES,
    read: false,
  },
  {
    user: "teacher",
    title: "New enrollment",
    message: "Sasha Student enrolled in Physics.",
    type: "info",
    minutesAgo: DAY_MINUTES * 14,
    read: false,
  },
  {
    user: "admin",
    title: "Payment to review",
    message: "Sasha Student paid $99.00 for Physics.",
    type: "warning",
    minutesAgo: DAY_MINUTES,
    read: false,
  },
];

/** Posted by admin@ an hour before the seed ran: within the banner's last 7 days on a fresh install. */
export const DEMO_ANNOUNCEMENT = {
  title: "Welcome to the new term",
  message: "Classes start on Monday. Check your courses for the schedule.",
  minutesAgo: 60,
};
