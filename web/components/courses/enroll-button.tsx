"use client";
import { api } from "@/lib/api-client";
import { useAction } from "@/hooks/use-action";
import { Button } from "@/components/ui/button";

/** A student enrolls in `course`; `onDone` after the server has it. */
export function EnrollButton({
  course,
  testId,
  onDone,
}: {
  course: { id: string; title: string };
  testId: string;
  onDone: () => void;
}) {
  const { run, pending } = useAction(api.enroll, {
    success: `Enrolled in ${course.title}`,
    onSuccess: onDone,
  });
  return (
    <Button disabled={pending} data-testid={testId} onClick={() => void run(course.id)}>
      {pending ? "Enrolling…" : "Enroll"}
    </Button>
  );
}
