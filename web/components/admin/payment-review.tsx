"use client";
import { useState } from "react";
import { flushSync } from "react-dom";
import { useTranslations } from "next-intl";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { toast } from "sonner";
import { api } from "@/lib/api-client";
import { useFormat } from "@/hooks/use-format";
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
  const t = useTranslations("admin.paymentReview");
  const f = useFormat();
  const [asking, setAsking] = useState<"approve" | "reject" | null>(null);
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<string>();
  const errorText = useErrorText();
  const form = useForm<{ reason: string }, unknown, { reason?: string }>({
    resolver: zodResolver(rejectFormSchema),
    defaultValues: { reason: "" },
  });
  const what = t("what", {
    amount: f.money(payment.amountCents),
    student: payment.studentName,
    course: payment.courseTitle,
  });
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
    toast.success(decision === "approve" ? t("approved", { what }) : t("rejected", { what }));
    // The modal must be gone before onDone moves focus: the page behind it is inert while open.
    flushSync(close);
    onDone(decision === "approve" ? "approved" : "rejected");
  };
  const reasonField = form.register("reason");
  const reject = form.handleSubmit((body) => decide("reject", body.reason));

  return (
    <div className="flex flex-wrap gap-2">
      <Button
        variant="success"
        data-testid={`approve-${payment.id}`}
        data-approve
        aria-label={t("approveLabel", { what })}
        onClick={() => setAsking("approve")}
      >
        {t("approve")}
      </Button>
      <Button
        variant="secondary"
        data-testid={`reject-${payment.id}`}
        aria-label={t("rejectLabel", { what })}
        onClick={() => setAsking("reject")}
      >
        {t("reject")}
      </Button>
      {asking === "approve" && (
        <ConfirmDialog
          open
          title={t("approveTitle")}
          confirmLabel={t("approveConfirm")}
          variant="primary"
          pending={pending}
          onConfirm={() => void decide("approve")}
          onCancel={close}
        >
          <p>{t("approveBody", { what })}</p>
          <FormMessage error={problem} />
        </ConfirmDialog>
      )}
      {asking === "reject" && (
        <ConfirmDialog
          open
          title={t("rejectTitle")}
          confirmLabel={t("rejectConfirm")}
          pending={pending}
          onConfirm={() => void reject()}
          onCancel={close}
        >
          <p className="mb-3">{t("rejectBody", { what })}</p>
          <TextField
            label={t("reason")}
            multiline
            maxLength={500}
            {...reasonField}
            error={form.formState.errors.reason?.message}
            testId="reject-reason"
          />
          <FormMessage error={problem} />
        </ConfirmDialog>
      )}
    </div>
  );
}
