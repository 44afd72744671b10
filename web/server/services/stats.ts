import "server-only";
import type { Tx } from "@/server/db";
import type { EventSink } from "@/server/outbox";
import { realtimeMessages } from "@/lib/realtime";

/** Live numbers of one course, sent as `stats-update` on `private-course-{id}`. */
export async function courseStats(tx: Tx, courseId: string) {
  const activeEnrollments = await tx.enrollment.count({ where: { courseId, status: "ACTIVE" } });
  return { activeEnrollments };
}

/** Queues the admin dashboard's platform numbers as `stats-update` (same transaction). */
export async function queueAdminStats(tx: Tx, events: EventSink) {
  const [students, courses, activeEnrollments, pendingPayments, revenue] = await Promise.all([
    tx.user.count({ where: { role: "STUDENT" } }),
    tx.course.count({ where: { archivedAt: null } }),
    tx.enrollment.count({ where: { status: "ACTIVE" } }),
    tx.payment.count({ where: { status: "PENDING" } }),
    tx.payment.aggregate({ where: { status: "COMPLETED" }, _sum: { amountCents: true } }),
  ]);
  events.add(
    realtimeMessages.statsUpdate(
      { role: "ADMIN", id: "admin" },
      {
        students,
        courses,
        activeEnrollments,
        pendingPayments,
        revenueCents: revenue._sum.amountCents ?? 0,
      },
    ),
  );
}
