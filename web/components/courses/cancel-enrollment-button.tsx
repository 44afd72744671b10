"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Cancels one enrollment (DELETE /api/enrollments/{id}) after a confirmation. */
export function CancelEnrollmentButton({
  enrollmentId,
  who,
  course,
  self = false,
  onDone,
}: {
  enrollmentId: string;
  /** The student's name (or "your" wording with `self`). */
  who: string;
  course: string;
  self?: boolean;
  onDone: () => void;
}) {
  const t = useTranslations("courses.cancelEnrollment");
  const [confirming, setConfirming] = useState(false);
  const cancel = useAction(api.cancelEnrollment, {
    success: self ? t("selfSuccess", { course }) : t("otherSuccess", { who }),
    onSuccess: () => {
      setConfirming(false);
      onDone();
    },
  });
  return (
    <>
      <Button
        variant={self ? "secondary" : "danger"}
        className={self ? "" : "px-2 py-0.5 text-xs"}
        onClick={() => setConfirming(true)}
        aria-label={self ? t("selfLabel", { course }) : t("otherLabel", { who })}
        data-testid={`cancel-enrollment-${enrollmentId}`}
      >
        {self ? t("selfButton") : t("otherButton")}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={self ? t("selfTitle", { course }) : t("otherTitle", { who })}
        confirmLabel={t("confirm")}
        pending={cancel.pending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void cancel.run(enrollmentId)}
      >
        {self ? t("selfBody") : t("otherBody", { who, course })}
      </ConfirmDialog>
    </>
  );
}
