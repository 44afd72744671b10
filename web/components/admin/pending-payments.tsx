"use client";
import { useState } from "react";
import type { AdminDashboard } from "@/server/services/dashboard";
import { api } from "@/lib/api-client";
import { formatDateTime, formatMoney } from "@/lib/format";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Form } from "@/components/ui/form";
import { Card, Empty, Table } from "@/components/ui/card";

type Pending = AdminDashboard["pendingPayments"][number];

function Review({ payment, onDone }: { payment: Pending; onDone: () => void }) {
  const approve = useAction(api.approvePayment, {
    success: `Approved ${formatMoney(payment.amountCents)} from ${payment.studentName}`,
    onSuccess: onDone,
  });
  const reject = useAction(api.rejectPayment, {
    success: `Rejected ${payment.studentName}'s payment`,
    onSuccess: onDone,
  });
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const busy = approve.pending || reject.pending;
  if (rejecting) {
    return (
      <Form
        className="flex items-center gap-2"
        onSubmit={() => reject.run(payment.id, reason.trim() || undefined)}
      >
        <Field
          label="Reason for rejecting"
          hideLabel
          className="w-48"
          placeholder="Reason (optional)"
          maxLength={500}
          value={reason}
          onValueChange={setReason}
          autoFocus
        />
        <Button type="submit" variant="danger" disabled={busy}>
          Reject
        </Button>
        <Button variant="secondary" onClick={() => setRejecting(false)} disabled={busy}>
          Cancel
        </Button>
      </Form>
    );
  }
  return (
    <div className="flex gap-2">
      <Button
        variant="success"
        disabled={busy}
        data-testid={`approve-${payment.id}`}
        onClick={() => void approve.run(payment.id)}
      >
        Approve
      </Button>
      <Button
        variant="secondary"
        disabled={busy}
        data-testid={`reject-${payment.id}`}
        onClick={() => setRejecting(true)}
      >
        Reject…
      </Button>
    </div>
  );
}

export function PendingPayments({
  payments,
  total,
  onChange,
}: {
  payments: Pending[];
  total: number;
  onChange: () => void;
}) {
  const title =
    total > payments.length
      ? `Pending payments (oldest ${payments.length} of ${total})`
      : `Pending payments (${total})`;
  return (
    <Card title={title} testId="pending-payments">
      {payments.length === 0 ? (
        <Empty>Nothing waiting for review.</Empty>
      ) : (
        <Table head={["Submitted", "Student", "Course", "Amount", ""]}>
          {payments.map((p) => (
            <tr key={p.id} data-testid={`pending-payment-${p.id}`}>
              <td className="py-2 pr-4 whitespace-nowrap">{formatDateTime(p.createdAt)}</td>
              <td className="py-2 pr-4">
                {p.studentName}
                <div className="text-xs text-slate-600">{p.studentEmail}</div>
              </td>
              <td className="py-2 pr-4">{p.courseTitle}</td>
              <td className="py-2 pr-4 font-medium">{formatMoney(p.amountCents)}</td>
              <td className="py-2 pr-4">
                <Review payment={p} onDone={onChange} />
              </td>
            </tr>
          ))}
        </Table>
      )}
    </Card>
  );
}
