// POST /api/payments/[id]/reject – admin rejects a pending payment, with an optional reason
import { json, parseId, readJson, requireUser, route } from "@/server/http";
import { reviewPayment } from "@/server/services/payments";
import { rejectBody } from "@/lib/validation";

export const POST = route<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const admin = await requireUser("ADMIN");
  const id = parseId((await params).id, "Payment");
  const { reason } = await readJson(request, rejectBody);
  return json(await reviewPayment(admin, id, { approve: false, reason: reason || undefined }));
});
