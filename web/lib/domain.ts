// Domain facts shared by the browser and the server: roles, statuses, notification types, the id
// format and the user shape. The values come from prisma/schema.prisma through Prisma's generated
// enums module (plain constants, safe in a browser bundle), so adding a status means editing the
// schema and nothing else. Relative imports only: scripts load this through tsx without `@/`.
import {
  AttendanceStatus as AttendanceStatusEnum,
  EnrollmentStatus as EnrollmentStatusEnum,
  NotificationType as NotificationTypeEnum,
  PaymentStatus as PaymentStatusEnum,
  Role as RoleEnum,
} from "../server/generated/prisma/enums";

/** The values of a Prisma enum as a non-empty tuple (what `z.enum` and `<select>`s take). */
function valuesOf<T extends Record<string, string>>(enumObject: T) {
  return Object.values(enumObject) as [T[keyof T], ...T[keyof T][]];
}

export type Role = RoleEnum;
export const ROLES = valuesOf(RoleEnum);

export const ENROLLMENT_STATUSES = valuesOf(EnrollmentStatusEnum);

export type PaymentStatus = PaymentStatusEnum;
export const PAYMENT_STATUSES = valuesOf(PaymentStatusEnum);

export type AttendanceStatus = AttendanceStatusEnum;
export const ATTENDANCE_STATUSES = valuesOf(AttendanceStatusEnum);

export const NOTIFICATION_TYPES = valuesOf(NotificationTypeEnum);

/** Database ids are cuids: `c` + 24 lowercase alphanumerics (docs/architecture.md, "Ids"). */
export const CUID_RE = /^c[a-z0-9]{24}$/;

export function isCuid(value: unknown): value is string {
  return typeof value === "string" && CUID_RE.test(value);
}

/** Who someone is, as every layer passes it around: session, channel auth, presence, UI. */
export type UserIdentity = { id: string; name: string; role: Role };

/** Where each role lands after sign-in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  STUDENT: "/student",
  TEACHER: "/teacher",
  ADMIN: "/admin",
};
