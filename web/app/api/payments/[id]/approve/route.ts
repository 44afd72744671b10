// POST /api/payments/[id]/approve – admin approves a pending payment
import { json, parseId, requireUser, route } from "@/server/http";
import { reviewPayment } from "@/server/services/payments";

export const POST = route<{ params: Promise<{ id: string }> }>(async (_request, { params }) => {
  const admin = await requireUser("ADMIN");
  const id = parseId((await params).id, "Payment");
  return json(await reviewPayment(admin, id, { approve: true }));
});
