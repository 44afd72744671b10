// GET /api/payments – own payments (admins: all, ?status=PENDING), paged · POST – a student submits a payment
import { json, readJson, readQuery, requireUser, route } from "@/server/http";
import { listPayments, submitPayment } from "@/server/services/payments";
import { NEXT_CURSOR_HEADER } from "@/server/services/paging";
import { paymentBody, paymentsQuery } from "@/lib/validation";

export const GET = route(async (request) => {
  const user = await requireUser();
  const page = await listPayments(user, readQuery(request, paymentsQuery));
  // The body stays the bare array it always was; the next page's cursor travels in a header.
  const response = json(page.items);
  if (page.nextCursor) response.headers.set(NEXT_CURSOR_HEADER, page.nextCursor);
  return response;
});

export const POST = route(async (request) => {
  const student = await requireUser("STUDENT");
  const input = await readJson(request, paymentBody);
  return json(await submitPayment(student, input), 201);
});
