"use client";
import { useState } from "react";
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
  const [confirming, setConfirming] = useState(false);
  const cancel = useAction(api.cancelEnrollment, {
    success: self ? `You left ${course}` : `Cancelled ${who}'s enrollment`,
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
        aria-label={self ? `Cancel my enrollment in ${course}` : `Cancel ${who}'s enrollment`}
        data-testid={`cancel-enrollment-${enrollmentId}`}
      >
        {self ? "Cancel my enrollment" : "Cancel"}
      </Button>
      <ConfirmDialog
        open={confirming}
        title={self ? `Leave ${course}?` : `Cancel ${who}'s enrollment?`}
        confirmLabel="Cancel enrollment"
        pending={cancel.pending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void cancel.run(enrollmentId)}
      >
        {self
          ? "You lose access to the course's live page at once. Your scores and attendance are kept; you can enroll again later."
          : `${who} loses access to ${course} at once. Their scores and attendance are kept.`}
      </ConfirmDialog>
    </>
  );
}
