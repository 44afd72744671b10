"use client";
import { useTranslations } from "next-intl";
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
  const t = useTranslations("courses.enroll");
  const { run, pending } = useAction(api.enroll, {
    success: t("success", { course: course.title }),
    onSuccess: onDone,
  });
  return (
    <Button disabled={pending} data-testid={testId} onClick={() => void run(course.id)}>
      {pending ? t("pending") : t("enroll")}
    </Button>
  );
}
