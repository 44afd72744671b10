"use client";
import { useState } from "react";
import { flushSync } from "react-dom";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { api } from "@/lib/api-client";
import { formatMoney } from "@/lib/format";
import { rejectFormSchema } from "@/lib/form-validation";
import { useErrorText } from "@/lib/validation-messages";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { FormMessage, TextField } from "@/components/ui/form-field";

/** What the review buttons need to know of a pending payment. */
export type ReviewedPayment = {
  id: string;
  studentName: string;
  courseTitle: string;
  amountCents: number;
};

/**
 * Approve and Reject for one pending payment. Neither acts on one click: each opens a
 * confirmation that names the student, the course and the amount (Reject there takes the
 * optional reason); Escape or "Keep as is" leaves the payment pending.
 */
export function PaymentReview({
  payment,
  onDone,
}: {
  payment: ReviewedPayment;
  onDone: (decision: "approved" | "rejected") => void;
}) {
  const [asking, setAsking] = useState<"approve" | "reject" | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const errorText = useErrorText();
  const form = useForm<{ reason: string }, unknown, { reason?: string }>({
    resolver: zodResolver(rejectFormSchema),
    defaultValues: { reason: "" },
  });
  const amount = formatMoney(payment.amountCents);
  const what = `${amount} from ${payment.studentName} for ${payment.courseTitle}`;
  const close = () => {
    setAsking(null);
    setProblem(undefined);
    form.reset();
  };

  const decide = async (decision: "approve" | "reject", reason?: string) => {
    setPending(true);
    try {
      if (decision === "approve") await api.approvePayment(payment.id);
      else await api.rejectPayment(payment.id, reason);
    } catch (error) {
      setProblem(errorText(error));
      return;
    } finally {
      setPending(false);
    }
    toast.success(decision === "approve" ? `Approved ${what}` : `Rejected ${what}`);
    // The modal must be gone before onDone moves focus: the page behind it is inert while open.
    flushSync(close);
    onDone(decision === "approve" ? "approved" : "rejected");
  };
  const reject = form.handleSubmit((body) => decide("reject", body.reason));

  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="success"
        data-testid={`approve-${payment.id}`}
        data-approve
        aria-label={`Approve ${what}`}
        onClick={() => setAsking("approve")}
      >
        Approve
      </Button>
      <Button
        variant="secondary"
        data-testid={`reject-${payment.id}`}
        aria-label={`Reject ${what}`}
        onClick={() => setAsking("reject")}
      >
        Reject…
      </Button>
      {asking === "approve" && (
        <ConfirmDialog
          open
          title="Approve this payment?"
          confirmLabel="Approve payment"
          variant="primary"
          pending={pending}
          onConfirm={() => void decide("approve")}
          onCancel={close}
        >
          <p>{what}. The student is told at once; an approved payment cannot be undone here.</p>
          <FormMessage error={problem} />
        </ConfirmDialog>
      )}
      {asking === "reject" && (
        <ConfirmDialog
          open
          title="Reject this payment?"
          confirmLabel="Reject payment"
          pending={pending}
          onConfirm={() => void reject()}
          onCancel={close}
        >
          <p className="mb-3">{what}. The student is told, with your reason if you give one.</p>
          <TextField
            label="Reason (optional)"
            multiline
            maxLength={500}
            {...form.register("reason")}
            error={form.formState.errors.reason?.message}
            testId="reject-reason"
          />
          <FormMessage error={problem} />
        </ConfirmDialog>
      )}
    </div>
  );
}
