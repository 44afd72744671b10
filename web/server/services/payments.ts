import "server-only";
import { getDb } from "@/server/db";
import type { Tx } from "@/server/db";
import { HttpError, httpErrors } from "@/server/errors";
import { pageArgs, toPage } from "@/server/services/paging";
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

/**
 * What a student still owes for a course: its price less what they paid (COMPLETED) and what
 * waits for review (PENDING), never below 0.
 */
export async function amountDueCents(
  db: Pick<Tx, "payment">,
  studentId: string,
  course: { id: string; priceCents: number },
): Promise<number> {
  const { _sum } = await db.payment.aggregate({
    where: { studentId, courseId: course.id, status: { in: ["PENDING", "COMPLETED"] } },
    _sum: { amountCents: true },
  });
  return Math.max(0, course.priceCents - (_sum.amountCents ?? 0));
}

/**
 * A student submits a payment for a course (POST /api/payments): PENDING until reviewed. Only
 * for a course they are enrolled in (422 `not_enrolled`) and never above what is due (422
 * `amount_exceeds_due`).
 */
export async function submitPayment(
  student: SessionUser,
  input: { courseId: string; amountCents: number },
) {
  return transactionWithEvents(async (tx, events) => {
    const course = await tx.course.findUnique({ where: { id: input.courseId } });
    if (!course) throw httpErrors.notFound("Course");
    // Locks the enrollment: two payments of one student for one course are checked against
    // what is due one after the other, so together they cannot exceed it either.
    const [enrollment] = await tx.$queryRaw<{ status: string }[]>`
      SELECT status::text FROM "Enrollment"
      WHERE "studentId" = ${student.id} AND "courseId" = ${course.id} FOR UPDATE`;
    if (enrollment?.status !== "ACTIVE")
      throw new HttpError(
        422,
        "not_enrolled",
        `courseId: you are not enrolled in ${course.title}, so there is nothing to pay for it`,
      );
    const due = await amountDueCents(tx, student.id, course);
    if (input.amountCents > due)
      throw new HttpError(
        422,
        "amount_exceeds_due",
        due === 0
          ? `amountCents: nothing is due for ${course.title}`
          : `amountCents: must be at most ${formatMoney(due)}, the amount due for ${course.title}`,
      );
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
    const textParams = { amountCents: payment.amountCents, courseTitle: payment.course.title };
    if (decision.approve) {
      events.add(realtimeMessages.paymentApproved(payment.studentId, eventData));
      await notify(tx, events, payment.studentId, {
        title: "Payment approved",
        message: `Your payment of ${amount} for ${payment.course.title} has been approved.`,
        key: "paymentApproved",
        params: textParams,
        type: "success",
        link: "/student#payments",
      });
    } else {
      await notify(tx, events, payment.studentId, {
        title: "Payment rejected",
        message: `Your payment of ${amount} for ${payment.course.title} was rejected${reason ? `: ${reason}` : "."}`,
        key: reason ? "paymentRejectedWithReason" : "paymentRejected",
        params: { ...textParams, reason },
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

/**
 * The caller's payments (students) or all payments (admins), newest first (`order: "asc"`:
 * oldest first), a page at a time.
 */
export async function listPayments(
  user: SessionUser,
  query: { status?: PaymentStatus; order?: "asc" | "desc"; cursor?: string; limit?: number },
) {
  const order = query.order ?? "desc";
  const limit = query.limit ?? 200;
  const rows = await getDb().payment.findMany({
    where: {
      ...(user.role === "ADMIN" ? {} : { studentId: user.id }),
      ...(query.status && { status: query.status }),
    },
    orderBy: [{ createdAt: order }, { id: order }],
    ...pageArgs({ cursor: query.cursor, limit }),
    include: {
      course: { select: { title: true } },
      student: { select: { name: true, email: true } },
    },
  });
  return toPage(rows, limit, (row) => ({
    ...toPaymentView(row),
    studentName: row.student.name,
    studentEmail: row.student.email,
  }));
}
