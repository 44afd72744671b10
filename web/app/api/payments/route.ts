// GET /api/payments – own payments (admins: all, ?status=PENDING) · POST – a student submits a payment
import { json, readJson, readQuery, requireUser, route } from "@/server/http";
import { listPayments, submitPayment } from "@/server/services/payments";
import { paymentBody, paymentsQuery } from "@/lib/validation";

export const GET = route(async (request) => {
  const user = await requireUser();
  const { status } = readQuery(request, paymentsQuery);
  return json(await listPayments(user, status));
});

export const POST = route(async (request) => {
  const student = await requireUser("STUDENT");
  const input = await readJson(request, paymentBody);
  return json(await submitPayment(student, input), 201);
});
