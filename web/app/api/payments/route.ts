// GET /api/payments – own payments (admins: all, ?status=PENDING) · POST – a student submits a payment
import { httpErrors, json, readJson, requireUser, route } from "@/server/http";
import { listPayments, submitPayment } from "@/server/services/payments";
import { paymentBody } from "@/lib/validation";
import { PAYMENT_STATUSES, type PaymentStatus } from "@/lib/domain";

export const GET = route(async (request) => {
  const user = await requireUser();
  const status = new URL(request.url).searchParams.get("status");
  if (status !== null && !PAYMENT_STATUSES.includes(status as PaymentStatus)) {
    throw httpErrors.badRequest(`status: must be ${PAYMENT_STATUSES.join(", ")}`);
  }
  return json(await listPayments(user, (status ?? undefined) as PaymentStatus | undefined));
});

export const POST = route(async (request) => {
  const student = await requireUser("STUDENT");
  const input = await readJson(request, paymentBody);
  return json(await submitPayment(student, input), 201);
});
