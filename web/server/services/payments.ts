import "server-only";
import { getDb } from "@/server/db";
import { httpErrors } from "@/server/errors";
import { transactionWithEvents } from "@/server/outbox";
import { notify } from "@/server/services/notifications";
import { queueAdminStats } from "@/server/services/stats";
import { realtimeMessages } from "@/lib/realtime";
import { formatMoney } from "@/lib/format";
import type { SessionUser } from "@/server/auth";
import type { PaymentStatus } from "@/lib/domain";

function toPaymentView(p: {
  id: string;
  studentId: string;
  courseId: string;
  amountCents: number;
  status: PaymentStatus;
  reason: string | null;
  reviewedAt: Date | null;
  createdAt: Date;
  course: { title: string };
}) {
  return {
    id: p.id,
    studentId: p.studentId,
    courseId: p.courseId,
    courseTitle: p.course.title,
    amountCents: p.amountCents,
    status: p.status,
    reason: p.reason,
    reviewedAt: p.reviewedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}

/** A student submits a payment for a course (POST /api/payments): PENDING until reviewed. */
export async function submitPayment(
  student: SessionUser,
  input: { courseId: string; amountCents: number },
) {
  return transactionWithEvents(async (tx, events) => {
    const course = await tx.course.findUnique({ where: { id: input.courseId } });
    if (!course) throw httpErrors.notFound("Course");
    const payment = await tx.payment.create({
      data: { studentId: student.id, courseId: course.id, amountCents: input.amountCents },
      include: { course: { select: { title: true } } },
    });
    events.add(
      realtimeMessages.paymentReceived(student.id, {
        paymentId: payment.id,
        courseId: course.id,
        courseTitle: course.title,
        amountCents: payment.amountCents,
        status: "PENDING",
      }),
      realtimeMessages.dashboardUpdate({ role: "STUDENT", id: student.id }, "payments"),
    );
    await queueAdminStats(tx, events);
    return toPaymentView(payment);
  });
}

/**
 * An admin approves or rejects a PENDING payment. The status change is a conditional update,
 * so two admins racing cannot both review it: the second gets 409.
 */
export async function reviewPayment(
  admin: SessionUser,
  paymentId: string,
  decision: { approve: true } | { approve: false; reason?: string },
) {
  return transactionWithEvents(async (tx, events) => {
    const status = decision.approve ? "COMPLETED" : "REJECTED";
    const reason = decision.approve ? null : (decision.reason ?? null);
    const { count } = await tx.payment.updateMany({
      where: { id: paymentId, status: "PENDING" },
      data: { status, reason, reviewedById: admin.id, reviewedAt: new Date() },
    });
    const payment = await tx.payment.findUnique({
      where: { id: paymentId },
      include: { course: { select: { title: true } } },
    });
    if (!payment) throw httpErrors.notFound("Payment");
    if (count === 0) throw httpErrors.conflict(`Payment is already ${payment.status}, not PENDING`);

    const amount = formatMoney(payment.amountCents);
    const eventData = {
      paymentId: payment.id,
      courseId: payment.courseId,
      courseTitle: payment.course.title,
      amountCents: payment.amountCents,
      status,
    } as const;
    if (decision.approve) {
      events.add(realtimeMessages.paymentApproved(payment.studentId, eventData));
      await notify(tx, events, payment.studentId, {
        title: "Payment approved",
        message: `Your payment of ${amount} for ${payment.course.title} has been approved.`,
        type: "success",
        link: "/student#payments",
      });
    } else {
      await notify(tx, events, payment.studentId, {
        title: "Payment rejected",
        message: `Your payment of ${amount} for ${payment.course.title} was rejected${reason ? `: ${reason}` : "."}`,
        type: "error",
        link: "/student#payments",
      });
    }
    events.add(
      realtimeMessages.dashboardUpdate({ role: "STUDENT", id: payment.studentId }, "payments"),
      realtimeMessages.dashboardUpdate({ role: "ADMIN", id: admin.id }, "payments"),
    );
    await queueAdminStats(tx, events);
    return toPaymentView(payment);
  });
}

/** The caller's payments (students) or all payments (admins), newest first. */
export async function listPayments(user: SessionUser, status?: PaymentStatus) {
  const rows = await getDb().payment.findMany({
    where: { ...(user.role === "ADMIN" ? {} : { studentId: user.id }), ...(status && { status }) },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: { course: { select: { title: true } } },
  });
  return rows.map(toPaymentView);
}
